import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateDecision } from '../../../electron/core/checklist/item-repository';
import { formatDateTime } from '../../../electron/core/time/format-date';
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
// Quotes and angle brackets: the name is user text in the page's HTML and in its header's CSS.
const SITE = '北関東<ソーラー>"第2"発電所';
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

let printing: Promise<{ result: Finished; pdf: string; before: Date; after: Date }> | undefined;
/** The built command's report, printed once for the tests that read it. */
function printedFromOut() {
  printing ??= (async () => {
    const out = dirs.make();
    const before = new Date();
    const result = await run([HOAN_BIN], reportArgs(out));
    return { result, pdf: path.join(out, 'report.pdf'), before, after: new Date() };
  })();
  return printing;
}

describe('hoan report --pdf, run as a user runs it', () => {
  it('[#11.1] works from the built out/ (node electron/cli/bin.cjs), started in an unrelated folder', async () => {
    const { result, pdf } = await printedFromOut();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain(SITE);
  });

  it("[#11.2] every page carries Hoan's header and footer (title, site, period, made-at in Japan time, page N / M), not the browser's date and file:// address", async () => {
    const { result, pdf, before, after } = await printedFromOut();
    expect(result.code, result.stderr).toBe(0);
    // pdftotext turns the ideographic space (U+3000) into spaces; runs of spaces are layout.
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
      .split('\f')
      .filter((p) => p.trim() !== '')
      .map((p) => p.replace(/[\u3000 ]+/g, ' '));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    const madeAt = new RegExp(`作成日時 (${[before, after].map((d) => formatDateTime(d.toISOString(), { language: 'ja', calendar: 'gregorian', timeZone: 'Asia/Tokyo' })).join('|')})`);
    pages.forEach((page, i) => {
      const where = `page ${i + 1}:\n${page}`;
      expect(page, where).toContain(`サイバーセキュリティ対策 立入検査用報告書 ${SITE}`);
      expect(page, where).toContain('対象期間 2025年4月1日 〜 2025年6月30日');
      expect(page, where).toMatch(madeAt);
      expect(page, where).toContain(`${i + 1} / ${pages.length} ページ`);
      expect(page, where).not.toContain('file://');
      // Chromium's default header: "12/1/26, 9:44 PM".
      expect(page, where).not.toMatch(/\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\d:\d\d\s?[AP]M/);
    });
    // Kept for a person to look at: out/screenshots/report-pdf-<page>.png.
    const shots = path.resolve(__dirname, '../../../out/screenshots');
    fs.mkdirSync(shots, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(shots, 'report-pdf')]);
  });

  it("[#11.7] the PDF's cover names the catalogue and says it is a summary with generic items", async () => {
    const { result, pdf } = await printedFromOut();
    expect(result.code, result.stderr).toBe(0);
    const cover = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(cover).toContain('カタログ');
    expect(cover).toContain('自家用GL2022.10-deck.2');
    expect(cover).toContain('このカタログは要約版です。');
    expect(cover).toContain('条ごとに1つの包括的な項目にしています。');
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
