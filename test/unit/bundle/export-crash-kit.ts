import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { attachEvidence } from '../../../electron/core/checklist/item-repository';
import { verifyBundle } from '../../../electron/core/bundle/verify-bundle';
import { DB_FILE_NAME } from '../../../electron/core/data-dir';
import { installation, populatedSite, storeBytes } from './bundle-world';

/** What must hold after an export crashed (export-crash.test.ts, export-reconcile.test.ts). */

export { buildCrashChild, runChild, type ChildRun } from './crash-child-runner';

const NAME = /^hoan-(site|review)-\d{8}-(\d{4})-[0-9a-f]{8}\.zip(\.partial)?$/;

/**
 * What must hold on the media (every folder exported to) and in the history
 * after any crash and one export since: at most one file per sequence; each
 * .zip recorded in the history and verifying in full; every other file named
 * .partial; no two history rows with the same site and sequence.
 */
export async function checkMediumAgainstHistory(dataDir: string, folders: string[], verified: Set<string>): Promise<void> {
  const db = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true });
  try {
    const self = db.prepare('SELECT name, principal, fingerprint FROM installation').get() as { name: string; principal: string; fingerprint: string };
    const rows = db.prepare(`SELECT id, site_id, sequence, file_name FROM bundles WHERE direction = 'export'`).all() as { id: string; site_id: string; sequence: number; file_name: string }[];
    expect(db.prepare('SELECT site_id, sequence, count(*) AS n FROM bundles GROUP BY site_id, sequence HAVING n > 1').all()).toEqual([]);

    const where = new Map(folders.flatMap((dir) => fs.readdirSync(dir).map((f) => [f, dir] as const)));
    const files = [...where.keys()].sort();
    const bySequence = new Map<number, string[]>();
    for (const f of files) {
      const m = NAME.exec(f);
      expect(m, `unexpected file ${f}`).not.toBeNull();
      bySequence.set(Number(m![2]), [...(bySequence.get(Number(m![2])) ?? []), f]);
    }
    for (const [sequence, named] of bySequence) expect(named, `files with sequence ${sequence}`).toHaveLength(1);

    for (const f of files.filter((name) => name.endsWith('.zip'))) {
      const row = rows.find((r) => r.file_name === f);
      expect(row, `${f} is under its final name but not in the bundle history`).toBeDefined();
      expect(row!.sequence).toBe(Number(NAME.exec(f)![2]));
      if (verified.has(f)) continue;
      const { report } = await verifyBundle(path.join(where.get(f)!, f), {
        trust: (fp) => (fp === self.fingerprint ? { name: self.name, principal: self.principal } : undefined),
        db: null,
        now: new Date(),
      });
      expect(report.ok, `${f}: ${JSON.stringify(report.failures)}`).toBe(true);
      expect(report.bag).toMatchObject({ bundleId: row!.id, sequence: row!.sequence, siteId: row!.site_id });
      verified.add(f);
    }
    for (const r of rows) expect(files, `recorded ${r.file_name} is on a medium`).toContain(r.file_name);
  } finally {
    db.close();
  }
}

/** A site with enough evidence (48 MB) that writing and reading it back takes a while. */
export async function largeSite(dataDir: string): Promise<string> {
  const w = installation(dataDir, 'Site PC', '山田');
  const seeded = await populatedSite(w);
  for (let i = 0; i < 6; i++) {
    const sha = await storeBytes(w.core, randomBytes(8 * 1024 * 1024), `photo-${i}.jpg`);
    attachEvidence(w.core.db, seeded.roundId, '2-1', { sha256: sha, name: `photo-${i}.jpg` }, '山田', w.core.now());
  }
  w.core.close();
  return seeded.site.id;
}

/** Reservations still open, read without opening the core (which would settle them). */
export function pendingExports(dataDir: string): number {
  const db = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM bundle_exports WHERE state = 'pending'`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}
