/**
 * Bundle benchmark (issues 6 and 15): 1 GiB of evidence in about 300 files
 * of mixed sizes, measured in the same run on the same machine against the
 * floor — `openssl dgst -sha256`, which uses the CPU's SHA instructions
 * (coreutils' sha256sum here does not, and is four times slower):
 *   verify   vs openssl dgst -sha256 over the same files          (goal ≤ 1.2×)
 *   export   vs openssl dgst -sha256 + cp of the same files       (goal ≤ 1.5×)
 * Export includes everything it promises: records, reports, signing, the
 * zip, fsync, rename, and reading the whole file back to verify it. Three
 * rounds, each contender in turn; medians reported.
 *
 *   npm run bench:bundle            (BENCH_BUNDLE_MB=256 for a quick run)
 */
import { execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportBundle } from '../electron/core/bundle/export-bundle';
import { getInstallation, renameInstallation } from '../electron/core/bundle/installation';
import { verifyBundle } from '../electron/core/bundle/verify-bundle';
import { classificationAnswersSchema } from '../electron/core/classification/classification-schema';
import { recordClassification } from '../electron/core/classification/classification-repository';
import { attachEvidence } from '../electron/core/checklist/item-repository';
import { createRound } from '../electron/core/checklist/round-repository';
import { openCore } from '../electron/core/core';
import { evidenceFilePath, storeEvidenceFile } from '../electron/core/evidence/evidence-store';
import { createSite } from '../electron/core/sites/site-repository';
import { siteFieldsSchema } from '../electron/core/sites/site-schema';
import { emit, ratioResult } from './bench-result';
import { scratchDir } from './scratch';

const TOTAL = Number(process.env.BENCH_BUNDLE_MB ?? 1024) * 1024 * 1024;
const MB = 1024 * 1024;
const ROUNDS = 3;

/** About 300 sizes summing to TOTAL: many photos and PDFs, some logs, a few large exports. */
function sizes(total: number): number[] {
  let seed = 0x6b756e;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const out: number[] = [];
  for (let i = 0; i < 200; i++) out.push(Math.floor(20_000 + rand() * 1.5 * MB));
  for (let i = 0; i < 80; i++) out.push(Math.floor(2 * MB + rand() * 6 * MB));
  const rest = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; i < 20; i++) out.push(Math.floor(rest / 20) + (i === 0 ? rest % 20 : 0));
  return out;
}

const seconds = (fn: () => void) => {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
};
async function secondsAsync(fn: () => Promise<unknown>) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

