/**
 * Text inside SVG that Hoan writes (体制図, network diagram): any Unicode a
 * name may hold is shown as text and never read as markup. XML has no way to
 * carry some code points at all (C0 controls but tab and line breaks, U+FFFE,
 * U+FFFF, unpaired surrogates): they become U+FFFD, so the file still parses
 * and the user sees that something was there. The names reaching here have
 * passed the text schema, so this is the second line, for names that arrive
 * in a bundle or were written before the schema.
 */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function svgText(text: string): string {
  return text
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * About how wide a line of text is drawn, in ems, without a font to measure
 * with (the SVG is made where no browser runs): East Asian wide and
 * full-width characters one em, the rest about 0.6. Enough to size boxes and
 * to cut a label before it overflows.
 */
export function textWidthEm(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0)!) ? 1 : 0.6;
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** The text cut to at most `maxEm` wide, with an ellipsis when cut. */
export function fitText(text: string, maxEm: number): string {
  if (textWidthEm(text) <= maxEm) return text;
  let out = '';
  let width = 0;
  for (const ch of text) {
    const w = isWide(ch.codePointAt(0)!) ? 1 : 0.6;
    if (width + w > maxEm - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
}
