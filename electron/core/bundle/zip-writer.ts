import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import {
  CENTRAL_HEADER_SIZE,
  dosDateTime,
  LOCAL_HEADER_SIZE,
  MADE_BY_UNIX,
  MAX16,
  MAX32,
  METHOD_STORE,
  REGULAR_FILE_MODE,
  SIG,
  VERSION_PLAIN,
  VERSION_ZIP64,
  ZIP64_EXTRA_ID,
} from './zip-format';

interface Written {
  name: Buffer;
  crc32: number;
  size: number;
  offset: number;
  zip64: boolean;
}

export interface ZipWriterOptions {
  /** Timestamp of every entry. */
  modified: Date;
  /** The zone its wall clock is written in (zip-format.ts: dosDateTime). */
  timeZone: string;
  /** `always` writes zip64 fields even for small entries: tests use it to prove readers cope. */
  zip64?: 'auto' | 'always';
}

/** Bytes flow through here as they are written; a bundle hashes its payload on the way. */
export type ChunkSink = (chunk: Buffer) => void;

const ASCII_NAME = /^[\x21-\x7e]+$/;

/**
 * A minimal zip writer: uncompressed (STORE) entries only, zip64 when sizes,
 * offsets or the entry count need it. Each entry's size is known before its
 * bytes are written; the CRC-32 is patched into its local header afterwards,
 * so no data descriptors are needed and every reader finds sizes up front.
 */
export class ZipWriter {
  private offset = 0;
  private readonly written: Written[] = [];
  private readonly stamp: { date: number; time: number };

  private constructor(
    private readonly fh: fs.FileHandle,
    private readonly options: ZipWriterOptions,
  ) {
    this.stamp = dosDateTime(options.modified, options.timeZone);
  }

  /** Creates `file`; refuses to overwrite one that exists. */
  static async create(file: string, options: ZipWriterOptions): Promise<ZipWriter> {
    return new ZipWriter(await fs.open(file, 'wx', 0o644), options);
  }

  get bytesWritten(): number {
    return this.offset;
  }

  private async write(buf: Buffer, position = this.offset): Promise<void> {
    let done = 0;
    while (done < buf.length) {
      const { bytesWritten } = await this.fh.write(buf, done, buf.length - done, position + done);
      done += bytesWritten;
    }
    if (position === this.offset) this.offset += buf.length;
  }

