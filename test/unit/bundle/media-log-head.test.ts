import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE_EXIT, EXIT } from '../../../electron/cli/cli-io';
import { readBagInfo } from '../../../electron/core/bundle/bag-info';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { importBundle } from '../../../electron/core/bundle/import-bundle';
import { getInstallation, loadSigningKey } from '../../../electron/core/bundle/installation';
import { translate } from '../../../electron/core/i18n/translate';
import { recordCheckIn } from '../../../electron/core/media/check-in';
import { checkInSchema } from '../../../electron/core/media/media-schema';
import { rewriteChain, tamper } from '../media/tamper';
import { runCli } from '../helpers/run-cli';
import { tempDirs } from '../helpers/temp-dir';
import { installation, populatedSite, snapshot, trust, type PopulatedSite, type World } from './bundle-world';
import { craftZip, editRecords, entriesOf, nameOf, rebag, type Signer } from './zip-craft';

const dirs = tempDirs('hoan-media-head-');
const BIN = path.resolve(__dirname, '../../../electron/cli/bin.cjs');
let site: World;
let office: World;
let seeded: PopulatedSite;
let usb: string;

beforeEach(async () => {
  site = installation(dirs.make(), '北関東ソーラー発電所 PC', '山田');
  seeded = await populatedSite(site);
  office = installation(dirs.make(), '本社', '本社 田中');
  trust(site.core, office.core);
  usb = dirs.make();
});
afterEach(() => {
  for (const w of [site, office]) if (w.core.db.open) w.core.close();
  dirs.cleanup();
});

function checkIn(person: string) {
  site.tick();
  const medium = site.core.db.prepare('SELECT id FROM media WHERE site_id = ?').pluck().get(seeded.site.id) as string;
  return recordCheckIn(site.core, checkInSchema.parse({ siteId: seeded.site.id, mediumId: medium, person, purpose: '点検', method: 'none' }), '山田');
}

async function exported(): Promise<string> {
  site.tick(10);
  return (await exportBundle(site.core, seeded.site.id, usb)).path;
}

const siteKey = (): Signer => ({ privateKey: loadSigningKey(site.core.dataDir), publicBlob: getInstallation(site.core.db).publicBlob });
const save = (entries: Parameters<typeof craftZip>[0]) => {
  const file = path.join(dirs.make(), 'crafted.zip');
  fs.writeFileSync(file, craftZip(entries));
  return file;
};
const bagInfoOf = async (file: string) => (await entriesOf(file)).find((e) => nameOf(e) === 'bag-info.txt')!.data.toString('utf8');

/** Imports at head office: refused with chain_broken, nothing written; the reason in words. */
async function expectChainRefused(file: string, reason: string) {
  const before = snapshot(office.core);
  const { report, imported } = await importBundle(office.core, file);
  expect(imported).toBeNull();
  expect(report.failures[0], JSON.stringify(report.failures)).toMatchObject({ class: 'chain_broken', reason });
  expect(snapshot(office.core)).toEqual(before);
  const f = report.failures[0]!;
  return { failure: f, en: translate('en', `bundle.reasons.${f.reason}`, f.params), ja: translate('ja', `bundle.reasons.${f.reason}`, f.params) };
}

