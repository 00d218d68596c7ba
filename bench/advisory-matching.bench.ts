/**
 * `npm run bench` entry for matching (issue 13) until bench/advisories.ts
 * (the import benchmark) hands its imported corpus to matchingBench at its
 * marked spot: imports the 2,500-advisory corpus of advisory-corpus.ts
 * through importAdvisoryTexts, then the 10,000-device ledger, then times
 * matchSite in a child process (advisory-matching.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importAdvisoryTexts } from '../electron/core/advisories/advisory-store';
import { openCore } from '../electron/core/core';
import { corpusAdvisory } from './advisory-corpus';
import { emit } from './bench-result';
import { importBenchLedger, matchingBench } from './advisory-matching';

const ADVISORIES = Number(process.env.BENCH_ADVISORIES ?? 2_500);

async function main() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-bench-matching-'));
  try {
    const dataDir = path.join(root, 'data');
    const core = openCore({ dataDir });
    try {
      const t0 = Date.now();
      for (let start = 0; start < ADVISORIES; start += 250) {
        const texts = Array.from({ length: Math.min(250, ADVISORIES - start) }, (_, k) => ({ file: `corpus-${start + k}.json`, text: JSON.stringify(corpusAdvisory(start + k)) }));
        const report = await importAdvisoryTexts(core, texts);
        const refused = report.files.filter((f) => f.status === 'refused');
        if (refused.length) throw new Error(`corpus refused: ${JSON.stringify(refused.slice(0, 2))}`);
      }
      process.stderr.write(`[matching] corpus of ${ADVISORIES} advisories imported in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    } finally {
      core.close();
    }
    const siteId = await importBenchLedger(dataDir, path.join(root, 'ledger.csv'));
    for (const result of matchingBench(dataDir, siteId)) emit(result);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exitCode = 1;
});
