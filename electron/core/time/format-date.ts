import type { Settings } from '../settings/settings-schema';
import { eraOf } from './japanese-era';
import { dayIn, isoDay, pad2, wallClock } from './time-zone';

/**
 * How dates read, for the app's screens and every document core writes
 * (xlsx, report HTML and PDF, CLI text), from the same functions:
 *
 *   西暦 ja  2026年12月2日 09:55        和暦 ja  令和8年12月2日 09:55 (令和元年5月1日)
 *   西暦 en  2026-12-02 09:55           和暦 en  Reiwa 8 (2026)-12-02 09:55
 *
 * Built from numbers, not from Intl's words, so Node and Chromium, old ICU
 * and new, give the same string. A document's language may differ from the
 * app's (a report in English), so `language` is the document's.
 */
export type DateStyle = Pick<Settings, 'language' | 'calendar' | 'timeZone'>;

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayText(day: string, style: DateStyle): string {
  const [, y, m, d] = CALENDAR_DAY.exec(day)!;
  const era = style.calendar === 'japanese' ? eraOf(day) : null;
  if (style.language === 'ja') {
    const year = era ? `${era.era.ja}${era.year === 1 ? '元' : era.year}` : y;
    return `${year}年${Number(m)}月${Number(d)}日`;
  }
  return era ? `${era.era.en} ${era.year} (${y})-${m}-${d}` : day;
}

/** A calendar day (`YYYY-MM-DD`) as that day; a stored instant as its day in the zone. */
export function formatDate(value: string, style: DateStyle): string {
  return dayText(CALENDAR_DAY.test(value) ? value : dayIn(value, style.timeZone), style);
}

/** A stored instant as the zone's day and time to the minute. */
export function formatDateTime(iso: string, style: DateStyle): string {
  const c = wallClock(iso, style.timeZone);
  return `${dayText(isoDay(c), style)} ${pad2(c.hour)}:${pad2(c.minute)}`;
}
