import type Database from 'better-sqlite3';
import { getInstallation, renameInstallation } from '../bundle/installation';
import { writeTransaction } from '../db/transactions';
import { getSettings, updateSettings } from './settings-repository';
import type { SetupInput, SetupState } from './settings-schema';

/**
 * A data folder is set up once it knows who records changes and what the
 * installation is called. Both are asked on first run, by the app (web host
 * and Electron alike) and by `hoan setup`; a folder from before this screen
 * may hold a host name as the installation's name, which the form shows for
 * the user to keep or change.
 */
export function setupState(db: Database.Database): SetupState {
  const userName = getSettings(db).userName;
  const installationName = getInstallation(db).name;
  return { userName, installationName, complete: userName.trim() !== '' && installationName.trim() !== '' };
}

/** Both names in one transaction: a folder is never half set up. */
export function saveSetup(db: Database.Database, input: SetupInput, now: Date): SetupState {
  writeTransaction(db, () => {
    updateSettings(db, { userName: input.userName }, now);
    renameInstallation(db, input.installationName, now);
  });
  return setupState(db);
}
