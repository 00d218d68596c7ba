import type { ErrorShape } from '../errors';

/**
 * What 8-2-1 asks to know of every device: its 管理番号 and configuration.
 * The order is the order of the export's columns and of the mapping menu.
 */
export const DEVICE_FIELDS = [
  'assetId',
  'name',
  'kind',
  'location',
  'manufacturer',
  'model',
  'serialNumber',
  'os',
  'softwareVersion',
  'ipAddress',
  'macAddress',
  'network',
  'purpose',
  'administrator',
  'installedOn',
  'notes',
] as const;
export type DeviceField = (typeof DEVICE_FIELDS)[number];

/** Where a spreadsheet column goes: a device field, the device's extra attributes, or nowhere. */
export const COLUMN_TARGETS = [...DEVICE_FIELDS, 'extra', 'ignore'] as const;
export type ColumnTarget = (typeof COLUMN_TARGETS)[number];

type TextField = Exclude<DeviceField, 'installedOn'>;

/** A device's recorded facts, as imported or edited. `installedOn` is YYYY-MM-DD. */
export type DeviceValues = Record<TextField, string> & { installedOn: string | null };

export interface DeviceRecord extends DeviceValues {
  /** Columns the file had that Hoan has no field for, by their header: kept, never dropped. */
  extra: Record<string, string>;
}

