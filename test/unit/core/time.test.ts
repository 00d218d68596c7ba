import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateText } from '../../../electron/core/inventory/japanese-date';
import { formatDate, formatDateTime, type DateStyle } from '../../../electron/core/time/format-date';
import { ERAS, eraOf } from '../../../electron/core/time/japanese-era';
import { addDays, dayIn, dayStart, fileStamp, isoWithOffset, isTimeZone, offsetMinutes } from '../../../electron/core/time/time-zone';

const style = (language: 'ja' | 'en', calendar: 'gregorian' | 'japanese', timeZone = 'Asia/Tokyo'): DateStyle => ({ language, calendar, timeZone });
const jaWareki = style('ja', 'japanese');
const enWareki = style('en', 'japanese');

describe('[#11.5] 和暦 from one era table, the same in ja and en', () => {
  // Each era's first day and the day before it, in both languages.
  const boundaries: [string, string, string][] = [
    ['2019-04-30', '平成31年4月30日', 'Heisei 31 (2019)-04-30'],
    ['2019-05-01', '令和元年5月1日', 'Reiwa 1 (2019)-05-01'],
    ['1989-01-07', '昭和64年1月7日', 'Showa 64 (1989)-01-07'],
    ['1989-01-08', '平成元年1月8日', 'Heisei 1 (1989)-01-08'],
    ['1926-12-24', '大正15年12月24日', 'Taisho 15 (1926)-12-24'],
    ['1926-12-25', '昭和元年12月25日', 'Showa 1 (1926)-12-25'],
    ['1912-07-29', '明治45年7月29日', 'Meiji 45 (1912)-07-29'],
    ['1912-07-30', '大正元年7月30日', 'Taisho 1 (1912)-07-30'],
    ['1873-01-01', '明治6年1月1日', 'Meiji 6 (1873)-01-01'],
  ];
  it.each(boundaries)('%s reads %s / %s', (day, ja, en) => {
    expect(formatDate(day, jaWareki)).toBe(ja);
    expect(formatDate(day, enWareki)).toBe(en);
  });

  it('before the Gregorian calendar was adopted (1873) there is no 和暦 to compute: the day is shown in 西暦', () => {
    expect(eraOf('1872-12-31')).toBeNull();
    expect(formatDate('1872-12-31', jaWareki)).toBe('1872年12月31日');
    expect(formatDate('1872-12-31', enWareki)).toBe('1872-12-31');
  });

  it('西暦 reads 2026年12月2日 in Japanese and 2026-12-02 in English; times to the minute', () => {
    expect(formatDate('2026-12-02', style('ja', 'gregorian'))).toBe('2026年12月2日');
    expect(formatDate('2026-12-02', style('en', 'gregorian'))).toBe('2026-12-02');
    expect(formatDateTime('2026-12-02T00:55:00.000Z', style('ja', 'gregorian'))).toBe('2026年12月2日 09:55');
    expect(formatDateTime('2026-12-02T00:55:00.000Z', enWareki)).toBe('Reiwa 8 (2026)-12-02 09:55');
    expect(formatDateTime('2026-12-02T00:55:00.000Z', jaWareki)).toBe('令和8年12月2日 09:55');
  });

  it('English 和暦 never reads as Intl words ("Dec 2, 8 Reiwa")', () => {
    expect(formatDate('2026-12-02', enWareki)).not.toMatch(/Dec|AD|era/i);
  });

  it('what Hoan writes in 和暦 the inventory parser reads back to the same day (one table for both)', () => {
    // The parser's own range: inventories hold no dates before 1900, and an era year has at most two digits.
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2117-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10);
        expect(parseDateText(formatDate(day, jaWareki))).toBe(day);
      }),
    );
    for (const era of ERAS.filter((e) => e.since >= '1900')) expect(parseDateText(`${era.letter}1.${Number(era.since.slice(5, 7))}.${Number(era.since.slice(8))}`)).toBe(era.since);
  });
});

describe('[#11.5] times in the installation’s zone, whatever the laptop’s', () => {
  // 23:30 UTC is already the next morning in Japan.
  const late = new Date('2026-12-02T23:30:00.000Z');

  it('23:30 UTC is the next day in Tokyo and the same day in New York', () => {
    expect(dayIn(late, 'Asia/Tokyo')).toBe('2026-12-03');
    expect(dayIn(late, 'America/New_York')).toBe('2026-12-02');
    expect(fileStamp(late, 'Asia/Tokyo')).toBe('20261203-083000');
    expect(formatDateTime(late.toISOString(), style('ja', 'gregorian', 'America/New_York'))).toBe('2026年12月2日 18:30');
  });

  it('an instant with its offset reads back as the same instant, milliseconds included', () => {
    const t = new Date('2026-12-02T23:30:00.123Z');
    expect(isoWithOffset(t, 'Asia/Tokyo')).toBe('2026-12-03T08:30:00.123+09:00');
    expect(isoWithOffset(t, 'America/St_Johns')).toBe('2026-12-02T20:00:00.123-03:30');
    expect(isoWithOffset(t, 'UTC')).toBe('2026-12-02T23:30:00.123+00:00');
    for (const zone of ['Asia/Tokyo', 'America/St_Johns', 'UTC', 'Asia/Kathmandu']) expect(new Date(isoWithOffset(t, zone)).toISOString()).toBe(t.toISOString());
  });

  it('a day begins at local midnight, also across a change of summer time', () => {
    expect(dayStart('2026-12-03', 'Asia/Tokyo')).toBe('2026-12-02T15:00:00.000Z');
    expect(dayStart('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(dayStart('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
    // Santiago skips from 00:00 to 01:00 on 6 September 2026: that day begins at 01:00.
    expect(dayStart('2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
    expect(isoWithOffset(new Date(dayStart('2026-09-06', 'America/Santiago')), 'America/Santiago')).toBe('2026-09-06T01:00:00.000-03:00');
    expect(offsetMinutes(new Date('2026-07-01T00:00:00Z'), 'America/New_York')).toBe(-240);
    expect(addDays('2024-02-28')).toBe('2024-02-29');
    expect(addDays('2026-12-31')).toBe('2027-01-01');
  });

  it('takes IANA names only: legacy abbreviations, offsets and unknown places are refused', () => {
    for (const ok of ['Asia/Tokyo', 'UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT-9']) expect(isTimeZone(ok), ok).toBe(true);
    for (const bad of ['JST', 'Japan', '+09:00', 'Asia/Tokio', 'asia tokyo', '', ' Asia/Tokyo', 42, null]) expect(isTimeZone(bad), String(bad)).toBe(false);
  });
});
