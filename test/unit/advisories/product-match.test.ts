import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatch, ProductIndex } from '../../../electron/core/advisories/product-match';

const index = new ProductIndex([
  { name: 'EDR-810 Series', modelNumbers: [], value: 'edr' },
  { name: 'GX Works3', modelNumbers: [], value: 'gx' },
  { name: 'MELSEC iQ-R Series CPU module', modelNumbers: ['R04*CPU', 'R08?CPU'], value: 'iqr' },
  { name: 'NJ/NX-series Machine Automation Controllers', modelNumbers: ['NX1P2-*'], value: 'nx' },
  { name: 'CENTUM VP', modelNumbers: [], value: 'centum' },
]);
const hits = (model: string, name = '') => index.match({ model, name }).map((h) => [h.value, h.confidence]);

describe('product matching', () => {
  it('[#13.2] the device\'s 型式 or name meets a product at the OASIS levels, model numbers with * and ?, names only as whole words', () => {
    expect(hits('GX Works3')).toEqual([['gx', 'exact']]);
    expect(hits('ＧＸ　Ｗｏｒｋｓ３')).toEqual([['gx', 'exact']]);
    expect(hits('gx works3')).toEqual([['gx', 'case_insensitive']]);
    expect(hits('GX-Works3')).toEqual([['gx', 'ignoring_dashes']]);
    expect(hits('EDR-810')).toEqual([['edr', 'ignoring_dashes']]);
    expect(hits('EDR-810-2GSFP')).toEqual([['edr', 'name_only']]);
    expect(hits('EDR-8100')).toEqual([]);
    expect(hits('R04ENCPU')).toEqual([['iqr', 'model_number']]);
    expect(hits('r08s-cpu')).toEqual([['iqr', 'model_number']]);
    expect(hits('R08SSCPU')).toEqual([]);
    expect(hits('NX1P2-9024DT')).toEqual([['nx', 'model_number']]);
    expect(hits('NX1P3-9024DT')).toEqual([]);
    expect(hits('', '中央監視 CENTUM VP R6')).toEqual([['centum', 'name_only']]);
    expect(hits('CENTUM')).toEqual([]);
    // The better of the model's and the name's levels.
    expect(hits('R04CPU', 'MELSEC iQ-R CPU')).toEqual([['iqr', 'ignoring_dashes']]);
  });

  it('[#13.2] the glob loop agrees with the equivalent regular expression (property)', () => {
    const chars = fc.constantFrom('a', 'b', '-', '1');
    fc.assert(
      fc.property(fc.array(fc.oneof(chars, fc.constantFrom('*', '?')), { maxLength: 8 }), fc.array(chars, { maxLength: 10 }), (p, t) => {
        const pattern = p.join('');
        const text = t.join('');
        const regex = new RegExp(`^${pattern.replace(/-/g, '\\-').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
        expect(globMatch(pattern, text)).toBe(regex.test(text));
      }),
      { numRuns: 3000 },
    );
  });
});
