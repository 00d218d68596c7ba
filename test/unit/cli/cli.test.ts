import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { decisionSchema } from '../../../electron/core/checklist/assessment-schema';
import { updateDecision } from '../../../electron/core/checklist/item-repository';
import { createRound } from '../../../electron/core/checklist/round-repository';
import { openCore } from '../../../electron/core/core';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/cli-io';
import { DB_FILE_NAME } from '../../../electron/core/data-dir';
import { sha256OfFile, tempDirs } from '../helpers/temp-dir';
import { runCli } from '../helpers/run-cli';

const dirs = tempDirs('hoan-cli-');
afterEach(() => dirs.cleanup());

const run = runCli;

function countSites(dataDir: string): number {
  const db = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM sites').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const SOLAR = ['--name', '北関東ソーラー発電所', '--region', 'kanto', '--capacity-kw', '１，９９０', '--grid-connected', '--reverse-flow', '--control'];

describe('hoan CLI', () => {
  it('prints its version', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('adds, lists, shows and classifies a site as JSON', async () => {
    const d = dirs.make();
    const added = await run(['sites', 'add', '--data-dir', d, ...SOLAR, '--json']);
    expect(added.code).toBe(EXIT.ok);
    const site = JSON.parse(added.stdout) as { id: string; name: string; generationCapacityKw: number };
    expect(site).toMatchObject({ name: '北関東ソーラー発電所', generationCapacityKw: 1990 });

    const listed = JSON.parse((await run(['sites', 'list', '--data-dir', d, '--json'])).stdout) as { id: string; classification: unknown }[];
    expect(listed.map((s) => [s.id, s.classification])).toEqual([[site.id, null]]);

    const classified = await run(['sites', 'classify', site.id, '--data-dir', d, '--answers', 'monitoring=no,control=yes,generation=yes,surplus=yes', '--json']);
    expect(classified.code).toBe(EXIT.ok);
    expect(JSON.parse(classified.stdout)).toMatchObject({
      result: 'A',
      reasons: [{ key: 'classification.reason.hasControlSystem' }, { key: 'classification.reason.sellsSurplus' }],
    });

    const shown = JSON.parse((await run(['sites', 'show', site.id, '--data-dir', d, '--json'])).stdout) as {
      classifications: { result: string }[];
      region: { phone: string };
    };
    expect(shown.classifications.map((c) => c.result)).toEqual(['A']);
    expect(shown.region.phone).toBe('048-600-0385');
  });

  it('classifies from the site facts when no answers are given, with the reason in words', async () => {
    const d = dirs.make();
    const { id } = JSON.parse((await run(['sites', 'add', '--data-dir', d, '--name', '病院', '--region', 'kinki', '--monitoring', '--capacity-kw', '300', '--json'])).stdout) as { id: string };
    const ja = await run(['sites', 'classify', id, '--data-dir', d]);
    expect(ja.stdout.trim()).toBe('遠隔監視システムがある、発電設備があるが自家消費のみ（逆潮流なし） → 区分B');
    const en = await run(['sites', 'classify', id, '--data-dir', d, '--lang', 'en']);
    expect(en.stdout.trim()).toBe('has a remote monitoring system and generates for its own use only (no reverse power flow) → Class B');
  });

  it('refuses bad input in the user language, naming the flags, and writes nothing', async () => {
    const d = dirs.make();
    await run(['sites', 'list', '--data-dir', d]);
    const result = await run(['sites', 'add', '--data-dir', d, '--name', '', '--region', 'mars', '--voltage', '六千', '--reverse-flow']);
    expect(result.code).toBe(EXIT.validation);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      '入力内容に誤りがあります。',
      '  --voltage: 数値を入力してください。',
      '  --name: 必須項目です。',
      '  --region: 選択肢から選んでください。',
      '  --reverse-flow: 逆潮流があるのは系統連系している場合だけです。',
      '  --capacity-kw: 逆潮流がある場合は発電設備容量を入力してください。',
    ]);
    expect(countSites(d)).toBe(0);
  });

  it('uses distinct exit codes: usage, not found, invalid id, invalid answers', async () => {
    const d = dirs.make();
    expect((await run(['sites', 'frobnicate', '--data-dir', d])).code).toBe(EXIT.usage);
    expect((await run(['--no-such-flag'])).code).toBe(EXIT.usage);
    expect((await run([])).code).toBe(EXIT.usage);
    const missing = await run(['sites', 'show', '00000000-0000-4000-8000-000000000000', '--data-dir', d, '--lang', 'en']);
    expect(missing).toMatchObject({ code: EXIT.notFound, stdout: '' });
    expect(missing.stderr).toContain('Not found (site: 00000000-0000-4000-8000-000000000000)');
    expect((await run(['sites', 'show', 'not-an-id', '--data-dir', d])).code).toBe(EXIT.validation);
    const { id } = JSON.parse((await run(['sites', 'add', '--data-dir', d, '--name', 'X', '--region', 'kyushu', '--json'])).stdout) as { id: string };
    const answers = await run(['sites', 'classify', id, '--data-dir', d, '--answers', 'monitoring=maybe,colour=blue']);
    expect(answers.code).toBe(EXIT.validation);
    expect(answers.stderr).toContain('answers.hasRemoteMonitoring: 選択肢から選んでください。');
    expect(answers.stderr).toContain('answers.colour: 不明な項目です。');
  });

  it('refuses a damaged database without touching it (exit 5), and honours HOAN_DATA_DIR', async () => {
    const d = dirs.make();
    const file = path.join(d, DB_FILE_NAME);
    fs.writeFileSync(file, 'これはデータベースではありません'.repeat(100));
    const before = sha256OfFile(file);
    const result = await run(['sites', 'list'], { HOAN_DATA_DIR: d });
    expect(result.code).toBe(EXIT.database);
    expect(result.stderr).toContain(`データベースファイルが壊れているか、Hoanのデータベースではありません: ${file}`);
    expect(sha256OfFile(file)).toBe(before);
  });

  it('backs up the database to a new file and refuses to overwrite one', async () => {
    const d = dirs.make();
    await run(['sites', 'add', '--data-dir', d, '--name', '工場', '--region', 'chubu']);
    const target = path.join(dirs.make(), 'copy.sqlite3');
    expect((await run(['db', 'backup', target, '--data-dir', d])).code).toBe(EXIT.ok);
    const copy = new Database(target, { readonly: true });
    expect((copy.prepare('SELECT name FROM sites').all() as { name: string }[]).map((r) => r.name)).toEqual(['工場']);
    copy.close();
    expect((await run(['db', 'backup', target, '--data-dir', d])).code).toBe(EXIT.io);
  });

  it('exports the latest checklist round as the inspector workbook', async () => {
    const d = dirs.make();
    const { id } = JSON.parse((await run(['sites', 'add', '--data-dir', d, ...SOLAR, '--json'])).stdout) as { id: string };
    await run(['sites', 'classify', id, '--data-dir', d]);
    const target = path.join(dirs.make(), '点検.xlsx');
    const none = await run(['checklist', 'export', '--site', id, '--xlsx', target, '--data-dir', d]);
    expect(none.code).toBe(EXIT.notFound);
    expect(none.stderr).toContain('この事業場にはまだ評価がありません。');
    expect(fs.existsSync(target)).toBe(false);

    const core = openCore({ dataDir: d });
    try {
      const round = createRound(core.db, { siteId: id, title: '2025年度', framework: 'jikayo-gl', carryOverFrom: null }, '', new Date());
      updateDecision(core.db, round.id, '8-1-3', decisionSchema.parse({ status: 'implemented', necessity: 'needed' }), '', new Date());
    } finally {
      core.close();
    }
    const done = await run(['checklist', 'export', '--site', id, '--xlsx', target, '--data-dir', d]);
    expect(done).toMatchObject({ code: EXIT.ok, stdout: `${target}\n` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    const sheet = wb.getWorksheet('チェックリスト')!;
    expect(sheet.rowCount).toBe(33);
    const row = sheet.getRows(2, 32)!.find((r) => String(r.getCell(2).value).startsWith('8-1-3'))!;
    expect(row.getCell(5).value).toBe('実施済');
  });

  // Needs the build (`npm test` builds first): this is the command a user runs.
  it('`hoan serve --no-open` prints a tokened URL; 401 without the token, the app with it; stops on SIGTERM', async () => {
    const d = dirs.make();
    const bin = path.resolve(__dirname, '../../../electron/cli/bin.cjs');
    const child = spawn(process.execPath, [bin, 'serve', '--no-open', '--port', '0', '--data-dir', d], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = '';
        child.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          const m = /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/m.exec(seen);
          if (m) resolve(m[0]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${seen}`)));
      });
      const { origin, searchParams } = new URL(url);
      expect((await fetch(`${origin}/`)).status).toBe(401);
      const entry = await fetch(url, { redirect: 'manual' });
      expect(entry.status).toBe(303);
      const cookie = entry.headers.get('set-cookie')!.split(';')[0]!;
      const page = await fetch(`${origin}/`, { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root"');
      const info = await fetch(`${origin}/api/app:info`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${searchParams.get('token')}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(((await info.json()) as { data: { dataDir: string } }).data.dataDir).toBe(path.resolve(d));
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
