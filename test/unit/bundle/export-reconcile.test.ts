import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../electron/core/bundle/bundle-types';
import { prepareExport, runExport } from '../../../electron/core/bundle/export-bundle';
import { openCore } from '../../../electron/core/core';
import { runCli } from '../helpers/run-cli';
import { tempDirs } from '../helpers/temp-dir';
import { installation, populatedSite } from './bundle-world';
import { buildCrashChild, checkMediumAgainstHistory, largeSite, runChild } from './export-crash-kit';

const dirs = tempDirs('hoan-export-reconcile-');
const scratch = tempDirs('hoan-export-reconcile-case-');
let childScript: string;

beforeAll(async () => {
  childScript = await buildCrashChild(dirs.make());
});
afterEach(() => scratch.cleanup());
afterAll(() => dirs.cleanup());

function reservations(dataDir: string): { sequence: number; state: string; file_name: string }[] {
  const core = openCore({ dataDir });
  try {
    return core.db.prepare('SELECT sequence, state, file_name FROM bundle_exports ORDER BY sequence').all() as { sequence: number; state: string; file_name: string }[];
  } finally {
    core.close();
  }
}

/** A site whose export was killed after its file was verified, before it was recorded: a complete bundle, unrecorded. */
async function crashedAfterVerify(): Promise<{ dataDir: string; siteId: string; usb: string; file: string }> {
  const dataDir = scratch.make();
  const usb = scratch.make();
  const siteId = await largeSite(dataDir);
  expect((await runChild(childScript, dataDir, siteId, usb, 'verified')).killed).toBe(true);
  const [file] = fs.readdirSync(usb);
  expect(file).toMatch(/^hoan-site-\d{8}-0001-[0-9a-f]{8}\.zip$/);
  return { dataDir, siteId, usb, file: file! };
}

const exportCli = (dataDir: string, siteId: string, out: string, ...flags: string[]) =>
  runCli(['bundle', 'export', '--site', siteId, '--out', out, '--data-dir', dataDir, ...flags]);

describe('[#10.6] settling an interrupted export', () => {
  it('[#10.6] its medium unplugged: the number stays reserved and is reported at each export; once the medium is back, the file is verified and recorded', async () => {
    const { dataDir, siteId, usb, file } = await crashedAfterVerify();
    const away = `${usb}-unplugged`;
    fs.renameSync(usb, away);

    const other = scratch.make();
    const first = await exportCli(dataDir, siteId, other, '--lang', 'en');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(`An earlier export was interrupted`);
    expect(first.stderr).toContain(`${file} (sequence 1) could not be checked: ${usb} is not there. Connect the medium it was written to and export again`);
    expect(first.stdout).toMatch(/hoan-site-\d{8}-0002-[0-9a-f]{8}\.zip/);
    expect(reservations(dataDir).map((r) => [r.sequence, r.state])).toEqual([[1, 'pending'], [2, 'recorded']]);

    fs.renameSync(away, usb);
    const again = await exportCli(dataDir, siteId, other, '--json');
    expect(again.code, again.stderr).toBe(0);
    const result = JSON.parse(again.stdout) as ExportResult;
    expect(result.sequence).toBe(3);
    expect(result.earlier).toEqual([{ fileName: file, targetDir: usb, sequence: 1, siteId, outcome: 'recorded', detail: '' }]);
    expect(reservations(dataDir).map((r) => [r.sequence, r.state])).toEqual([[1, 'recorded'], [2, 'recorded'], [3, 'recorded']]);
    await checkMediumAgainstHistory(dataDir, [usb, other], new Set());
    const history = JSON.parse((await runCli(['bundle', 'history', '--data-dir', dataDir, '--json'])).stdout) as { sequence: number; fileName: string }[];
    expect(history.map((b) => b.sequence).sort()).toEqual([1, 2, 3]);
  }, 120_000);

  it('[#10.6] a file under its final name that no longer verifies is renamed to .partial and reported, never recorded', async () => {
    const { dataDir, siteId, usb, file } = await crashedAfterVerify();
    const bytes = fs.readFileSync(path.join(usb, file));
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    fs.writeFileSync(path.join(usb, file), bytes);

    const run = await exportCli(dataDir, siteId, usb);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('中断された出力がありました');
    expect(run.stderr).toContain(`${usb} の ${file}（通し番号 1）は検証に不合格（マニフェストと不一致）のため、${file}.partial に名前を変えました。`);
    const left = fs.readdirSync(usb);
    expect(left).toHaveLength(2);
    expect(left).toContain(`${file}.partial`);
    expect(left.find((f) => f !== `${file}.partial`)).toMatch(/-0002-[0-9a-f]{8}\.zip$/);
    expect(reservations(dataDir).map((r) => [r.sequence, r.state])).toEqual([[1, 'set_aside'], [2, 'recorded']]);
    await checkMediumAgainstHistory(dataDir, [usb], new Set());
  }, 120_000);

  it('[#10.6] opening the data folder removes a half-written .partial and closes its reservation; its number is skipped, not reused', async () => {
    const dataDir = scratch.make();
    const usb = scratch.make();
    const siteId = await largeSite(dataDir);
    expect((await runChild(childScript, dataDir, siteId, usb, 'writing:0.5')).killed).toBe(true);
    expect(fs.readdirSync(usb)).toEqual([expect.stringMatching(/-0001-[0-9a-f]{8}\.zip\.partial$/)]);

    openCore({ dataDir }).close();
    expect(fs.readdirSync(usb)).toEqual([]);
    expect(reservations(dataDir).map((r) => [r.sequence, r.state])).toEqual([[1, 'abandoned']]);

    const run = await exportCli(dataDir, siteId, usb, '--json');
    expect((JSON.parse(run.stdout) as ExportResult).sequence).toBe(2);
  }, 120_000);

  it('[#10.6] two exports running at once in one process take different numbers, and neither settles the other', async () => {
    const w = installation(scratch.make(), 'Site PC', '山田');
    try {
      const { site } = await populatedSite(w);
      const [usbA, usbB] = [scratch.make(), scratch.make()];
      const a = await prepareExport(w.core, site.id, usbA);
      const b = await prepareExport(w.core, site.id, usbB);
      expect([a.plan.sequence, b.plan.sequence]).toEqual([1, 2]);
      const [ra, rb] = await Promise.all([runExport(w.core, a), runExport(w.core, b)]);
      expect([ra.earlier, rb.earlier]).toEqual([[], []]);
      expect(w.core.db.prepare('SELECT sequence, state FROM bundle_exports ORDER BY sequence').all()).toEqual([
        { sequence: 1, state: 'recorded' },
        { sequence: 2, state: 'recorded' },
      ]);
    } finally {
      w.core.close();
    }
  });
});
