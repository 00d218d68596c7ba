import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectLinuxDrives, parseMountInfo } from '../../../electron/core/media/drives/linux';
import { parseDiskutilList, parsePlist } from '../../../electron/core/media/drives/macos';
import { parseWindowsDrives } from '../../../electron/core/media/drives/windows';
import { detectDrives } from '../../../electron/core/media/drives/detect';
import { buildManifest } from '../../../electron/core/media/manifest';
import { DEFAULT_MANIFEST_LIMITS } from '../../../electron/core/media/media-schema';
import { clamavProfile } from '../../../electron/core/media/scanners/clamav';
import { runScanner } from '../../../electron/core/media/scanners/run-scanner';
import { tempDirs } from '../helpers/temp-dir';
import { TEST_MALWARE, TEST_SIGNATURE, writeMedium, writeSignatureDb } from './media-fixture';

const dirs = tempDirs('hoan-drives-');
afterEach(() => dirs.cleanup());

const MOUNTINFO = [
  '22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw,errors=remount-ro',
  '29 22 0:26 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw',
  '35 22 0:30 / /run rw,nosuid,nodev,noexec,relatime shared:13 - tmpfs tmpfs rw,size=1617916k,mode=755',
  '120 22 8:17 / /media/operator/USB\\040STICK rw,nosuid,nodev,relatime shared:70 - vfat /dev/sdb1 rw,fmask=0022,dmask=0022,codepage=437,iocharset=utf8,shortname=mixed,errors=remount-ro',
  '121 22 179:1 / /media/operator/SD rw,nosuid,nodev,relatime shared:71 - exfat /dev/mmcblk0p1 rw,fmask=0022',
  '122 22 8:33 / /media/operator/BACKUP rw,nosuid,nodev,relatime shared:72 - ntfs3 /dev/sdc1 rw,uid=1000',
  '123 120 8:17 /sub /mnt/bind rw,relatime shared:70 - vfat /dev/sdb1 rw',
  '',
].join('\n');

/** A root with /proc and /sys shaped like a laptop with a USB stick, an SD card and a USB disk plugged in. */
function fakeRoot(): string {
  const root = dirs.make();
  const put = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  put('proc/self/mountinfo', MOUNTINFO);
  const disk = (name: string, device: string, removable: string, parts: Record<string, number>) => {
    const dev = `sys/devices/${device}/block/${name}`;
    put(`${dev}/removable`, `${removable}\n`);
    fs.mkdirSync(path.join(root, 'sys/block'), { recursive: true });
    fs.symlinkSync(path.join(root, dev), path.join(root, 'sys/block', name));
    for (const [part, sectors] of Object.entries(parts)) {
      put(`${dev}/${part}/partition`, '1\n');
      put(`${dev}/${part}/size`, `${sectors}\n`);
      fs.mkdirSync(path.join(root, 'sys/class/block'), { recursive: true });
      fs.symlinkSync(path.join(root, dev, part), path.join(root, 'sys/class/block', part));
    }
  };
  disk('sda', 'pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0', '0', { sda2: 500_000_000 });
  disk('sdb', 'pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host1/target1:0:0/1:0:0:0', '1', { sdb1: 60_000_000 });
  disk('mmcblk0', 'platform/soc/mmc_host/mmc0/mmc0:aaaa', '1', { mmcblk0p1: 62_333_952 });
  disk('sdc', 'pci0000:00/0000:00:14.0/usb3/3-2/3-2:1.0/host2/target2:0:0/2:0:0:0', '0', { sdc1: 1_953_521_664 });
  fs.mkdirSync(path.join(root, 'dev/disk/by-label'), { recursive: true });
  fs.symlinkSync('../../sdb1', path.join(root, 'dev/disk/by-label/USB\\x20STICK'));
  fs.mkdirSync(path.join(root, 'dev/disk/by-uuid'), { recursive: true });
  fs.symlinkSync('../../sdb1', path.join(root, 'dev/disk/by-uuid/4A1B-2C3D'));
  return root;
}

describe('Linux: /proc/self/mountinfo and /sys/block/*/removable', () => {
  it('parses mountinfo, unescaping mount points', () => {
    expect(parseMountInfo(MOUNTINFO)[3]).toEqual({ mountPoint: '/media/operator/USB STICK', fsType: 'vfat', source: '/dev/sdb1' });
    expect(parseMountInfo('garbage\n1 2 3\n')).toEqual([]);
  });

  it('lists removable disks and disks on a USB bus, each device once, never the internal disk', () => {
    expect(detectLinuxDrives(fakeRoot())).toEqual([
      { path: '/media/operator/USB STICK', label: 'USB STICK', device: '/dev/sdb1', fileSystem: 'vfat', sizeBytes: 60_000_000 * 512, serial: '4A1B-2C3D' },
      { path: '/media/operator/SD', label: '', device: '/dev/mmcblk0p1', fileSystem: 'exfat', sizeBytes: 62_333_952 * 512, serial: '' },
      { path: '/media/operator/BACKUP', label: '', device: '/dev/sdc1', fileSystem: 'ntfs3', sizeBytes: 1_953_521_664 * 512, serial: '' },
    ]);
  });

  it('on this machine: returns a list or an error, never throws', async () => {
    const result = await detectDrives();
    expect(result.platform).toBe(process.platform === 'linux' ? 'linux' : result.platform);
    expect(Array.isArray(result.drives)).toBe(true);
  });
});

