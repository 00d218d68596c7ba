import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { openCore, type Core } from '../../../electron/core/core';
import { siteAuditLog } from '../../../electron/core/audit/audit-log';
import { importFile, importJobStatus, startImportPreview, type FileImportOptions } from '../../../electron/core/inventory/import-jobs';
import type { ImportPreview } from '../../../electron/core/inventory/inventory-types';
import { receiveUpload } from '../../../electron/core/inventory/upload-store';
import { createSite } from '../../../electron/core/sites/site-repository';
import { setUpNames } from '../helpers/set-up';
import { siteInput } from '../helpers/site-input';
import { tempDirs } from '../helpers/temp-dir';

/** A real data folder with one site, and the clock tests move by hand. */
export function inventoryKit(prefix: string) {
  const dirs = tempDirs(prefix);
  const opened: Core[] = [];
  const start = new Date('2025-04-01T00:00:00.000Z');
  let clock = start;
  return {
    dirs,
    setClock(date: Date) {
      clock = date;
    },
    open(): { core: Core; siteId: string } {
      const core = openCore({ dataDir: dirs.make(), now: () => clock });
      setUpNames(core);
      opened.push(core);
      const site = createSite(core.db, siteInput({ name: '第一工場' }), clock);
      return { core, siteId: site.id };
    },
    cleanup() {
      for (const core of opened.splice(0)) if (core.db.open) core.close();
      dirs.cleanup();
      clock = start;
    },
  };
}

/** A file previewed as the screen does it: uploaded, then parsed by a preview job in the worker. */
export async function previewUpload(core: Core, siteId: string, file: string): Promise<ImportPreview> {
  const stored = await receiveUpload(core.dataDir, Readable.from([fs.readFileSync(file)]), { name: path.basename(file) });
  const { jobId } = startImportPreview(core, { siteId, uploadId: stored.uploadId! });
  for (;;) {
    const status = importJobStatus(core, jobId);
    if (status.state === 'done') return status.preview;
    if (status.state !== 'running') throw new Error(JSON.stringify(status));
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function importPath(core: Core, siteId: string, file: string, options: Partial<FileImportOptions> = {}) {
  return importFile(core, { siteId, file, dryRun: false, ...options });
}

/** Device rows as stored, by 管理番号, for exact assertions. */
export function storedDevices(core: Core): Record<string, Record<string, unknown>> {
  const rows = core.db
    .prepare(
      `SELECT asset_id, name, kind, location, manufacturer, model, serial_number, os, software_version, ip_address,
              mac_address, network, purpose, administrator, installed_on, notes, extra_json, in_latest_import
       FROM devices ORDER BY asset_id`,
    )
    .all() as Record<string, unknown>[];
  return Object.fromEntries(rows.map((r) => [r.asset_id as string, { ...r, extra: JSON.parse(r.extra_json as string) as object }]));
}

/** Everything an import could have written. */
export function writtenState(core: Core, siteId: string) {
  const count = (table: string) => (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    devices: count('devices'),
    batches: count('inventory_import_batches'),
    changes: count('inventory_import_changes'),
    profiles: count('inventory_mapping_profiles'),
    checks: count('device_checks'),
    audit: siteAuditLog(core.db, siteId).length,
  };
}
