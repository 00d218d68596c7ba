import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

let sjisTable: Map<string, number[]> | undefined;

/** Shift_JIS as Excel writes it: built by inverting the WHATWG decoder Node ships with. */
function shiftJisTable(): Map<string, number[]> {
  if (sjisTable) return sjisTable;
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('shift_jis');
  for (let b = 0xa1; b <= 0xdf; b++) table.set(decoder.decode(Uint8Array.of(b)), [b]);
  const leads = [...Array.from({ length: 0x1f }, (_, i) => 0x81 + i), ...Array.from({ length: 0x1d }, (_, i) => 0xe0 + i)];
  for (const lead of leads) {
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  sjisTable = table;
  return table;
}

export function encodeShiftJis(text: string): Buffer {
  const table = shiftJisTable();
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const mapped = table.get(ch);
      if (!mapped) throw new Error(`not in Shift_JIS: ${ch}`);
      bytes.push(...mapped);
    }
  }
  return Buffer.from(bytes);
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvText(rows: readonly (readonly (string | number)[])[], eol = '\r\n'): string {
  const field = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(field).join(',')).join(eol) + eol;
}

/**
 * LibreOffice Calc, headless: a writer other than exceljs. CSV is read as
 * UTF-8; a .fods (flat ODF) carries merged cells, date cells and formulas.
 */
export function sofficeToXlsx(source: string, outDir: string): string {
  const args = ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(outDir, '.lo-profile')}`];
  if (source.endsWith('.csv')) args.push('--infilter=CSV:44,34,76,1');
  execFileSync('soffice', [...args, '--convert-to', 'xlsx', '--outdir', outDir, source], { stdio: 'pipe', timeout: 120_000 });
  const out = path.join(outDir, `${path.parse(source).name}.xlsx`);
  if (!fs.existsSync(out)) throw new Error(`soffice did not write ${out}`);
  return out;
}

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const FAT_SECTOR = 0xfffffffd;
const SECTOR = 512;

function directoryEntry(name: string, type: number, child: number, right: number, start: number, size: number): Buffer {
  const e = Buffer.alloc(128);
  const utf16 = Buffer.from(`${name}\0`, 'utf16le');
  utf16.copy(e, 0);
  e.writeUInt16LE(utf16.length, 64);
  e.writeUInt8(type, 66);
  e.writeUInt8(1, 67); // black
  e.writeUInt32LE(FREE, 68); // left sibling
  e.writeUInt32LE(right, 72);
  e.writeUInt32LE(child, 76);
  e.writeUInt32LE(start, 116);
  e.writeUInt32LE(size, 120);
  return e;
}

/**
 * What Excel writes for a workbook saved with a password: not a zip but an
 * OLE2 compound file holding `EncryptionInfo` (agile encryption, version 4.4)
 * and `EncryptedPackage` (the encrypted zip). Streams are 4 KiB or more so
 * they live in regular sectors.
 */
export function writePasswordProtectedWorkbook(file: string): void {
  const b64 = (n: number) => randomBytes(n).toString('base64');
  const info = Buffer.concat([
    Buffer.from([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]),
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
        '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
        `<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${b64(16)}"/>` +
        `<dataIntegrity encryptedHmacKey="${b64(64)}" encryptedHmacValue="${b64(64)}"/>` +
        '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
        `<p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${b64(16)}" encryptedVerifierHashInput="${b64(16)}" encryptedVerifierHashValue="${b64(64)}" encryptedKeyValue="${b64(32)}"/>` +
        '</keyEncryptor></keyEncryptors></encryption>',
      'utf8',
    ),
  ]);
  const infoStream = Buffer.concat([info, Buffer.alloc(4096 - info.length, ' ')]);
  const packageStream = Buffer.concat([Buffer.from([0x00, 0x20, 0, 0, 0, 0, 0, 0]), randomBytes(8192 - 8)]);
  const infoSectors = infoStream.length / SECTOR;
  const packageSectors = packageStream.length / SECTOR;

  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FAT_SECTOR, 0);
  fat.writeUInt32LE(END_OF_CHAIN, 4);
  let sector = 2;
  for (const count of [infoSectors, packageSectors]) {
    for (let i = 0; i < count; i++, sector++) fat.writeUInt32LE(i === count - 1 ? END_OF_CHAIN : sector + 1, sector * 4);
  }
  const directory = Buffer.concat([
    directoryEntry('Root Entry', 5, 1, FREE, END_OF_CHAIN, 0),
    directoryEntry('EncryptionInfo', 2, FREE, 2, 2, infoStream.length),
    directoryEntry('EncryptedPackage', 2, FREE, FREE, 2 + infoSectors, packageStream.length),
    Buffer.alloc(128),
  ]);

  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 0x18);
  header.writeUInt16LE(0x0003, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // FAT sectors
  header.writeUInt32LE(1, 0x30); // first directory sector
  header.writeUInt32LE(4096, 0x38); // mini stream cutoff
  header.writeUInt32LE(END_OF_CHAIN, 0x3c);
  header.writeUInt32LE(END_OF_CHAIN, 0x44);
  header.fill(0xff, 0x4c, SECTOR);
  header.writeUInt32LE(0, 0x4c); // DIFAT[0]: the FAT is sector 0
  fs.writeFileSync(file, Buffer.concat([header, fat, directory, infoStream, packageStream]));
}
