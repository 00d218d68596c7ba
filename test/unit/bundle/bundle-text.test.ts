import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/cli-io';
import { decodeBagValue, encodeBagValue } from '../../../electron/core/bundle/bagit';
import { bagName, bagInfoText, readBagInfo } from '../../../electron/core/bundle/bag-info';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { renameInstallation } from '../../../electron/core/bundle/installation';
import { verifyBundle } from '../../../electron/core/bundle/verify-bundle';
import { openCore } from '../../../electron/core/core';
import { createSite } from '../../../electron/core/sites/site-repository';
import { siteFieldsSchema } from '../../../electron/core/sites/site-schema';
import { runCli } from '../helpers/run-cli';
import { siteInput } from '../helpers/site-input';
import { refusal } from '../helpers/thrown';
import { tempDirs } from '../helpers/temp-dir';
import { installation, populatedSite, T0 } from './bundle-world';

const dirs = tempDirs('hoan-bundle-text-');
const worlds: { close(): void; db: { open: boolean } }[] = [];
afterEach(() => {
  for (const core of worlds.splice(0)) if (core.db.open) core.close();
  dirs.cleanup();
});

function world(name = 'Site PC') {
  const w = installation(dirs.make(), name, '山田');
  worlds.push(w.core);
  return w;
}

async function selfCheck(file: string, w: ReturnType<typeof world>) {
  const { keyInfo } = await import('../../../electron/core/bundle/installation');
  const info = keyInfo(w.core.db, w.core.dataDir);
  return verifyBundle(file, { trust: (fp) => (fp === info.fingerprint ? { name: info.name, principal: info.principal } : undefined), db: null, now: w.core.now() });
}


describe('[#10.3] line and paragraph separators in names', () => {
  it('[#10.3] a site, owner and contractor name holding U+2028 and U+2029 (as an older database holds them) exports, and bag-info reads them back', async () => {
    const w = world();
    const { site } = await populatedSite(w);
    // Straight into the table: the old schema let these through, so existing databases may hold them.
    w.core.db.prepare('UPDATE sites SET name = ?, owner_name = ?, contractor_name = ? WHERE id = ?').run('北関東\u2028ソーラー', '株式会社\u2029テスト', '保安\u2028法人', site.id);
    const usb = dirs.make();
    const exported = await exportBundle(w.core, site.id, usb);
    const { report } = await selfCheck(exported.path, w);
    expect(report.ok, JSON.stringify(report.failures)).toBe(true);
    expect(report.bag).toMatchObject({ siteName: '北関東\u2028ソーラー', sourceOrganization: '株式会社\u2029テスト' });
    const bag = path.join(dirs.make(), 'bag');
    execFileSync('unzip', ['-q', exported.path, '-d', bag]);
    const info = fs.readFileSync(path.join(bag, 'bag-info.txt'), 'utf8');
    expect(info).toContain('Hoan-Site-Name: 北関東%E2%80%A8ソーラー\n');
    expect(info).toContain('Source-Organization: 株式会社%E2%80%A9テスト\n');
    expect(info).toContain('Hoan-Value-Encoding: percent\n');
  });

  it('[#10.3] an installation renamed with U+2028 (as hoan keys rename allowed) still exports every site', async () => {
    const w = world();
    const first = await populatedSite(w);
    const second = createSite(w.core.db, siteFieldsSchema.parse(siteInput({ name: '第二発電所' })), T0);
    renameInstallation(w.core.db, 'Site\u2028PC\u202e', w.core.now());
    const usb = dirs.make();
    for (const id of [first.site.id, second.id]) {
      const exported = await exportBundle(w.core, id, usb);
      const { report } = await selfCheck(exported.path, w);
      expect(report.ok, JSON.stringify(report.failures)).toBe(true);
      expect(report.bag?.signerName).toBe('Site\u2028PC\u202e');
    }
    expect(fs.readdirSync(usb)).toHaveLength(2);
  });

  it('[#10.3] hoan keys rename folds a line separator to a space, refuses a direction override, and export then works', async () => {
    const dataDir = dirs.make();
    const hoan = (...args: string[]) => runCli([...args, '--data-dir', dataDir, '--lang', 'en']);
    const siteId = (JSON.parse((await hoan('sites', 'add', '--name', '北関東\u2028ソーラー', '--region', 'kanto', '--json')).stdout) as { id: string; name: string }).id;
    const renamed = await hoan('keys', 'rename', 'Site\u2028PC', '--json');
    expect(renamed.code, renamed.stderr).toBe(EXIT.ok);
    expect((JSON.parse(renamed.stdout) as { name: string }).name).toBe('Site PC');
    const refused = await hoan('keys', 'rename', 'Site\u202ePC');
    expect(refused.code).toBe(EXIT.validation);
    expect(refused.stderr).toContain('changes the direction of the text (U+202E, character 5)');
    const exported = await hoan('bundle', 'export', '--site', siteId, '--out', dirs.make());
    expect(exported.code, exported.stderr).toBe(EXIT.ok);
    const core = openCore({ dataDir });
    worlds.push(core);
    expect(core.db.prepare('SELECT name FROM sites').get()).toEqual({ name: '北関東 ソーラー' });
  });

  it("[#10.3] an export that fails on Hoan's own records is refused before writing, naming the record, and never blames the medium", async () => {
    const w = world();
    const { site } = await populatedSite(w);
    // A media log edited behind Hoan's back: the receiver's chain check refuses it.
    w.core.db.exec('DROP TRIGGER media_log_no_update');
    w.core.db.prepare(`UPDATE media_log SET person = '別人' WHERE site_id = ? AND n = 1`).run(site.id);
    const usb = dirs.make();
    const err = await refusal(exportBundle(w.core, site.id, usb));
    expect(err.messageKey).toBe('bundle.errors.ownRecordsUnfit');
    expect(err.params).toMatchObject({ entry: 'data/records/media.json#1', failure: 'chain_broken', detail: 'chainHash' });
    expect(fs.readdirSync(usb)).toEqual([]);

    // A value the receiver's schema refuses (over a million characters in one device field).
    const other = world();
    const second = await populatedSite(other);
    other.core.db.prepare('UPDATE devices SET name = ? WHERE site_id = ?').run('x'.repeat(1_000_001), second.site.id);
    const err2 = await refusal(exportBundle(other.core, second.site.id, usb));
    expect(err2.params).toMatchObject({ entry: 'data/records/inventory.json', failure: 'records_invalid', detail: 'devices.0.name' });
    expect(fs.readdirSync(usb)).toEqual([]);
  });
});

