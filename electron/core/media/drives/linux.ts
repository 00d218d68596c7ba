import fs from 'node:fs';
import path from 'node:path';
import type { DetectedDrive } from '../media-types';

export interface MountInfo {
  mountPoint: string;
  fsType: string;
  source: string;
}

/** `\040` and friends: mountinfo escapes spaces, tabs, newlines and backslashes in octal. */
function unescapeOctal(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/**
 * /proc/self/mountinfo: `id parent major:minor root mountpoint options [optional…] - fstype source superoptions`.
 */
export function parseMountInfo(text: string): MountInfo[] {
  const mounts: MountInfo[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(' ');
    const dash = fields.indexOf('-');
    if (dash < 6 || fields.length < dash + 3) continue;
    mounts.push({ mountPoint: unescapeOctal(fields[4]!), fsType: fields[dash + 1]!, source: unescapeOctal(fields[dash + 2]!) });
  }
  return mounts;
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/** The whole disk a block device belongs to: `sdb1` → `sdb`, `mmcblk0p1` → `mmcblk0`. */
function diskOf(sys: string, dev: string): string {
  try {
    const real = fs.realpathSync(path.join(sys, 'class', 'block', dev));
    return fs.existsSync(path.join(real, 'partition')) ? path.basename(path.dirname(real)) : dev;
  } catch {
    return dev;
  }
}

/** Names under /dev/disk/by-label or by-uuid that point at the device. */
function linkNameFor(root: string, folder: string, dev: string): string {
  const dir = path.join(root, 'dev', 'disk', folder);
  try {
    for (const name of fs.readdirSync(dir)) {
      const target = fs.readlinkSync(path.join(dir, name));
      if (path.basename(target) === dev) return unescapeHex(name);
    }
  } catch {
    // No such folder: no labels known.
  }
  return '';
}

/** udev writes spaces in label links as `\x20`. */
function unescapeHex(s: string): string {
  return s.replace(/\\x([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Removable drives: mounts of /dev block devices whose disk says it is
 * removable (/sys/block/<disk>/removable = 1; SD cards and most USB sticks)
 * or hangs off a USB bus (USB disks often report 0). `root` is `/`, except
 * in tests.
 */
export function detectLinuxDrives(root = '/'): DetectedDrive[] {
  const mountinfo = readText(path.join(root, 'proc', 'self', 'mountinfo'));
  if (mountinfo === null) throw new Error('mountinfo unreadable');
  const sys = path.join(root, 'sys');
  const drives: DetectedDrive[] = [];
  const seen = new Set<string>();
  for (const m of parseMountInfo(mountinfo)) {
    if (!m.source.startsWith('/dev/') || seen.has(m.source)) continue;
    const dev = path.basename(m.source);
    const disk = diskOf(sys, dev);
    const removable = readText(path.join(sys, 'block', disk, 'removable')) === '1';
    let onUsb = false;
    try {
      onUsb = fs.realpathSync(path.join(sys, 'block', disk)).includes('/usb');
    } catch {
      onUsb = false;
    }
    if (!removable && !onUsb) continue;
    seen.add(m.source);
    const sectors = Number(readText(path.join(sys, 'class', 'block', dev, 'size')));
    drives.push({
      path: m.mountPoint,
      label: linkNameFor(root, 'by-label', dev),
      device: m.source,
      fileSystem: m.fsType,
      sizeBytes: Number.isFinite(sectors) && sectors > 0 ? sectors * 512 : null,
      serial: linkNameFor(root, 'by-uuid', dev),
    });
  }
  return drives;
}
