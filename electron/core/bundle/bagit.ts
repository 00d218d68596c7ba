/**
 * BagIt 1.0 (RFC 8493) tag files: what a bag declares about itself. Kept as
 * plain text so `sha256sum -c manifest-sha256.txt` works on an unzipped bag.
 *
 * bag-info.txt values. Each value is one `Label: value` line (RFC 8493
 * §2.2.2, UTF-8); Hoan never writes continuation lines. Names in a value may
 * hold anything a database holds, so a bag that carries the label
 * `Hoan-Value-Encoding: percent` (BAG_VALUE_ENCODING) has every value written
 * as follows, and its reader decodes every value the same way:
 *
 * - These characters are written as `%XX` for each byte of their UTF-8
 *   encoding, XX in uppercase hex:
 *     `%` (U+0025) itself;
 *     C0 controls U+0000–U+001F (TAB, LF and CR among them) and DEL U+007F;
 *     C1 controls U+0080–U+009F (NEL among them);
 *     LINE SEPARATOR U+2028 and PARAGRAPH SEPARATOR U+2029;
 *     the bidirectional controls U+061C, U+200E, U+200F, U+202A–U+202E and
 *     U+2066–U+2069;
 *     white space (ECMAScript's `\s`: U+0020, U+00A0, U+1680, U+2000–U+200A,
 *     U+202F, U+205F, U+3000, U+FEFF, and the above) as the first or last
 *     character of a value, which RFC 8493 readers trim away.
 * - An unpaired UTF-16 surrogate (U+D800–U+DFFF, possible only in a string
 *   that never went through UTF-8) is written as the three bytes UTF-8's
 *   pattern gives its code point, %ED%A0%80–%ED%BF%BF ("WTF-8").
 * - Every other character is written as itself, so ordinary Japanese text
 *   reads as it is in any editor.
 *
 * A reader replaces each maximal run of `%XX` by the characters those bytes
 * encode (UTF-8, surrogate code points allowed as above); a `%` not followed
 * by two hex digits, or bytes that are not such UTF-8, make the value
 * malformed. The encoded line stays within RFC 8493: UTF-8, no line break
 * inside a value, no leading white space, so any BagIt tool reads it.
 *
 * Bags made before the label existed hold their values literally,
 * CR and LF folded to a space; a reader takes a value literally when the
 * label is absent. A reader that does not know the label sees the encoded
 * text, which is the name itself unless it held one of the characters above.
 */
export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

export const TAG_FILES = {
  bagit: 'bagit.txt',
  bagInfo: 'bag-info.txt',
  manifest: 'manifest-sha256.txt',
  tagManifest: 'tagmanifest-sha256.txt',
  signature: 'tagmanifest-sha256.txt.sig',
} as const;

/** The tag files the tag manifest lists, in the order written. */
export const MANIFESTED_TAG_FILES = [TAG_FILES.bagit, TAG_FILES.bagInfo, TAG_FILES.manifest] as const;

export type BagInfo = [label: string, value: string][];

/** The label that says values are encoded as the header describes, and its one value. */
export const BAG_VALUE_ENCODING = ['Hoan-Value-Encoding', 'percent'] as const;

const ESCAPED = /[%\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|^\s|\s$/g;

function percentBytes(ch: string): string {
  const c = ch.charCodeAt(0);
  // A lone surrogate has no UTF-8 form; its code point takes UTF-8's three-byte pattern.
  const bytes = c >= 0xd800 && c <= 0xdfff ? [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)] : [...Buffer.from(ch, 'utf8')];
  return bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

export function encodeBagValue(value: string): string {
  return value.replace(ESCAPED, percentBytes);
}

/** The bytes of one run of `%XX`, as UTF-8 whose code points may include surrogates; null when not so. */
function decodeBytes(bytes: number[]): string | null {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n === 0 || i + n > bytes.length) return null;
    let cp = n === 1 ? b : b & (0xff >> (n + 1));
    for (let k = 1; k < n; k++) {
      const cont = bytes[i + k]!;
      if ((cont & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (cont & 0x3f);
    }
    if ((n === 3 && cp < 0x800) || (n === 4 && (cp < 0x10000 || cp > 0x10ffff))) return null;
    out += String.fromCodePoint(cp);
    i += n;
  }
  return out;
}

/** The value a writer encoded, or null when it is not a valid encoding. */
export function decodeBagValue(encoded: string): string | null {
  if (/%(?![0-9A-Fa-f]{2})/.test(encoded)) return null;
  let bad = false;
  const decoded = encoded.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const text = decodeBytes(run.slice(1).split('%').map((h) => parseInt(h, 16)));
    if (text === null) bad = true;
    return text ?? '';
  });
  return bad ? null : decoded;
}

/** `Label: value` lines, each value encoded as the header says (the bag must carry BAG_VALUE_ENCODING). */
export function formatBagInfo(info: BagInfo): string {
  return info.map(([label, value]) => `${label}: ${encodeBagValue(value)}\n`).join('');
}

/** Reads bag-info.txt: labels with their values (continuation lines joined); null when malformed. */
export function parseBagInfo(text: string): Map<string, string[]> | null {
  const fields = new Map<string, string[]>();
  let last: string[] | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    if (/^[ \t]/.test(line)) {
      if (!last) return null;
      last[last.length - 1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return null;
    const label = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    last = fields.get(label) ?? [];
    last.push(value);
    fields.set(label, last);
  }
  return fields;
}

/** `hash  path` per line: two spaces, as sha256sum writes and reads it. */
export function formatManifest(entries: Iterable<[path: string, sha256: string]>): string {
  let out = '';
  for (const [path, sha256] of entries) out += `${sha256}  ${path}\n`;
  return out;
}

/** path → sha256, or the first malformed line (1-based). Duplicate paths are malformed too. */
export function parseManifest(text: string): { files: Map<string, string> } | { badLine: number } {
  const files = new Map<string, string>();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const m = /^([0-9a-f]{64})[ \t]+\*?(\S.*)$/.exec(lines[i]!.replace(/\r$/, ''));
    if (!m || files.has(m[2]!)) return { badLine: i + 1 };
    files.set(m[2]!, m[1]!);
  }
  return { files };
}

/** `octets.streams`: a quick completeness check, before any hashing. */
export function payloadOxum(bytes: number, files: number): string {
  return `${bytes}.${files}`;
}
