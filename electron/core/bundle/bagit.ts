/**
 * BagIt 1.0 (RFC 8493) tag files: what a bag declares about itself. Kept as
 * plain text so `sha256sum -c manifest-sha256.txt` works on an unzipped bag.
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

/** `Label: value` lines; values never contain line breaks here, so no continuation lines are written. */
export function formatBagInfo(info: BagInfo): string {
  return info.map(([label, value]) => `${label}: ${value.replace(/[\r\n]+/g, ' ')}\n`).join('');
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
