import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/cli-io';
import { DB_FILE_NAME } from '../../../electron/core/data-dir';
import { translate } from '../../../electron/core/i18n/translate';
import { runHoan, staleBuild, startHoan, type Finished } from '../helpers/built-cli';
import { tempDirs } from '../helpers/temp-dir';

/*
 * Several Hoan processes on one data folder, as on a technician's laptop: the
 * app (or `hoan serve`) and the CLI, or two CLI imports. Everything here runs
 * the built command in processes of its own (npm run build first).
 */

const dirs = tempDirs('hoan-writers-');
afterEach(() => dirs.cleanup());

const ROWS = 60_000;
const BUSY_JA = translate('ja', 'errors.dbBusy', { seconds: 5 });
const BUSY_EN = translate('en', 'errors.dbBusy', { seconds: 5 });

beforeAll(() => {
  expect(staleBuild(), 'the built output is older than these sources: run npm run build').toEqual([]);
});

/** A ledger of `rows` devices whose 管理番号 start with `prefix`. */
function ledger(dir: string, prefix: string, rows = ROWS): string {
  const file = path.join(dir, `${prefix}-台帳.csv`);
  const lines = ['管理番号,機器名,種別,設置場所,IPアドレス'];
  for (let i = 1; i <= rows; i++) {
    lines.push(`${prefix}-${String(i).padStart(6, '0')},機器${i},PLC,第${(i % 40) + 1}電気室,10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  }
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

async function addSite(dataDir: string, name: string): Promise<string> {
  const added = await runHoan(['sites', 'add', '--data-dir', dataDir, '--name', name, '--region', 'kanto', '--json']);
  expect(added).toMatchObject({ code: EXIT.ok });
  return (JSON.parse(added.stdout) as { id: string }).id;
}

function openDb(dataDir: string): Database.Database {
  return new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true });
}

/** A busy refusal is exit 9 (documented, scripts rely on it) and the translated message alone: no stack trace, no SQLite text. */
function expectCleanBusy(run: Finished, message = BUSY_JA): void {
  expect(run.code).toBe(9);
  expect(run.stderr).toContain(message);
  expect(run.stderr).not.toMatch(/SqliteError|database is locked|\n\s+at /);
}

interface Batch {
  seq: number;
  site_id: string;
  created_count: number;
  absent_count: number;
}

/** Every import that committed is whole: its batch, its audit entry and every device of its file. */
function expectWholeImports(dataDir: string, bySite: Record<string, string[]>) {
  const db = openDb(dataDir);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const batches = db.prepare('SELECT seq, site_id, created_count, absent_count FROM inventory_import_batches ORDER BY seq').all() as Batch[];
    const audited = db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'inventory-import' AND action = 'import'").pluck().get();
    expect(audited).toBe(batches.length);
    for (const [siteId, prefixes] of Object.entries(bySite)) {
      const ids = db.prepare('SELECT asset_id FROM devices WHERE site_id = ? ORDER BY asset_id').pluck().all(siteId) as string[];
      const mine = batches.filter((b) => b.site_id === siteId);
      // Half an import would show as a count between whole files.
      expect(ids.length).toBe(mine.reduce((n, b) => n + b.created_count, 0));
      expect(ids.length % ROWS).toBe(0);
      for (const prefix of prefixes) {
        const count = ids.filter((id) => id.startsWith(`${prefix}-`)).length;
        expect([0, ROWS]).toContain(count);
      }
    }
    return batches;
  } finally {
    db.close();
  }
}

/** Another process holds the data folder's write lock until released; resolves once it holds it. */
function holdWriteLock(dataDir: string): Promise<{ release(): Promise<number> }> {
  const script = `
    const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
    const db = new Database(process.argv[1]);
    db.pragma('journal_mode = WAL');
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });
  `;
  const child = spawn(process.execPath, ['-e', script, path.join(dataDir, DB_FILE_NAME)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const done = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () =>
      resolve({
        release: () => {
          child.stdin.write('release\n');
          return done;
        },
      }),
    );
    child.once('error', reject);
  });
}

function post(url: URL, channel: string, input: unknown): Promise<{ status: number; body: { ok: boolean; error?: { code: string } } }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: `/api/${channel}`,
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${url.searchParams.get('token')}` },
        agent: false,
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as never }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(input));
  });
}

