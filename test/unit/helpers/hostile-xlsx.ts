import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { craftZip } from '../bundle/zip-craft';

/**
 * Workbooks built byte by byte for the decompression-limit tests: a minimal
 * valid xlsx whose parts can be swapped for bombs, in a zip written here so
 * that any size it declares can lie. Real zips: sizes and CRC-32 are right
 * unless a test says otherwise.
 */
export interface ZipPart {
  name: string;
  method: 0 | 8;
  /** The bytes stored in the zip (deflated when method is 8). */
  body: Buffer;
  /** What the part inflates to. */
  size: number;
  crc: number;
  /** What the headers declare instead of `size`. */
  declaredSize?: number;
}

const FULL_FLUSH = { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH };

export function deflated(name: string, text: string): ZipPart {
  const data = Buffer.from(text, 'utf8');
  return { name, method: 8, body: zlib.deflateRawSync(data), size: data.length, crc: zlib.crc32(data) >>> 0 };
}

/** Incompressible bytes, stored: makes the file large enough that a ratio check alone does not stop a bomb. */
export function padding(name: string, bytes: number): ZipPart {
  const data = randomBytes(bytes);
  return { name, method: 0, body: data, size: bytes, crc: zlib.crc32(data) >>> 0 };
}

/**
 * A part that inflates to its pieces in order, each `[text, n]` repeated n
 * times, made in a moment however large: each distinct piece is deflated once
 * and ends on a full flush (byte-aligned, no reference back into the piece
 * before), so its compressed copy can be repeated. 1 GiB of one repeated
 * piece is about 1 MB.
 */
export function bombOf(name: string, pieces: (string | [string, number])[]): ZipPart {
  const compressed = new Map<string, { data: Buffer; deflated: Buffer }>();
  const body: Buffer[] = [];
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    const [text, times] = typeof piece === 'string' ? [piece, 1] : piece;
    let c = compressed.get(text);
    if (!c) {
      const data = Buffer.from(text, 'utf8');
      c = { data, deflated: zlib.deflateRawSync(data, FULL_FLUSH) };
      compressed.set(text, c);
    }
    for (let i = 0; i < times; i++) {
      body.push(c.deflated);
      crc = zlib.crc32(c.data, crc);
    }
    size += c.data.length * times;
  }
  body.push(zlib.deflateRawSync(Buffer.alloc(0)));
  return { name, method: 8, body: Buffer.concat(body), size, crc: crc >>> 0 };
}

/** `prefix`, `count` copies of `filler`, `suffix`. */
export function bomb(name: string, prefix: string, filler: string, count: number, suffix: string): ZipPart {
  return bombOf(name, [prefix, [filler, count], suffix]);
}

/** Enough copies of `unit` to make about 1 MiB, as one filler string. */
export function mebibyteOf(unit: string): string {
  return unit.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(unit)));
}

/** The parts as a zip (zip-craft.ts writes it byte by byte, so the declared sizes may lie). */
export function zipOf(parts: ZipPart[]): Buffer {
  return craftZip(
    parts.map((p) => ({
      name: Buffer.from(p.name, 'utf8'),
      data: p.body,
      method: p.method,
      crc: p.crc,
      size: p.declaredSize ?? p.size,
      flags: 0x800,
    })),
  );
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const LEDGER_HEADERS = ['管理番号', '機器名', '設置場所'];

/** The start of each bombable part: a bomb's filler goes after it, then the part's end. */
export const PART_HEADS = {
  'xl/workbook.xml': `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/><sheets><sheet name="台帳" sheetId="1" r:id="rId1"/></sheets>`,
  'xl/sharedStrings.xml': `${XML}<sst xmlns="${MAIN}">${LEDGER_HEADERS.map((h) => `<si><t>${h}</t></si>`).join('')}`,
  'xl/styles.xml':
    `${XML}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Yu Gothic"/></font></fonts>` +
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellXfs count="1">' +
    `<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`,
  'xl/worksheets/sheet1.xml':
    `${XML}<worksheet xmlns="${MAIN}"><sheetData>` +
    `<row r="1">${LEDGER_HEADERS.map((_, i) => `<c r="${'ABC'[i]}1" t="s"><v>${i}</v></c>`).join('')}</row>` +
    [2, 3].map((r) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>SW-0${r}</t></is></c><c r="B${r}" t="inlineStr"><is><t>スイッチ</t></is></c></row>`).join(''),
} as const;

export const PART_TAILS = {
  'xl/workbook.xml': '</workbook>',
  'xl/sharedStrings.xml': '</sst>',
  'xl/styles.xml': '</cellXfs></styleSheet>',
  'xl/worksheets/sheet1.xml': '</sheetData></worksheet>',
} as const;

export type BombablePart = keyof typeof PART_HEADS;

/**
 * A one-sheet ledger (three headers, two devices) in the order Excel zips
 * it; `replace` swaps parts by name, `extra` adds parts at the end.
 */
export function ledgerXlsx(replace: Partial<Record<BombablePart, ZipPart>> = {}, extra: ZipPart[] = []): Buffer {
  const part = (name: BombablePart) => replace[name] ?? deflated(name, PART_HEADS[name] + PART_TAILS[name]);
  return zipOf([
    deflated(
      '[Content_Types].xml',
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        '</Types>',
    ),
    deflated('_rels/.rels', `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    part('xl/workbook.xml'),
    deflated(
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
        '</Relationships>',
    ),
    part('xl/worksheets/sheet1.xml'),
    part('xl/styles.xml'),
    part('xl/sharedStrings.xml'),
    ...extra,
  ]);
}
