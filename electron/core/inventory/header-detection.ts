import { cellText, type RawRow } from './cell-text';
import { matchHeader, normaliseHeader } from './header-synonyms';

/** Title rows, a company logo's row, blank rows: the header is looked for this far down. */
export const HEADER_SCAN_ROWS = 30;

/**
 * How much a row looks like the header: the number of different device
 * fields its cells name, plus cells a saved mapping knows by name.
 */
export function headerScore(row: RawRow, knownHeaders?: ReadonlySet<string>): { score: number; hasAssetId: boolean } {
  const fields = new Set<string>();
  let known = 0;
  for (const cell of row.c) {
    if (typeof cell !== 'string') continue;
    const text = cellText(cell);
    if (!text) continue;
    const field = matchHeader(text);
    if (field && field !== 'ignore') fields.add(field);
    else if (knownHeaders?.has(normaliseHeader(text))) known++;
  }
  return { score: fields.size + known, hasAssetId: fields.has('assetId') };
}

/**
 * The index (into `rows`) of the header row: the row naming the most fields,
 * at least two of them or the 管理番号; the first such row on a tie. -1 if none.
 */
export function findHeaderRow(rows: readonly RawRow[], knownHeaders?: ReadonlySet<string>): number {
  let best = -1;
  let bestScore = 0;
  rows.slice(0, HEADER_SCAN_ROWS).forEach((row, i) => {
    const { score, hasAssetId } = headerScore(row, knownHeaders);
    if ((score >= 2 || hasAssetId) && score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}
