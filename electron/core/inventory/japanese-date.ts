/**
 * Dates as inventories write them: Excel date cells and serial numbers,
 * 2023/4/1, 2023年4月1日, 20230401, and 和暦 (令和5年4月1日, R5.4.1, H31/4/30).
 * Everything becomes YYYY-MM-DD; anything else is an error for the row.
 * The eras are Hoan's one table (time/japanese-era.ts).
 */

import { eraByName, ERAS } from '../time/japanese-era';

export type DateResult = { ok: true; date: string | null } | { ok: false };

/** Excel's serial for 9999-12-31, the last day it can show. */
const MAX_SERIAL = 2_958_465;
const DAY_MS = 86_400_000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isoDay(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Excel's 1900 date system: day 1 is 1900-01-01, and day 60 is the
 * 1900-02-29 Lotus got wrong and Excel kept. The fraction is the time of day.
 */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_SERIAL) return null;
  const whole = Math.floor(serial);
  if (whole === 60) return null;
  const days = whole < 60 ? whole + 1 : whole;
  const d = new Date(Date.UTC(1899, 11, 30) + days * DAY_MS);
  return isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** exceljs gives a date cell's wall-clock value as a UTC instant. */
export function cellDateToIso(value: Date): string | null {
  if (Number.isNaN(value.getTime())) return null;
  return isoDay(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
}

const GREGORIAN = /^(\d{4})\s*[/\-.年]\s*(\d{1,2})\s*[/\-.月]\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const ERA = new RegExp(`^(${ERAS.map((e) => e.ja).join('|')}|[${ERAS.map((e) => e.letter.toLowerCase()).join('')}])\\s*(元|\\d{1,2})\\s*[/\\-.年]\\s*(\\d{1,2})\\s*[/\\-.月]\\s*(\\d{1,2})\\s*日?$`);

/** A time of day, or a weekday in brackets, after the date: 2023/4/1 0:00:00, 2023/4/1(土). */
function withoutTail(text: string): string {
  return text
    .replace(/[(（][日月火水木金土][)）]$/u, '')
    .replace(/(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/, '')
    .trim();
}

export function parseDateText(raw: string): string | null {
  const text = withoutTail(raw.normalize('NFKC').trim().toLowerCase());
  let m = GREGORIAN.exec(text);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = COMPACT.exec(text);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = ERA.exec(text);
  if (m) {
    const base = eraByName(m[1]!)!.firstYear;
    const year = m[2] === '元' ? 1 : Number(m[2]);
    if (year < 1) return null;
    return isoDay(base + year - 1, Number(m[3]), Number(m[4]));
  }
  return null;
}

/** A cell of a date column, whatever the writer made of it. */
export function parseDateCell(value: unknown): DateResult {
  if (value === null || value === undefined) return { ok: true, date: null };
  if (value instanceof Date) {
    const date = cellDateToIso(value);
    return date ? { ok: true, date } : { ok: false };
  }
  if (typeof value === 'number') {
    const date = excelSerialToIso(value);
    return date ? { ok: true, date } : { ok: false };
  }
  const text = String(value).normalize('NFKC').trim();
  if (text === '') return { ok: true, date: null };
  const date = parseDateText(text);
  return date ? { ok: true, date } : { ok: false };
}
