/**
 * Hoan's one rule for time: instants are stored as ISO 8601 in UTC
 * (`2026-12-02T23:30:00.000Z`) and never change; everything a person reads
 * or a file carries (screens, xlsx, the report, file names, bag-info's
 * Bagging-Date) is in the installation's zone, Asia/Tokyo unless the
 * settings name another. The laptop's own zone never matters.
 *
 * Pure (Intl only): the renderer imports this folder too, so the app's
 * screens and core's documents compute the same days and the same strings.
 * Wall-clock parts come from Intl's numeric `formatToParts`, which every ICU
 * gives alike; words are never taken from Intl (see format-date.ts).
 */

export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

/** IANA's Area/Location form (and UTC): Intl also takes legacy names such as "JST", which we do not store. */
const IANA_NAME = /^(UTC|[A-Z][A-Za-z_]*(?:\/[A-Za-z0-9_+-]+)+)$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** An IANA zone name this machine's Intl knows. */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== 'string' || name.length > 64 || !IANA_NAME.test(name)) return false;
  try {
    partsFormatter(name);
    return true;
  } catch {
    return false;
  }
}

/** What a clock on the wall in `zone` showed at that instant. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClock(instant: Date | string, zone: string): WallClock {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a time: ${String(instant)}`);
  const parts: Record<string, number> = {};
  for (const p of partsFormatter(zone).formatToParts(date)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  // Years before 1 CE come with an era part; Hoan's dates never get there.
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');

/** A calendar day as stored (`YYYY-MM-DD`). */
export function isoDay(c: Pick<WallClock, 'year' | 'month' | 'day'>): string {
  return `${String(c.year).padStart(4, '0')}-${pad2(c.month)}-${pad2(c.day)}`;
}

/** The day in `zone` at that instant: "today" for overdue dates, scan certificates, walkthroughs. */
export function dayIn(instant: Date | string, zone: string): string {
  return isoDay(wallClock(instant, zone));
}

/** The zone's offset from UTC at that instant, in minutes (Tokyo: +540). */
export function offsetMinutes(instant: Date, zone: string): number {
  const c = wallClock(instant, zone);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** `+09:00`, `-05:00`, `+00:00`. */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/**
 * The same instant as the zone's wall clock with its offset,
 * `2026-12-03T08:30:00.000+09:00`: milliseconds kept, so it reads back as
 * exactly the stored instant.
 */
export function isoWithOffset(instant: Date, zone: string): string {
  const c = wallClock(instant, zone);
  const ms = String(instant.getUTCMilliseconds()).padStart(3, '0');
  return `${isoDay(c)}T${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)}.${ms}${offsetText(offsetMinutes(instant, zone))}`;
}

/** The calendar day after (or `n` days after) a `YYYY-MM-DD` day. */
export function addDays(day: string, n = 1): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The UTC instant a day begins in `zone` (ISO), for range queries over
 * stored instants: local midnight under the offset in force the day before
 * or the day after, whichever is the earliest instant on that day. Where a
 * change of summer time skips midnight itself, that is the first instant
 * after the gap.
 */
export function dayStart(day: string, zone: string): string {
  const midnight = Date.parse(`${day}T00:00:00Z`);
  const candidates = [midnight - 86_400_000, midnight + 86_400_000]
    .map((near) => midnight - offsetMinutes(new Date(near), zone) * 60_000)
    .filter((t) => dayIn(new Date(t), zone) === day);
  // Two changes of offset within two days: no zone does this; local midnight under today's offset then.
  if (candidates.length === 0) candidates.push(midnight - offsetMinutes(new Date(midnight), zone) * 60_000);
  return new Date(Math.min(...candidates)).toISOString();
}

/** `20261203` / `20261203-083000`: sortable stamps for file names, in the zone. */
export function fileDay(instant: Date, zone: string): string {
  return dayIn(instant, zone).replace(/-/g, '');
}

export function fileStamp(instant: Date, zone: string): string {
  const c = wallClock(instant, zone);
  return `${fileDay(instant, zone)}-${pad2(c.hour)}${pad2(c.minute)}${pad2(c.second)}`;
}
