/**
 * The Japanese eras (元号) Hoan shows and reads, one table for both: 和暦 on
 * screens and in documents (format-date.ts) and 和暦 cells in inventories
 * (inventory/japanese-date.ts).
 *
 * Hand-kept rather than Intl's `-u-ca-japanese`: its output differs between
 * ICU versions and between Node and Chromium (era names, "元年", English
 * word order), and a report must read the same from the CLI as in the app.
 * Eras change rarely and by announcement; a new one is one row here.
 *
 * `since` is the first day of the era in the Gregorian calendar. 明治 began
 * in 1868 under the lunisolar calendar; Japan adopted the Gregorian calendar
 * on 明治6年1月1日 (1873-01-01), so 和暦 is shown from that day on and
 * earlier days are shown in 西暦.
 */
export interface Era {
  ja: string;
  en: string;
  /** The one-letter abbreviation (R5.4.1, H31/4/30). */
  letter: string;
  /** The Gregorian year of the era's 元年. */
  firstYear: number;
  since: string;
}

/** Newest first. */
export const ERAS: readonly Era[] = [
  { ja: '令和', en: 'Reiwa', letter: 'R', firstYear: 2019, since: '2019-05-01' },
  { ja: '平成', en: 'Heisei', letter: 'H', firstYear: 1989, since: '1989-01-08' },
  { ja: '昭和', en: 'Showa', letter: 'S', firstYear: 1926, since: '1926-12-25' },
  { ja: '大正', en: 'Taisho', letter: 'T', firstYear: 1912, since: '1912-07-30' },
  { ja: '明治', en: 'Meiji', letter: 'M', firstYear: 1868, since: '1873-01-01' },
];

/** The era a `YYYY-MM-DD` day falls in, and its year in that era (1 is 元年); null before 1873. */
export function eraOf(day: string): { era: Era; year: number } | null {
  const era = ERAS.find((e) => day >= e.since);
  return era ? { era, year: Number(day.slice(0, 4)) - era.firstYear + 1 } : null;
}

/** An era by its name or letter, as inventories write it (令和, r, R). */
export function eraByName(name: string): Era | undefined {
  const lower = name.toLowerCase();
  return ERAS.find((e) => e.ja === name || e.letter.toLowerCase() === lower);
}
