// The package ships JavaScript with JSDoc only; these are the two files Hoan
// loads (csaf-validator.ts), typed as far as Hoan reads them.
declare module '@secvisogram/csaf-validator-lib/lib/schemaTests/csaf_2_0_strict.js' {
  const test: (doc: unknown) => { isValid?: boolean; errors?: { message?: string; instancePath: string }[] };
  export default test;
}
declare module '@secvisogram/csaf-validator-lib/lib/mandatoryTests.js' {
  const tests: Record<string, unknown>;
  export = tests;
}
