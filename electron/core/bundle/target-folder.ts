import fs from 'node:fs';
import path from 'node:path';
import { HoanError } from '../errors';
import { detectDrives } from '../media/drives/detect';
import { parseMountInfo } from '../media/drives/linux';

/** FAT file systems hold files up to 4 GiB - 1 byte; exFAT and NTFS do not have that limit. */
export const FAT_MAX_FILE_BYTES = 4 * 1024 ** 3 - 1;
const FAT_TYPES = new Set(['vfat', 'msdos', 'fat', 'fat12', 'fat16', 'fat32', 'umsdos']);
const MSDOS_SUPER_MAGIC = 0x4d44;
/** Room left beside the bundle: the OS and its journal need some too. */
const MARGIN_BYTES = 1024 * 1024;

export interface TargetInfo {
  dir: string;
  fileSystem: string | null;
  freeBytes: number;
}

/** The file system type holding `dir`: mountinfo on Linux, the drive list elsewhere; null when unknown. */
export async function fileSystemOf(dir: string, platform: NodeJS.Platform = process.platform, mountinfo?: string): Promise<string | null> {
  if (platform === 'linux') {
    let text = mountinfo;
    try {
      text ??= fs.readFileSync('/proc/self/mountinfo', 'utf8');
    } catch {
      return null;
    }
    const mounts = parseMountInfo(text).filter((m) => dir === m.mountPoint || dir.startsWith(m.mountPoint.endsWith('/') ? m.mountPoint : `${m.mountPoint}/`));
    // The last of the longest matches: later mounts hide earlier ones at the same point.
    const best = mounts.reduce<(typeof mounts)[number] | null>((b, m) => (!b || m.mountPoint.length >= b.mountPoint.length ? m : b), null);
    return best?.fsType.toLowerCase() ?? null;
  }
  const { drives } = await detectDrives(platform);
  const fold = (p: string) => (platform === 'win32' ? p.toLowerCase() : p);
  const drive = drives.find((d) => fold(dir).startsWith(fold(d.path)));
  return drive?.fileSystem.toLowerCase() || null;
}

export const MB = (n: number) => Math.ceil(n / (1024 * 1024));

/**
 * The folder a bundle is written to (a USB stick's root, or any folder the
 * user typed): absolute, existing, writable, with room, and on a file system
 * that can hold a file this size. Refused before anything is written.
 */
export async function checkTarget(input: string, bytes: number): Promise<TargetInfo> {
  if (!path.isAbsolute(input)) throw new HoanError('validation', 'bundle.errors.targetNotAbsolute', { path: input });
  let dir: string;
  try {
    dir = fs.realpathSync(input);
  } catch {
    throw new HoanError('validation', 'bundle.errors.targetMissing', { path: input });
  }
  if (!fs.statSync(dir).isDirectory()) throw new HoanError('validation', 'bundle.errors.targetNotDirectory', { path: input });
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new HoanError('validation', 'bundle.errors.targetNotWritable', { path: input });
  }
  const stats = await fs.promises.statfs(dir);
  const freeBytes = stats.bavail * stats.bsize;
  const fileSystem = (await fileSystemOf(dir)) ?? (stats.type === MSDOS_SUPER_MAGIC ? 'vfat' : null);
  refuseUnfit(bytes, fileSystem, freeBytes);
  return { dir, fileSystem, freeBytes };
}

/** FAT's 4 GiB file limit first (more room would not help), then free space. */
export function refuseUnfit(bytes: number, fileSystem: string | null, freeBytes: number): void {
  if (fileSystem && FAT_TYPES.has(fileSystem) && bytes > FAT_MAX_FILE_BYTES) {
    throw new HoanError('validation', 'bundle.errors.fatTooLarge', { fs: fileSystem.toUpperCase(), sizeMb: MB(bytes) });
  }
  if (freeBytes < bytes + MARGIN_BYTES) {
    throw new HoanError('validation', 'bundle.errors.noSpace', { needMb: MB(bytes + MARGIN_BYTES), freeMb: Math.floor(freeBytes / 1048576) });
  }
}
