import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCsaf } from '../../../electron/core/advisories/csaf-validator';
import { SAMPLE_ADVISORIES } from '../helpers/csaf';

/**
 * The validator library's informative tests fetch URLs (undici); Hoan runs
 * offline and loads only the strict schema and the mandatory tests. This walks
 * the import graph of exactly the two files csaf-validator.ts loads and
 * proves no network module and no informative test is in it.
 */
const LIB = path.resolve(__dirname, '../../../node_modules/@secvisogram/csaf-validator-lib');
const ENTRIES = ['lib/schemaTests/csaf_2_0_strict.js', 'lib/mandatoryTests.js'];
const NETWORK = /^(node:)?(http|https|http2|net|tls|dns|dgram)$|^undici|^node-fetch|^axios/;

function graph(): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = ENTRIES.map((e) => path.join(LIB, e));
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    // JSDoc type imports (`import('./types')`) are no imports: comments are left out.
    const source = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) queue.push(path.resolve(path.dirname(file), spec));
      else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return { files, packages };
}

describe('[#13.1] CSAF validation stays offline', () => {
  it('[#13.1] the schema and mandatory tests Hoan loads import no network module and no informative test', () => {
    const { files, packages } = graph();
    expect(files.size).toBeGreaterThan(40);
    expect([...files].filter((f) => /informative/i.test(f))).toEqual([]);
    expect([...packages].filter((p) => NETWORK.test(p))).toEqual([]);
    // The dependencies reached, so that a new one is looked at before it is trusted offline.
    expect([...packages].sort()).toEqual(expect.arrayContaining(['ajv']));
    for (const p of packages) expect(['ajv', 'ajv-formats', 'bcp47', 'cvss2js', 'json-pointer', 'lodash', 'packageurl-js', 'semver', 'temporal-polyfill', '@js-joda/core', '@js-joda/timezone']).toContain(p);
    // …while the library's own full validator would have fetched URLs.
    expect(fs.readFileSync(path.join(LIB, 'lib/informativeTests/shared/testURL.js'), 'utf8')).toMatch(/undici/);
  });

  it('[#13.1] the test builder documents pass, and a document failing a mandatory test names the test and the path', async () => {
    expect(await validateCsaf(SAMPLE_ADVISORIES.melsec())).toBeNull();
    const doc = SAMPLE_ADVISORIES.moxa() as { vulnerabilities: { product_status: Record<string, string[]> }[] };
    doc.vulnerabilities[0]!.product_status = { known_affected: ['CSAFPID-0001'], fixed: ['CSAFPID-0001', 'CSAFPID-0002'] };
    expect(await validateCsaf(doc)).toMatchObject({ test: 'mandatoryTest_6_1_6', path: expect.stringMatching(/^\/vulnerabilities\/0\/product_status/) });
  });
});
