/**
 * The bundle's zip reader, kept by hand rather than replaced by yauzl (which
 * reads xlsx files: inventory/xlsx-archive.ts). A bundle is read to check a
 * signature over exactly the bytes it holds, which asks more of a reader than
 * an unzip library means to give:
 * - every local header is compared with the central directory (name, method,
 *   flags, CRC-32, sizes) and a zip whose two views differ is refused; yauzl
 *   reads nothing of a local header but its signature and lengths, by design
 *   ("Local File Headers Are Ignored" in its README), and checks no CRC;
 * - with bundle-structure.ts, entries must sit end to end from offset 0 to
 *   the central directory, which must end where the end records begin: no
 *   overlap, gap or hidden bytes; yauzl checks none of this;
 * - nothing is inflated, so there is no decompression to bound: bundles are
 *   written STORE-only, and bundle-structure.ts refuses any other method and
 *   any entry whose two sizes differ from the central directory alone, before
 *   a byte of data is read. This folder reads no zlib stream (zip-writer.ts
 *   uses zlib for CRC-32 only).
 * What yauzl checks that matters here is done too: zip64 records, one disk
 * only, a bounded entry count and directory size, encrypted entries and data
 * descriptors refused, names (more strictly, in bundle-structure.ts).
 */
import fs from 'node:fs/promises';
import {
  CENTRAL_HEADER_SIZE,
  END_SIZE,
  FLAG_DATA_DESCRIPTOR,
  FLAG_ENCRYPTED,
  LOCAL_HEADER_SIZE,
  MAX16,
  MAX32,
  SIG,
  ZIP64_END_SIZE,
  ZIP64_EXTRA_ID,
  ZIP64_LOCATOR_SIZE,
} from './zip-format';

export interface CentralEntry {
  index: number;
  rawName: Buffer;
  /** For reports: the name as UTF-8, or with `\xNN` escapes where it is not. */
  name: string;
  versionMadeBy: number;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  externalAttributes: number;
}

/** The file is not a well-formed zip; `reason` is a stable code, `entry` the offending name if any. */
export class ZipFormatError extends Error {
  constructor(
    readonly reason: string,
    readonly entry: string | null = null,
  ) {
    super(`zip: ${reason}${entry ? ` (${entry})` : ''}`);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** Bag names are short; with zip64 fields an entry's central header stays far below this. */
const MAX_CENTRAL_ENTRY_BYTES = 1024;

export function displayName(raw: Buffer): string {
  try {
    return UTF8.decode(raw);
  } catch {
    return [...raw].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
  }
}

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('size_out_of_range');
  return Number(v);
}

/** The zip64 extended-information fields present because their 32-bit slots hold 0xFFFFFFFF. */
function zip64Fields(extra: Buffer, want: { size: boolean; compressed: boolean; offset: boolean }, entry: string) {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const len = extra.readUInt16LE(at + 2);
    if (at + 4 + len > extra.length) throw new ZipFormatError('bad_extra_field', entry);
    if (id === ZIP64_EXTRA_ID) {
      const data = extra.subarray(at + 4, at + 4 + len);
      const out: { size?: number; compressed?: number; offset?: number } = {};
      let p = 0;
      for (const key of ['size', 'compressed', 'offset'] as const) {
        if (!want[key]) continue;
        if (p + 8 > data.length) throw new ZipFormatError('bad_extra_field', entry);
        out[key] = u64(data, p);
        p += 8;
      }
      return out;
    }
    at += 4 + len;
  }
  if (want.size || want.compressed || want.offset) throw new ZipFormatError('bad_extra_field', entry);
  return {};
}

/**
 * A zip read by random access through one file handle: the central
 * directory first (nothing is trusted from the local headers until they are
 * compared with it), then entry data by offset. Nothing is extracted.
 */
export class ZipFile {
  private constructor(
    private readonly fh: fs.FileHandle,
    readonly size: number,
  ) {}

