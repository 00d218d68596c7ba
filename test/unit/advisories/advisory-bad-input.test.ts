import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as openpgp from 'openpgp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addPublisherKey } from '../../../electron/core/advisories/advisory-keys';
import { importAdvisoryPaths, importAdvisoryTexts } from '../../../electron/core/advisories/advisory-store';
import type { AdvisoryImportReport } from '../../../electron/core/advisories/advisory-types';
import { openCore, type Core } from '../../../electron/core/core';
import { translate } from '../../../electron/core/i18n/translate';
import { csafDocument, SAMPLE_ADVISORIES, writeCsafFile } from '../helpers/csaf';
import { setUpNames, TEST_USER } from '../helpers/set-up';
import { tempDirs } from '../helpers/temp-dir';

/**
 * Issue 13, bad input: each file refused with its own reason (ja and en), the
 * rest of the folder imported, nothing of a refused file stored.
 */
const dirs = tempDirs('hoan-advisories-bad-');
const cores: Core[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const core of cores.splice(0)) core.close();
  dirs.cleanup();
});

function open(): Core {
  const core = openCore({ dataDir: dirs.make() });
  setUpNames(core);
  cores.push(core);
  return core;
}

const write = (dir: string, name: string, text: string | Buffer) => {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
};
const json = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
const byFile = (report: AdvisoryImportReport) => Object.fromEntries(report.files.map((f) => [f.file, f]));
const storedIds = (core: Core) => (core.db.prepare('SELECT tracking_id FROM advisories ORDER BY tracking_id').all() as { tracking_id: string }[]).map((r) => r.tracking_id);

/** A tree `depth` levels deep, one branch per level, a product at the bottom. */
function deepTree(depth: number): unknown {
  let branch: Record<string, unknown> = { category: 'product_version', name: '1.0', product: { name: 'Deep 1.0', product_id: 'CSAFPID-0001' } };
  for (let i = 1; i < depth; i++) branch = { category: 'product_family', name: `level ${i}`, branches: [branch] };
  return [branch];
}