  private localHeader(name: Buffer, size: number, zip64: boolean): Buffer {
    const extra = zip64 ? 20 : 0;
    const h = Buffer.alloc(LOCAL_HEADER_SIZE + name.length + extra);
    h.writeUInt32LE(SIG.local, 0);
    h.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION_PLAIN, 4);
    h.writeUInt16LE(0, 6);
    h.writeUInt16LE(METHOD_STORE, 8);
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    h.writeUInt32LE(0, 14);
    h.writeUInt32LE(zip64 ? MAX32 : size, 18);
    h.writeUInt32LE(zip64 ? MAX32 : size, 22);
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(extra, 28);
    name.copy(h, LOCAL_HEADER_SIZE);
    if (zip64) {
      const e = LOCAL_HEADER_SIZE + name.length;
      h.writeUInt16LE(ZIP64_EXTRA_ID, e);
      h.writeUInt16LE(16, e + 2);
      h.writeBigUInt64LE(BigInt(size), e + 4);
      h.writeBigUInt64LE(BigInt(size), e + 12);
    }
    return h;
  }

  private begin(name: string, size: number): { nameBytes: Buffer; zip64: boolean; headerAt: number } {
    if (!ASCII_NAME.test(name)) throw new Error(`zip entry names are printable ASCII: ${JSON.stringify(name)}`);
    const zip64 = this.options.zip64 === 'always' || size >= MAX32;
    return { nameBytes: Buffer.from(name, 'ascii'), zip64, headerAt: this.offset };
  }

  private async end(entry: { nameBytes: Buffer; zip64: boolean; headerAt: number }, crc32: number, size: number): Promise<void> {
    const crc = Buffer.alloc(4);
    crc.writeUInt32LE(crc32 >>> 0);
    await this.write(crc, entry.headerAt + 14);
    this.written.push({ name: entry.nameBytes, crc32, size, offset: entry.headerAt, zip64: entry.zip64 });
  }

  async addBuffer(name: string, data: Buffer): Promise<void> {
    const entry = this.begin(name, data.length);
    await this.write(this.localHeader(entry.nameBytes, data.length, entry.zip64));
    await this.write(data);
    await this.end(entry, zlib.crc32(data), data.length);
  }

  /**
   * Streams `size` bytes from `source` (a file being read in chunks) into the
   * entry; `pull` returns the next chunk or null at its end. A source that
   * gives more or fewer bytes than announced is refused.
   */
  async addStream(name: string, size: number, pull: () => Promise<Buffer | null>, sink?: ChunkSink): Promise<void> {
    const entry = this.begin(name, size);
    await this.write(this.localHeader(entry.nameBytes, size, entry.zip64));
    let crc = 0;
    let copied = 0;
    for (let chunk = await pull(); chunk !== null; chunk = await pull()) {
      copied += chunk.length;
      if (copied > size) throw new Error(`${name}: longer than ${size} bytes`);
      crc = zlib.crc32(chunk, crc);
      sink?.(chunk);
      await this.write(chunk);
    }
    if (copied !== size) throw new Error(`${name}: ${copied} bytes, expected ${size}`);
    await this.end(entry, crc, size);
  }

  private centralHeader(w: Written): Buffer {
    const always = this.options.zip64 === 'always';
    const bigSize = w.size >= MAX32 || always;
    const bigOffset = w.offset >= MAX32 || always;
    const extraFields = (bigSize ? 2 : 0) + (bigOffset ? 1 : 0);
    const extra = extraFields > 0 ? 4 + 8 * extraFields : 0;
    const h = Buffer.alloc(CENTRAL_HEADER_SIZE + w.name.length + extra);
    h.writeUInt32LE(SIG.central, 0);
    h.writeUInt16LE((MADE_BY_UNIX << 8) | VERSION_ZIP64, 4);
    h.writeUInt16LE(w.zip64 || bigOffset ? VERSION_ZIP64 : VERSION_PLAIN, 6);
    h.writeUInt16LE(0, 8);
    h.writeUInt16LE(METHOD_STORE, 10);
    h.writeUInt16LE(this.stamp.time, 12);
    h.writeUInt16LE(this.stamp.date, 14);
    h.writeUInt32LE(w.crc32 >>> 0, 16);
    h.writeUInt32LE(bigSize ? MAX32 : w.size, 20);
    h.writeUInt32LE(bigSize ? MAX32 : w.size, 24);
    h.writeUInt16LE(w.name.length, 28);
    h.writeUInt16LE(extra, 30);
    h.writeUInt32LE((REGULAR_FILE_MODE << 16) >>> 0, 38);
    h.writeUInt32LE(bigOffset ? MAX32 : w.offset, 42);
    w.name.copy(h, CENTRAL_HEADER_SIZE);
    if (extra > 0) {
      let e = CENTRAL_HEADER_SIZE + w.name.length;
      h.writeUInt16LE(ZIP64_EXTRA_ID, e);
      h.writeUInt16LE(extra - 4, e + 2);
      e += 4;
      if (bigSize) {
        h.writeBigUInt64LE(BigInt(w.size), e);
        h.writeBigUInt64LE(BigInt(w.size), e + 8);
        e += 16;
      }
      if (bigOffset) h.writeBigUInt64LE(BigInt(w.offset), e);
    }
    return h;
  }

  /** Writes the central directory and end records. The file is complete but not yet synced. */
  async finish(): Promise<number> {
    const cdOffset = this.offset;
    const headers = Buffer.concat(this.written.map((w) => this.centralHeader(w)));
    await this.write(headers);
    const count = this.written.length;
    const needZip64 = this.options.zip64 === 'always' || count >= MAX16 || cdOffset >= MAX32 || headers.length >= MAX32;
    if (needZip64) {
      const zip64EndAt = this.offset;
      const rec = Buffer.alloc(56 + 20);
      rec.writeUInt32LE(SIG.zip64End, 0);
      rec.writeBigUInt64LE(44n, 4);
      rec.writeUInt16LE((MADE_BY_UNIX << 8) | VERSION_ZIP64, 12);
      rec.writeUInt16LE(VERSION_ZIP64, 14);
      rec.writeBigUInt64LE(BigInt(count), 24);
      rec.writeBigUInt64LE(BigInt(count), 32);
      rec.writeBigUInt64LE(BigInt(headers.length), 40);
      rec.writeBigUInt64LE(BigInt(cdOffset), 48);
      rec.writeUInt32LE(SIG.zip64Locator, 56);
      rec.writeBigUInt64LE(BigInt(zip64EndAt), 64);
      rec.writeUInt32LE(1, 72);
      await this.write(rec);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(SIG.end, 0);
    end.writeUInt16LE(needZip64 ? MAX16 : count, 8);
    end.writeUInt16LE(needZip64 ? MAX16 : count, 10);
    end.writeUInt32LE(needZip64 ? MAX32 : headers.length, 12);
    end.writeUInt32LE(needZip64 ? MAX32 : cdOffset, 16);
    await this.write(end);
    return this.offset;
  }

  async sync(): Promise<void> {
    await this.fh.sync();
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}
