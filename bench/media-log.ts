/**
 * Checkpoint-log benchmark (issue 5): a million entries on a real SQLite file
 * with Hoan's pragmas (WAL, synchronous=FULL). Every figure comes with a
 * baseline measured in the same run on the same machine, so the ratio says
 * what the hash chain and the indexes cost:
 *   append p50/p99       vs a bare INSERT, one transaction each, into a plain table
 *   filtered query p95   vs the newest page of that plain table        (goal < 20 ms)
 *   verify, one thread   vs one plain sha256 over the same number of bytes (goal ≤ 3×, issue 15)
 *   verify, all cores    vs the same (goal < 5 s), as the app, `hoan serve` and the CLI verify
 *
 *   npm run bench:media                 (BENCH_ENTRIES=100000 for a quick run)
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { openCore } from '../electron/core/core';
import { appendEntry, type EntryDraft } from '../electron/core/media/checkpoint-log';
import { ENTRY_BYTES_SQL } from '../electron/core/media/chain-pages';
import { verifyChain } from '../electron/core/media/log-chain';
import { verifyChainFast } from '../electron/core/media/verify-parallel';
import { queryLog } from '../electron/core/media/log-query';
import { createMedium } from '../electron/core/media/media-registry';
import { mediumFieldsSchema, type LogFilter } from '../electron/core/media/media-schema';
import type { CheckInBody, Medium, VerifyResult } from '../electron/core/media/media-types';
import { createSite } from '../electron/core/sites/site-repository';
import { emit, ratioResult } from './bench-result';
import { scratchDir } from './scratch';
import { siteFieldsSchema } from '../electron/core/sites/site-schema';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const TIMED_APPENDS = 2_000;
const QUERIES = 300;
const FILL_BATCH = 5_000;
const VERIFY_ROUNDS = 3;

const ms = (ns: bigint) => Number(ns) / 1e6;
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
function time<T>(fn: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const r = fn();
  return [r, ms(process.hrtime.bigint() - t0)];
}

/** A deterministic pseudo-random stream, so two runs build the same log. */
let seed = 0x5eed;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

const PEOPLE = Array.from({ length: 200 }, (_, i) => `作業員 ${String(i).padStart(3, '0')}`);
const COMPANIES = Array.from({ length: 30 }, (_, i) => `保守会社 ${String.fromCharCode(65 + (i % 26))}${i}`);

/** A check-in as Hoan records one: a scan here finished just before `at` (or, now and then, no check at all). */
function draft(siteId: string, m: Medium, at: number): EntryDraft {
  const r = rand();
  const result = r < 0.9 ? 'clean' : r < 0.95 ? 'infected' : r < 0.98 ? 'error' : 'no_evidence';
  const exception = result !== 'clean' && rand() < 0.2;
  const body: CheckInBody = {
    targets: ['PLC-1', '監視PC'],
    scan: result === 'no_evidence' ? null : {
      profile: 'clamav', scanner: 'ClamAV clamscan', engineVersion: '1.4.6', signatureVersion: 'daily 27500 (Tue Jan 7 09:29:48 2025)',
      startedAt: new Date(at - 13_000).toISOString(), endedAt: new Date(at - 1_000).toISOString(), filesScanned: Math.floor(rand() * 500), exitCode: result === 'infected' ? 1 : 0,
      result, detections: result === 'infected' ? [{ file: 'tools/update.exe', name: 'Win.Test.EICAR_HDB-1' }] : [],
      errorText: '', logSha256: createHash('sha256').update(String(rand())).digest('hex'),
    },
    prior: null,
    manifest: { sha256: createHash('sha256').update(String(rand())).digest('hex'), root: '/media/usb0', fileCount: 42, totalBytes: 123_456_789, hashedFiles: 42, truncated: false, limits: { maxFiles: 20000, maxFileMb: 1024, maxTotalMb: 16384 } },
  };
  return {
    siteId, kind: 'check_in', mediumId: m.id, controlNo: m.controlNo, mediumType: m.type, person: pick(PEOPLE), company: pick(COMPANIES),
    purpose: '定期点検に伴うPLCプログラムのバックアップ', method: result === 'no_evidence' ? 'none' : 'scan_here', result, decision: result === 'clean' ? 'allowed' : exception ? 'exception' : 'denied',
    approver: exception ? '電気主任技術者' : '', exceptionReason: exception ? 'メーカー確認済み' : '', refersTo: null, body,
  };
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const r = await fn();
  return [r, ms(process.hrtime.bigint() - t0)];
}

