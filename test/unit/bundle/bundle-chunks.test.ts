import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_BYTES } from '../../../electron/core/bundle/entry-io';
import { exportBundle, prepareExport, runExport } from '../../../electron/core/bundle/export-bundle';
import { getInstallation } from '../../../electron/core/bundle/installation';
import { verifyBundle } from '../../../electron/core/bundle/verify-bundle';
import { ZipFile } from '../../../electron/core/bundle/zip-reader';
import { attachEvidence } from '../../../electron/core/checklist/item-repository';
import { refusal } from '../helpers/thrown';
import { tempDirs } from '../helpers/temp-dir';
import { installation, populatedSite, storeBytes, type PopulatedSite, type World } from './bundle-world';

const dirs = tempDirs('hoan-bundle-chunks-');
let site: World;
let seeded: PopulatedSite;
let usb: string;
/** Three read chunks and a bit, every byte different from its neighbours: a chunk hashed twice or skipped shows. */
const BIG = Buffer.from(Array.from({ length: 3 * CHUNK_BYTES + 12_345 }, (_, i) => (i * 2654435761) >>> 24));
const bigName = `data/evidence/${createHash('sha256').update(BIG).digest('hex')}`;

beforeEach(async () => {
  site = installation(dirs.make(), 'Site PC', '山田');
  seeded = await populatedSite(site);
  const sha256 = await storeBytes(site.core, BIG, 'plc-backup.bin');
  attachEvidence(site.core.db, seeded.roundId, '2-1', { sha256, name: 'plc-backup.bin' }, '山田', site.core.now());
  usb = dirs.make();
});
afterEach(() => {
  if (site.core.db.open) site.core.close();
  dirs.cleanup();
});

async function verify(file: string) {
  const self = getInstallation(site.core.db);
  return verifyBundle(file, { trust: (fp) => (fp === self.fingerprint ? { name: self.name, principal: self.principal } : undefined), db: null, now: new Date() });
}

async function entryBytes(file: string, name: string): Promise<{ at: number; size: number }> {
  const zip = await ZipFile.open(file);
  try {
    const entry = (await zip.centralDirectory(1000)).entries.find((e) => e.name === name)!;
    return { at: await zip.dataOffset(entry), size: entry.size };
  } finally {
    await zip.close();
  }
}

describe('an entry larger than the read chunk (read ahead into a second buffer while the last is hashed)', () => {
  it('[#15.6] is exported byte for byte and verifies; a byte changed in any of its chunks is found', async () => {
    const { path: file } = await exportBundle(site.core, seeded.site.id, usb);
    const { at, size } = await entryBytes(file, bigName);
    expect(size).toBe(BIG.length);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(at, at + size).equals(BIG)).toBe(true);
    expect((await verify(file)).report.ok).toBe(true);

    for (const offset of [0, CHUNK_BYTES - 1, CHUNK_BYTES, 2 * CHUNK_BYTES + 7, BIG.length - 1]) {
      const changed = Buffer.from(bytes);
      changed[at + offset]! ^= 0x40;
      const copy = `${file}.${offset}.zip`;
      fs.writeFileSync(copy, changed);
      const { report } = await verify(copy);
      expect(report.failures[0], `offset ${offset}`).toMatchObject({ class: 'manifest_mismatch', entry: bigName });
    }
  });

  it('[#15.6] cancelled in the middle of it, leaves nothing behind and a later export still works', async () => {
    const controller = new AbortController();
    let seen = 0;
    const prepared = await prepareExport(site.core, seeded.site.id, usb);
    const err = await refusal(
      runExport(site.core, prepared, {
        signal: controller.signal,
        onBytes: (n) => {
          seen += n;
          if (seen > CHUNK_BYTES + 1) controller.abort();
        },
      }),
    );
    expect(err.messageKey).toBe('bundle.errors.cancelled');
    expect(fs.readdirSync(usb)).toEqual([]);
    const { path: file } = await exportBundle(site.core, seeded.site.id, usb);
    expect((await verify(file)).report.ok).toBe(true);
  });
});
