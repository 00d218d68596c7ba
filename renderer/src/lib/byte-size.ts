import type { Settings } from '../../../electron/api/contract';

export type ByteUnit = 'bytes' | 'kb' | 'mb' | 'gb' | 'tb';

export interface ByteSize {
  /** The shown number, already cut to `decimals` places. */
  value: number;
  decimals: number;
  unit: ByteUnit;
}

const UNITS: ByteUnit[] = ['kb', 'mb', 'gb', 'tb'];

/**
 * A file size as Windows Explorer shows it (the status bar and Properties,
 * StrFormatByteSize): powers of 1024 labelled KB, MB, GB; three significant
 * digits, cut rather than rounded, so a size is never shown larger than it
 * is (1,023 KB reads 0.99 MB, never 1.00 MB). Under 1,024 the exact bytes.
 * A technician comparing Hoan's figure with Explorer's sees the same one.
 */
export function byteSize(bytes: number): ByteSize {
  const n = BigInt(Math.max(0, Math.floor(bytes)));
  if (n < 1024n) return { value: Number(n), decimals: 0, unit: 'bytes' };
  let unitSize = 1024n;
  for (const unit of UNITS) {
    const last = unit === 'tb';
    // Below 10, 100 and 1000 of this unit: two, one and no decimals.
    for (const [limit, decimals] of [[10n, 2], [100n, 1], [1000n, 0]] as const) {
      if (n < limit * unitSize || (last && decimals === 0)) {
        const scale = 10n ** BigInt(decimals);
        return { value: Number((n * scale) / unitSize) / Number(scale), decimals, unit };
      }
    }
    unitSize *= 1024n;
  }
  throw new Error('unreachable');
}

/** "128 KB", "1.50 MB", "532 バイト": the number in the user's language, the unit from the catalogue. */
export function formatByteSize(bytes: number, language: Settings['language'], t: (key: string, params: { value: string }) => string): string {
  const { value, decimals, unit } = byteSize(bytes);
  const number = new Intl.NumberFormat(language === 'ja' ? 'ja-JP' : 'en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
  return t(`app.size.${unit}`, { value: number });
}
