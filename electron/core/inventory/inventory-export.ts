import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { LocaleId } from '../../../renderer/locales';
import { HoanError } from '../errors';
import { translate } from '../i18n/translate';
import { getSite } from '../sites/site-repository';
import { fileStamp } from '../time/time-zone';
import { fitCell, fitRow } from '../xlsx/cell-limit';
import { iterateDevices } from './device-repository';
import { DEVICE_FIELDS, type Device } from './inventory-types';
import { exceljs } from '../xlsx/exceljs-module';

/** A calendar day as a date cell: Excel shows it as a date and sorts it as one. */
function dateCell(day: string | null): Date | null {
  return day ? new Date(`${day}T00:00:00Z`) : null;
}

function extraKeysOf(db: Database.Database, siteId: string): string[] {
  const keys = new Set<string>();
  const rows = db.prepare('SELECT extra_json FROM devices WHERE site_id = ? ORDER BY location, asset_id').iterate(siteId);
  for (const row of rows as IterableIterator<{ extra_json: string }>) {
    for (const key of Object.keys(JSON.parse(row.extra_json) as object)) keys.add(key);
  }
  return [...keys];
}

/**
 * The site's inventory as an .xlsx with the import's columns (so it reads
 * back in unchanged), the extra attributes, then the 存在確認 status. Written
 * to a temporary name and renamed, so a half-written file never has the name.
 */
export async function writeInventoryXlsx(db: Database.Database, siteId: string, file: string, locale: LocaleId): Promise<number> {
  getSite(db, siteId);
  if (fs.existsSync(file)) throw new HoanError('conflict', 'errors.inventory.exportExists', { path: file });
  const t = (key: string) => translate(locale, key);
  const extraKeys = extraKeysOf(db, siteId);
  const partial = `${file}.partial`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    const book = new (exceljs().stream.xlsx.WorkbookWriter)({ filename: partial, useStyles: true, useSharedStrings: true });
    const sheet = book.addWorksheet(t('inventory.export.sheetName'), { views: [{ state: 'frozen', ySplit: 1 }] });
    const statusHeaders = ['inLatestImport', 'checkStatus', 'checkedOn', 'checkedBy', 'newLocation'].map((k) => t(`inventory.export.${k}`));
    const headers = [...DEVICE_FIELDS.map((f) => t(`inventory.fields.${f}`)), ...extraKeys, ...statusHeaders];
    sheet.columns = headers.map((header) => ({ header: fitCell(header, locale), width: Math.min(40, Math.max(10, header.length * 2 + 2)) }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    const dateColumns = [DEVICE_FIELDS.indexOf('installedOn') + 1, DEVICE_FIELDS.length + extraKeys.length + 3];
    for (const device of iterateDevices(db, siteId)) {
      const row = sheet.addRow(fitRow(rowValues(device, extraKeys, t), locale));
      for (const c of dateColumns) row.getCell(c).numFmt = 'yyyy/m/d';
      row.commit();
    }
    sheet.commit();
    await book.commit();
    fs.renameSync(partial, file);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    if (err instanceof HoanError) throw err;
    throw new HoanError('io', 'errors.inventory.exportFailed', { path: file, reason: (err as Error).message });
  }
  return fs.statSync(file).size;
}

function rowValues(device: Device, extraKeys: readonly string[], t: (key: string) => string): (string | Date | null)[] {
  const check = device.lastCheck;
  return [
    ...DEVICE_FIELDS.map((f) => (f === 'installedOn' ? dateCell(device.installedOn) : device[f])),
    ...extraKeys.map((k) => device.extra[k] ?? null),
    t(device.inLatestImport ? 'inventory.export.yes' : 'inventory.export.no'),
    t(`inventory.check.status.${check?.status ?? 'unchecked'}`),
    dateCell(check?.checkedOn ?? null),
    check?.checkedBy || null,
    check?.status === 'moved' ? check.newLocation : null,
  ];
}

/** exports/inventory-<site>-<time>.xlsx in the data folder (the renderer cannot choose a path), stamped in the installation's zone. */
export function exportFileName(siteName: string, now: Date, zone: string): string {
  const stamp = fileStamp(now, zone);
  const safe = siteName.normalize('NFKC').replace(/[\\/:*?"<>|\s\u0000-\u001f]+/g, '_').slice(0, 60) || 'site';
  return `inventory-${safe}-${stamp}.xlsx`;
}
