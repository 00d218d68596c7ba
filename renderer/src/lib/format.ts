import type { Settings } from '../../../electron/api/contract';

import { dayIn } from '../../../electron/core/time/time-zone';

/** The same functions core writes documents with: a screen and its printout never disagree on a date. */
export { formatDate, formatDateTime } from '../../../electron/core/time/format-date';

/** Today (YYYY-MM-DD) in the installation's zone, whatever the laptop's clock zone: default days of forms. */
export function today(settings: Pick<Settings, 'timeZone'>, now = new Date()): string {
  return dayIn(now, settings.timeZone);
}

export function formatNumber(value: number, language: Settings['language']): string {
  return new Intl.NumberFormat(language === 'ja' ? 'ja-JP' : 'en-GB').format(value);
}
