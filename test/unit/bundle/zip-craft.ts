import { createHash, type KeyObject } from 'node:crypto';
import zlib from 'node:zlib';
import { formatManifest, MANIFESTED_TAG_FILES, TAG_FILES } from '../../../electron/core/bundle/bagit';
import { signSshsig } from '../../../electron/core/bundle/sshsig';
import { ZipFile } from '../../../electron/core/bundle/zip-reader';

/**
 * Hand-made zips for the bad-bundle tests, written byte by byte here rather
 * than by the writer under test, so any header can lie.
 */
export interface CraftEntry {
  name: string | Buffer;
  data: Buffer;
  method?: number;
  /** CRC-32 of what the entry inflates to; defaults to the data's (right for stored entries). */
  crc?: number;
  /** What the headers declare; defaults to the data's length. */
  size?: number;
  compressedSize?: number;
  externalAttributes?: number;
  versionMadeBy?: number;
  flags?: number;
  /** Point the central directory at another entry's local header (overlap). */
  offsetOf?: number;
  /** Bytes slipped in before this entry's local header. */
  gapBefore?: Buffer;
}

export function craftZip(entries: CraftEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const e of entries) {
    if (e.gapBefore) {
      parts.push(e.gapBefore);
      offset += e.gapBefore.length;
    }
    const name = Buffer.isBuffer(e.name) ? e.name : Buffer.from(e.name, 'latin1');
    const size = e.size ?? e.data.length;
    const csize = e.compressedSize ?? e.data.length;
    const big = size >= 0xffffffff || csize >= 0xffffffff;
    const extra = big ? Buffer.alloc(20) : Buffer.alloc(0);
    if (big) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(csize), 12);
    }
    const crc = e.crc ?? zlib.crc32(e.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(big ? 45 : 20, 4);
    local.writeUInt16LE(e.flags ?? 0, 6);
    local.writeUInt16LE(e.method ?? 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(big ? 0xffffffff : csize, 18);
    local.writeUInt32LE(big ? 0xffffffff : size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    offsets.push(offset);
    const at = e.offsetOf !== undefined ? offsets[e.offsetOf]! : offset;
    if (e.offsetOf === undefined) {
      parts.push(local, name, extra, e.data);
      offset += 30 + name.length + extra.length + e.data.length;
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(e.versionMadeBy ?? (3 << 8) | 20, 4);
    c.writeUInt16LE(big ? 45 : 20, 6);
    c.writeUInt16LE(e.flags ?? 0, 8);
    c.writeUInt16LE(e.method ?? 0, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(big ? 0xffffffff : csize, 20);
    c.writeUInt32LE(big ? 0xffffffff : size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt16LE(extra.length, 30);
    c.writeUInt32LE((e.externalAttributes ?? 0o100644 << 16) >>> 0, 38);
    c.writeUInt32LE(at, 42);
    central.push(c, name, extra);
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

/** A zip's entries in order, read with the reader (tests of the reader itself use unzip). */
export async function entriesOf(file: string): Promise<CraftEntry[]> {
  const zip = await ZipFile.open(file);
  try {
    const { entries } = await zip.centralDirectory(100_000);
    const out: CraftEntry[] = [];
    for (const e of entries) out.push({ name: e.name, data: await zip.read(await zip.dataOffset(e), e.size) });
    return out;
  } finally {
    await zip.close();
  }
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const nameOf = (e: CraftEntry) => (Buffer.isBuffer(e.name) ? e.name.toString('latin1') : e.name);

export interface Signer {
  privateKey: KeyObject;
  publicBlob: Buffer;
}

/**
 * Rebuilds a bag's manifests and signature around edited payload: what a
 * forger with a trusted key (or a forger without one) would make.
 */
export function rebag(entries: CraftEntry[], signer: Signer, options: { namespace?: string; editBagInfo?: (text: string) => string } = {}): CraftEntry[] {
  const payload = entries.filter((e) => nameOf(e).startsWith('data/'));
  const bytes = payload.reduce((n, e) => n + e.data.length, 0);
  let bagInfo = entries.find((e) => nameOf(e) === TAG_FILES.bagInfo)!.data.toString('utf8').replace(/^Payload-Oxum: .*$/m, `Payload-Oxum: ${bytes}.${payload.length}`);
  bagInfo = options.editBagInfo?.(bagInfo) ?? bagInfo;
  const tags = new Map<string, Buffer>([
    [TAG_FILES.bagit, entries.find((e) => nameOf(e) === TAG_FILES.bagit)!.data],
    [TAG_FILES.bagInfo, Buffer.from(bagInfo)],
    [TAG_FILES.manifest, Buffer.from(formatManifest(payload.map((e) => [nameOf(e), sha256(e.data)])))],
  ]);
  const tagManifest = Buffer.from(formatManifest(MANIFESTED_TAG_FILES.map((n) => [n, sha256(tags.get(n)!)])));
  const signature = signSshsig(signer.privateKey, signer.publicBlob, options.namespace ?? 'hoan-bundle', tagManifest);
  return [
    ...[...tags].map(([name, data]) => ({ name, data })),
    { name: TAG_FILES.tagManifest, data: tagManifest },
    { name: TAG_FILES.signature, data: Buffer.from(signature) },
    ...payload,
  ];
}

/** Edits one record file's JSON `data`. */
export function editRecords(entries: CraftEntry[], file: string, edit: (data: Record<string, unknown[]>) => void): CraftEntry[] {
  return entries.map((e) => {
    if (nameOf(e) !== `data/records/${file}`) return e;
    const json = JSON.parse(e.data.toString('utf8')) as { data: Record<string, unknown[]> };
    edit(json.data);
    return { ...e, data: Buffer.from(JSON.stringify(json)) };
  });
}

export { nameOf };