async function main() {
  const root = scratchDir('hoan-bench-bundle-');
  try {
    const src = path.join(root, 'src');
    fs.mkdirSync(src);
    const list = sizes(TOTAL);
    const chunk = Buffer.allocUnsafe(8 * MB);
    list.forEach((size, i) => {
      const fd = fs.openSync(path.join(src, `evidence-${String(i).padStart(3, '0')}.bin`), 'w');
      for (let left = size; left > 0; left -= chunk.length) fs.writeSync(fd, randomFillSync(chunk).subarray(0, Math.min(left, chunk.length)));
      fs.closeSync(fd);
    });

    const core = openCore({ dataDir: path.join(root, 'data'), userName: 'bench' });
    renameInstallation(core.db, 'ベンチマーク PC', core.now());
    const site = createSite(core.db, siteFieldsSchema.parse({ name: 'ベンチマーク発電所', region: 'kanto', gridConnected: true, reversePowerFlow: false, hasRemoteMonitoring: true, hasControlSystem: true, installationType: 'new' }), core.now(), 'bench');
    recordClassification(core.db, site.id, classificationAnswersSchema.parse({ hasRemoteMonitoring: true, hasControlSystem: true, hasGeneration: false, sellsSurplus: null }), 'bench', core.now());
    const round = createRound(core.db, { siteId: site.id, title: 'bench', framework: 'jikayo-gl', carryOverFrom: null }, 'bench', core.now());
    const items = (core.db.prepare('SELECT item_id FROM assessment_items WHERE round_id = ?').all(round.id) as { item_id: string }[]).map((r) => r.item_id);
    const stored: string[] = [];
    for (const [i, name] of fs.readdirSync(src).sort().entries()) {
      const { sha256 } = await storeEvidenceFile(core, path.join(src, name), 4096 * MB);
      attachEvidence(core.db, round.id, items[i % items.length]!, { sha256, name }, 'bench', core.now());
      stored.push(evidenceFilePath(core.dataDir, sha256));
    }
    const bytes = list.reduce((a, b) => a + b, 0);
    console.log(`Hoan bundle benchmark: ${stored.length} files, ${(bytes / MB).toFixed(0)} MiB, ${os.cpus().length} CPU, Node ${process.version}; in ${root}`);

    // Warm the page cache once, so every contender reads the same way.
    execFileSync('cat', stored, { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 });
    const self = getInstallation(core.db);
    const trust = (fp: string) => (fp === self.fingerprint ? { name: self.name, principal: self.principal } : undefined);
    const rounds: { openssl: number; cp: number; exportS: number; verifyS: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const openssl = seconds(() => execFileSync('openssl', ['dgst', '-sha256', ...stored], { maxBuffer: 64 * MB }));
      const cpTarget = path.join(root, `cp-${round}`);
      fs.mkdirSync(cpTarget);
      const cp = seconds(() => execFileSync('cp', [...stored, cpTarget]));
      fs.rmSync(cpTarget, { recursive: true });
      const usb = path.join(root, `usb-${round}`);
      fs.mkdirSync(usb);
      let file = '';
      const exportS = await secondsAsync(async () => (file = (await exportBundle(core, site.id, usb)).path));
      let ok = false;
      const verifyS = await secondsAsync(async () => (ok = (await verifyBundle(file, { trust, db: null, now: new Date() })).report.ok));
      if (!ok) throw new Error('the benchmark bundle did not verify');
      fs.rmSync(usb, { recursive: true });
      rounds.push({ openssl, cp, exportS, verifyS });
      console.log(`round ${round + 1}: openssl ${openssl.toFixed(2)} s, cp ${cp.toFixed(2)} s, export ${exportS.toFixed(2)} s (${(exportS / (openssl + cp)).toFixed(2)}×), verify ${verifyS.toFixed(2)} s (${(verifyS / openssl).toFixed(2)}×)`);
    }
    core.close();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const openssl = median(rounds.map((r) => r.openssl));
    const cp = median(rounds.map((r) => r.cp));
    const baseline = median(rounds.map((r) => r.openssl + r.cp));
    const exportS = median(rounds.map((r) => r.exportS));
    const verifyS = median(rounds.map((r) => r.verifyS));

    const rate = (s: number) => `${(bytes / MB / s).toFixed(0)} MiB/s`;
    console.log(`medians of ${ROUNDS}: openssl dgst -sha256 ${openssl.toFixed(2)} s (${rate(openssl)}), cp ${cp.toFixed(2)} s (${rate(cp)})`);
    console.log(`Hoan export ${exportS.toFixed(2)} s (${rate(exportS)}), including fsync and full read-back verification`);
    console.log(`Hoan verify ${verifyS.toFixed(2)} s (${rate(verifyS)})`);
    console.log(`verify / openssl = ${(verifyS / openssl).toFixed(2)} (goal ≤ 1.2); export / (openssl + cp) = ${(exportS / baseline).toFixed(2)} (goal ≤ 1.5); load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    emit(ratioResult('bundle', `verify 1 GiB bundle (median of ${ROUNDS})`, verifyS, 's', 'openssl dgst -sha256 over the files', openssl, 1.2));
    emit(ratioResult('bundle', `export: write, fsync, read back, verify (median of ${ROUNDS})`, exportS, 's', 'openssl dgst -sha256 + cp of the files', baseline, 1.5));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
