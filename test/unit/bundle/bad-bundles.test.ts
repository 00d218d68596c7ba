import { createPrivateKey, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FailureClass } from '../../../electron/core/bundle/bundle-types';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { importBundle } from '../../../electron/core/bundle/import-bundle';
import { getInstallation, loadSigningKey } from '../../../electron/core/bundle/installation';
import { fingerprintOf, generateKey } from '../../../electron/core/bundle/keys';
import { ZipFile } from '../../../electron/core/bundle/zip-reader';
import { addReviewNote } from '../../../electron/core/bundle/review-notes';
import { tempDirs } from '../helpers/temp-dir';
import { installation, populatedSite, snapshot, trust, type PopulatedSite, type World } from './bundle-world';
import { craftZip, editRecords, entriesOf, nameOf, rebag, type CraftEntry, type Signer } from './zip-craft';

const dirs = tempDirs('hoan-bad-bundle-');
let site: World;
let seeded: PopulatedSite;
let usb: string;
let good: CraftEntry[];
let goodFile: string;
let secondFile: string;
let siteKey: Signer;
let office: World;

beforeAll(async () => {
  site = installation(dirs.make(), '北関東ソーラー発電所 PC', '山田');
  seeded = await populatedSite(site);
  usb = dirs.make();
  goodFile = (await exportBundle(site.core, seeded.site.id, usb)).path;
  site.tick(10);
  secondFile = (await exportBundle(site.core, seeded.site.id, usb)).path;
  good = await entriesOf(goodFile);
  siteKey = { privateKey: loadSigningKey(site.core.dataDir), publicBlob: getInstallation(site.core.db).publicBlob };
});
afterAll(() => {
  site.core.close();
  dirs.cleanup();
});
beforeEach(() => {
  office = installation(dirs.make(), '本社', '本社 田中');
  trust(site.core, office.core);
});
afterEach(() => office.core.close());

const EVIDENCE = () => `data/evidence/${seeded.evidence[0]}`;
const SITE_JSON = 'data/records/site.json';

function save(bytes: Buffer): string {
  const file = path.join(dirs.make(), 'bad.zip');
  fs.writeFileSync(file, bytes);
  return file;
}

async function dataOffset(file: string, name: string): Promise<number> {
  const zip = await ZipFile.open(file);
  try {
    const { entries } = await zip.centralDirectory(1000);
    return await zip.dataOffset(entries.find((e) => e.name === name)!);
  } finally {
    await zip.close();
  }
}

async function flipByteIn(name: string, at = 10): Promise<string> {
  const bytes = fs.readFileSync(goodFile);
  bytes[(await dataOffset(goodFile, name)) + at]! ^= 0x01;
  return save(bytes);
}

const withExtra = (...extra: CraftEntry[]) => save(craftZip([...good, ...extra]));
const replacing = (name: string, edit: (e: CraftEntry) => CraftEntry | CraftEntry[] | null) =>
  save(craftZip(good.flatMap((e) => (nameOf(e) === name ? (edit(e) ?? []) : [e]))));
const freshSigner = (): Signer => {
  const k = generateKey();
  return { privateKey: createPrivateKey(k.privatePem), publicBlob: k.publicBlob };
};

/** Imports `file` at head office and checks the refusal, and that nothing at all was written. */
async function expectRefused(file: string, cls: FailureClass, entry?: string | RegExp | null) {
  const before = snapshot(office.core);
  const { report, imported } = await importBundle(office.core, file);
  expect(imported).toBeNull();
  expect(report.ok).toBe(false);
  expect(report.failures[0]?.class, JSON.stringify(report.failures)).toBe(cls);
  if (entry instanceof RegExp) expect(report.failures[0]?.entry).toMatch(entry);
  else if (entry !== undefined) expect(report.failures[0]?.entry).toBe(entry);
  expect(snapshot(office.core)).toEqual(before);
  return report;
}