  static async open(file: string): Promise<ZipFile> {
    const fh = await fs.open(file, 'r');
    try {
      const stat = await fh.stat();
      if (!stat.isFile()) throw new ZipFormatError('not_a_file');
      return new ZipFile(fh, stat.size);
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.fh.close();
  }

  async read(position: number, length: number, into?: Buffer): Promise<Buffer> {
    if (position < 0 || position + length > this.size) throw new ZipFormatError('truncated');
    const buf = into && into.length >= length ? into.subarray(0, length) : Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.fh.read(buf, done, length - done, position + done);
      if (bytesRead === 0) throw new ZipFormatError('truncated');
      done += bytesRead;
    }
    return buf;
  }

  /** Where the central directory is and how many entries it holds; refuses anything ambiguous. */
  private async locateCentralDirectory(): Promise<{ offset: number; size: number; count: number; end: number }> {
    if (this.size < END_SIZE) throw new ZipFormatError('too_small');
    const tailLength = Math.min(this.size, END_SIZE + MAX16);
    const tailStart = this.size - tailLength;
    const tail = await this.read(tailStart, tailLength);
    let at = -1;
    for (let i = tail.length - END_SIZE; i >= 0; i--) {
      if (tail.readUInt32LE(i) === SIG.end && tail.readUInt16LE(i + 20) === tail.length - i - END_SIZE) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new ZipFormatError('no_end_record');
    const endAt = tailStart + at;
    if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0) throw new ZipFormatError('multi_disk');
    let count = tail.readUInt16LE(at + 10);
    let size = tail.readUInt32LE(at + 12);
    let offset = tail.readUInt32LE(at + 16);
    if (tail.readUInt16LE(at + 8) !== count) throw new ZipFormatError('multi_disk');
    let cdEnd = endAt;
    if (count === MAX16 || size === MAX32 || offset === MAX32) {
      const locAt = endAt - ZIP64_LOCATOR_SIZE;
      if (locAt < 0) throw new ZipFormatError('bad_zip64_end');
      const loc = await this.read(locAt, ZIP64_LOCATOR_SIZE);
      if (loc.readUInt32LE(0) !== SIG.zip64Locator || loc.readUInt32LE(16) !== 1) throw new ZipFormatError('bad_zip64_end');
      const recAt = u64(loc, 8);
      if (recAt + ZIP64_END_SIZE !== locAt) throw new ZipFormatError('bad_zip64_end');
      const rec = await this.read(recAt, ZIP64_END_SIZE);
      if (rec.readUInt32LE(0) !== SIG.zip64End || u64(rec, 4) !== ZIP64_END_SIZE - 12) throw new ZipFormatError('bad_zip64_end');
      if (rec.readUInt32LE(16) !== 0 || rec.readUInt32LE(20) !== 0 || u64(rec, 24) !== u64(rec, 32)) throw new ZipFormatError('multi_disk');
      count = u64(rec, 32);
      size = u64(rec, 40);
      offset = u64(rec, 48);
      cdEnd = recAt;
    }
    // The directory must end exactly where the end records begin: no gaps where bytes could hide.
    if (offset + size !== cdEnd) throw new ZipFormatError('bad_central_directory');
    return { offset, size, count, end: cdEnd };
  }

