import path from 'node:path';
import type Database from 'better-sqlite3';
import { DB_FILE_NAME } from './data-dir';
import { createIntegrityCheck, type IntegrityCheck } from './db/integrity-check';
import { busyError, isBusyError, openDatabase } from './db/open-database';
import { settleInterruptedExports } from './bundle/export-reconcile';
import { ensureInstallation } from './bundle/installation';
import type { KeyProtector } from './bundle/key-protector';
import { syncBuiltInCatalogues } from './checklist/catalogue-store';
import { sweepDefinitions } from './definitions/definitions-folders';
import { sweepIncoming } from './evidence/evidence-store';
import { fillMissingSortKeys } from './inventory/natural-sort-key';
import { sweepStaleUploads } from './inventory/upload-store';
import { locateResources } from './resources';

export interface CoreOptions {
  dataDir: string;
  nativeBinding?: string;
  /** Injected so tests can pin time; defaults to the wall clock. */
  now?: () => Date;
  /** Where reference data and catalogues live; found next to the code by default. */
  resourcesDir?: string;
  /** Encrypts the installation's private key at rest; given by the Electron host (safeStorage). */
  keyProtector?: KeyProtector;
  /** Who acts in this process, where not the name saved in settings: the CLI's --user or HOAN_USER. */
  userName?: string;
}

/** Everything a handler needs: the open database, the data folder and a clock. */
export interface Core {
  readonly dataDir: string;
  readonly dbPath: string;
  readonly db: Database.Database;
  /** The better-sqlite3 build the database was opened with, when not Node's own (Electron's): worker threads load the same. */
  readonly nativeBinding?: string;
  readonly resourcesDir: string;
  readonly keyProtector?: KeyProtector;
  /** Set by the CLI's --user or HOAN_USER; otherwise writes record the saved name (settings/acting-user.ts). */
  readonly userName?: string;
  /** The database's quick_check, started in the background by the hosts once they answer (db/integrity-check.ts). */
  readonly integrity: IntegrityCheck;
  now(): Date;
  close(): void;
}

export function openCore(options: CoreOptions): Core {
  const dataDir = path.resolve(options.dataDir);
  const dbPath = path.join(dataDir, DB_FILE_NAME);
  const db = openDatabase(dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const now = options.now ?? (() => new Date());
  const resourcesDir = options.resourcesDir ?? locateResources();
  try {
    syncBuiltInCatalogues(db, resourcesDir, now());
    ensureInstallation(db, dataDir, now(), options.keyProtector);
    fillMissingSortKeys(db);
  } catch (err) {
    db.close();
    // A first run that waited past busy_timeout for another process (the app and the CLI at once).
    throw isBusyError(err) ? busyError() : err;
  }
  sweepIncoming(dataDir);
  sweepStaleUploads(dataDir);
  sweepDefinitions(dataDir, db);
  const integrity = createIntegrityCheck(dbPath, { ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), now });
  const core: Core = {
    dataDir,
    dbPath,
    db,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    resourcesDir,
    ...(options.keyProtector ? { keyProtector: options.keyProtector } : {}),
    ...(options.userName !== undefined ? { userName: options.userName } : {}),
    integrity,
    now,
    close: () => {
      integrity.stop();
      db.close();
    },
  };
  // An export a crash interrupted: what needs no reading is settled now, the rest at the next export.
  settleInterruptedExports(core);
  return core;
}
