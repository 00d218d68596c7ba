import path from 'node:path';
import { backupDatabase, backupFileName } from '../../core/db/backup';
import { latestSchemaVersion } from '../../core/db/migrate';
import { regions } from '../../core/reference/regions';
import { saveSetup, setupState } from '../../core/settings/first-run';
import { getSettings, updateSettings } from '../../core/settings/settings-repository';
import { APP_VERSION } from '../../core/version';
import type { Handlers } from './handler-types';

export const appHandlers: Handlers<
  'app:info' | 'settings:get' | 'settings:update' | 'setup:get' | 'setup:save' | 'reference:regions' | 'db:backup' | 'db:integrity'
> = {
  'app:info': (core) => ({
    version: APP_VERSION,
    dataDir: core.dataDir,
    dbPath: core.dbPath,
    schemaVersion: latestSchemaVersion(),
  }),
  'settings:get': (core) => getSettings(core.db),
  'settings:update': (core, patch) => updateSettings(core.db, patch, core.now()),
  'setup:get': (core) => setupState(core.db),
  'setup:save': (core, input) => saveSetup(core.db, input, core.now()),
  'reference:regions': (core) => [...regions(core.resourcesDir)],
  // The renderer may only back up into the data folder; the CLI can choose any path.
  'db:backup': (core) => backupDatabase(core.db, path.join(core.dataDir, 'backups', backupFileName(core.now(), getSettings(core.db).timeZone))),
  'db:integrity': (core) => core.integrity.status(),
};
