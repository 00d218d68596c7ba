/**
 * A column wide enough for a text, in Excel's width units (one per narrow
 * character, two per Japanese character): dates are the one column whose
 * text changes with the settings (西暦/和暦, language), and a wrapped date
 * reads badly.
 */
export function widthFor(text: string, min = 0): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1;
  return Math.max(min, width + 2);
}
