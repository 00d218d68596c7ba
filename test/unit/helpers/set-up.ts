import type { Core } from '../../../electron/core/core';
import { saveSetup } from '../../../electron/core/settings/first-run';

/** The names a set-up data folder has (first-run screen or `hoan setup`): every write records the user. */
export const TEST_USER = 'テスト担当';
export const TEST_INSTALLATION = 'テスト設置';

/** What the first-run screen does, for tests of everything after it. */
export function setUpNames(core: Core): void {
  saveSetup(core.db, { userName: TEST_USER, installationName: TEST_INSTALLATION }, core.now());
}
