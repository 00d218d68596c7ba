import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../../renderer/src/lib/format';

describe('renderer date formatting', () => {
  // 2026-11-25T16:30Z is already the 26th in Japan: the laptop's own zone must not matter.
  const late = '2026-11-25T16:30:00.000Z';

  it('shows timestamps in Japan time', () => {
    expect(formatDateTime(late, { language: 'ja', calendar: 'gregorian' })).toBe('2026年11月26日 01:30');
    expect(formatDate(late, { language: 'ja', calendar: 'gregorian' })).toBe('2026年11月26日');
    expect(formatDate(late, { language: 'en', calendar: 'gregorian' })).toBe('26 Nov 2026');
  });

  it('shows 和暦 when the user prefers it', () => {
    expect(formatDate(late, { language: 'ja', calendar: 'japanese' })).toBe('令和8年11月26日');
    expect(formatDate('2019-04-30', { language: 'ja', calendar: 'japanese' })).toBe('平成31年4月30日');
    expect(formatDate('2019-05-01', { language: 'ja', calendar: 'japanese' })).toBe('令和元年5月1日');
  });

  it('shows a calendar day as that day, whatever the time zone', () => {
    expect(formatDate('2022-10-01', { language: 'ja', calendar: 'gregorian' })).toBe('2022年10月1日');
    expect(formatDate('2022-10-01', { language: 'en', calendar: 'gregorian' })).toBe('1 Oct 2022');
  });
});