export const CHECK_STATUSES = ['confirmed', 'not_found', 'moved'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** One 存在確認 of one device on a walkthrough; append-only. */
export interface DeviceCheck {
  id: string;
  siteId: string;
  deviceId: string;
  status: CheckStatus;
  /** The day of the walkthrough, YYYY-MM-DD. */
  checkedOn: string;
  fromLocation: string;
  newLocation: string;
  note: string;
  checkedBy: string;
  recordedAt: string;
}

export interface Device extends DeviceRecord {
  id: string;
  siteId: string;
  /** False once a later import no longer listed it: marked, never deleted. */
  inLatestImport: boolean;
  createdAt: string;
  updatedAt: string;
  lastCheck: DeviceCheck | null;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  absent: number;
  skipped: number;
}

export interface ImportBatch {
  id: string;
  siteId: string;
  fileName: string;
  fileSha256: string;
  sheet: string;
  counts: ImportCounts;
  importedAt: string;
  importedBy: string;
  undoneAt: string | null;
}

export interface MappingProfile {
  id: string;
  name: string;
  /** Identifies files of the same shape: the same headers in the same order. */
  headerSignature: string;
  /** By normalised header text. */
  mapping: Record<string, ColumnTarget>;
  createdAt: string;
  updatedAt: string;
}

export type MappingSource = 'synonym' | 'profile' | 'user' | 'none';

export interface PreviewColumn {
  /** 0-based column index in the sheet. */
  index: number;
  /** The spreadsheet's column letter, A, B, … AA. */
  letter: string;
  header: string;
  target: ColumnTarget;
  source: MappingSource;
}

/** A row the import will skip, and why; named by row number and column as the user sees them. */
export interface RowIssue {
  row: number;
  column: string | null;
  header: string | null;
  messageKey: string;
  params?: Record<string, string | number>;
}

export type ChangedField = DeviceField | 'inLatestImport' | `extra.${string}`;

export interface FieldChange {
  field: ChangedField;
  old: string | null;
  new: string | null;
}

export interface DiffItem {
  assetId: string;
  name: string;
  /** The file's row; null for devices absent from the file. */
  row: number | null;
}

export interface ChangedItem extends DiffItem {
  changes: FieldChange[];
}

export interface DiffCounts {
  new: number;
  changed: number;
  unchanged: number;
  absent: number;
}

/** The file against the site's current inventory; lists are capped, counts are not. */
export interface InventoryDiff {
  counts: DiffCounts;
  new: DiffItem[];
  changed: ChangedItem[];
  absent: DiffItem[];
}

export type FileFormat = 'xlsx' | 'csv';

/** Why the table was taken to end there (table-end.ts). */
export type TableEndReason = 'note' | 'oneCell' | 'noIdOrName';

/** The rows below the table's end: not devices, none imported, each listed. */
export interface AfterTableEnd {
  /** The first row after the table. */
  row: number;
  reason: TableEndReason;
  /** Rows with text from there on. */
  count: number;
  /** Of those, rows with a 管理番号 and other text: devices, perhaps, below a stray blank row. */
  deviceLike: number;
  /** The first rows, with the start of their text. */
  rows: { row: number; text: string; deviceLike: boolean }[];
}

/** One column's value in a sample row: as stored, and as the file wrote it where Hoan converted it. */
export interface SampleValue {
  /** The column's 0-based index, as in `PreviewColumn.index`. */
  index: number;
  stored: string;
  /** Only where it differs from `stored`: "R6.4.1" for a stored "2024-04-01". */
  written?: string;
}

/** A row of the file with what the import will store from it. */
export interface PreviewSample {
  row: number;
  /** Non-empty values only; ignored columns are left out. */
  values: SampleValue[];
}

export interface ImportPreview {
  jobId: string;
  siteId: string;
  fileName: string;
  fileSize: number;
  fileSha256: string;
  format: FileFormat;
  /** CSV only: how the bytes were read. */
  encoding: string | null;
  sheets: string[];
  sheet: string;
  headerRow: number;
  columns: PreviewColumn[];
  /** The saved mapping that was applied, and why. */
  profile: { name: string; matchedBy: 'name' | 'shape' } | null;
  /** A problem that blocks the commit until the mapping is corrected (e.g. no 管理番号 column). */
  problem: ErrorShape | null;
  /** Data rows read below the header, blank rows not counted. */
  rows: number;
  validRows: number;
  invalidRows: number;
  /** The first issues, in row order; `issueCount` counts them all. */
  issues: RowIssue[];
  issueCount: number;
  /** Rows that will be imported but deserve a look (a 管理番号 close to an existing device's); `warningCount` counts them all. */
  warnings: RowIssue[];
  warningCount: number;
  /** Where the table ended above the sheet's last row, and what is below it; null if it runs to the end. */
  tableEnd: AfterTableEnd | null;
  /** The first rows and an example of each conversion, with the values Hoan will store. */
  samples: PreviewSample[];
  diff: InventoryDiff;
  /** The file says what the inventory already says: a commit would write nothing, and is refused. */
  unchanged: boolean;
}

export type ImportJobStatus =
  | { state: 'running'; jobId: string; rowsRead: number; fraction: number | null }
  | { state: 'done'; jobId: string; rowsRead: number; preview: ImportPreview }
  | { state: 'failed'; jobId: string; rowsRead: number; error: ErrorShape }
  | { state: 'cancelled'; jobId: string; rowsRead: number };

export interface CommitResult {
  batch: ImportBatch;
  /** The mapping saved for the next file of the same shape, if one was saved. */
  profile: MappingProfile | null;
}

export interface InventoryCounts {
  devices: number;
  notInLatestImport: number;
  confirmed: number;
  notFound: number;
  moved: number;
  unchecked: number;
}

/** What undoing the site's last import would do, counted before it is offered. */
export interface UndoSummary {
  batchId: string;
  fileName: string;
  importedAt: string;
  /** Devices the import added: removed. */
  removes: number;
  /** Devices it changed (or listed again): their values before it put back. */
  restores: number;
  /** Devices it marked as not in the file: marked as in it again. */
  relists: number;
  /** Set when the undo would be refused: a device was checked on site after the import. */
  blocked: 'checks' | 'triage' | null;
}

export interface InventoryList {
  /** Devices matching the filter, by 管理番号 in natural order; `devices` is one page of them. */
  total: number;
  devices: Device[];
  counts: InventoryCounts;
  lastBatch: ImportBatch | null;
  /** Null when there is nothing to undo: no import, already undone, or one that changed nothing. */
  undo: UndoSummary | null;
}

export type DeviceEventKind = 'created' | 'updated' | 'absent' | 'undone' | 'checked' | 'patched';

/** One entry of a device's history, from the audit log and its checks. */
export interface DeviceEvent {
  kind: DeviceEventKind;
  at: string;
  userName: string;
  /** The import that made the change (or was undone); null for a check, or where it is not known here. */
  batch: { id: string; fileName: string; sheet: string } | null;
  /** Field by field, old and new as text; `inLatestImport` as 'true' or 'false'. */
  changes: FieldChange[];
  check: DeviceCheck | null;
  /** patched: the advisory the patch answered (its tracking id). */
  advisory?: string;
}

/** A device with every field, its extra columns, and its history newest first. */
export interface DeviceDetail {
  device: Device;
  history: DeviceEvent[];
}

export interface LocationSummary {
  location: string;
  devices: number;
  checked: number;
}

/** The exported workbook: saved in the data folder's exports/, and its bytes for the browser to download. */
export interface InventoryExport {
  fileName: string;
  base64: string;
  path: string;
  bytes: number;
}

export interface JobRef {
  jobId: string;
}
