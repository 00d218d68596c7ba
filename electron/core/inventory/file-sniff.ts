import fs from 'node:fs';
import path from 'node:path';
import { HoanError } from '../errors';
import type { FileFormat } from './inventory-types';

const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ZIP_END_OF_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The end record is 22 bytes plus a comment of up to 64 KiB. */
const END_RECORD_SPAN = 22 + 0xffff;
const TEXT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);

export type FileKind = { format: FileFormat };

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = fs.readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

/**
 * Excel saves a workbook with a password as an OLE2 compound file holding an
 * `EncryptedPackage` stream; a legacy .xls is OLE2 without one. The stream
 * names sit in the directory, UTF-16LE.
 */
function isEncryptedPackage(fd: number, size: number): boolean {
  const needle = Buffer.from('EncryptedPackage', 'utf16le');
  const header = readAt(fd, 0, 512);
  const sectorSize = 1 << header.readUInt16LE(0x1e);
  const firstDirectorySector = header.readUInt32LE(0x30);
  const directory = readAt(fd, (firstDirectorySector + 1) * sectorSize, sectorSize * 4);
  if (directory.includes(needle)) return true;
  // Directories are usually in the first sectors; small files are searched whole.
  return size <= 16 * 1024 * 1024 && fs.readFileSync(fd).includes(needle);
}

function refuse(messageKey: string, file: string): HoanError {
  return new HoanError('io', messageKey, { file });
}

/**
 * What the file is, from its bytes and not its name, before a parser sees it:
 * so a damaged or foreign file gets a message that says what is wrong with it.
 */
export function sniffFile(filePath: string, displayName: string): FileKind {
  let fd: number;
  try {
    fd = fs.openSync(filePath, 'r');
  } catch {
    throw refuse('errors.inventory.unreadable', displayName);
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0) throw refuse('errors.inventory.emptyFile', displayName);
    const head = readAt(fd, 0, 4096);
    if (head.subarray(0, 4).equals(ZIP_LOCAL_HEADER)) {
      const tailStart = Math.max(0, size - END_RECORD_SPAN);
      if (!readAt(fd, tailStart, size - tailStart).includes(ZIP_END_OF_DIRECTORY)) {
        throw refuse('errors.inventory.truncated', displayName);
      }
      return { format: 'xlsx' };
    }
    if (head.subarray(0, 8).equals(OLE2)) {
      throw refuse(isEncryptedPackage(fd, size) ? 'errors.inventory.passwordProtected' : 'errors.inventory.legacyXls', displayName);
    }
    const utf16 = head[0] === 0xff && head[1] === 0xfe;
    if (TEXT_EXTENSIONS.has(path.extname(displayName).toLowerCase()) && (utf16 || !head.includes(0))) {
      return { format: 'csv' };
    }
    throw refuse('errors.inventory.notSpreadsheet', displayName);
  } finally {
    fs.closeSync(fd);
  }
}
