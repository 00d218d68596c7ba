import fs from 'node:fs';
import zlib from 'node:zlib';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** workbook.xml and its relationships are small; anything larger is not a workbook part. */
const MAX_PART_BYTES = 16 * 1024 * 1024;

export interface WorkbookSheet {
  name: string;
  /** The sheet's part, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
  hidden: boolean;
}

interface Entry {
  method: number;
  compressedSize: number;
  localOffset: number;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  return buffer.subarray(0, fs.readSync(fd, buffer, 0, length, position));
}

function directory(fd: number, size: number): Map<string, Entry> {
  const tailStart = Math.max(0, size - (22 + 0xffff));
  const tail = readAt(fd, tailStart, size - tailStart);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === END_OF_DIRECTORY) { end = i; break; }
  const entries = new Map<string, Entry>();
  if (end < 0) return entries;
  const dirSize = tail.readUInt32LE(end + 12);
  const dirOffset = tail.readUInt32LE(end + 16);
  const dir = readAt(fd, dirOffset, dirSize);
  for (let p = 0; p + 46 <= dir.length && dir.readUInt32LE(p) === DIRECTORY_ENTRY; ) {
    const nameLength = dir.readUInt16LE(p + 28);
    const skip = nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
    entries.set(dir.toString('utf8', p + 46, p + 46 + nameLength), {
      method: dir.readUInt16LE(p + 10),
      compressedSize: dir.readUInt32LE(p + 20),
      localOffset: dir.readUInt32LE(p + 42),
    });
    p += 46 + skip;
  }
  return entries;
}

function part(fd: number, entry: Entry | undefined): string | null {
  if (!entry || entry.compressedSize > MAX_PART_BYTES) return null;
  const local = readAt(fd, entry.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_HEADER) return null;
  const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const data = readAt(fd, start, entry.compressedSize);
  if (entry.method === 0) return data.toString('utf8');
  if (entry.method === 8) return zlib.inflateRawSync(data).toString('utf8');
  return null;
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = decodeXml(m[2] ?? m[3] ?? '');
  return out;
}

function decodeXml(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (_, hex: string, dec: string, named: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(Number(dec));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named.toLowerCase()]!;
  });
}

export interface WorkbookOutline {
  /** In tab order. */
  sheets: WorkbookSheet[];
  /** Mac Excel's old 1904 date system: serials count from 1904-01-01. */
  date1904: boolean;
}

/**
 * The workbook's sheets and date system, read from the zip's central directory
 * before streaming. exceljs's stream reader learns them only if workbook.xml
 * comes before the sheets in the archive, and throws for the orders some
 * writers (exceljs itself among them) produce.
 */
export function workbookOutline(file: string): WorkbookOutline {
  const fd = fs.openSync(file, 'r');
  try {
    const entries = directory(fd, fs.fstatSync(fd).size);
    const workbook = part(fd, entries.get('xl/workbook.xml'));
    const rels = part(fd, entries.get('xl/_rels/workbook.xml.rels'));
    if (!workbook || !rels) return { sheets: [], date1904: false };
    const targets = new Map<string, string>();
    for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      const a = attributes(m[0]);
      if (a.Id && a.Target) targets.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}`);
    }
    const sheets: WorkbookSheet[] = [];
    for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
      const a = attributes(m[0]);
      const rid = Object.entries(a).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
      const target = rid ? targets.get(rid) : undefined;
      if (a.name && target) sheets.push({ name: a.name, part: target, hidden: a.state === 'hidden' || a.state === 'veryHidden' });
    }
    const pr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(workbook);
    const date1904 = pr ? ['1', 'true'].includes(attributes(pr[0]).date1904 ?? '') : false;
    return { sheets, date1904 };
  } catch {
    return { sheets: [], date1904: false };
  } finally {
    fs.closeSync(fd);
  }
}
