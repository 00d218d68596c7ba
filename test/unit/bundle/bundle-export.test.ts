import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportBundle, prepareExport, runExport } from '../../../electron/core/bundle/export-bundle';
import { keyFilePath, keyInfo } from '../../../electron/core/bundle/installation';
import type { KeyProtector } from '../../../electron/core/bundle/key-protector';
import { checkTarget, fileSystemOf, FAT_MAX_FILE_BYTES, refuseUnfit } from '../../../electron/core/bundle/target-folder';
import { openCore } from '../../../electron/core/core';
import { evidenceFilePath } from '../../../electron/core/evidence/evidence-store';
import { refusal } from '../helpers/thrown';
import { tempDirs } from '../helpers/temp-dir';
import { installation, populatedSite, type PopulatedSite, type World } from './bundle-world';

const dirs = tempDirs('hoan-bundle-export-');
let site: World;
let seeded: PopulatedSite;
let usb: string;

beforeEach(async () => {
  site = installation(dirs.make(), 'Site PC', '山田');
  seeded = await populatedSite(site);
  usb = dirs.make();
});
afterEach(() => {
  if (site.core.db.open) site.core.close();
  dirs.cleanup();
});


describe('export to removable media', () => {
  it('cancelled half-way, leaves nothing in the folder: no partial file, nothing under the final name', async () => {
    const controller = new AbortController();
    let seen = 0;
    const prepared = await prepareExport(site.core, seeded.site.id, usb);
    const err = await refusal(
      runExport(site.core, prepared, {
        signal: controller.signal,
        onBytes: (n) => {
          seen += n;
          if (seen > 1000) controller.abort();
        },
      }),
    );
    expect(err.messageKey).toBe('bundle.errors.cancelled');
    expect(fs.readdirSync(usb)).toEqual([]);
    expect(site.core.db.prepare('SELECT count(*) AS n FROM bundles').get()).toEqual({ n: 0 });
  });

  it('cancelled while reading back, removes the written file too', async () => {
    const controller = new AbortController();
    const phases: string[] = [];
    const prepared = await prepareExport(site.core, seeded.site.id, usb);
    const run = runExport(site.core, prepared, {
      signal: controller.signal,
      onPhase: (p) => {
        phases.push(p);
        if (p === 'reading_back') controller.abort();
      },
    });
    expect((await refusal(run)).messageKey).toBe('bundle.errors.cancelled');
    expect(phases).toEqual(['writing', 'syncing', 'reading_back']);
    expect(fs.readdirSync(usb)).toEqual([]);
  });

  it('refuses a relative, missing or non-folder target before writing anything', async () => {
    expect((await refusal(exportBundle(site.core, seeded.site.id, 'usb'))).messageKey).toBe('bundle.errors.targetNotAbsolute');
    expect((await refusal(exportBundle(site.core, seeded.site.id, path.join(usb, 'nope')))).messageKey).toBe('bundle.errors.targetMissing');
    fs.writeFileSync(path.join(usb, 'file'), 'x');
    expect((await refusal(exportBundle(site.core, seeded.site.id, path.join(usb, 'file')))).messageKey).toBe('bundle.errors.targetNotDirectory');
    expect(fs.readdirSync(usb)).toEqual(['file']);
  });

  it('refuses an evidence file that no longer matches its hash, and leaves nothing', async () => {
    const file = evidenceFilePath(site.core.dataDir, seeded.evidence[0]!);
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, Buffer.alloc(300_000, 8));
    const err = await refusal(exportBundle(site.core, seeded.site.id, usb));
    expect(err).toMatchObject({ code: 'io', messageKey: 'bundle.errors.evidenceDamaged', params: { sha256: seeded.evidence[0] } });
    expect(fs.readdirSync(usb)).toEqual([]);
  });

  it('judges the medium: FAT32 cannot hold 4 GiB, and too little space is refused with the sizes', () => {
    expect(() => refuseUnfit(FAT_MAX_FILE_BYTES + 1, 'vfat', 100 * 1024 ** 3)).toThrow(expect.objectContaining({ messageKey: 'bundle.errors.fatTooLarge', params: { fs: 'VFAT', sizeMb: 4096 } }));
    expect(() => refuseUnfit(FAT_MAX_FILE_BYTES + 1, 'exfat', 100 * 1024 ** 3)).not.toThrow();
    expect(() => refuseUnfit(FAT_MAX_FILE_BYTES, 'vfat', 100 * 1024 ** 3)).not.toThrow();
    expect(() => refuseUnfit(10 * 1024 * 1024, 'ext4', 5 * 1024 * 1024)).toThrow(expect.objectContaining({ messageKey: 'bundle.errors.noSpace', params: { needMb: 11, freeMb: 5 } }));
  });

  it('finds the file system of a folder from mountinfo, the deepest mount winning', async () => {
    const mountinfo = [
      '22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw',
      '40 22 8:17 / /media/usb rw,nosuid - vfat /dev/sdb1 rw,uid=1000',
      '41 22 8:33 / /media/usb\\040stick rw - exfat /dev/sdc1 rw',
    ].join('\n');
    expect(await fileSystemOf('/media/usb/bundles', 'linux', mountinfo)).toBe('vfat');
    expect(await fileSystemOf('/media/usb stick', 'linux', mountinfo)).toBe('exfat');
    expect(await fileSystemOf('/media/usb2', 'linux', mountinfo)).toBe('ext4');
    expect((await checkTarget(usb, 1024)).dir).toBe(fs.realpathSync(usb));
  });
});

describe('the installation key', () => {
  it('is made on first run, owner-only, and shown as ssh-keygen would', () => {
    const info = keyInfo(site.core.db, site.core.dataDir);
    expect(info).toMatchObject({ name: 'Site PC', protection: 'file', fingerprint: expect.stringMatching(/^SHA256:/) });
    expect(info.allowedSigners).toMatch(/^hoan-[0-9a-f-]{36} namespaces="hoan-bundle" ssh-ed25519 AAAA\S+ Site PC$/);
    expect(fs.statSync(keyFilePath(site.core.dataDir)).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(keyFilePath(site.core.dataDir), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('is sealed by the host’s protector where there is one; without it, signing is refused clearly', async () => {
    const dir = dirs.make();
    const protector: KeyProtector = { name: 'test-xor', encrypt: (b) => Buffer.from(b.map((x) => x ^ 0x5a)), decrypt: (b) => Buffer.from(b.map((x) => x ^ 0x5a)) };
    const sealed = openCore({ dataDir: dir, keyProtector: protector });
    try {
      expect(keyInfo(sealed.db, dir).protection).toBe('os');
      expect(fs.readFileSync(keyFilePath(dir), 'utf8')).not.toContain('PRIVATE KEY');
    } finally {
      sealed.close();
    }
    const world = installation(dir, 'Office', '田中');
    try {
      const s = await populatedSite(world);
      expect((await refusal(exportBundle(world.core, s.site.id, usb))).messageKey).toBe('bundle.errors.keyProtected');
      expect(fs.readdirSync(usb)).toEqual([]);
    } finally {
      world.core.close();
    }
  });
});
