import { describe, expect, it } from 'vitest';
import { translate } from '../../../electron/core/i18n/translate';
import { byteSize, formatByteSize } from '../../../renderer/src/lib/byte-size';

const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;
const ja = (bytes: number) => formatByteSize(bytes, 'ja', (key, params) => translate('ja', key, params));
const en = (bytes: number) => formatByteSize(bytes, 'en', (key, params) => translate('en', key, params));

describe('[#11.11] sizes as Windows Explorer shows them', () => {
  it('[#11.11] a 128 KB bundle reads "128 KB", not "1 MB"', () => {
    expect(ja(128 * KB)).toBe('128 KB');
    expect(ja(131_072 + 500)).toBe('128 KB');
    expect(en(128 * KB)).toBe('128 KB');
  });

  it('[#11.11] every boundary: bytes below 1,024, then three significant digits, cut, never rounded up', () => {
    const cases: [number, string][] = [
      [0, '0 バイト'],
      [1, '1 バイト'],
      [532, '532 バイト'],
      [1023, '1,023 バイト'],
      [1024, '1.00 KB'],
      // StrFormatByteSize's own examples: 1340 → 1.30 KB, 23506 → 22.9 KB, 2400016 → 2.28 MB, 2400000000 → 2.23 GB.
      [1340, '1.30 KB'],
      [23_506, '22.9 KB'],
      [2_400_016, '2.28 MB'],
      [2_400_000_000, '2.23 GB'],
      [10 * KB - 1, '9.99 KB'],
      [10 * KB, '10.0 KB'],
      [100 * KB - 1, '99.9 KB'],
      [100 * KB, '100 KB'],
      [1000 * KB - 1, '999 KB'],
      [1000 * KB, '0.97 MB'],
      [MB - 1, '0.99 MB'],
      [MB, '1.00 MB'],
      [1.5 * MB, '1.50 MB'],
      [10 * MB - 1, '9.99 MB'],
      [100 * MB, '100 MB'],
      [1000 * MB - 1, '999 MB'],
      [GB - 1, '0.99 GB'],
      [GB, '1.00 GB'],
      [4 * GB - 1, '3.99 GB'],
      [1024 * GB, '1.00 TB'],
      [5000 * 1024 * GB, '5,000 TB'],
    ];
    expect(cases.map(([bytes]) => [bytes, ja(bytes)])).toEqual(cases);
  });

  it('[#11.11] English groups digits and names bytes in English; the unit is never larger than the size', () => {
    expect(en(1023)).toBe('1,023 bytes');
    expect(en(1.5 * MB)).toBe('1.50 MB');
    for (let bytes = 1; bytes < 2 ** 42; bytes = Math.floor(bytes * 1.37) + 1) {
      const { value, unit } = byteSize(bytes);
      const unitBytes = { bytes: 1, kb: KB, mb: MB, gb: GB, tb: 1024 * GB }[unit];
      expect(value * unitBytes, `${bytes}`).toBeLessThanOrEqual(bytes);
    }
  });
});
