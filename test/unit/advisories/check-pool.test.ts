import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Prepared } from '../../../electron/core/advisories/advisory-prepare';
import { CheckPool } from '../../../electron/core/advisories/check-pool';
import { csafDocument, SAMPLE_ADVISORIES } from '../helpers/csaf';

/**
 * Issue 13 (import speed): the advisory checks run in worker threads. Real
 * workers, the real validator (the build's check-worker.js, as the inventory
 * parse worker is tested); a stand-in script wraps it to crash or stall on
 * the documents that ask for it.
 */
const FAULTY = path.resolve(__dirname, '../../fixtures/advisories/faulty-check-worker.cjs');
const pools: CheckPool[] = [];
afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.close();
});

function pool(options: ConstructorParameters<typeof CheckPool>[0], workers: number): CheckPool {
  const p = new CheckPool(options);
  pools.push(p);
  p.acquire();
  p.grow(workers);
  return p;
}

const bytes = (doc: unknown) => new TextEncoder().encode(`${JSON.stringify(doc, null, 2)}\n`);
const good = (n: number) =>
  bytes(csafDocument({ id: `ICSA-24-${String(n).padStart(3, '0')}-01`, products: [{ vendor: 'Mitsubishi Electric', product: `MELSEC ${n}`, leaves: [{ range: '<= 1.063R' }] }], vulnerabilities: [{ cve: `CVE-2024-${1000 + n}`, cvss: 7.5 }] }));
const poisoned = (word: string) => bytes({ ...SAMPLE_ADVISORIES.omron(), [word]: true });
const summary = (p: Prepared) => (p.ok === true ? p.revision.trackingId : p.ok === false ? p.refusal.key : 'feed');

describe('[#13.5] advisory checks in worker threads', () => {
  it('[#13.5] three workers answer forty documents each with its own result, whatever order they finish in', async () => {
    const p = pool({}, 3);
    const results = await Promise.all(Array.from({ length: 40 }, (_, n) => p.check({ bytes: good(n) }, false)));
    expect(results.map(summary)).toEqual(Array.from({ length: 40 }, (_, n) => `ICSA-24-${String(n).padStart(3, '0')}-01`));
    const invalid = csafDocument({ id: 'ICSA-24-999-01', products: [{ vendor: 'OMRON', product: 'NJ', leaves: [{ version: '1.0' }] }], vulnerabilities: [{ cve: 'CVE-2024-9999' }] });
    (invalid as { document: { tracking: { status: string } } }).document.tracking.status = 'bogus';
    expect(summary(await p.check({ bytes: bytes(invalid) }, false))).toBe('advisories.import.refused.invalid');
  }, 120_000);

  it('[#13.5] a worker that dies on a document refuses that document with the reason; the documents queued behind it are checked by a fresh worker', async () => {
    const p = pool({ script: FAULTY }, 1);
    const results = await Promise.all([good(1), poisoned('CRASH-ME'), good(2), good(3)].map((b) => p.check({ bytes: b }, false)));
    expect(results.map(summary)).toEqual(['ICSA-24-001-01', 'advisories.import.refused.checkerStopped', 'ICSA-24-002-01', 'ICSA-24-003-01']);
    expect(results[1]).toMatchObject({ refusal: { params: { detail: 'exit 7' } } });
  }, 120_000);

  it('[#13.5] a document the validator never finishes is refused after the timeout, and the next one is still checked', async () => {
    const p = pool({ script: FAULTY, timeoutMs: 2_000 }, 1);
    // Loaded first: the timeout counts from the validator being ready.
    expect(summary(await p.check({ bytes: good(1) }, false))).toBe('ICSA-24-001-01');
    const results = await Promise.all([poisoned('STALL-ME'), good(2)].map((b) => p.check({ bytes: b }, false)));
    expect(results.map(summary)).toEqual(['advisories.import.refused.checkTimedOut', 'ICSA-24-002-01']);
    expect(results[0]).toMatchObject({ refusal: { params: { seconds: 2 } } });
  }, 120_000);

  it('[#13.5] workers that keep dying: after three restarts every document still waiting is refused, and nothing hangs', async () => {
    const p = pool({ script: FAULTY }, 1);
    const results = await Promise.all([...Array.from({ length: 5 }, () => poisoned('CRASH-ME')), good(1)].map((b) => p.check({ bytes: b }, false)));
    expect(results.map(summary)).toEqual(Array.from({ length: 6 }, () => 'advisories.import.refused.checkerStopped'));
    expect(p.size).toBe(0);
  }, 120_000);
});
