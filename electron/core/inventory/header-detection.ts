import { cellText, type RawRow } from './cell-text';
import { matchHeader, normaliseHeader } from './header-synonyms';

/** Title rows, a company logo's row, blank rows: the header is looked for this far down. */
export const HEADER_SCAN_ROWS = 30;

/**
 * How much a row looks like the header: the number of different device
 * fields its cells name, plus cells a saved mapping knows by name.
 */
export function headerScore(row: RawRow, knownHeaders?: ReadonlySet<string>): { score: number; hasAssetId: boolean; texts: number } {
  const fields = new Set<string>();
  let known = 0;
  let texts = 0;
  for (const cell of row.c) {
    if (typeof cell !== 'string') continue;
    const text = cellText(cell);
    if (!text) continue;
    texts++;
    const field = matchHeader(text);
    if (field && field !== 'ignore') fields.add(field);
    else if (knownHeaders?.has(normaliseHeader(text))) known++;
  }
  return { score: fields.size + known, hasAssetId: fields.has('assetId'), texts };
}

/**
 * The index (into `rows`) of the header row: the row naming the most fields;
 * the first such row on a tie. A row naming only one field counts when it has
 * other text beside it (a vendor's own names the user maps by hand); a title
 * cell alone never does. -1 if no row qualifies.
 */
export function findHeaderRow(rows: readonly RawRow[], knownHeaders?: ReadonlySet<string>): number {
  let best = -1;
  let bestScore = 0;
  rows.slice(0, HEADER_SCAN_ROWS).forEach((row, i) => {
    const { score, hasAssetId, texts } = headerScore(row, knownHeaders);
    if ((score >= 2 || hasAssetId || (score === 1 && texts >= 2)) && score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}
