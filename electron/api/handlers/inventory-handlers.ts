import fs from 'node:fs';
import path from 'node:path';
import { recordCheck } from '../../core/inventory/device-checks';
import { deviceDetail } from '../../core/inventory/device-history';
import { listDevices, listLocations } from '../../core/inventory/device-repository';
import { undoLastImport } from '../../core/inventory/import-commit';
import { cancelImportJob, commitImportJob, importJobStatus, startImportPreview } from '../../core/inventory/import-jobs';
import { exportFileName, writeInventoryXlsx } from '../../core/inventory/inventory-export';
import { listProfiles } from '../../core/inventory/mapping-profiles';
import { actingUser } from '../../core/settings/acting-user';
import { getSettings } from '../../core/settings/settings-repository';
import { getSite } from '../../core/sites/site-repository';
import type { Handlers } from './handler-types';

export const inventoryHandlers: Handlers<
  | 'inventory:list'
  | 'inventory:device'
  | 'inventory:locations'
  | 'inventory:profiles'
  | 'inventory:preview'
  | 'inventory:progress'
  | 'inventory:cancel'
  | 'inventory:commit'
  | 'inventory:undo'
  | 'inventory:check'
  | 'inventory:export'
> = {
  'inventory:list': (core, input) => listDevices(core.db, input),
  'inventory:device': (core, { siteId, deviceId }) => deviceDetail(core.db, siteId, deviceId),
  'inventory:locations': (core, { siteId }) => listLocations(core.db, siteId),
  'inventory:profiles': (core) => listProfiles(core.db),
  'inventory:preview': (core, input) => startImportPreview(core, input),
  'inventory:progress': (core, { jobId }) => importJobStatus(core, jobId),
  'inventory:cancel': (core, { jobId }) => cancelImportJob(core, jobId),
  'inventory:commit': (core, { jobId, profileName, allowEmpty }) =>
    commitImportJob(core, jobId, { ...(profileName !== undefined ? { profileName } : {}), allowEmpty: allowEmpty === true }),
  'inventory:undo': (core, { siteId }) => undoLastImport(core.db, siteId, actingUser(core), core.now()),
  'inventory:check': (core, input) => recordCheck(core.db, input, actingUser(core), core.now()),
  // The renderer cannot choose a path: the copy goes to the data folder's exports/, the bytes to the browser.
  'inventory:export': async (core, { siteId }) => {
    const settings = getSettings(core.db);
    const fileName = exportFileName(getSite(core.db, siteId).name, core.now(), settings.timeZone);
    const file = path.join(core.dataDir, 'exports', fileName);
    const bytes = await writeInventoryXlsx(core.db, siteId, file, settings.language);
    return { fileName, path: file, bytes, base64: fs.readFileSync(file).toString('base64') };
  },
};