async function main() {
  const dir = scratchDir('hoan-bench-media-');
  const start = new Date('2020-04-01T00:00:00Z').getTime();
  let clock = start;
  const core = openCore({ dataDir: dir, now: () => new Date(clock) });
  const { db } = core;
  console.log(`Hoan media-log benchmark: ${ENTRIES.toLocaleString('en')} entries, ${os.cpus().length} CPU, Node ${process.version}, SQLite ${(db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v}`);
  console.log(`journal_mode=${String(db.pragma('journal_mode', { simple: true }))} synchronous=${String(db.pragma('synchronous', { simple: true }))} (2 = FULL); data in ${dir}\n`);

  const site = createSite(db, siteFieldsSchema.parse({ name: 'ベンチマーク発電所', region: 'kanto', gridConnected: true, reversePowerFlow: false, hasRemoteMonitoring: true, hasControlSystem: true, installationType: 'new' }), new Date(clock));
  const media = Array.from({ length: 20 }, (_, i) => createMedium(db, site.id, mediumFieldsSchema.parse({ controlNo: `USB-${String(i).padStart(3, '0')}`, type: 'usb_stick' }), new Date(clock)));

  // Baseline table: the same row width, no chain, no indexes besides the key, same connection and pragmas.
  db.exec('CREATE TABLE bench_plain (id INTEGER PRIMARY KEY, uid TEXT, person TEXT, company TEXT, at TEXT, body TEXT)');
  const plainInsert = db.prepare('INSERT INTO bench_plain (uid, person, company, at, body) VALUES (?, ?, ?, ?, ?)');
  const sampleBody = JSON.stringify(draft(site.id, media[0]!, clock).body);

  // 1. Append latency, each its own transaction (fsync on commit with synchronous=FULL).
  const appendMs: number[] = [];
  const plainMs: number[] = [];
  for (let i = 0; i < TIMED_APPENDS; i++) {
    clock += 150_000;
    const d = draft(site.id, pick(media), clock);
    appendMs.push(time(() => appendEntry(db, d, new Date(clock), 'bench'))[1]);
    plainMs.push(time(() => db.transaction(() => plainInsert.run(randomUUID(), d.person, d.company, new Date(clock).toISOString(), sampleBody))())[1]);
  }
  appendMs.sort((a, b) => a - b);
  plainMs.sort((a, b) => a - b);

  // 2. Fill to the full size through the same append code, batched into larger transactions.
  const fillStart = process.hrtime.bigint();
  const step = (5 * 365 * 24 * 3600_000) / ENTRIES;
  for (let done = TIMED_APPENDS; done < ENTRIES; ) {
    const n = Math.min(FILL_BATCH, ENTRIES - done);
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        clock += step;
        appendEntry(db, draft(site.id, pick(media), clock), new Date(clock), 'bench');
        plainInsert.run(randomUUID(), pick(PEOPLE), pick(COMPANIES), new Date(clock).toISOString(), sampleBody);
      }
    })();
    const before = done;
    done += n;
    if (Math.floor(done / 100_000) > Math.floor(before / 100_000) || done === ENTRIES) process.stderr.write(`  filled ${done.toLocaleString('en')}\n`);
  }
  const fillS = ms(process.hrtime.bigint() - fillStart) / 1000;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');

  // 3. Filtered queries: the first page of 100 and its (capped) count, as the log view asks.
  const end = clock;
  const day = (t: number) => new Date(t + 9 * 3600_000).toISOString().slice(0, 10);
  const filters: (() => LogFilter)[] = [
    () => ({}),
    () => ({ mediumId: pick(media).id }),
    () => ({ person: pick(PEOPLE) }),
    () => ({ company: pick(COMPANIES) }),
    () => ({ decision: 'exception' }),
    () => ({ result: 'infected' }),
    () => {
      const from = start + rand() * (end - start - 31 * 86400_000);
      return { dateFrom: day(from), dateTo: day(from + 30 * 86400_000) };
    },
    () => ({ person: pick(PEOPLE), decision: 'allowed' }),
    () => {
      const from = start + rand() * (end - start - 92 * 86400_000);
      return { company: pick(COMPANIES), dateFrom: day(from), dateTo: day(from + 91 * 86400_000) };
    },
  ];
  const queryMs: number[] = [];
  const perKind = new Map<number, number[]>();
  for (let i = 0; i < QUERIES; i++) {
    const k = i % filters.length;
    const f = filters[k]!();
    const elapsed = time(() => queryLog(db, site.id, f, 0, 100))[1];
    queryMs.push(elapsed);
    perKind.set(k, [...(perKind.get(k) ?? []), elapsed]);
  }
  queryMs.sort((a, b) => a - b);
  const plainQuery = db.prepare('SELECT * FROM bench_plain ORDER BY id DESC LIMIT 100');
  const plainQueryMs = Array.from({ length: QUERIES }, () => time(() => plainQuery.all())[1]).sort((a, b) => a - b);

  // 4. Chain verification over everything, on one thread (what a one-core machine does) and over the
  //    machine's cores (what the app, `hoan serve` and the CLI do), each against one sha256 over as many
  //    bytes as the entries hash, measured in between: three rounds, alternating, medians taken.
  let bytes = 0;
  for (const [text] of db.prepare(ENTRY_BYTES_SQL).raw(true).iterate(site.id) as IterableIterator<[Buffer]>) bytes += text.length - 65;
  const block = Buffer.alloc(64 * 1024 * 1024, 0x61);
  const sha256 = () => {
    const h = createHash('sha256');
    for (let left = bytes; left > 0; left -= block.length) h.update(left >= block.length ? block : block.subarray(0, left));
    return h.digest('hex');
  };
  const rounds: { hashMs: number; oneMs: number; parallelMs: number; hashCpuMs: number; oneCpuMs: number; one: VerifyResult; parallel: VerifyResult }[] = [];
  const cpuMs = <T>(fn: () => T): [T, number] => {
    const before = process.cpuUsage();
    const r = fn();
    const used = process.cpuUsage(before);
    return [r, (used.user + used.system) / 1000];
  };
  for (let i = 0; i < VERIFY_ROUNDS; i++) {
    const [[, hashMs], hashCpuMs] = cpuMs(() => time(sha256));
    const [[one, oneMs], oneCpuMs] = cpuMs(() => time(() => verifyChain(db, site.id)));
    const [parallel, parallelMs] = await timeAsync(() => verifyChainFast(db, core.dbPath, site.id));
    rounds.push({ hashMs, oneMs, parallelMs, hashCpuMs, oneCpuMs, one, parallel });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const hashMs = median(rounds.map((r) => r.hashMs));
  const oneMs = median(rounds.map((r) => r.oneMs));
  const verifyMs = median(rounds.map((r) => r.parallelMs));
  const verified = rounds[0]!.parallel;
  const threads = rounds[0]!.parallel.threads;
  if (!rounds.every((r) => r.one.ok && r.parallel.ok)) throw new Error('the benchmark log did not verify');

  // The same figures as `BENCH` lines, in `npm run bench`'s format.
  const figure = (name: string, value: number, unit: string, baseline: string, baselineValue: number, max: number | null) =>
    emit({ benchmark: 'media-log', figure: name, value, unit, baseline, baselineValue, ratio: value / baselineValue, goal: max === null ? 'reported' : `≤ ${max} ${unit}`, pass: max === null || value <= max });
  figure('append p50', percentile(appendMs, 50), 'ms', 'bare INSERT p50', percentile(plainMs, 50), null);
  figure('append p99', percentile(appendMs, 99), 'ms', 'bare INSERT p99', percentile(plainMs, 99), null);
  figure('filtered query p95', percentile(queryMs, 95), 'ms', 'plain newest page p95', percentile(plainQueryMs, 95), 20);
  emit(ratioResult('media-log', `verify ${verified.entries} entries on one thread (median of ${VERIFY_ROUNDS})`, oneMs / 1000, 's', 'sha256 over the same bytes', hashMs / 1000, 3));
  figure(`verify ${verified.entries} entries over ${threads} threads (median of ${VERIFY_ROUNDS})`, verifyMs / 1000, 's', 'sha256 over the same bytes', hashMs / 1000, 5);

  const fileMb = fs.statSync(core.dbPath).size / 1048576;
  const f2 = (x: number) => x.toFixed(2);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
  console.log('figure                          value        baseline     ratio   goal');
  console.log(`append p50 (own transaction)    ${f2(percentile(appendMs, 50)).padStart(8)} ms  ${f2(percentile(plainMs, 50)).padStart(8)} ms  ${ratio(percentile(appendMs, 50), percentile(plainMs, 50)).padStart(6)}`);
  console.log(`append p99 (own transaction)    ${f2(percentile(appendMs, 99)).padStart(8)} ms  ${f2(percentile(plainMs, 99)).padStart(8)} ms  ${ratio(percentile(appendMs, 99), percentile(plainMs, 99)).padStart(6)}`);
  console.log(`filtered query p50              ${f2(percentile(queryMs, 50)).padStart(8)} ms  ${f2(percentile(plainQueryMs, 50)).padStart(8)} ms  ${ratio(percentile(queryMs, 50), percentile(plainQueryMs, 50)).padStart(6)}`);
  console.log(`filtered query p95              ${f2(percentile(queryMs, 95)).padStart(8)} ms  ${f2(percentile(plainQueryMs, 95)).padStart(8)} ms  ${ratio(percentile(queryMs, 95), percentile(plainQueryMs, 95)).padStart(6)}   < 20 ms ${percentile(queryMs, 95) < 20 ? 'met' : 'MISSED'}`);
  console.log(`verify, one thread (${(verified.entries / 1e6).toFixed(2)}M)     ${f2(oneMs / 1000).padStart(8)} s   ${f2(hashMs / 1000).padStart(8)} s   ${ratio(oneMs, hashMs).padStart(6)}   ≤ 3× ${oneMs <= 3 * hashMs ? 'met' : 'MISSED'}  (${(bytes / 1048576).toFixed(0)} MB hashed)`);
  console.log(`verify, ${threads} threads                ${f2(verifyMs / 1000).padStart(8)} s   ${f2(hashMs / 1000).padStart(8)} s   ${ratio(verifyMs, hashMs).padStart(6)}   < 5 s ${verifyMs < 5000 ? 'met' : 'MISSED'}`);
  for (const [i, r] of rounds.entries()) console.log(`  round ${i + 1}: sha256 ${f2(r.hashMs / 1000)} s, one thread ${f2(r.oneMs / 1000)} s (${ratio(r.oneMs, r.hashMs)}), ${r.parallel.threads} threads ${f2(r.parallelMs / 1000)} s (${ratio(r.parallelMs, r.hashMs)}); CPU time on one thread ${f2(r.oneCpuMs / 1000)} s against sha256's ${f2(r.hashCpuMs / 1000)} s (${ratio(r.oneCpuMs, r.hashCpuMs)})`);
  console.log(`  load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`\nfill: ${ENTRIES.toLocaleString('en')} appends in batches of ${FILL_BATCH} in ${fillS.toFixed(1)} s; database ${fileMb.toFixed(0)} MB`);
  const names = ['none (newest)', 'medium', 'person', 'company', 'exceptions', 'detections', '30 days', 'person+allowed', 'company+91 days'];
  console.log(`query p95 by filter: ${[...perKind].map(([k, v]) => `${names[k]} ${f2(percentile(v.sort((a, b) => a - b), 95))}`).join(', ')} (ms)`);
  core.close();
}

void main();