describe('[#13.1] advisory import, bad input', () => {
  it('[#13.1] a folder of bad files: each is refused with its own reason in ja and en, the good ones are imported, nothing of the bad ones is stored', async () => {
    const core = open();
    const folder = dirs.make();
    writeCsafFile(folder, SAMPLE_ADVISORIES.melsec());
    writeCsafFile(folder, SAMPLE_ADVISORIES.omron());
    write(folder, 'bad/not-json.json', 'this is not JSON {');
    write(folder, 'bad/latin1.json', Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
    write(folder, 'bad/not-csaf.json', json({ hello: 'world', document: { title: 'no version' } }));
    const v21 = SAMPLE_ADVISORIES.yokogawa() as { document: { csaf_version: string } };
    v21.document.csaf_version = '2.1';
    write(folder, 'bad/csaf-2.1.json', json(v21));
    const noTitle = SAMPLE_ADVISORIES.moxa() as { document: Record<string, unknown> };
    delete noTitle.document.title;
    write(folder, 'bad/schema.json', json(noTitle));
    const deep = csafDocument({ id: 'ICSA-99-001-01', products: [], vulnerabilities: [] }) as Record<string, any>;
    deep.product_tree = { branches: deepTree(100) };
    write(folder, 'bad/deep.json', json(deep));
    const wide = csafDocument({ id: 'ICSA-99-001-02', products: [], vulnerabilities: [] }) as Record<string, any>;
    wide.product_tree = { branches: Array.from({ length: 60_000 }, (_, i) => ({ category: 'vendor', name: `v${i}` })) };
    write(folder, 'bad/wide.json', JSON.stringify(wide));
    const dup = csafDocument({ id: 'ICSA-99-001-03', products: [{ vendor: 'Moxa', product: 'EDR', leaves: [{ version: '1' }, { version: '2' }] }], vulnerabilities: [] }) as Record<string, any>;
    delete dup.vulnerabilities;
    dup.product_tree.branches[0].branches[0].branches[1].product.product_id = 'CSAFPID-0001';
    write(folder, 'bad/duplicate-id.json', json(dup));
    const undefinedRef = csafDocument({ id: 'ICSA-99-001-04', products: [{ vendor: 'Moxa', product: 'EDR', leaves: [{ version: '1' }] }], vulnerabilities: [{ cve: 'CVE-2024-0003' }] }) as Record<string, any>;
    undefinedRef.vulnerabilities[0].product_status = { known_affected: ['CSAFPID-0001', 'CSAFPID-9999'] };
    write(folder, 'bad/undefined-product.json', json(undefinedRef));
    const tampered = writeCsafFile(folder, SAMPLE_ADVISORIES.moxa(), { name: 'bad/tampered.json' });
    fs.appendFileSync(tampered, ' ');

    const report = await importAdvisoryPaths(core, [folder]);
    const files = byFile(report);
    const reason = (name: string) => files[name]?.reason;
    expect(reason('bad/not-json.json')).toEqual({ key: 'advisories.import.refused.notJson' });
    expect(reason('bad/latin1.json')).toEqual({ key: 'advisories.import.refused.notJson' });
    expect(reason('bad/not-csaf.json')).toEqual({ key: 'advisories.import.refused.notCsaf' });
    expect(reason('bad/csaf-2.1.json')).toEqual({ key: 'advisories.import.refused.csafVersion', params: { version: '2.1', supported: '2.0' } });
    expect(reason('bad/schema.json')).toMatchObject({ key: 'advisories.import.refused.invalid', params: { test: 'csaf_2_0_strict', path: '/document' } });
    expect(reason('bad/deep.json')).toEqual({ key: 'advisories.import.refused.treeTooDeep', params: { limit: 32 } });
    expect(reason('bad/wide.json')).toEqual({ key: 'advisories.import.refused.treeTooLarge', params: { limit: 50_000 } });
    expect(reason('bad/duplicate-id.json')).toMatchObject({ key: 'advisories.import.refused.invalid', params: { test: 'mandatoryTest_6_1_2' } });
    expect(reason('bad/undefined-product.json')).toMatchObject({ key: 'advisories.import.refused.invalid', params: { test: 'mandatoryTest_6_1_1', path: '/vulnerabilities/0/product_status/known_affected/1' } });
    expect(reason('bad/tampered.json')).toEqual({ key: 'advisories.import.refused.sha512Mismatch' });
    expect(report.counts).toEqual({ imported: 2, updated: 0, unchanged: 0, refused: 10 });
    expect(storedIds(core)).toEqual(['ICSA-20-212-02', 'ICSA-22-179-02']);
    for (const [table, n] of [['advisory_products', 4], ['advisory_vulnerabilities', 2]] as const) {
      expect((core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n).toBe(n);
    }
    for (const file of report.files.filter((f) => f.status === 'refused')) {
      for (const locale of ['ja', 'en'] as const) {
        const text = translate(locale, file.reason!.key, file.reason!.params);
        expect(text, `${file.file} in ${locale}`).not.toContain('advisories.');
        expect(text).not.toMatch(/\{\{/);
      }
    }
    const audit = core.db.prepare("SELECT changes_json FROM audit_log WHERE entity = 'advisory' AND action = 'import_refused'").get() as { changes_json: string };
    expect(JSON.parse(audit.changes_json)).toContainEqual({ field: 'bad/tampered.json', old: null, new: 'advisories.import.refused.sha512Mismatch {}' });
  });

  it('[#13.1] duplicate product_ids and undefined products are refused by Hoan too, where the validator would let them through', async () => {
    const { flattenCsaf } = await import('../../../electron/core/advisories/csaf-flatten');
    const dup = csafDocument({ id: 'X-1', products: [{ vendor: 'Moxa', product: 'EDR', leaves: [{ version: '1' }, { version: '2' }] }], vulnerabilities: [] }) as Record<string, any>;
    dup.product_tree.full_product_names = [{ name: 'Again', product_id: 'CSAFPID-0002' }];
    expect(flattenCsaf(dup)).toEqual({ key: 'advisories.import.refused.duplicateProductId', params: { productId: 'CSAFPID-0002' } });
    const undefinedRef = csafDocument({ id: 'X-2', products: [{ vendor: 'Moxa', product: 'EDR', leaves: [{ version: '1' }] }], vulnerabilities: [{ cve: 'CVE-2024-0003' }] }) as Record<string, any>;
    undefinedRef.vulnerabilities[0].remediations = [{ category: 'vendor_fix', details: 'x', product_ids: ['CSAFPID-0404'] }];
    expect(flattenCsaf(undefinedRef)).toEqual({ key: 'advisories.import.refused.undefinedProduct', params: { productId: 'CSAFPID-0404' } });
  });

  it('[#13.1] a CVRF 1.2 XML document is refused saying CSAF 2.0 is the version taken', async () => {
    const core = open();
    const file = write(dirs.make(), 'icsa-10-001-01.xml', '<?xml version="1.0"?>\n<cvrfdoc xmlns="http://www.icasi.org/CVRF/schema/cvrf/1.2"><DocumentTitle>x</DocumentTitle></cvrfdoc>');
    const report = await importAdvisoryPaths(core, [file]);
    expect(report.files[0]).toMatchObject({ status: 'refused', reason: { key: 'advisories.import.refused.csafVersion', params: { version: 'CVRF 1.2', supported: '2.0' } } });
    expect(translate('ja', report.files[0]!.reason!.key, report.files[0]!.reason!.params)).toContain('CSAF 2.0 だけ');
  });

  it('[#13.1] a 50 MB file is refused without being read, and a million-branch tree never reaches the validator', async () => {
    const core = open();
    const folder = dirs.make();
    const big = path.join(folder, 'big.json');
    fs.writeFileSync(big, '{');
    fs.truncateSync(big, 50 * 1024 * 1024);
    writeCsafFile(folder, SAMPLE_ADVISORIES.moxa());
    let bytesFromBig = 0;
    const realOpen = fs.promises.open;
    vi.spyOn(fs.promises, 'open').mockImplementation(async (...args: Parameters<typeof realOpen>) => {
      const handle = await realOpen(...args);
      if (String(args[0]).endsWith('big.json')) {
        const read = handle.read.bind(handle) as (...a: unknown[]) => Promise<{ bytesRead: number }>;
        (handle as unknown as { read: unknown }).read = async (...a: unknown[]) => {
          const r = await read(...a);
          bytesFromBig += r.bytesRead;
          return r;
        };
      }
      return handle;
    });
    const report = await importAdvisoryPaths(core, [folder]);
    expect(byFile(report)['big.json']).toMatchObject({ status: 'refused', reason: { key: 'advisories.import.refused.tooLarge', params: { limitMb: 20 } } });
    expect(bytesFromBig).toBe(0);
    expect(report.counts.imported).toBe(1);

    const million = csafDocument({ id: 'ICSA-99-002-01', products: [], vulnerabilities: [] }) as Record<string, any>;
    million.product_tree = { branches: Array.from({ length: 1_000_000 }, () => ({ category: 'vendor', name: 'v' })) };
    const text = JSON.stringify(million);
    const viaText = await importAdvisoryTexts(core, [{ file: 'million.json', text }]);
    // Over 20 MB as JSON: refused by size before it is even parsed.
    expect(viaText.files[0]).toMatchObject({ status: 'refused', reason: { key: 'advisories.import.refused.tooLarge' } });
    million.product_tree = { branches: Array.from({ length: 1_000 }, () => ({ category: 'vendor', name: 'v', branches: Array.from({ length: 100 }, () => ({ category: 'product_name', name: 'p' })) })) };
    const compact = await importAdvisoryTexts(core, [{ file: 'hundred-thousand.json', text: JSON.stringify(million) }]);
    expect(compact.files[0]).toMatchObject({ status: 'refused', reason: { key: 'advisories.import.refused.treeTooLarge' } });
  });

  it('[#13.1] names that escape the folder: a symbolic link out of the folder and a ROLIE entry with .. are refused, the rest imported', async () => {
    const core = open();
    const outside = dirs.make();
    const secret = writeCsafFile(outside, SAMPLE_ADVISORIES.yokogawa(), { name: 'outside.json' });
    const folder = dirs.make();
    writeCsafFile(folder, SAMPLE_ADVISORIES.melsec());
    fs.symlinkSync(secret, path.join(folder, 'link-out.json'));
    const inside = writeCsafFile(folder, SAMPLE_ADVISORIES.omron(), { name: 'real/omron.json' });
    fs.symlinkSync(inside, path.join(folder, 'link-in.json'));
    const report = await importAdvisoryPaths(core, [folder]);
    const files = byFile(report);
    expect(files['link-out.json']).toMatchObject({ status: 'refused', reason: { key: 'advisories.import.refused.escapesFolder' } });
    expect(files['link-in.json']?.status).toBe('imported');
    expect(files['real/omron.json']).toBeUndefined(); // the same file, read once
    expect(storedIds(core)).toEqual(['ICSA-20-212-02', 'ICSA-22-179-02']);

    const feedDir = dirs.make();
    writeCsafFile(feedDir, SAMPLE_ADVISORIES.moxa(), { name: '2024/icsa-24-011-01.json' });
    writeCsafFile(feedDir, SAMPLE_ADVISORIES.melsec('2', '2021-02-01T00:00:00.000Z'), { name: '2021/icsa-20-212-02.json' });
    const feed = {
      feed: {
        id: 'csaf-feed-tlp-white',
        title: 'CISA CSAF feed (TLP:WHITE)',
        link: [{ rel: 'self', href: 'https://www.cisa.gov/sites/default/files/csaf/csaf-feed-tlp-white.json' }],
        entry: [
          { id: 'ICSA-24-011-01', content: { type: 'application/json', src: 'https://www.cisa.gov/sites/default/files/csaf/2024/icsa-24-011-01.json' } },
          { id: 'ICSA-20-212-02', content: { type: 'application/json', src: '2021/icsa-20-212-02.json' } },
          { id: 'escape', content: { type: 'application/json', src: '../' + path.basename(outside) + '/outside.json' } },
          { id: 'other-host', content: { type: 'application/json', src: 'https://example.com/csaf/x.json' } },
        ],
      },
    };
    const feedFile = write(feedDir, 'csaf-feed-tlp-white.json', json(feed));
    const viaFeed = await importAdvisoryPaths(core, [feedFile]);
    expect(viaFeed.files.map((f) => [path.basename(f.file), f.status, f.reason?.key ?? null])).toEqual([
      ['icsa-24-011-01.json', 'imported', null],
      ['icsa-20-212-02.json', 'updated', null],
      ['outside.json', 'refused', 'advisories.import.refused.escapesFolder'],
      ['x.json', 'refused', 'advisories.import.refused.escapesFolder'],
    ]);
    expect(storedIds(core)).toEqual(['ICSA-20-212-02', 'ICSA-20-212-02', 'ICSA-22-179-02', 'ICSA-24-011-01']);
  });

  it('[#13.1] .asc: verified against a trusted key (integrity openpgp), refused when it does not verify, imported with a note when the key is not trusted', async () => {
    const core = open();
    const cisa = await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'CISA CSAF', email: 'central@cisa.dhs.gov' }], format: 'armored' });
    const stranger = await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'Someone' }], format: 'armored' });
    const trusted = await addPublisherKey(core, cisa.publicKey, TEST_USER);
    const sign = async (file: string, armoredKey: string) => {
      const signingKeys = await openpgp.readPrivateKey({ armoredKey });
      const message = await openpgp.createMessage({ binary: fs.readFileSync(file) });
      fs.writeFileSync(`${file}.asc`, await openpgp.sign({ message, signingKeys, detached: true }));
    };
    const folder = dirs.make();
    const good = writeCsafFile(folder, SAMPLE_ADVISORIES.melsec());
    await sign(good, cisa.privateKey);
    const forged = writeCsafFile(folder, SAMPLE_ADVISORIES.omron(), { sha512: false });
    await sign(forged, cisa.privateKey);
    fs.writeFileSync(forged, fs.readFileSync(forged, 'utf8').replace('Use a firewall', 'Do not use a firewall'));
    const unknown = writeCsafFile(folder, SAMPLE_ADVISORIES.moxa());
    await sign(unknown, stranger.privateKey);
    const garbled = writeCsafFile(folder, SAMPLE_ADVISORIES.yokogawa());
    fs.writeFileSync(`${garbled}.asc`, '-----BEGIN PGP SIGNATURE-----\n\nnot a signature\n-----END PGP SIGNATURE-----\n');

    const files = byFile(await importAdvisoryPaths(core, [folder]));
    expect(files['2020/icsa-20-212-02.json']).toMatchObject({ status: 'imported', integrity: 'openpgp' });
    expect(files['2024/icsa-22-179-02.json']).toMatchObject({ status: 'refused', reason: { key: 'advisories.import.refused.ascInvalid', params: { fingerprint: trusted.fingerprint } } });
    expect(files['2024/icsa-24-011-01.json']).toMatchObject({ status: 'imported', integrity: 'sha512', notes: [{ key: 'advisories.import.notes.keyNotTrusted' }] });
    expect(files['2024/icsa-23-047-01.json']).toMatchObject({ status: 'refused', reason: { key: 'advisories.import.refused.ascUnreadable' } });
    const row = core.db.prepare("SELECT integrity, signer_fingerprint FROM advisories WHERE tracking_id = 'ICSA-20-212-02'").get();
    expect(row).toEqual({ integrity: 'openpgp', signer_fingerprint: trusted.fingerprint });
    expect(storedIds(core)).toEqual(['ICSA-20-212-02', 'ICSA-24-011-01']);
  });

  it('[#13.1] a .sha512 as bare hex is taken too; one that is not a digest refuses the file', async () => {
    const core = open();
    const folder = dirs.make();
    const file = writeCsafFile(folder, SAMPLE_ADVISORIES.moxa(), { sha512: false });
    fs.writeFileSync(`${file}.sha512`, createHash('sha512').update(fs.readFileSync(file)).digest('hex').toUpperCase());
    const other = writeCsafFile(folder, SAMPLE_ADVISORIES.omron(), { sha512: false });
    fs.writeFileSync(`${other}.sha512`, 'sha512sum: not found\n');
    const files = byFile(await importAdvisoryPaths(core, [folder]));
    expect(files['2024/icsa-24-011-01.json']).toMatchObject({ status: 'imported', integrity: 'sha512' });
    expect(files['2024/icsa-22-179-02.json']).toMatchObject({ status: 'refused', reason: { key: 'advisories.import.refused.sha512Unreadable' } });
  });
});
