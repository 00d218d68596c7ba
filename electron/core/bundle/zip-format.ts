import { wallClock } from '../time/time-zone';

/** Signatures and markers of the zip format (APPNOTE.TXT 6.3) that Hoan writes and reads. */
export const SIG = {
  local: 0x04034b50,
  central: 0x02014b50,
  end: 0x06054b50,
  zip64End: 0x06064b50,
  zip64Locator: 0x07064b50,
} as const;

export const LOCAL_HEADER_SIZE = 30;
export const CENTRAL_HEADER_SIZE = 46;
export const END_SIZE = 22;
export const ZIP64_END_SIZE = 56;
export const ZIP64_LOCATOR_SIZE = 20;
export const ZIP64_EXTRA_ID = 0x0001;

export const MAX16 = 0xffff;
export const MAX32 = 0xffffffff;

export const METHOD_STORE = 0;
export const FLAG_ENCRYPTED = 0x0001;
export const FLAG_DATA_DESCRIPTOR = 0x0008;

/** Version 4.5 (zip64), made on Unix so that external attributes carry a file mode. */
export const VERSION_ZIP64 = 45;
export const VERSION_PLAIN = 20;
export const MADE_BY_UNIX = 3;

export const S_IFMT = 0o170000;
export const S_IFREG = 0o100000;
export const REGULAR_FILE_MODE = 0o100644;

/**
 * MS-DOS date and time, as zip stores them: two-second resolution and no
 * zone, read by every unzip as local time, so written as the wall clock in
 * the installation's zone.
 */
export function dosDateTime(instant: Date, zone: string): { date: number; time: number } {
  const c = wallClock(instant, zone);
  const year = Math.min(Math.max(c.year, 1980), 2107);
  return {
    date: ((year - 1980) << 9) | (c.month << 5) | c.day,
    time: (c.hour << 11) | (c.minute << 5) | Math.floor(c.second / 2),
  };
}
