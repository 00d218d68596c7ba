import { cellText, columnLetter, isBlank, type RawRow } from './cell-text';
import type { ColumnPlan } from './column-plan';
import type { DeviceField, DeviceRecord, RowIssue } from './inventory-types';
import { parseDateCell } from './japanese-date';
import { normaliseIpList, normaliseMacList } from './network-address';

const MAX_TEXT = 500;
const MAX_NOTES = 4000;
/** A bad value is quoted back to the user, shortened. */
const QUOTE_MAX = 60;

export interface NormalisedRow {
  row: number;
  /** Null when the row has an issue: it is skipped, and listed with its reasons. */
  record: DeviceRecord | null;
  /** The row's 管理番号 as written, even when the row is skipped: such a device is not absent. */
  assetId: string;
  issues: RowIssue[];
}

export function emptyRecord(): DeviceRecord {
  return {
    assetId: '',
    name: '',
    kind: '',
    location: '',
    manufacturer: '',
    model: '',
    serialNumber: '',
    os: '',
    softwareVersion: '',
    ipAddress: '',
    macAddress: '',
    network: '',
    purpose: '',
    administrator: '',
    installedOn: null,
    notes: '',
    extra: {},
  };
}

function quote(text: string): string {
  return text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text;
}

/**
 * One data row through the plan: text normalised, dates, IP and MAC
 * addresses checked and written one way. Every problem of the row is reported,
 * each with its row and column.
 */
export function normaliseRow(plan: ColumnPlan, raw: RawRow): NormalisedRow {
  const record = emptyRecord();
  const issues: RowIssue[] = [];
  const issue = (index: number, header: string | null, messageKey: string, params?: RowIssue['params']) =>
    issues.push({ row: raw.n, column: columnLetter(index), header, messageKey, ...(params ? { params } : {}) });

  const width = Math.max(raw.c.length, plan.columns.length);
  for (let i = 0; i < width; i++) {
    const cell = raw.c[i];
    const column = plan.columns[i];
    if (!column) {
      // Beyond the header: kept under the column's letter rather than lost.
      if (!isBlank(cell)) record.extra[columnLetter(i)] = cellText(cell, true);
      continue;
    }
    const { target } = column;
    if (target === 'ignore') continue;
    if (target === 'extra') {
      const text = cellText(cell, true);
      if (text) record.extra[plan.extraKeys.get(i) ?? column.letter] = text;
      continue;
    }
    if (target === 'installedOn') {
      const parsed = parseDateCell(cell ?? null);
      if (parsed.ok) record.installedOn = parsed.date;
      else issue(i, column.header, 'errors.inventory.row.badDate', { value: quote(cellText(cell)) });
      continue;
    }
    const text = cellText(cell, target === 'notes');
    if (text.length > (target === 'notes' ? MAX_NOTES : MAX_TEXT)) {
      issue(i, column.header, 'errors.inventory.row.tooLong', { max: target === 'notes' ? MAX_NOTES : MAX_TEXT });
      continue;
    }
    if (target === 'ipAddress' || target === 'macAddress') {
      const normalised = target === 'ipAddress' ? normaliseIpList(text) : normaliseMacList(text);
      if (normalised === null) {
        issue(i, column.header, target === 'ipAddress' ? 'errors.inventory.row.badIp' : 'errors.inventory.row.badMac', {
          value: quote(text),
        });
      } else record[target] = normalised;
      continue;
    }
    record[target as Exclude<DeviceField, 'installedOn'>] = text;
  }

  if (!record.assetId) {
    const column = plan.columns.find((c) => c.target === 'assetId');
    issues.unshift({
      row: raw.n,
      column: column?.letter ?? null,
      header: column?.header ?? null,
      messageKey: 'errors.inventory.row.missingAssetId',
    });
  }
  return { row: raw.n, record: issues.length === 0 ? record : null, assetId: record.assetId, issues };
}
