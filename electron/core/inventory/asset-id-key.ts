import type { DeviceRow } from './device-rows';
import type { DeviceRecord, PreviewColumn, RowIssue } from './inventory-types';

/**
 * 管理番号 as people compare them: DUP-1, dup-1 and ＤＵＰ－１ name one
 * device. Excel agrees (COUNTIF, MATCH and "Remove Duplicates" ignore case),
 * so a ledger kept in Excel never meant them as two. Cell text is NFKC
 * already (cell-text.ts); it is applied again for IDs stored by other paths.
 *
 * Within one file a probable duplicate is refused like an exact one: the
 * first row is imported and the later one skipped with its row and column,
 * because importing both would make two devices of one, each walked and
 * counted on its own. Against the devices a site already has it is only a
 * warning: refusing it would leave no way to change how a site writes its
 * IDs, and the preview shows what will happen (a new device, and the old one
 * marked not in the latest import).
 */
export function assetIdKey(assetId: string): string {
  // Upper case: most IDs are written so already, and then the key is the ID itself, not a copy.
  return assetId.normalize('NFKC').toUpperCase();
}

/** New devices whose 管理番号 differs from an existing device's only by case or width. */
export function nearExistingAssetIds(
  existing: ReadonlyMap<string, DeviceRow>,
  creates: readonly { row: number; record: Pick<DeviceRecord, 'assetId'> }[],
  column: PreviewColumn | undefined,
): RowIssue[] {
  if (existing.size === 0 || creates.length === 0) return [];
  const byKey = new Map<string, string>();
  for (const assetId of existing.keys()) byKey.set(assetIdKey(assetId), assetId);
  const warnings: RowIssue[] = [];
  for (const { row, record } of creates) {
    const registered = byKey.get(assetIdKey(record.assetId));
    if (registered === undefined) continue;
    warnings.push({
      row,
      column: column?.letter ?? null,
      header: column?.header ?? null,
      messageKey: 'errors.inventory.row.nearExistingAssetId',
      params: { assetId: record.assetId, existing: registered },
    });
  }
  return warnings;
}
