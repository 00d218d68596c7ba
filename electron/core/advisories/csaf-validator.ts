/// <reference path="./csaf-validator-lib.d.ts" />
/**
 * CSAF 2.0 validation by @secvisogram/csaf-validator-lib (the BSI's
 * Secvisogram validator), limited to what works offline: the strict JSON
 * schema (`csaf_2_0_strict`, no properties beyond the spec's) and the
 * mandatory tests (spec section 6.1). Never the package's root entry points
 * (`validateStrict.js`, `basic.js`, …): they pull in the informative tests,
 * which fetch URLs with undici. Only the two files named below are loaded;
 * a test walks their import graph and proves no network module is in it.
 *
 * The package is ESM. The node build is CommonJS: the `import()` below is
 * compiled to `require()`, which Node ≥ 20.19 (and Electron 45's Node 22)
 * serves for ES modules without top-level await. Loading takes about a
 * second (the mandatory tests compile their schemas: six of them build their
 * own ajv instance, each compiling its meta-schema), so it happens in each
 * checker worker as it starts (check-worker.ts), not when Hoan starts.
 */

export interface CsafTestResult {
  isValid?: boolean;
  errors?: { message?: string; instancePath: string }[];
}
export type CsafTest = ((doc: unknown) => CsafTestResult | Promise<CsafTestResult>) & { name: string };

/** The first failure: which test, where in the document, and the validator's message. */
export interface CsafFailure {
  test: string;
  path: string;
  message: string;
}

let loaded: Promise<CsafTest[]> | null = null;

/** Loads the schema and tests once per thread; the first check awaits it anyway. */
export function loadValidator(): Promise<CsafTest[]> {
  loaded ??= (async () => {
    const schema = await import('@secvisogram/csaf-validator-lib/lib/schemaTests/csaf_2_0_strict.js');
    const mandatory = await import('@secvisogram/csaf-validator-lib/lib/mandatoryTests.js');
    const strict = (schema as { default: CsafTest }).default;
    const tests = Object.values(mandatory as Record<string, unknown>).filter((t): t is CsafTest => typeof t === 'function');
    return [strict, ...tests];
  })();
  return loaded;
}

/** The schema first, then the mandatory tests in the spec's order; null when all pass. */
export async function validateCsaf(doc: unknown): Promise<CsafFailure | null> {
  for (const test of await loadValidator()) {
    const result = await test(doc);
    if (result.isValid === false) {
      const first = result.errors?.[0];
      return { test: test.name, path: first?.instancePath || '/', message: first?.message ?? '' };
    }
  }
  return null;
}