  /** Every central directory entry, parsed and bounds-checked; `maxEntries` caps the work. */
  async centralDirectory(maxEntries: number): Promise<{ entries: CentralEntry[]; offset: number }> {
    const cd = await this.locateCentralDirectory();
    if (cd.count > maxEntries) throw new ZipFormatError('too_many_entries');
    // Read whole into memory, so bounded by what that many entries can need: a few hundred bytes each.
    if (cd.size > Math.max(64 * 1024, cd.count * MAX_CENTRAL_ENTRY_BYTES)) throw new ZipFormatError('bad_central_directory');
    const buf = await this.read(cd.offset, cd.size);
    const entries: CentralEntry[] = [];
    let at = 0;
    for (let index = 0; index < cd.count; index++) {
      if (at + CENTRAL_HEADER_SIZE > buf.length || buf.readUInt32LE(at) !== SIG.central) throw new ZipFormatError('bad_central_directory');
      const nameLength = buf.readUInt16LE(at + 28);
      const extraLength = buf.readUInt16LE(at + 30);
      const commentLength = buf.readUInt16LE(at + 32);
      const next = at + CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
      if (next > buf.length) throw new ZipFormatError('bad_central_directory');
      const rawName = Buffer.from(buf.subarray(at + CENTRAL_HEADER_SIZE, at + CENTRAL_HEADER_SIZE + nameLength));
      const name = displayName(rawName);
      if (buf.readUInt16LE(at + 34) !== 0) throw new ZipFormatError('multi_disk', name);
      let compressedSize = buf.readUInt32LE(at + 20);
      let size = buf.readUInt32LE(at + 24);
      let localHeaderOffset = buf.readUInt32LE(at + 42);
      const big = zip64Fields(
        buf.subarray(at + CENTRAL_HEADER_SIZE + nameLength, at + CENTRAL_HEADER_SIZE + nameLength + extraLength),
        { size: size === MAX32, compressed: compressedSize === MAX32, offset: localHeaderOffset === MAX32 },
        name,
      );
      size = big.size ?? size;
      compressedSize = big.compressed ?? compressedSize;
      localHeaderOffset = big.offset ?? localHeaderOffset;
      entries.push({
        index,
        rawName,
        name,
        versionMadeBy: buf.readUInt16LE(at + 4),
        flags: buf.readUInt16LE(at + 8),
        method: buf.readUInt16LE(at + 10),
        crc32: buf.readUInt32LE(at + 16),
        compressedSize,
        size,
        localHeaderOffset,
        externalAttributes: buf.readUInt32LE(at + 38),
      });
      at = next;
    }
    if (at !== buf.length) throw new ZipFormatError('bad_central_directory');
    return { entries, offset: cd.offset };
  }

  /**
   * Reads an entry's local header and returns where its data starts. The
   * header must agree with the central directory on name, method, flags,
   * CRC and sizes: a zip whose two views differ is refused, not interpreted.
   */
  async dataOffset(entry: CentralEntry): Promise<number> {
    const head = await this.read(entry.localHeaderOffset, LOCAL_HEADER_SIZE).catch(() => {
      throw new ZipFormatError('bad_local_header', entry.name);
    });
    if (head.readUInt32LE(0) !== SIG.local) throw new ZipFormatError('bad_local_header', entry.name);
    if (entry.flags & FLAG_ENCRYPTED) throw new ZipFormatError('encrypted', entry.name);
    if (entry.flags & FLAG_DATA_DESCRIPTOR) throw new ZipFormatError('data_descriptor', entry.name);
    const nameLength = head.readUInt16LE(26);
    const extraLength = head.readUInt16LE(28);
    const rest = await this.read(entry.localHeaderOffset + LOCAL_HEADER_SIZE, nameLength + extraLength).catch(() => {
      throw new ZipFormatError('bad_local_header', entry.name);
    });
    const mismatch =
      head.readUInt16LE(6) !== entry.flags ||
      head.readUInt16LE(8) !== entry.method ||
      head.readUInt32LE(14) !== entry.crc32 ||
      !rest.subarray(0, nameLength).equals(entry.rawName);
    if (mismatch) throw new ZipFormatError('local_header_mismatch', entry.name);
    let compressed = head.readUInt32LE(18);
    let size = head.readUInt32LE(22);
    const big = zip64Fields(rest.subarray(nameLength), { size: size === MAX32, compressed: compressed === MAX32, offset: false }, entry.name);
    size = big.size ?? size;
    compressed = big.compressed ?? compressed;
    if (size !== entry.size || compressed !== entry.compressedSize) throw new ZipFormatError('local_header_mismatch', entry.name);
    return entry.localHeaderOffset + LOCAL_HEADER_SIZE + nameLength + extraLength;
  }
}