describe('the media log head in bag-info.txt', () => {
  it('a site bundle declares the head media.json holds, signed with bag-info', async () => {
    const last = checkIn('C');
    const bag = readBagInfo(await bagInfoOf(await exported()));
    expect(bag).toMatchObject({ kind: 'site', mediaLogHead: { entries: 3, hash: last.hash } });
  });

  it('[#10.5] head office refuses a bundle whose log rewrites the one it holds, naming the entry and both hashes', async () => {
    const first = await exported();
    expect((await importBundle(office.core, first)).report.ok).toBe(true);
    const held = office.core.db.prepare('SELECT hash FROM media_log WHERE n = 1').pluck().get() as string;
    // The site rewrites its whole chain with the documented hash function, then exports again.
    tamper(site.core.dbPath, (db) => rewriteChain(db, seeded.site.id, (f) => (f.n === 1 ? { ...f, person: '別人' } : f)));
    checkIn('D');
    const second = await exported();
    const rewritten = site.core.db.prepare('SELECT hash FROM media_log WHERE n = 1').pluck().get() as string;

    const { failure, en, ja } = await expectChainRefused(second, 'chainDiverges');
    expect(failure.entry).toBe('data/records/media.json#1');
    expect(en).toBe(`Entry 1 differs from the one held here (hash here ${held.slice(0, 16)}…, in the bundle ${rewritten.slice(0, 16)}…): earlier entries were rewritten where it was exported.`);
    expect(ja).toContain(`ここにあるハッシュ ${held.slice(0, 16)}…、バンドルのハッシュ ${rewritten.slice(0, 16)}…`);

    office.core.close();
    const cli = spawnSync(process.execPath, [BIN, 'bundle', 'import', second, '--data-dir', office.core.dataDir, '--lang', 'en'], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(BUNDLE_EXIT.chain_broken);
    expect(BUNDLE_EXIT.chain_broken).toBe(41);
    expect(cli.stdout).toContain('[chain_broken]');
    expect(cli.stdout).toContain(`hash here ${held.slice(0, 16)}…`);
  });

  it('[#10.5] head office refuses a bundle whose log was cut short since the last, saying how many entries each holds', async () => {
    checkIn('C');
    expect((await importBundle(office.core, await exported())).report.ok).toBe(true);
    tamper(site.core.dbPath, (db) => rewriteChain(db, seeded.site.id, (f) => (f.n >= 2 ? null : f)));
    const { en } = await expectChainRefused(await exported(), 'chainShorter');
    expect(en).toBe("The bundle's media log is shorter than the one held here (1 against 3 entries): entries from 2 on are gone (deleted where it was exported).");
  });

  it('[#10.5] head office refuses a bundle whose bag-info head does not match its records', async () => {
    const file = await exported();
    const good = await entriesOf(file);
    const head = (readBagInfo(await bagInfoOf(file)) as { mediaLogHead: { entries: number; hash: string } }).mediaLogHead;
    const first = site.core.db.prepare('SELECT hash FROM media_log WHERE n = 1').pluck().get() as string;
    expect(head.entries).toBe(2);

    // The last entry dropped from media.json after the head was declared.
    const cut = rebag(editRecords(good, 'media.json', (d) => void d.log!.pop()), siteKey());
    const { en } = await expectChainRefused(save(cut), 'headLabelMismatch');
    expect(en).toBe(`The media log head bag-info.txt declares (entries: 2, hash ${head.hash.slice(0, 16)}…) does not match the bundle's records (entries: 1, hash ${first.slice(0, 16)}…).`);

    // The declared count or hash changed.
    const more = rebag(good, siteKey(), { editBagInfo: (t) => t.replace('Hoan-Media-Log-Entries: 2', 'Hoan-Media-Log-Entries: 3') });
    await expectChainRefused(save(more), 'headLabelMismatch');
    const other = rebag(good, siteKey(), { editBagInfo: (t) => t.replace(head.hash, 'f'.repeat(64)) });
    await expectChainRefused(save(other), 'headLabelMismatch');
    // One label without the other is a malformed bag-info.
    const half = rebag(good, siteKey(), { editBagInfo: (t) => t.replace(/^Hoan-Media-Log-Head: .*\n/m, '') });
    expect((await importBundle(office.core, save(half))).report.failures[0]).toMatchObject({ class: 'bag_invalid' });
  });

  it('[#10.5] a bundle from an earlier Hoan, without the head labels, still imports and is noted as such', async () => {
    const good = await entriesOf(await exported());
    const older = save(rebag(good, siteKey(), { editBagInfo: (t) => t.replace(/^Hoan-Media-Log-(Entries|Head): .*\n/gm, '') }));
    expect(await bagInfoOf(older)).not.toContain('Hoan-Media-Log');
    office.core.close();
    const shown = await runCli(['bundle', 'verify', older, '--data-dir', office.core.dataDir, '--lang', 'en']);
    expect(shown.code, shown.stdout).toBe(EXIT.ok);
    expect(shown.stdout).toContain('Media log head: Not declared (a bundle from an earlier Hoan');
    const imported = await runCli(['bundle', 'import', older, '--data-dir', office.core.dataDir, '--json']);
    expect(imported.code, imported.stdout).toBe(EXIT.ok);
    expect(JSON.parse(imported.stdout)).toMatchObject({ report: { ok: true, bag: { mediaLogHead: null } } });
  });
});
