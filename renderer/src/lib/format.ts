import type { Settings } from '../../../electron/api/contract';

const TIME_ZONE = 'Asia/Tokyo';

function localeFor(settings: Pick<Settings, 'language' | 'calendar'>): string {
  if (settings.calendar === 'japanese') return settings.language === 'ja' ? 'ja-JP-u-ca-japanese' : 'en-US-u-ca-japanese';
  return settings.language === 'ja' ? 'ja-JP' : 'en-GB';
}

/** Timestamps are stored in UTC and always shown in Japan time, whatever the laptop's zone. */
export function formatDateTime(iso: string, settings: Pick<Settings, 'language' | 'calendar'>): string {
  return new Intl.DateTimeFormat(localeFor(settings), {
    timeZone: TIME_ZONE,
    era: settings.calendar === 'japanese' ? 'long' : undefined,
    year: 'numeric',
    month: settings.language === 'ja' ? 'long' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/**
 * A calendar day (YYYY-MM-DD) is shown as that day; a timestamp as its day in Japan.
 */
export function formatDate(value: string, settings: Pick<Settings, 'language' | 'calendar'>): string {
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return new Intl.DateTimeFormat(localeFor(settings), {
    timeZone: isDay ? 'UTC' : TIME_ZONE,
    era: settings.calendar === 'japanese' ? 'long' : undefined,
    year: 'numeric',
    month: settings.language === 'ja' ? 'long' : 'short',
    day: 'numeric',
  }).format(new Date(isDay ? `${value}T00:00:00Z` : value));
}

export function formatNumber(value: number, language: Settings['language']): string {
  return new Intl.NumberFormat(language === 'ja' ? 'ja-JP' : 'en-GB').format(value);
}
