/** Full-width characters (CJK, kana, hangul, full-width forms): 1em each. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
/** Any other character: no wider than this in the app's sans-serif fonts, on average over a label. */
const NARROW_EM = 0.62;

/**
 * The width (rem) of a grid track that holds the longest of `labels` on one
 * line: for a column of a fixed vocabulary (a scan result, a kind of entry)
 * or a date in a virtualised grid, where each row is its own grid and cannot
 * size the column to its content. Estimated from the characters rather than
 * measured, so the track is known before anything is drawn; the cell's font
 * size (rem) and horizontal padding (rem) are added.
 */
export function labelRem(labels: readonly string[], fontRem: number, paddingRem: number): number {
  const em = Math.max(0, ...labels.map((label) => [...label].reduce((w, ch) => w + (WIDE.test(ch) ? 1 : NARROW_EM), 0)));
  return Math.ceil((em * fontRem + paddingRem) * 10) / 10;
}
