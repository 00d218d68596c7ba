import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLE_EXIT, EXIT } from '../../../electron/cli/cli-io';
import { runCli } from '../helpers/run-cli';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-bundle-cli-');
afterEach(() => dirs.cleanup());

const hoan = (dataDir: string, ...args: string[]) => runCli([...args, '--data-dir', dataDir]);

describe('hoan keys, trust and bundle', () => {
  it('export at the site, trust and verify at head office with documented exit codes, import once', async () => {
    const site = dirs.make();
    const office = dirs.make();
    const usb = dirs.make();
    const added = await hoan(site, 'sites', 'add', '--name', '北関東ソーラー発電所', '--region', 'kanto', '--json');
    const siteId = (JSON.parse(added.stdout) as { id: string }).id;
    expect((await hoan(site, 'setup', '--installation-name', '北関東事業所 保安PC')).code).toBe(EXIT.ok);

    const shown = JSON.parse((await hoan(site, 'keys', 'show', '--json')).stdout) as { fingerprint: string; allowedSigners: string };
    expect(shown.fingerprint).toMatch(/^SHA256:/);
    const signers = path.join(dirs.make(), 'allowed_signers');
    expect((await hoan(site, 'keys', 'export', '--out', signers)).code).toBe(EXIT.ok);
    expect(fs.readFileSync(signers, 'utf8')).toBe(`${shown.allowedSigners}\n`);
    expect((await hoan(site, 'keys', 'export')).stdout.trim()).toBe(shown.allowedSigners);

    const exported = await hoan(site, 'bundle', 'export', '--site', siteId, '--out', usb, '--lang', 'en');
    expect(exported.code, exported.stderr).toBe(EXIT.ok);
    expect(exported.stdout).toContain('safe to remove');
    const [file] = fs.readdirSync(usb);
    const bundle = path.join(usb, file!);

    // Not trusted yet: refused with the untrusted-signer code and the reason in the user's language.
    const untrusted = await hoan(office, 'bundle', 'verify', bundle, '--lang', 'ja');
    expect(untrusted.code).toBe(BUNDLE_EXIT.untrusted_signer);
    expect(untrusted.stdout).toContain('信頼する署名者に登録されていません');

    // Checked on its own against an allowed_signers file: valid.
    expect((await hoan(office, 'bundle', 'verify', bundle, '--trust', signers)).code).toBe(EXIT.ok);

    const trusted = await hoan(office, 'trust', 'add', signers, '--yes');
    expect(trusted.code).toBe(EXIT.ok);
    expect(trusted.stdout).toContain(shown.fingerprint);
    expect((await hoan(office, 'bundle', 'verify', bundle)).code).toBe(EXIT.ok);

    const damaged = path.join(dirs.make(), 'damaged.zip');
    const bytes = fs.readFileSync(bundle);
    bytes[bytes.length - 300]! ^= 0xff;
    fs.writeFileSync(damaged, bytes.subarray(0, bytes.length - 100));
    expect((await hoan(office, 'bundle', 'verify', damaged)).code).toBe(BUNDLE_EXIT.zip_structure);

    const imported = await hoan(office, 'bundle', 'import', bundle, '--json');
    expect(imported.code, imported.stderr).toBe(EXIT.ok);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: { siteId, kind: 'site' } });
    expect((await hoan(office, 'bundle', 'import', bundle)).code).toBe(BUNDLE_EXIT.replay);
    const history = await hoan(office, 'bundle', 'history', '--json');
    expect(JSON.parse(history.stdout)).toEqual([expect.objectContaining({ direction: 'import', siteId })]);
    // The copy is read-only: editing it through the CLI is refused.
    expect((await hoan(office, 'sites', 'classify', siteId, '--answers', 'monitoring=no,control=no')).code).toBe(EXIT.io);
    // Also for a command that writes through core directly, without the router.
    const csv = path.join(dirs.make(), 'devices.csv');
    fs.writeFileSync(csv, '管理番号,機器名,設置場所\nPLC-01,制御盤PLC,電気室\n');
    const inventory = await hoan(office, 'inventory', 'import', csv, '--site', siteId, '--lang', 'en');
    expect(inventory.code, inventory.stderr).toBe(EXIT.io);
    expect(inventory.stderr).toContain('read-only copy');
  });

  it('refuses to export to a folder that does not exist, writing nothing', async () => {
    const site = dirs.make();
    const siteId = (JSON.parse((await hoan(site, 'sites', 'add', '--name', 'A', '--region', 'kanto', '--json')).stdout) as { id: string }).id;
    await hoan(site, 'setup', '--installation-name', 'A 保安PC');
    const r = await hoan(site, 'bundle', 'export', '--site', siteId, '--out', path.join(site, 'no-such-usb'), '--lang', 'en');
    expect(r.code).toBe(EXIT.validation);
    expect(r.stderr).toContain('was not found');
  });
});
