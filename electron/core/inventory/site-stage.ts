import type Database from 'better-sqlite3';
import { writeTransaction } from '../db/transactions';
import { FIELD_COLUMNS } from './device-rows';
import { DEVICE_FIELDS } from './inventory-types';

/**
 * Large writes to a site's inventory (an import, its undo), prepared where
 * they hold no lock and applied in one short write transaction.
 *
 * Reading a site's devices, comparing them and serialising each change takes
 * seconds at 100,000 devices. Inside the write transaction it kept every other
 * Hoan process on the data folder waiting, past busy_timeout (8 s for a
 * re-import of 100,000 changed devices). Here it runs in a read transaction
 * and writes TEMP tables: they live in this connection's own temporary
 * database, so filling them takes no lock on the data folder's database, and
 * they vanish with the connection, so a write that fails or dies leaves
 * nothing behind. The write transaction checks that the site's devices are
 * still those that were staged against, then applies the staged rows with a
 * few set-based statements.
 */

/** A device's fields as stored, and its extra attributes. */
export const RECORD_COLUMNS = [...DEVICE_FIELDS.map((f) => FIELD_COLUMNS[f]), 'extra_json'];

/**
 * Rounds in which the staged plan may find the site changed by another
 * process before the plan is made inside the write lock instead: two imports
 * into one site at once settle in two; only a process changing the site's
 * devices without pause could make one wait for the lock this long.
 */
const STAGING_ROUNDS = 3;

const STAGE_TABLES = ['import_snapshot', 'import_creates', 'import_updates', 'import_absent', 'undo_restores', 'undo_removals'];

export interface Staged {
  /**
   * PRAGMA data_version as the devices were read. The same value inside the
   * write transaction means no other connection has written since.
   */
  dataVersion: number;
}

/** Counts the stages dropped on a connection: a stage filled over time checks that it is still its own. */
const stageEpochs = new WeakMap<Database.Database, number>();

export function stageEpoch(db: Database.Database): number {
  return stageEpochs.get(db) ?? 0;
}

export function dropStage(db: Database.Database): void {
  stageEpochs.set(db, stageEpoch(db) + 1);
  for (const table of STAGE_TABLES) db.exec(`DROP TABLE IF EXISTS temp.${table}`);
}

/**
 * Inside a read transaction: a fresh stage with a copy of the site's devices
 * as they are now (temp.import_snapshot) and the tables `ddl` creates.
 */
export function snapshotSite(db: Database.Database, siteId: string, ddl: string): Staged {
  dropStage(db);
  db.exec(`
    CREATE TEMP TABLE import_snapshot AS SELECT * FROM main.devices WHERE 0;
    CREATE UNIQUE INDEX temp.import_snapshot_by_id ON import_snapshot (id);
    ${ddl}
  `);
  db.prepare('INSERT INTO temp.import_snapshot SELECT * FROM main.devices WHERE site_id = ?').run(siteId);
  return { dataVersion: db.pragma('data_version', { simple: true }) as number };
}

const deviceColumns = new WeakMap<Database.Database, string[]>();

function columnsOf(db: Database.Database): string[] {
  let columns = deviceColumns.get(db);
  if (!columns) {
    columns = db.prepare("SELECT name FROM pragma_table_info('devices')").pluck().all() as string[];
    deviceColumns.set(db, columns);
  }
  return columns;
}

/**
 * Inside the write transaction: are the site's devices exactly those that were
 * staged against? Another process may have imported, undone or checked a
 * device in between; then the plan is stale and must be made again.
 */
export function stageStillCurrent(db: Database.Database, siteId: string, staged: Staged): boolean {
  if ((db.pragma('data_version', { simple: true }) as number) === staged.dataVersion) return true;
  const same = columnsOf(db)
    .map((c) => `s."${c}" IS d."${c}"`)
    .join(' AND ');
  const current = db
    .prepare(
      `SELECT (SELECT count(*) FROM main.devices WHERE site_id = @siteId) = (SELECT count(*) FROM temp.import_snapshot)
          AND NOT EXISTS (SELECT 1 FROM main.devices d WHERE d.site_id = @siteId
                            AND NOT EXISTS (SELECT 1 FROM temp.import_snapshot s WHERE s.id = d.id AND ${same}))`,
    )
    .pluck()
    .get({ siteId });
  return current === 1;
}

export interface StagedWrite<S extends Staged, R> {
  /** Runs in a read transaction (or, in the last round, inside the write lock). */
  stage(): S;
  /** Anything besides the site's devices the plan depends on, checked under the lock. */
  stillCurrent?(staged: S): boolean;
  apply(staged: S): R;
}

/** Stages, then applies under the lock if still current; stages again if not. All or nothing. */
export function writeStaged<S extends Staged, R>(db: Database.Database, siteId: string, write: StagedWrite<S, R>): R {
  try {
    for (let round = 1; ; round++) {
      const lastRound = round > STAGING_ROUNDS;
      const staged = lastRound ? null : write.stage();
      const done = writeTransaction(db, () => {
        let current =
          staged && stageStillCurrent(db, siteId, staged) && (write.stillCurrent?.(staged) ?? true) ? staged : null;
        // Another process keeps changing this site: plan under the lock, which it cannot take meanwhile.
        if (!current && lastRound) current = write.stage();
        return current ? { result: write.apply(current) } : null;
      });
      if (done) return done.result;
    }
  } finally {
    dropStage(db);
  }
}