describe('bad bundles: each refused with its class and entry, nothing written', () => {
  it('control: the untouched bundle imports', async () => {
    expect((await importBundle(office.core, goodFile)).report.ok).toBe(true);
  });

  describe('byte flips', () => {
    it('in an evidence file', async () => expectRefused(await flipByteIn(EVIDENCE()), 'manifest_mismatch', EVIDENCE()));
    it('in a record file', async () => expectRefused(await flipByteIn(SITE_JSON), 'manifest_mismatch', SITE_JSON));
    it('in the manifest', async () => expectRefused(await flipByteIn('manifest-sha256.txt', 3), 'tag_manifest_mismatch', 'manifest-sha256.txt'));
    it('in bag-info.txt', async () => expectRefused(await flipByteIn('bag-info.txt', 25), 'tag_manifest_mismatch', 'bag-info.txt'));
    it('in the tag manifest', async () => expectRefused(await flipByteIn('tagmanifest-sha256.txt', 3), 'signature_invalid', 'tagmanifest-sha256.txt.sig'));
    it('in the signature', async () => expectRefused(await flipByteIn('tagmanifest-sha256.txt.sig', 120), 'signature_invalid', 'tagmanifest-sha256.txt.sig'));
  });

  describe('signatures', () => {
    it('valid, by a key nobody trusted', async () => {
      const forger = freshSigner();
      const bag = rebag(good, forger, { editBagInfo: (t) => t.replace(/^Hoan-Signer-Fingerprint: .*$/m, `Hoan-Signer-Fingerprint: ${fingerprintOf(forger.publicBlob)}`) });
      const report = await expectRefused(save(craftZip(bag)), 'untrusted_signer', 'tagmanifest-sha256.txt.sig');
      expect(report.failures[0]?.params).toEqual({ fingerprint: fingerprintOf(forger.publicBlob) });
    });
    it('by the trusted key, for another namespace', async () => expectRefused(save(craftZip(rebag(good, siteKey, { namespace: 'file' }))), 'wrong_namespace'));
    it('missing', async () => expectRefused(replacing('tagmanifest-sha256.txt.sig', () => null), 'signature_invalid'));
  });

  describe('zip structure', () => {
    it('truncated to half', async () => expectRefused(save(fs.readFileSync(goodFile).subarray(0, Math.floor(fs.statSync(goodFile).size / 2))), 'zip_structure'));
    it('missing its last byte', async () => expectRefused(save(fs.readFileSync(goodFile).subarray(0, fs.statSync(goodFile).size - 1)), 'zip_structure'));
    it('not a zip at all', async () => expectRefused(save(randomBytes(4096)), 'zip_structure'));
    it('two entries sharing one local header (overlap)', async () => expectRefused(withExtra({ name: 'data/report/a.xlsx', data: Buffer.from('x'), offsetOf: 0 }), 'zip_structure'));
    it('bytes hidden between entries', async () => expectRefused(save(craftZip(good.map((e, i) => (i === 3 ? { ...e, gapBefore: Buffer.from('smuggled') } : e)))), 'zip_structure'));
    it('an end record claiming the whole file as its central directory', async () => {
      const bytes = fs.readFileSync(goodFile);
      const end = bytes.length - 22;
      bytes.writeUInt32LE(end, end + 12);
      bytes.writeUInt32LE(0, end + 16);
      await expectRefused(save(bytes), 'zip_structure');
    });
    it('an encrypted entry', async () => expectRefused(replacing(SITE_JSON, (e) => ({ ...e, flags: 1 })), 'zip_structure', SITE_JSON));
  });

  describe('zip-slip and unsafe names', () => {
    const cases: [string, string | Buffer, string][] = [
      ['an absolute path', '/etc/cron.d/evil', 'absolute'],
      ['a UNC path', '//server/share/evil', 'absolute'],
      ['a parent segment', '../evil.txt', 'dotdot'],
      ['a parent segment inside data/', 'data/../../evil.txt', 'dotdot'],
      ['backslashes', 'data\\..\\..\\evil.txt', 'backslash'],
      ['a drive letter', 'C:/Windows/System32/evil.dll', 'driveLetter'],
      ['a drive letter without a slash', 'C:evil.dll', 'driveLetter'],
      ['a NUL in the name', 'data/evidence/x\u0000.txt', 'control'],
      ['a name that is not UTF-8', Buffer.from([0x64, 0x61, 0x74, 0x61, 0x2f, 0xff, 0xfe, 0x2e, 0x74]), 'notUtf8'],
      ['a non-ASCII name', Buffer.from('data/report/点検.xlsx', 'utf8'), 'notAscii'],
    ];
    for (const [label, name, reason] of cases) {
      it(label, async () => {
        const report = await expectRefused(withExtra({ name, data: Buffer.from('payload') }), 'unsafe_name');
        expect(report.failures[0]?.reason).toBe(reason);
      });
    }
    it('a symlink entry', async () =>
      expectRefused(withExtra({ name: 'data/report/link.xlsx', data: Buffer.from('/etc/passwd'), externalAttributes: (0o120777 << 16) >>> 0 }), 'symlink', 'data/report/link.xlsx'));
    it('a directory entry', async () => expectRefused(withExtra({ name: 'data/', data: Buffer.alloc(0), externalAttributes: (0o040755 << 16) >>> 0 }), 'outside_layout', 'data/'));
    it('a device node', async () => expectRefused(withExtra({ name: 'data/report/dev.xlsx', data: Buffer.alloc(0), externalAttributes: (0o020644 << 16) >>> 0 }), 'symlink', 'data/report/dev.xlsx'));
  });

  describe('names and listing', () => {
    it('a duplicate name', async () => expectRefused(withExtra({ name: SITE_JSON, data: Buffer.from('{}') }), 'duplicate_name', SITE_JSON));
    it('names that differ only in case', async () => {
      // The good bundle holds data/report/media-log.xlsx.
      const report = await expectRefused(withExtra({ name: 'data/report/Media-Log.xlsx', data: Buffer.from('x') }), 'duplicate_name', 'data/report/Media-Log.xlsx');
      expect(report.failures[0]?.reason).toBe('caseCollision');
    });
    it('an entry outside the bag layout', async () => expectRefused(withExtra({ name: 'autorun.inf', data: Buffer.from('[autorun]') }), 'outside_layout', 'autorun.inf'));
    it('a payload file the manifest does not list', async () => expectRefused(withExtra({ name: 'data/report/extra.xlsx', data: Buffer.from('x') }), 'unlisted_file', 'data/report/extra.xlsx'));
    it('a file the manifest lists but the zip lacks', async () => expectRefused(replacing(EVIDENCE(), () => null), 'missing_file', EVIDENCE()));
  });

  describe('sizes and bombs', () => {
    it('an entry declaring more than the limit', async () =>
      expectRefused(withExtra({ name: `data/evidence/${'e'.repeat(64)}`, data: Buffer.from('x'), size: 6 * 1024 ** 3, compressedSize: 6 * 1024 ** 3 }), 'size_limit'));
    it('a deflated entry that would expand a thousandfold', async () => {
      const bomb = zlib.deflateRawSync(Buffer.alloc(1024 * 1024));
      const report = await expectRefused(withExtra({ name: 'data/report/bomb.xlsx', data: bomb, method: 8, size: 1024 * 1024 }), 'compression', 'data/report/bomb.xlsx');
      expect(report.failures[0]?.reason).toBe('bomb');
    });
    it('a stored entry declaring more bytes than it holds', async () =>
      expectRefused(withExtra({ name: 'data/report/lie.xlsx', data: Buffer.from('tiny'), size: 4_000_000 }), 'compression'));
  });

  describe('replay and order', () => {
    it('the same bundle twice', async () => {
      expect((await importBundle(office.core, goodFile)).report.ok).toBe(true);
      await expectRefused(goodFile, 'replay');
    });
    it('an older bundle after a newer one from the same signer', async () => {
      expect((await importBundle(office.core, secondFile)).report.ok).toBe(true);
      await expectRefused(goodFile, 'sequence_not_newer');
    });
  });

  describe('records, signed by the trusted key', () => {
    it("a media log whose chain is broken (an entry's person changed)", async () => {
      const edited = editRecords(good, 'media.json', (d) => {
        (d.log![0] as { person: string }).person = '別人';
      });
      const report = await expectRefused(save(craftZip(rebag(edited, siteKey))), 'chain_broken', 'data/records/media.json#1');
      expect(report.passed).toEqual(['structure', 'signature', 'manifests', 'replay']);
    });
    it('a media log with an entry removed', async () => {
      const edited = editRecords(good, 'media.json', (d) => void d.log!.splice(0, 1));
      await expectRefused(save(craftZip(rebag(edited, siteKey))), 'chain_broken');
    });
    it('records that are not JSON', async () =>
      expectRefused(save(craftZip(rebag(good.map((e) => (nameOf(e) === SITE_JSON ? { ...e, data: Buffer.from('{not json') } : e)), siteKey))), 'records_invalid', SITE_JSON));
    it('records for another site', async () => {
      const edited = editRecords(good, 'audit.json', (d) => {
        (d.entries![0] as { site_id: string }).site_id = '00000000-0000-4000-8000-000000000000';
      });
      await expectRefused(save(craftZip(rebag(edited, siteKey))), 'records_invalid', 'data/records/audit.json');
    });
    it('evidence the records need, left out', async () => {
      const drop = `data/evidence/${seeded.evidence[1]}`;
      await expectRefused(save(craftZip(rebag(good.filter((e) => nameOf(e) !== drop), siteKey))), 'records_invalid', drop);
    });
    it('an evidence file whose name is not its hash', async () => {
      const renamed = good.map((e) => (nameOf(e) === EVIDENCE() ? { ...e, name: `data/evidence/${'a'.repeat(64)}` } : e));
      await expectRefused(save(craftZip(rebag(renamed, siteKey))), 'manifest_mismatch', `data/evidence/${'a'.repeat(64)}`);
    });
    it('a Payload-Oxum that does not add up', async () =>
      expectRefused(save(craftZip(rebag(good, siteKey, { editBagInfo: (t) => t.replace(/^Payload-Oxum: .*$/m, 'Payload-Oxum: 1.1') }))), 'bag_invalid', 'bag-info.txt'));
    it('bag-info naming another signer than the one who signed', async () =>
      expectRefused(save(craftZip(rebag(good, siteKey, { editBagInfo: (t) => t.replace(/^Hoan-Signer-Fingerprint: .*$/m, `Hoan-Signer-Fingerprint: SHA256:${'A'.repeat(43)}`) }))), 'bag_invalid', 'bag-info.txt'));
  });

  it("a bundle claiming to be a site's own, about a site whose home is here", async () => {
    // Head office (trusted by the site) signs a "site" bundle about the site's own records.
    expect((await importBundle(office.core, goodFile)).report.ok).toBe(true);
    addReviewNote(office.core.db, { siteId: seeded.site.id, text: 'ok' }, '本社', office.core.now());
    const review = await exportBundle(office.core, seeded.site.id, usb);
    const officeKey = { privateKey: loadSigningKey(office.core.dataDir), publicBlob: getInstallation(office.core.db).publicBlob };
    const forged = rebag(await entriesOf(review.path), officeKey, { editBagInfo: (t) => t.replace('Hoan-Bundle-Kind: review', 'Hoan-Bundle-Kind: site') });
    trust(office.core, site.core, 'head_office');
    const before = snapshot(site.core);
    const { report } = await importBundle(site.core, save(craftZip(forged)));
    expect(report.failures).toEqual([expect.objectContaining({ class: 'ownership', reason: 'homeHere' })]);
    expect(snapshot(site.core)).toEqual(before);
  });
});
