import { isBlank, type RawCell } from './cell-text';
import { assetIdKey } from './asset-id-key';
import type { ColumnPlan } from './column-plan';
import type { DeviceRecord, PreviewColumn, RowIssue } from './inventory-types';
import { PreviewSampler } from './preview-samples';
import { normaliseRow } from './row-normaliser';
import { TableEndTracker, tableEndReason } from './table-end';

/** Issues and warnings kept for display; all are counted. */
const MAX_KEPT_ISSUES = 5000;

export interface ParsedRecord {
  row: number;
  record: DeviceRecord;
}

/**
 * Applies the mapping to rows as the worker sends them, while it reads on:
 * each row is a device, a skipped row with its issues, or a row after the
 * table's end (table-end.ts). The reader drops blank rows, so a blank row
 * shows here as a gap in the row numbers.
 */
export class RowCollector {
  readonly records: ParsedRecord[] = [];
  readonly skippedAssetIds = new Set<string>();
  readonly issues: RowIssue[] = [];
  /** Rows that are imported but deserve a look: a device without a name. */
  readonly warnings: RowIssue[] = [];
  readonly columnsWithData = new Set<number>();
  readonly sampler: PreviewSampler;
  readonly tableEnd: TableEndTracker;
  /** By assetIdKey: the first row of each 管理番号, and how it was written there where that is not its key. */
  private readonly firstRowOf = new Map<string, number>();
  private readonly firstSpelling = new Map<string, string>();
  issueCount = 0;
  warningCount = 0;
  invalidRows = 0;
  /** Rows of the table: devices and skipped rows, not those after its end. */
  rows = 0;

  private readonly unnamed: number[];
  private readonly assetColumn: PreviewColumn | undefined;
  private readonly nameColumn: PreviewColumn | undefined;
  private lastRow: number;

  constructor(
    readonly plan: ColumnPlan,
    headerRow: number,
  ) {
    this.unnamed = plan.columns.filter((c) => c.header === '').map((c) => c.index);
    this.assetColumn = plan.columns.find((c) => c.target === 'assetId');
    this.nameColumn = plan.columns.find((c) => c.target === 'name');
    this.sampler = new PreviewSampler(plan);
    this.tableEnd = new TableEndTracker({ assetId: this.assetColumn?.index ?? -1, name: this.nameColumn?.index ?? -1 });
    this.lastRow = headerRow;
  }

  add(raw: { n: number; c: RawCell[] }): void {
    if (this.tableEnd.end) return this.tableEnd.add(raw.n, raw.c);
    // A blank row before the first device (under a two-row header, say) ends nothing.
    const afterBlank = this.rows > 0 && raw.n > this.lastRow + 1;
    this.lastRow = raw.n;
    const end = tableEndReason(raw.c, this.tableEnd.columns, afterBlank);
    if (end) return this.tableEnd.start(raw.n, end, raw.c);

    this.rows++;
    // Only columns without a header are listed in the preview just when they hold data.
    for (let i = this.plan.columns.length; i < raw.c.length; i++) if (!isBlank(raw.c[i])) this.columnsWithData.add(i);
    for (const c of this.unnamed) if (!isBlank(raw.c[c])) this.columnsWithData.add(c);
    const result = normaliseRow(this.plan, raw);
    const key = result.assetId ? assetIdKey(result.assetId) : '';
    const first = key ? this.firstRowOf.get(key) : undefined;
    if (first !== undefined && result.record) {
      // The same 管理番号, or one that differs only by case or width (asset-id-key.ts): the first row counts.
      const firstAssetId = this.firstSpelling.get(key) ?? key;
      const exact = firstAssetId === result.assetId;
      result.issues.push({
        row: raw.n,
        column: this.assetColumn?.letter ?? null,
        header: this.assetColumn?.header ?? null,
        messageKey: exact ? 'errors.inventory.row.duplicateAssetId' : 'errors.inventory.row.probableDuplicateAssetId',
        params: exact ? { assetId: result.assetId, firstRow: first } : { assetId: result.assetId, firstRow: first, first: firstAssetId },
      });
      result.record = null;
    }
    if (key && first === undefined) {
      this.firstRowOf.set(key, raw.n);
      if (key !== result.assetId) this.firstSpelling.set(key, result.assetId);
    }
    if (result.record) {
      this.records.push({ row: raw.n, record: result.record });
      this.sampler.offer(raw, result.record);
      // A file with a 機器名 column: a row with none is imported, and flagged (a title or a note, perhaps, not a device).
      if (this.nameColumn && !result.record.name) this.warn(raw.n);
      return;
    }
    this.invalidRows++;
    if (result.assetId) this.skippedAssetIds.add(result.assetId);
    this.issueCount += result.issues.length;
    for (const i of result.issues) if (this.issues.length < MAX_KEPT_ISSUES) this.issues.push(i);
  }

  private warn(row: number): void {
    this.warningCount++;
    if (this.warnings.length >= MAX_KEPT_ISSUES) return;
    const { letter, header } = this.nameColumn!;
    this.warnings.push({ row, column: letter, header, messageKey: 'errors.inventory.row.missingName' });
  }
}