describe('concurrent writers on one data folder', () => {
  it('[#10.4] two hoan inventory import processes, 60,000 rows each into two sites at once: each commits whole or reports busy cleanly', async () => {
    const dataDir = dirs.make();
    const files = dirs.make();
    const [north, south] = [await addSite(dataDir, '北工場'), await addSite(dataDir, '南工場')];
    const runs = await Promise.all([
      runHoan(['inventory', 'import', ledger(files, 'N'), '--site', north, '--data-dir', dataDir]),
      runHoan(['inventory', 'import', ledger(files, 'S'), '--site', south, '--data-dir', dataDir]),
    ]);
    for (const run of runs) if (run.code !== EXIT.ok) expectCleanBusy(run);
    expect(runs.some((r) => r.code === EXIT.ok)).toBe(true);

    const batches = expectWholeImports(dataDir, { [north]: ['N'], [south]: ['S'] });
    expect(batches.map((b) => b.site_id).sort()).toEqual(
      [runs[0]!.code === EXIT.ok ? north : null, runs[1]!.code === EXIT.ok ? south : null].filter(Boolean).sort(),
    );
  }, 240_000);

  it('[#10.4] two imports of different ledgers into the same site at once: one after the other, the later marks the earlier\'s devices absent', async () => {
    const dataDir = dirs.make();
    const files = dirs.make();
    const site = await addSite(dataDir, '東工場');
    const runs = await Promise.all([
      runHoan(['inventory', 'import', ledger(files, 'A'), '--site', site, '--data-dir', dataDir]),
      runHoan(['inventory', 'import', ledger(files, 'B'), '--site', site, '--data-dir', dataDir, '--lang', 'en']),
    ]);
    if (runs[0]!.code !== EXIT.ok) expectCleanBusy(runs[0]!);
    if (runs[1]!.code !== EXIT.ok) expectCleanBusy(runs[1]!, BUSY_EN);
    const batches = expectWholeImports(dataDir, { [site]: ['A', 'B'] });
    expect(batches).toHaveLength(runs.filter((r) => r.code === EXIT.ok).length);

    if (batches.length === 2) {
      // Each was compared with the inventory as the other left it: the later one saw the earlier's devices.
      expect(batches.map((b) => [b.created_count, b.absent_count])).toEqual([
        [ROWS, 0],
        [ROWS, ROWS],
      ]);
      const db = openDb(dataDir);
      const inLatest = db.prepare('SELECT substr(asset_id, 1, 1) AS p, in_latest_import AS n, count(*) AS c FROM devices GROUP BY 1, 2 ORDER BY 1').all();
      db.close();
      expect(inLatest).toHaveLength(2);
      expect((inLatest as { n: number }[]).map((r) => r.n).sort()).toEqual([0, 1]);
    }
  }, 240_000);

  it('[#10.4] a web host checking media in, in a loop, while the CLI imports 60,000 rows: every check-in is saved or refused as busy, the import is whole', async () => {
    const dataDir = dirs.make();
    const files = dirs.make();
    const site = await addSite(dataDir, '西工場');
    const serve = startHoan(['serve', '--no-open', '--port', '0', '--data-dir', dataDir]);
    try {
      const url = new URL(await serve.line(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/));
      const medium = await post(url, 'media:create', { siteId: site, fields: { controlNo: 'USB-001', type: 'usb_stick' } });
      expect(medium.body.ok).toBe(true);
      const mediumId = (medium.body as unknown as { data: { id: string } }).data.id;

      const importing = runHoan(['inventory', 'import', ledger(files, 'W'), '--site', site, '--data-dir', dataDir]);
      let finished = false;
      void importing.then(() => (finished = true));
      const outcomes: { status: number; code: string }[] = [];
      for (let i = 0; !finished || i < 20; i++) {
        const reply = await post(url, 'media:checkIn', { siteId: site, mediumId, person: `作業員 ${i}`, purpose: '点検', targets: ['監視PC'], method: 'none' });
        outcomes.push({ status: reply.status, code: reply.body.ok ? 'ok' : reply.body.error!.code });
      }
      const run = await importing;
      if (run.code !== EXIT.ok) expectCleanBusy(run);
      // A refusal is the busy envelope (HTTP 503), never an internal error.
      expect(outcomes.filter((o) => o.code !== 'ok' && !(o.code === 'busy' && o.status === 503))).toEqual([]);
      const saved = outcomes.filter((o) => o.code === 'ok').length;
      expect(saved).toBeGreaterThan(0);

      expectWholeImports(dataDir, { [site]: ['W'] });
      const db = openDb(dataDir);
      expect(db.prepare('SELECT count(*) FROM media_log WHERE site_id = ?').pluck().get(site)).toBe(saved);
      db.close();
      const verify = await runHoan(['media', 'log', 'verify', '--site', site, '--data-dir', dataDir]);
      expect(verify.code).toBe(EXIT.ok);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.done;
    }
  }, 240_000);

  it('[#10.4] a writer that waits past the busy timeout exits 9 with the translated message, never a stack trace; nothing is half-written', async () => {
    const dataDir = dirs.make();
    const site = await addSite(dataDir, '中央工場');
    const file = ledger(dirs.make(), 'C', 200);
    const held = await holdWriteLock(dataDir);
    const [ja, en, reader] = await Promise.all([
      runHoan(['inventory', 'import', file, '--site', site, '--data-dir', dataDir]),
      runHoan(['sites', 'add', '--name', '別工場', '--region', 'kinki', '--data-dir', dataDir, '--lang', 'en']),
      // Opening the folder and reading take no write lock: answered while the other process writes.
      runHoan(['sites', 'list', '--json', '--data-dir', dataDir]),
    ]);
    expect(await held.release()).toBe(0);
    expectCleanBusy(ja);
    expectCleanBusy(en, BUSY_EN);
    expect(reader.code).toBe(EXIT.ok);
    expect((JSON.parse(reader.stdout) as unknown[]).length).toBe(1);

    const db = openDb(dataDir);
    expect(db.prepare('SELECT count(*) FROM devices').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM sites').pluck().get()).toBe(1);
    db.close();
    // Once the other process is done, the same command goes through.
    expect(await runHoan(['inventory', 'import', file, '--site', site, '--data-dir', dataDir])).toMatchObject({ code: EXIT.ok });
    expect((await runHoan(['--help'])).stdout).toContain('9 data folder busy (another Hoan process is writing to it: try again)');
  }, 60_000);

  it('two processes opening a new data folder at once: both run, one schema, one installation key', async () => {
    const dataDir = path.join(dirs.make(), 'fresh');
    const runs = await Promise.all(
      ['一号', '二号', '三号'].map((name) => runHoan(['sites', 'add', '--name', name, '--region', 'kanto', '--data-dir', dataDir])),
    );
    expect(runs.map((r) => [r.code, r.stderr])).toEqual(runs.map(() => [EXIT.ok, '']));
    const db = openDb(dataDir);
    expect(db.prepare('SELECT count(*) FROM sites').pluck().get()).toBe(3);
    expect(db.prepare('SELECT count(*) FROM installation').pluck().get()).toBe(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 60_000);
});
