import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions, parseRange, parseVersion, versionInRange } from '../../../electron/core/advisories/version-range';

const v = (text: string) => {
  const parsed = parseVersion(text);
  if (!parsed) throw new Error(`not a version: ${text}`);
  return parsed;
};

describe('version evaluator', () => {
  it('[#13.2] compares segment by segment: numbers numerically, letters as suffixes, labels and width ignored', () => {
    expect(compareVersions(v('1.050C'), v('1.063R'))).toBe(-1);
    expect(compareVersions(v('1.063R'), v('1.090U'))).toBe(-1);
    expect(compareVersions(v('Ver.1.090U'), v('1.090U'))).toBe(0);
    expect(compareVersions(v('Ver 1.2'), v('v1.2'))).toBe(0);
    expect(compareVersions(v('R6.05.00'), v('R6.06.00'))).toBe(-1);
    expect(compareVersions(v('R6.05.00'), v('6.5'))).toBe(0);
    expect(compareVersions(v('V4.0.15.0'), v('4.0.19.0'))).toBe(-1);
    expect(compareVersions(v('4.0.12'), v('4.0.12.0'))).toBe(0);
    expect(compareVersions(v('１．０９０Ｕ'), v('1.090U'))).toBe(0);
    expect(compareVersions(v('1.063'), v('1.063R'))).toBe(-1);
    expect(compareVersions(v('9.80'), v('9.78'))).toBe(1);
    expect(compareVersions(v('10'), v('9'))).toBe(1);
    expect(compareVersions(v('1.2.99999999999999999999'), v('1.2.99999999999999999998'))).toBe(1);
    // A number where the other has letters is not guessed.
    expect(compareVersions(v('1.2a'), v('1.2.1'))).toBeNull();
    expect(parseVersion('最新版')).toBeNull();
    expect(parseVersion('')).toBeNull();
  });

  it('[#13.2] reads vers: with every comparator, * and vers:all/*, and free-text ranges as advisories write them', () => {
    const cases: [string, string, 'in' | 'out' | 'unknown'][] = [
      ['vers:all/*', '0.1', 'in'],
      ['vers:generic/*', 'R1', 'in'],
      ['vers:generic/>=1.0|<1.49', '1.48', 'in'],
      ['vers:generic/>=1.0|<1.49', '1.49', 'out'],
      ['vers:generic/>=1.0|<1.49', '0.9', 'out'],
      ['vers:generic/>1.0|<=2.0', '1.0', 'out'],
      ['vers:generic/>1.0|<=2.0', '2.0', 'in'],
      ['vers:generic/1.2|1.4', '1.4', 'in'],
      ['vers:generic/1.2|1.4', '1.3', 'out'],
      ['vers:generic/!=1.3', '1.3', 'out'],
      ['vers:generic/!=1.3', '1.4', 'in'],
      ['vers:generic/<1.0|>=2.0|<3.0', '0.5', 'in'],
      ['vers:generic/<1.0|>=2.0|<3.0', '1.5', 'out'],
      ['vers:generic/<1.0|>=2.0|<3.0', '2.5', 'in'],
      ['vers:generic/<1.0|>=2.0|<3.0|>=4.0', '5', 'in'],
      ['vers:generic/=1.5|!=1.6|>=2.0', '1.6', 'out'],
      ['<= 1.063R', '1.050C', 'in'],
      ['<= 1.063R', '1.090U', 'out'],
      ['<= 1.063R', 'Ver.1.063R', 'in'],
      ['>= R5.01.00 | <= R6.06.00', 'R6.05.00', 'in'],
      ['>= R5.01.00 | <= R6.06.00', 'R6.07.00', 'out'],
      ['>= R5.01.00 | <= R6.06.00', 'R5.00.99', 'out'],
      ['<V4.0.19.0', 'V4.0.15.0', 'in'],
      ['<V4.0.19.0', '4.0.19.0', 'out'],
      ['>=12|<=68', '12', 'in'],
      ['>=12|<=68', '69', 'out'],
      ['<= 4.0.12.0 (Including R4.03.00)', '4.0.12.0', 'in'],
      ['<= 4.0.12.0 (Including R4.03.00)', '4.0.13', 'out'],
      ['<= 9.78', '9.80', 'out'],
      ['<= 9.78', '9.78', 'in'],
      ['vers:generic/2.3', '2.3.0', 'in'],
      ['Firmware vers:intdot/<=2.3', '2.4', 'out'],
      ['all versions', '99', 'in'],
      ['All versions', 'R1.0', 'in'],
      ['prior to 2.3', '2.2.9', 'in'],
      ['prior to 2.3', '2.3', 'out'],
      ['All versions prior to V2.3', '2.2', 'in'],
      ['before 2.3', '2.3.1', 'out'],
      ['2.0 and prior', '2.0', 'in'],
      ['2.0 and prior', '2.0.1', 'out'],
      ['Versions 2.0 and earlier', '1.9', 'in'],
      ['3.1 and later', '3.0', 'out'],
      ['3.1 or later', '3.2', 'in'],
      ['V1.0 to V2.3', '2.3', 'in'],
      ['V1.0 to V2.3', '2.4', 'out'],
      ['V1.0 to V2.3', '0.9', 'out'],
      ['1.0 - 2.3', '1.5', 'in'],
      ['Ver.1.0～Ver.2.3', '2.0', 'in'],
      ['Ver.2.0以前', '2.1', 'out'],
      ['Ver.2.0以前', '1.9', 'in'],
      ['2.0未満', '2.0', 'out'],
      ['1.30', '1.30', 'in'],
      ['1.30', '1.31', 'out'],
      // Unreadable: a person decides.
      ['see vendor notice', '1.0', 'unknown'],
      ['<= 1.063R', '最新', 'unknown'],
      ['<= 1.063R', '', 'unknown'],
      ['<= 1.2a', '1.2.1', 'unknown'],
      ['vers:generic/>=1.0|<', '1.0', 'unknown'],
      [`1 ${'to '.repeat(400)}2`, '1', 'unknown'],
      [`<= ${'9'.repeat(120)}`, '1', 'unknown'],
    ];
    const got = cases.map(([range, version]) => [range, version, versionInRange(range, version)]);
    expect(got).toEqual(cases);
    expect(parseRange('vers:all/*')).toEqual({ kind: 'all' });
  });

  const numeric = fc.array(fc.nat({ max: 500 }), { minLength: 1, maxLength: 5 });
  const text = (parts: number[]) => parts.join('.');

  it('[#13.2] ordering is antisymmetric and transitive, and trailing zeros and labels change nothing (property)', () => {
    fc.assert(
      fc.property(numeric, numeric, numeric, (a, b, c) => {
        const [x, y, z] = [v(text(a)), v(text(b)), v(text(c))];
        expect(compareVersions(x, y)).toBe(-(compareVersions(y, x) ?? 0) || 0);
        if (compareVersions(x, y)! <= 0 && compareVersions(y, z)! <= 0) expect(compareVersions(x, z)).toBeLessThanOrEqual(0);
        expect(compareVersions(v(`Ver.${text(a)}.0`), x)).toBe(0);
        expect(compareVersions(v(text(a).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))), x)).toBe(0);
      }),
    );
  });

  it('[#13.2] a free-text interval and its vers: form agree with the comparison (property)', () => {
    fc.assert(
      fc.property(numeric, numeric, numeric, (a, b, d) => {
        const [low, high] = compareVersions(v(text(a)), v(text(b)))! <= 0 ? [text(a), text(b)] : [text(b), text(a)];
        const device = text(d);
        const inside = compareVersions(v(device), v(low))! >= 0 && compareVersions(v(device), v(high))! <= 0;
        const expected = inside ? 'in' : 'out';
        expect(versionInRange(`>= ${low} | <= ${high}`, device)).toBe(expected);
        expect(versionInRange(`vers:generic/>=${low}|<=${high}`, device)).toBe(expected);
        expect(versionInRange(`V${low} to V${high}`, device)).toBe(expected);
        expect(versionInRange(`prior to ${high}`, device)).toBe(compareVersions(v(device), v(high))! < 0 ? 'in' : 'out');
      }),
    );
  });
});
