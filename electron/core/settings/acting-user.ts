import type { Core } from '../core';
import { HoanError } from '../errors';
import { getSettings } from './settings-repository';

type UserSource = Pick<Core, 'db' | 'userName'>;

/**
 * Who is making a change, as recorded with it (判定者, 変更者, 署名者 in the
 * audit log, decisions, media entries, bundles): the process's own name where
 * it has one (the CLI's --user or HOAN_USER), else the name saved in this
 * data folder (first-run screen, settings, `hoan setup`). May be empty on a
 * folder nobody has set up; only for paths that must not refuse (an export a
 * crash interrupted, settled while opening).
 */
export function userNameOf(core: UserSource): string {
  return core.userName ?? getSettings(core.db).userName;
}

/** The same name, refused when there is none: every write that records who made it asks here first. */
export function actingUser(core: UserSource): string {
  const name = userNameOf(core);
  // Blanks alone are no name (a value from an older database; the schemas trim what they accept).
  if (name.trim() === '') throw new HoanError('validation', 'errors.noUserName');
  return name;
}
