import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assessmentWorkbook } from '../checklist/assessment-xlsx';
import type { Core } from '../core';
import { writeInventoryXlsx } from '../inventory/inventory-export';
import { exportLogXlsx } from '../media/log-export';

/**
 * data/report/*.xlsx: the same workbooks an inspector gets from the app, so
 * head office can read a bundle without Hoan. Each round's checklist, and
 * the removable-media log with its chain, and the device inventory.
 */
export async function siteReports(core: Core, siteId: string): Promise<Map<string, Buffer>> {
  const reports = new Map<string, Buffer>();
  const rounds = core.db.prepare('SELECT id FROM assessment_rounds WHERE site_id = ? ORDER BY started_at, rowid').all(siteId) as { id: string }[];
  for (const [i, round] of rounds.entries()) {
    reports.set(`checklist-${String(i + 1).padStart(2, '0')}-${round.id.slice(0, 8)}.xlsx`, await assessmentWorkbook(core.db, round.id, core.now()));
  }
  if (core.db.prepare('SELECT 1 FROM media_log WHERE site_id = ? LIMIT 1').get(siteId)) {
    reports.set('media-log.xlsx', await viaFile((file) => exportLogXlsx(core, siteId, {}, file)));
  }
  if (core.db.prepare('SELECT 1 FROM devices WHERE site_id = ? LIMIT 1').get(siteId)) {
    reports.set('inventory.xlsx', await viaFile((file) => writeInventoryXlsx(core.db, siteId, file, 'ja')));
  }
  return reports;
}

/** Workbooks whose writers stream to a file: written in a private temp folder, read back, removed. */
async function viaFile(write: (file: string) => Promise<unknown>): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-bundle-report-'));
  try {
    const file = path.join(dir, 'report.xlsx');
    await write(file);
    return fs.readFileSync(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
