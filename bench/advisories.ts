/**
 * Advisory benchmark (issue 13): a folder of 2,500 CSAF 2.0 advisories
 * shaped like CISA's ICS advisories (~20 KB each: a few vendors and products
 * with version ranges and model numbers, several vulnerabilities with CVSS
 * v3, notes, references, remediations; a `.sha512` beside each), generated
 * into a temp folder and measured in the same run on the same machine:
 *   (a) reading and JSON.parse of every file (the baseline)
 *   (a') the same with the CSAF validator run on each document, as Hoan
 *       runs it (not a goal: it shows how much of (b) is the validator)
 *   (b) Hoan's import of the folder into a fresh data folder: bounds, the
 *       strict schema and mandatory tests, .sha512, flattening, the store
 * Each measurement runs in its own child process, three times alternating,
 * median taken; peak RSS is the child's own (process.resourceUsage).
 * Goals: b/a ≤ 3, peak RSS of (b) ≤ 400 MB. Then matching (advisory-matching.ts):
 * 10,000 devices against the corpus, ≤ 2 s, peak RSS ≤ 400 MB.
 *
 *   npm run bench:advisories          (BENCH_ADVISORIES, BENCH_ADVISORIES_RUNS to change)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { importAdvisoryPaths } from '../electron/core/advisories/advisory-store';
import { validateCsaf } from '../electron/core/advisories/csaf-validator';
import { openCore } from '../electron/core/core';
import { importBenchLedger, matchingBench } from './advisory-matching';
import { emit, limitResult, ratioResult } from './bench-result';
import { scratchDir } from './scratch';

const COUNT = Number(process.env.BENCH_ADVISORIES ?? 2_500);
const RUNS = Number(process.env.BENCH_ADVISORIES_RUNS ?? 3);

const VENDORS = ['Mitsubishi Electric', 'OMRON Corporation', 'Yokogawa Electric Corporation', 'Siemens', 'Schneider Electric', 'Hitachi Energy', 'Fuji Electric', 'Moxa', 'Rockwell Automation', 'Fortinet'];
const PRODUCTS = ['MELSEC iQ-R Series CPU module', 'NJ/NX-series Controllers', 'CENTUM VP', 'SIMATIC S7-1500', 'Modicon M580', 'RTU500 series', 'Tellus Lite V-Simulator', 'EDR-810 Series', 'ControlLogix 5580', 'FortiGate'];
const RANGES = ['<= 1.063R', '>= R5.01.00 | <= R6.06.00', 'vers:generic/>=1.0|<1.49', '<V4.0.19.0', '>=12|<=68', '<= 4.0.12.0 (Including R4.03.00)', 'vers:all/*', '<= 9.78'];
/** Vectors whose CVSS 3.1 base score is the key (mandatory test 6.1.9 recalculates it). */
const CVSS: [number, string, string][] = [
  [5.3, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L', 'MEDIUM'],
  [7.5, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 'HIGH'],
  [8.2, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:H', 'HIGH'],
  [9.8, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'CRITICAL'],
];
const PROSE =
  'Successful exploitation of this vulnerability could allow a remote attacker to cause a denial-of-service condition, disclose information, or execute arbitrary code on the affected device. ';

/** One advisory as CISA writes them; deterministic in `n`. */
function advisory(n: number): object {
  const id = `ICSA-${String(17 + (n % 8)).padStart(2, '0')}-${String((n % 365) + 1).padStart(3, '0')}-${String(n).padStart(4, '0')}`;
  const date = new Date(Date.UTC(2017 + (n % 8), n % 12, (n % 28) + 1)).toISOString();
  let pid = 1;
  const affected: string[] = [];
  const fixed: string[] = [];
  const vendorCount = 1 + (n % 2);
  const branches = Array.from({ length: vendorCount }, (_, v) => {
    const vendor = VENDORS[(n + v) % VENDORS.length]!;
    return {
      category: 'vendor',
      name: vendor,
      branches: Array.from({ length: 2 + (n % 3) }, (_, p) => {
        // CISA's 2,400 OT advisories name a few thousand product lines, a handful
        // of them (a PLC family, a firewall) in dozens of advisories: one product
        // in five here is such a family by its bare name, the rest a series of it.
        const family = PRODUCTS[(n + v + p) % PRODUCTS.length]!;
        const product = (n + p) % 5 === 0 ? family : `${family} ${String.fromCharCode(65 + ((n * 7 + p * 3) % 26))}${((n * 31 + p * 17) % 97) + 1}`;
        const leaves = [
          { range: RANGES[(n + p) % RANGES.length]!, fixed: false },
          { version: `${(p % 9) + 2}.${n % 100}`, fixed: true },
        ];
        return {
          category: 'product_name',
          name: product,
          branches: leaves.map((leaf) => {
            const productId = `CSAFPID-${String(pid++).padStart(4, '0')}`;
            (leaf.fixed ? fixed : affected).push(productId);
            const text = leaf.range ?? leaf.version!;
            return {
              category: leaf.range ? 'product_version_range' : 'product_version',
              name: text,
              product: { name: `${vendor} ${product} ${text}`, product_id: productId, product_identification_helper: { model_numbers: [`R${(n % 900) + 100}*CPU`, `MODEL-${n % 2000}-?`] } },
            };
          }),
        };
      }),
    };
  });
  const vulnerabilities = Array.from({ length: 3 + (n % 4) }, (_, v) => {
    const [score, vector, severity] = CVSS[(n + v) % CVSS.length]!;
    return {
      cve: `CVE-${2017 + (n % 8)}-${String(10_000 + n * 10 + v)}`,
      cwe: { id: 'CWE-20', name: 'Improper Input Validation' },
      notes: [
        { category: 'summary', title: 'Vulnerability summary', text: `${PROSE}${PROSE}` },
        { category: 'details', title: 'Vulnerability details', text: PROSE.repeat(2) },
      ],
      product_status: { known_affected: affected, fixed },
      scores: [{ products: affected, cvss_v3: { version: '3.1', vectorString: vector, baseScore: score, baseSeverity: severity } }],
      remediations: [
        { category: 'vendor_fix', details: `Update the firmware to the fixed version. ${PROSE}`, product_ids: affected, url: 'https://www.example.com/psirt' },
        { category: 'mitigation', details: `Minimize network exposure for all control system devices. ${PROSE}`, product_ids: affected },
      ],
      references: [{ category: 'external', summary: 'NVD', url: `https://nvd.nist.gov/vuln/detail/CVE-${2017 + (n % 8)}-${10_000 + n * 10 + v}` }],
    };
  });
  return {
    document: {
      category: 'csaf_security_advisory',
      csaf_version: '2.0',
      title: `${VENDORS[n % VENDORS.length]} ${PRODUCTS[n % PRODUCTS.length]}`,
      lang: 'en-US',
      distribution: { text: 'Disclosure is not limited', tlp: { label: 'WHITE', url: 'https://www.first.org/tlp/' } },
      publisher: { category: 'coordinator', name: 'CISA', namespace: 'https://www.cisa.gov/', contact_details: 'central@cisa.dhs.gov' },
      notes: [
        { category: 'legal_disclaimer', title: 'Legal Notice', text: PROSE.repeat(4) },
        { category: 'summary', title: 'Risk evaluation', text: PROSE.repeat(2) },
        { category: 'other', title: 'Critical infrastructure sectors', text: 'Energy, Critical Manufacturing' },
        { category: 'general', title: 'Recommended practices', text: PROSE.repeat(6) },
      ],
      references: [
        { category: 'self', summary: `ICS Advisory ${id}`, url: `https://www.cisa.gov/news-events/ics-advisories/${id.toLowerCase()}` },
        { category: 'external', summary: 'Recommended Practices', url: 'https://www.cisa.gov/resources-tools/resources/ics-recommended-practices' },
      ],
      tracking: {
        id,
        status: 'final',
        version: '1',
        initial_release_date: date,
        current_release_date: date,
        revision_history: [{ date, number: '1', summary: 'Initial publication' }],
        generator: { engine: { name: 'Hoan benchmark', version: '1.0' } },
      },
    },
    product_tree: { branches },
    vulnerabilities,
  };
}

/** Writes `count` advisories under `dir` as CISA lays them out; returns their total size. */
export function writeCorpus(dir: string, count = COUNT): number {
  let bytes = 0;
  for (let n = 0; n < count; n++) {
    const doc = advisory(n) as { document: { tracking: { id: string; current_release_date: string } } };
    const year = doc.document.tracking.current_release_date.slice(0, 4);
    const file = path.join(dir, year, `${doc.document.tracking.id.toLowerCase()}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    fs.writeFileSync(file, text);
    fs.writeFileSync(`${file}.sha512`, `${createHash('sha512').update(text).digest('hex')}  ${path.basename(file)}\n`);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

interface Measured {
  ms: number;
  rssMb: number;
  files: number;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

function jsonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? jsonFiles(full) : e.name.endsWith('.json') ? [full] : [];
  });
}

/** (a): every file read and parsed, nothing else. */
function childRead(dir: string): Measured {
  const t0 = now();
  let files = 0;
  for (const file of jsonFiles(dir)) {
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { document?: unknown };
    if (doc.document) files++;
  }
  return { ms: now() - t0, rssMb: peakRssMb(), files };
}

/** (a'): (a) and the CSAF validator alone (strict schema, mandatory tests), as Hoan loads and runs it. */
async function childValidate(dir: string): Promise<Measured> {
  const t0 = now();
  let files = 0;
  for (const file of jsonFiles(dir)) {
    const doc: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if ((await validateCsaf(doc)) === null) files++;
  }
  return { ms: now() - t0, rssMb: peakRssMb(), files };
}

/** (b): Hoan's import of the folder, on a fresh data folder, the validator's first load included. */
async function childImport(dir: string): Promise<Measured> {
  const dataDir = scratchDir('hoan-bench-advisories-data-');
  const core = openCore({ dataDir });
  try {
    const t0 = now();
    const report = await importAdvisoryPaths(core, [dir]);
    const ms = now() - t0;
    if (report.counts.imported !== COUNT) throw new Error(`imported ${report.counts.imported} of ${COUNT}: ${JSON.stringify(report.files.find((f) => f.status === 'refused'))}`);
    return { ms, rssMb: peakRssMb(), files: report.counts.imported };
  } finally {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function measure(kind: string, dir: string): Measured {
  const run = spawnSync(process.execPath, [__filename, '--child', kind, dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`${kind} child failed (exit ${run.status})`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as Measured;
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

async function main() {
  const root = scratchDir('hoan-bench-advisories-');
  try {
    const bytes = writeCorpus(root);
    process.stderr.write(`[advisories] ${COUNT} advisories, ${(bytes / 1048576).toFixed(1)} MB (${(bytes / COUNT / 1024).toFixed(1)} KB each); ${RUNS} runs of each, alternating\n`);
    const a: Measured[] = [];
    const v: Measured[] = [];
    const b: Measured[] = [];
    for (let i = 0; i < RUNS; i++) {
      a.push(measure('read', root));
      v.push(measure('validate', root));
      b.push(measure('import', root));
      process.stderr.write(
        `[advisories] run ${i + 1}: a ${a[i]!.ms.toFixed(0)} ms (${a[i]!.rssMb} MB), a' ${v[i]!.ms.toFixed(0)} ms, b ${b[i]!.ms.toFixed(0)} ms (${b[i]!.rssMb} MB), b/a ${(b[i]!.ms / a[i]!.ms).toFixed(2)}, b/a' ${(b[i]!.ms / v[i]!.ms).toFixed(2)}\n`,
      );
    }
    const aMs = median(a.map((m) => m.ms));
    const vMs = median(v.map((m) => m.ms));
    const bMs = median(b.map((m) => m.ms));
    emit(ratioResult('advisories', `import ${COUNT} advisories (checks, schema, mandatory tests, store)`, bMs / 1000, 's', 'read + JSON.parse of every file', aMs / 1000, 3));
    // Not a goal of the issue: how much of (b) is the validator itself, so the ratio above can be read.
    const withValidator = ratioResult('advisories', `import ${COUNT} advisories, against reading with the validator`, bMs / 1000, 's', 'read + JSON.parse + CSAF validator (strict, mandatory)', vMs / 1000, 3);
    emit({ ...withValidator, goal: '', pass: null });
    emit(limitResult('advisories', 'peak RSS, Hoan import (b)', Math.max(...b.map((m) => m.rssMb)), 'MB', 400));

    // ── matching: the corpus imported once into a data folder, a site of 10,000 devices written from its products and
    //    imported through the inventory import, matchSite timed in a child of its own (advisory-matching.ts); goals ≤ 2 s, ≤ 400 MB.
    const dataDir = scratchDir('hoan-bench-matching-data-');
    try {
      const core = openCore({ dataDir });
      try {
        const report = await importAdvisoryPaths(core, [root]);
        if (report.counts.imported !== COUNT) throw new Error(`matching corpus: imported ${report.counts.imported} of ${COUNT}`);
      } finally {
        core.close();
      }
      const siteId = await importBenchLedger(dataDir, path.join(dataDir, 'ledger.csv'));
      for (const result of matchingBench(dataDir, siteId)) emit(result);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function child(kind: string, dir: string) {
  const result = kind === 'read' ? childRead(dir) : kind === 'validate' ? await childValidate(dir) : await childImport(dir);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const at = process.argv.indexOf('--child');
if (require.main === module || process.argv[1]?.endsWith('advisories.bench.js')) (at >= 0 ? child(process.argv[at + 1]!, process.argv[at + 2]!) : main()).catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exitCode = 1;
});
