import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateDecision } from '../../../electron/core/checklist/item-repository';
import { HOAN_BIN, staleBuild, type Finished } from '../helpers/built-cli';
import { layOutPackagedApp } from '../helpers/packaged-app';
import { tempDirs } from '../helpers/temp-dir';
import { decision, openTestCore, siteWithRound } from '../checklist/checklist-fixture';

/*
 * `hoan report --pdf` as a user runs it: the built command, from a folder
 * that has nothing to do with Hoan, once from the project's out/ and once
 * from the files electron-builder packages, laid out as an installed app.
 */

const dirs = tempDirs('hoan-report-built-');
const SITE = '北関東<ソーラー>発電所';
const PERIOD = ['--from', '2025-04-01', '--to', '2025-06-30'];
let dataDir: string;
let siteId: string;
/** An unrelated working folder: no resources/, no out/, no package.json above it that is Hoan's. */
let cwd: string;

function run(launcher: string[], args: string[]): Promise<Finished> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOAN_LANG: '' };
  delete env.HOAN_RESOURCES_DIR;
  const child = spawn(process.execPath, [...launcher, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const reportArgs = (out: string) => ['report', '--site', siteId, ...PERIOD, '--xlsx', path.join(out, 'report.xlsx'), '--pdf', path.join(out, 'report.pdf'), '--data-dir', dataDir];

beforeAll(() => {
  expect(staleBuild(), 'the built output is older than these sources: run npm run build').toEqual([]);
  dataDir = dirs.make();
  cwd = dirs.make();
  const core = openTestCore(dataDir);
  try {
    const { site, round } = siteWithRound(core, 'A', { name: SITE });
    updateDecision(core.db, round!.id, '8-1-3', decision({ status: 'implemented' }), '山田', core.now());
    siteId = site.id;
  } finally {
    core.close();
  }
});
afterAll(() => dirs.cleanup());

describe('hoan report --pdf, run as a user runs it', () => {
  it('[#11.1] works from the built out/ (node electron/cli/bin.cjs), started in an unrelated folder', async () => {
    const out = dirs.make();
    const result = await run([HOAN_BIN], reportArgs(out));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(fs.readFileSync(path.join(out, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(execFileSync('pdftotext', [path.join(out, 'report.pdf'), '-'], { encoding: 'utf8' })).toContain(SITE);
  });

  it('[#11.1] works from the file set electron-builder packages, laid out as an installed app', async () => {
    const { appDir } = await layOutPackagedApp(path.join(dirs.make(), 'Hoan'));
    // The packaged app has no bin.cjs (not in "files"); this is the launcher's one line.
    const launcher = ['-e', "require(process.argv[1]).main(process.argv.slice(2)).then((c) => { process.exitCode = c; })", path.join(appDir, 'out', 'electron', 'cli', 'main.js')];
    const out = dirs.make();
    const result = await run(launcher, reportArgs(out));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(execFileSync('pdftotext', [path.join(out, 'report.pdf'), '-'], { encoding: 'utf8' })).toContain(SITE);
  });
});
