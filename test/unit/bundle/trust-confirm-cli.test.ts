import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_EXIT, EXIT } from '../../../electron/cli/cli-io';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { keyInfo } from '../../../electron/core/bundle/installation';
import { HOAN_BIN, runHoan, staleBuild } from '../helpers/built-cli';
import { tempDirs } from '../helpers/temp-dir';
import { installation, populatedSite } from './bundle-world';

/**
 * `hoan` as a user runs it, from the built output: the refusal of a bundle
 * from an unknown signer, and `hoan trust add` asking before it trusts a key
 * (a real pseudo-terminal through util-linux `script`; no terminal; --yes).
 */

const dirs = tempDirs('hoan-trust-cli-');
let office: string;
let bundle: string;
let signers: string;
let fingerprint: string;

beforeAll(async () => {
  expect(staleBuild(), 'run `npm run build` first').toEqual([]);
  const site = installation(dirs.make(), '北関東ソーラー発電所 保安PC', '山田');
  await populatedSite(site);
  const siteId = (site.core.db.prepare('SELECT id FROM sites').get() as { id: string }).id;
  bundle = (await exportBundle(site.core, siteId, dirs.make())).path;
  const key = keyInfo(site.core.db, site.core.dataDir);
  fingerprint = key.fingerprint;
  signers = path.join(dirs.make(), 'allowed_signers');
  fs.writeFileSync(signers, `${key.allowedSigners}\n`);
  site.core.close();
  const head = installation(dirs.make(), '本社 保安管理課', '本社 田中');
  office = head.core.dataDir;
  head.core.close();
}, 60_000);

afterAll(() => dirs.cleanup());

/** util-linux `script` gives the CLI a real pseudo-terminal (Linux; absent on Windows). */
const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;

const hoan = (...args: string[]) => runHoan([...args, '--data-dir', office]);
const trusted = async () => JSON.parse((await hoan('trust', 'list', '--json')).stdout) as { fingerprint: string }[];

/** `hoan …` on a pseudo-terminal: the answer is typed once the question has appeared. */
function atTerminal(args: string[], answer: string): Promise<{ code: number | null; output: string }> {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, HOAN_BIN, ...args, '--data-dir', office].map(quote).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, HOAN_LANG: '' } });
  let output = '';
  let typed = false;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (!typed && output.includes('[y/N]')) {
      typed = true;
      child.stdin.end(`${answer}\n`);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('[#11.11] untrusted signers and `hoan trust add`, from the built CLI', () => {
  it('[#11.11] an untrusted-signer refusal says what to do next: confirm the fingerprint by phone, then register the key', async () => {
    const ja = await hoan('bundle', 'verify', bundle, '--lang', 'ja');
    expect(ja.code).toBe(BUNDLE_EXIT.untrusted_signer);
    expect(ja.stdout).toContain(`鍵 ${fingerprint} は信頼する署名者に登録されていません。`);
    expect(ja.stdout).toContain(`次にすること: 送信者に電話し`);
    expect(ja.stdout).toContain(`${fingerprint} と一文字ずつ一致することを確かめてください`);
    expect(ja.stdout).toContain('hoan trust add ファイル --role site');
    const en = await hoan('bundle', 'verify', bundle, '--lang', 'en');
    expect(en.stdout).toContain(`Next: call the sender`);
    expect(en.stdout).toContain(`check that it matches ${fingerprint} character by character`);
    expect(en.stdout).toContain('hoan trust add FILE --role site');
  });

  it('[#11.11] without a terminal and without --yes, trust add prints the fingerprint, refuses with the usage exit code and trusts nothing', async () => {
    const refused = await hoan('trust', 'add', signers, '--lang', 'ja');
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.stderr).toContain('次の鍵を信頼する署名者（事業場）として追加します:');
    expect(refused.stderr).toContain(`${fingerprint}  北関東ソーラー発電所 保安PC`);
    expect(refused.stderr).toContain('標準入力が端末ではありません');
    expect(refused.stderr).toContain('--yes を付けて');
    expect(refused.stdout).toBe('');
    expect(await trusted()).toEqual([]);
    const en = await hoan('trust', 'add', signers, '--lang', 'en');
    expect([en.code, en.stderr.includes('stdin is not a terminal'), en.stderr.includes(fingerprint)]).toEqual([EXIT.usage, true, true]);
  });

  it.skipIf(!HAS_SCRIPT)('[#11.11] at a terminal, trust add shows the fingerprint and asks y/N: no (or just Enter) trusts nothing, y trusts the key', async () => {
    const no = await atTerminal(['trust', 'add', signers, '--lang', 'ja'], 'n');
    expect(no.code).toBe(EXIT.declined);
    expect(no.output).toContain(fingerprint);
    expect(no.output).toContain('指紋は一致しましたか。この鍵を信頼するなら y を入力してください [y/N]:');
    expect(no.output).toContain('追加しませんでした。');
    expect(await trusted()).toEqual([]);
    expect((await atTerminal(['trust', 'add', signers, '--lang', 'en'], '')).code).toBe(EXIT.declined);
    expect(await trusted()).toEqual([]);

    const yes = await atTerminal(['trust', 'add', signers, '--lang', 'en'], 'y');
    expect(yes.code, yes.output).toBe(EXIT.ok);
    expect(yes.output).toContain('Did the fingerprints match?');
    expect(await trusted()).toEqual([expect.objectContaining({ fingerprint })]);
    expect((await hoan('bundle', 'verify', bundle)).code).toBe(EXIT.ok);
    await hoan('trust', 'revoke', fingerprint);
  }, 60_000);

  it('[#11.11] --yes trusts without asking (for scripts), and --json keeps stdout machine-readable', async () => {
    const added = await hoan('trust', 'add', signers, '--yes', '--json', '--role', 'site');
    expect(added.code, added.stderr).toBe(EXIT.ok);
    expect(JSON.parse(added.stdout)).toEqual([expect.objectContaining({ fingerprint, role: 'site' })]);
    expect(await trusted()).toEqual([expect.objectContaining({ fingerprint })]);
    // Lines that cannot be trusted are refused with their reason, before any question.
    const bad = path.join(dirs.make(), 'bad_signers');
    fs.writeFileSync(bad, 'not an allowed_signers line\n');
    const refused = await hoan('trust', 'add', bad, '--lang', 'en');
    expect(refused.code).toBe(EXIT.validation);
    expect(refused.stderr).not.toContain('[y/N]');
  });
});
