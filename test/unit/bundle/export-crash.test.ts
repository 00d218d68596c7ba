import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../electron/core/bundle/bundle-types';
import { tempDirs } from '../helpers/temp-dir';
import { buildCrashChild, checkMediumAgainstHistory, largeSite, pendingExports, runChild } from './export-crash-kit';

const dirs = tempDirs('hoan-export-crash-');
let childScript: string;

beforeAll(async () => {
  childScript = await buildCrashChild(dirs.make());
});
afterAll(() => dirs.cleanup());

const resultOf = (lines: string[]) => JSON.parse(lines.find((l) => l.startsWith('result '))!.slice('result '.length)) as ExportResult;

describe('[#10.6] a crash during export never leaves a valid, unrecorded bundle under its final name', () => {
  it('[#10.6] SIGKILL at every stage and at random moments, then export again: one file per sequence, each recorded and verifying or named .partial', async () => {
    const dataDir = dirs.make();
    const usb = dirs.make();
    const siteId = await largeSite(dataDir);
    const verified = new Set<string>();

    const first = await runChild(childScript, dataDir, siteId, usb);
    expect(first.killed).toBe(false);
    await checkMediumAgainstHistory(dataDir, [usb], verified);

    const points = ['writing:0.02', 'writing:0.5', 'syncing', 'renamed', 'reading:0.02', 'reading:0.6', 'verified', 'finished'];
    const random = Array.from({ length: 5 }, () => Math.floor(Math.random() * first.ms * 1.1));
    const kills = [...points.map((p) => ({ point: p, after: undefined as number | undefined })), ...random.map((ms) => ({ point: '', after: ms }))];
    for (const { point, after } of kills) {
      const crashed = await runChild(childScript, dataDir, siteId, usb, point, after);
      if (point) expect(crashed.killed, `killed at ${point}`).toBe(true);
      const again = await runChild(childScript, dataDir, siteId, usb);
      expect(again.killed).toBe(false);
      await checkMediumAgainstHistory(dataDir, [usb], verified);
      // A complete file under its final name was read back and recorded by the next export;
      // a half-written one was removed when the data folder was opened.
      const earlier = resultOf(again.lines).earlier.map((e) => e.outcome);
      if (['renamed', 'reading:0.02', 'reading:0.6', 'verified'].includes(point)) expect(earlier, point).toEqual(['recorded']);
      if (point.startsWith('writing') || point === 'syncing' || point === 'finished') expect(earlier, point).toEqual([]);
      expect(pendingExports(dataDir)).toBe(0);
    }
    // The first run took long enough for the random kills to land inside the export.
    expect(first.ms).toBeGreaterThan(300);
  }, 300_000);
});