describe('[#10.3] bag-info value encoding', () => {
  it('[#10.3] leaves ordinary Japanese text as it is and escapes %, controls, separators, bidi controls, edge spaces and lone surrogates', () => {
    expect(encodeBagValue('北関東ソーラー発電所 第2')).toBe('北関東ソーラー発電所 第2');
    expect(encodeBagValue('50%\t\r\n\u0085\u2028\u2029\u202e\u2066x')).toBe('50%25%09%0D%0A%C2%85%E2%80%A8%E2%80%A9%E2%80%AE%E2%81%A6x');
    expect(encodeBagValue(' a b\u3000')).toBe('%20a b%E3%80%80');
    expect(encodeBagValue('a\ud800b\udfff')).toBe('a%ED%A0%80b%ED%BF%BF');
    expect(encodeBagValue('😀é')).toBe('😀é');
    for (const s of ['', '%', '%%41', ' \u2028 ', 'a\ud800', '\udc00😀\ud83d', '\u0000\u007f\u009f', '業務\u202a委託\u2069']) expect(decodeBagValue(encodeBagValue(s))).toBe(s);
    for (const bad of ['%', '%4', '%G0', '%C3', '%C0%80', '%E0%80%80', '%F5%80%80%80', '%80']) expect(decodeBagValue(bad)).toBeNull();
  });

  it('[#10.3] reads a bag written before the encoding label literally, % and all', () => {
    const text = bagInfoText({
      bundleId: '0b5c6a9e-8d6f-4a8e-9d0c-3e5f7a9b1c2d', kind: 'site', siteId: '1b5c6a9e-8d6f-4a8e-9d0c-3e5f7a9b1c2d', siteName: '100%発電所',
      organization: 'Org', signerFingerprint: `SHA256:${'A'.repeat(43)}`, signerName: 'PC', signerPrincipal: 'hoan-x', sequence: 1, created: T0,
      payloadBytes: 1, payloadFiles: 1, agent: 'Hoan 0.1.0',
    });
    expect(readBagInfo(text)).toMatchObject({ siteName: '100%発電所' });
    const legacy = text.replace('Hoan-Value-Encoding: percent\n', '').replace('100%25発電所', '100%41発電所');
    expect(readBagInfo(legacy)).toMatchObject({ siteName: '100%41発電所' });
    expect(readBagInfo(text.replace('100%25', '100%2'))).toEqual({ badField: 'Hoan-Site-Name' });
  });

  it('[#10.3] cuts a name longer than bag-info holds, marked, without splitting a pair; the records keep it whole', () => {
    expect(bagName('x'.repeat(300))).toBe('x'.repeat(300));
    expect(bagName('x'.repeat(301))).toBe(`${'x'.repeat(299)}…`);
    expect(bagName(`${'x'.repeat(298)}😀y`)).toBe(`${'x'.repeat(298)}…`);
  });
});