describe('Windows: removable volumes from CIM as JSON', () => {
  it('one drive (an object) or several (an array)', () => {
    const one = '{"DeviceID":"E:","VolumeName":"KIOXIA","VolumeSerialNumber":"5C3A1E07","FileSystem":"FAT32","Size":31037849600,"DriveType":2}';
    expect(parseWindowsDrives(one)).toEqual([{ path: 'E:\\', label: 'KIOXIA', device: 'E:', fileSystem: 'FAT32', sizeBytes: 31037849600, serial: '5C3A1E07' }]);
    const many = '\uFEFF[{"DeviceID":"E:","VolumeName":"","VolumeSerialNumber":"5C3A1E07","FileSystem":"exFAT","Size":null,"DriveType":2},{"DeviceID":"F:","VolumeName":"バックアップ","VolumeSerialNumber":"9E0F11AA","FileSystem":"NTFS","Size":2000263573504,"DriveType":3}]';
    expect(parseWindowsDrives(many).map((d) => [d.path, d.label, d.sizeBytes])).toEqual([['E:\\', '', null], ['F:\\', 'バックアップ', 2000263573504]]);
    expect(parseWindowsDrives('')).toEqual([]);
  });
});

describe('macOS: diskutil list -plist external physical', () => {
  const PLIST = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>AllDisks</key>
	<array><string>disk4</string><string>disk4s1</string></array>
	<key>AllDisksAndPartitions</key>
	<array>
		<dict>
			<key>Content</key><string>FDisk_partition_scheme</string>
			<key>DeviceIdentifier</key><string>disk4</string>
			<key>OSInternal</key><false/>
			<key>Partitions</key>
			<array>
				<dict>
					<key>Content</key><string>Windows_FAT_32</string>
					<key>DeviceIdentifier</key><string>disk4s1</string>
					<key>MountPoint</key><string>/Volumes/USB &amp; DATA</string>
					<key>Size</key><integer>31037849600</integer>
					<key>VolumeName</key><string>USB &amp; DATA</string>
					<key>VolumeUUID</key><string>0F5E2A31-1B4C-3D2E-9F10-ABCDEF012345</string>
				</dict>
				<dict>
					<key>Content</key><string>EFI</string>
					<key>DeviceIdentifier</key><string>disk4s2</string>
					<key>Size</key><integer>209715200</integer>
				</dict>
			</array>
			<key>Size</key><integer>31037849600</integer>
		</dict>
	</array>
	<key>VolumesFromDisks</key>
	<array><string>USB &amp; DATA</string></array>
</dict>
</plist>`;

  it('lists mounted volumes of external disks', () => {
    expect(parseDiskutilList(PLIST)).toEqual([
      { path: '/Volumes/USB & DATA', label: 'USB & DATA', device: '/dev/disk4s1', fileSystem: 'Windows_FAT_32', sizeBytes: 31037849600, serial: '0F5E2A31-1B4C-3D2E-9F10-ABCDEF012345' },
    ]);
  });

  it('parses plist values and refuses broken input', () => {
    expect(parsePlist('<plist><dict><key>a</key><array><integer>1</integer><true/><string/></array></dict></plist>')).toEqual({ a: [1, true, ''] });
    expect(() => parsePlist('<plist><dict><string>x</string></dict></plist>')).toThrow();
  });
});

/** A real filesystem image mounted through a loop device, where the machine allows it (root, CAP_SYS_ADMIN). */
function mountImage(content: string): { mountPoint: string; unmount(): void } | string {
  const dir = dirs.make();
  const image = path.join(dir, 'usb.img');
  const mountPoint = path.join(dir, 'mnt');
  fs.mkdirSync(mountPoint);
  try {
    fs.writeFileSync(image, Buffer.alloc(8 * 1024 * 1024));
    execFileSync('mkfs.ext4', ['-q', '-F', '-d', content, image], { stdio: 'pipe' });
  } catch (err) {
    return `cannot make an ext4 image here (${(err as Error).message.split('\n')[0]})`;
  }
  try {
    execFileSync('mount', ['-o', 'loop,ro', image, mountPoint], { stdio: 'pipe' });
  } catch (err) {
    return `loop mount not allowed here (${(err as Error).message.split('\n')[0]})`;
  }
  return { mountPoint, unmount: () => execFileSync('umount', [mountPoint], { stdio: 'pipe' }) };
}

describe('a loop-mounted image', () => {
  it('is seen in mountinfo, not taken for a removable drive, and scanned and listed like a medium', async (ctx) => {
    const content = writeMedium(dirs.make(), { 'docs/手順書.txt': '手順', 'tools/update.exe': TEST_MALWARE });
    const mounted = mountImage(content);
    if (typeof mounted === 'string') {
      console.log(`[skipped] loop-mounted image: ${mounted}`);
      ctx.skip();
      return;
    }
    try {
      const mount = parseMountInfo(fs.readFileSync('/proc/self/mountinfo', 'utf8')).find((m) => m.mountPoint === mounted.mountPoint);
      expect(mount).toMatchObject({ fsType: 'ext4', source: expect.stringMatching(/^\/dev\/loop\d+$/) });
      // A loop device reports removable=0 and sits on no USB bus.
      expect(detectLinuxDrives().map((d) => d.path)).not.toContain(mounted.mountPoint);

      const manifest = await buildManifest(mounted.mountPoint, DEFAULT_MANIFEST_LIMITS, new Date());
      expect(manifest.files.map((f) => f.path)).toEqual(['docs/手順書.txt', 'tools/update.exe']);
      const run = await runScanner({
        profile: clamavProfile,
        executable: 'clamscan',
        database: writeSignatureDb(dirs.make()),
        target: mounted.mountPoint,
        timeoutMs: 60_000,
      });
      expect(run.parsed.result).toBe('infected');
      expect(run.parsed.detections).toEqual([{ file: path.join(mounted.mountPoint, 'tools/update.exe'), name: `${TEST_SIGNATURE}.UNOFFICIAL` }]);
    } finally {
      mounted.unmount();
    }
  });
});
