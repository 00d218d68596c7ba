import fs from 'node:fs';
import path from 'node:path';
import * as openpgp from 'openpgp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdvisoryImportReport, AdvisoryListPage } from '../../../electron/api/contract';
import { ADVISORIES_EXIT, EXIT } from '../../../electron/cli/cli-io';
import { runHoan, staleBuild } from '../helpers/built-cli';
import { SAMPLE_ADVISORIES, writeCsafFile } from '../helpers/csaf';
import { tempDirs } from '../helpers/temp-dir';

/** `hoan advisories` as a user runs it: the built command (`npm run build`, then `node electron/cli/bin.cjs`). */
const dirs = tempDirs('hoan-advisories-cli-');
afterEach(() => dirs.cleanup());
beforeAll(() => {
  expect(staleBuild(), 'the built output is older than these sources: run npm run build').toEqual([]);
});

/**
 * Loaded into the child before Hoan: every way Node reaches the network
 * records the attempt and fails, so an import that passes used none.
 */
const NO_NETWORK = `
const fs = require('node:fs');
const tripped = (what) => { fs.appendFileSync(process.env.HOAN_NETWORK_LOG, what + '\\n'); throw new Error('network used: ' + what); };
const net = require('node:net');
net.Socket.prototype.connect = function () { tripped('net.connect'); };
const dns = require('node:dns');
dns.lookup = () => tripped('dns.lookup');
dns.promises.lookup = async () => tripped('dns.promises.lookup');
require('node:http').request = () => tripped('http.request');
require('node:https').request = () => tripped('https.request');
require('node:tls').connect = () => tripped('tls.connect');
globalThis.fetch = async () => tripped('fetch');
`;

describe('[#13.1] hoan advisories, from the built command', () => {
  it('[#13.1] imports a CISA-shaped folder with per-file lines and counts; a refused file exits 80; again, all unchanged and 0; nothing reaches the network', async () => {
    const dataDir = dirs.make();
    const usb = dirs.make();
    writeCsafFile(usb, SAMPLE_ADVISORIES.melsec());
    writeCsafFile(usb, SAMPLE_ADVISORIES.omron());
    const tampered = writeCsafFile(usb, SAMPLE_ADVISORIES.moxa());
    fs.appendFileSync(tampered, '\n');
    fs.writeFileSync(path.join(usb, 'index.txt'), '2020/icsa-20-212-02.json\n');
    const guard = path.join(dirs.make(), 'no-network.cjs');
    fs.writeFileSync(guard, NO_NETWORK);
    const networkLog = path.join(path.dirname(guard), 'network.log');
    const env = { NODE_OPTIONS: `--require ${guard}`, HOAN_NETWORK_LOG: networkLog };

    const first = await runHoan(['advisories', 'import', usb, '--data-dir', dataDir], env);
    expect(first.code).toBe(ADVISORIES_EXIT.someRefused);
    expect(first.stderr).toBe('');
    expect(first.stdout.split('\n')).toEqual([
      '取り込み\t2020/icsa-20-212-02.json\tICSA-20-212-02 版 1\t整合性: .sha512 一致',
      '取り込み\t2024/icsa-22-179-02.json\tICSA-22-179-02 版 1\t整合性: .sha512 一致',
      '拒否\t2024/icsa-24-011-01.json\t横にある .sha512 のハッシュ値と一致しません。ファイルが壊れているか、書き換えられています。発行元から入手し直してください。',
      '取り込み 2 件、更新 0 件、変更なし 0 件、拒否 1 件',
      '',
    ]);
    expect(fs.existsSync(networkLog)).toBe(false);

    fs.rmSync(tampered);
    const again = await runHoan(['advisories', 'import', usb, '--json', '--data-dir', dataDir], env);
    expect(again.code).toBe(EXIT.ok);
    const report = JSON.parse(again.stdout) as AdvisoryImportReport;
    expect(report.counts).toEqual({ imported: 0, updated: 0, unchanged: 2, refused: 0 });
    expect(fs.existsSync(networkLog)).toBe(false);

    const list = await runHoan(['advisories', 'list', '--json', '--data-dir', dataDir]);
    expect((JSON.parse(list.stdout) as AdvisoryListPage).items.map((a) => a.trackingId).sort()).toEqual(['ICSA-20-212-02', 'ICSA-22-179-02']);

    const empty = await runHoan(['advisories', 'import', dirs.make(), '--data-dir', dataDir, '--lang', 'en']);
    expect(empty).toMatchObject({ code: ADVISORIES_EXIT.nothingFound, stderr: 'The paths given hold no advisory (*.json). Nothing was imported.\n' });
  });

  it('[#13.1] hoan advisories keys add (with --yes, after comparing) / list / remove; without --yes and no terminal nothing is trusted', async () => {
    const dataDir = dirs.make();
    const key = await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'CISA CSAF', email: 'central@cisa.dhs.gov' }], format: 'object' });
    const keyFile = path.join(dirs.make(), 'cisa.asc');
    fs.writeFileSync(keyFile, key.publicKey.armor());
    const fingerprint = key.publicKey.getFingerprint().toUpperCase();

    const refused = await runHoan(['advisories', 'keys', 'add', keyFile, '--data-dir', dataDir]);
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.stderr).toContain(fingerprint);
    expect((await runHoan(['advisories', 'keys', 'list', '--json', '--data-dir', dataDir])).stdout.trim()).toBe('[]');

    const added = await runHoan(['advisories', 'keys', 'add', keyFile, '--yes', '--data-dir', dataDir]);
    expect(added).toMatchObject({ code: EXIT.ok, stdout: `${fingerprint}\tCISA CSAF <central@cisa.dhs.gov>\n` });
    const listed = await runHoan(['advisories', 'keys', 'list', '--data-dir', dataDir]);
    expect(listed.stdout).toContain(fingerprint);
    const removed = await runHoan(['advisories', 'keys', 'remove', fingerprint, '--data-dir', dataDir]);
    expect(removed.code).toBe(EXIT.ok);
    expect((await runHoan(['advisories', 'keys', 'list', '--json', '--data-dir', dataDir])).stdout.trim()).toBe('[]');
  });
});
