import { describe, expect, it } from 'vitest';
import * as core from '../../../electron/core/time/format-date';
import { formatDate, formatDateTime, today } from '../../../renderer/src/lib/format';

const tokyo = { timeZone: 'Asia/Tokyo' };

describe('renderer date formatting', () => {
  // 2026-11-25T16:30Z is already the 26th in Japan: the laptop's own zone must not matter.
  const late = '2026-11-25T16:30:00.000Z';

  it('shows timestamps in Japan time', () => {
    expect(formatDateTime(late, { language: 'ja', calendar: 'gregorian', ...tokyo })).toBe('2026年11月26日 01:30');
    expect(formatDate(late, { language: 'ja', calendar: 'gregorian', ...tokyo })).toBe('2026年11月26日');
    expect(formatDate(late, { language: 'en', calendar: 'gregorian', ...tokyo })).toBe('2026-11-26');
    expect(today(tokyo, new Date(late))).toBe('2026-11-26');
  });

  it('shows 和暦 when the user prefers it', () => {
    expect(formatDate(late, { language: 'ja', calendar: 'japanese', ...tokyo })).toBe('令和8年11月26日');
    expect(formatDate('2019-04-30', { language: 'ja', calendar: 'japanese', ...tokyo })).toBe('平成31年4月30日');
    expect(formatDate('2019-05-01', { language: 'ja', calendar: 'japanese', ...tokyo })).toBe('令和元年5月1日');
  });

  it('shows a calendar day as that day, whatever the time zone', () => {
    expect(formatDate('2022-10-01', { language: 'ja', calendar: 'gregorian', timeZone: 'Pacific/Honolulu' })).toBe('2022年10月1日');
    expect(formatDate('2022-10-01', { language: 'en', calendar: 'gregorian', timeZone: 'Pacific/Kiritimati' })).toBe('2022-10-01');
  });
});

describe('[#11.5] the screens and the documents write a date the same way', () => {
  it('renderer functions give the strings core gives, for every language, calendar and zone', () => {
    const instants = ['2019-04-30T14:59:59.000Z', '2019-04-30T15:00:00.000Z', '2026-12-02T23:30:00.000Z', '2027-03-31T15:00:00.000Z'];
    for (const language of ['ja', 'en'] as const)
      for (const calendar of ['gregorian', 'japanese'] as const)
        for (const timeZone of ['Asia/Tokyo', 'America/New_York', 'UTC']) {
          const s = { language, calendar, timeZone };
          for (const i of instants) {
            expect(formatDateTime(i, s)).toBe(core.formatDateTime(i, s));
            expect(formatDate(i, s)).toBe(core.formatDate(i, s));
            expect(formatDate(i.slice(0, 10), s)).toBe(core.formatDate(i.slice(0, 10), s));
          }
        }
  });
});
