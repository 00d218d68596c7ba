import type { UsedDefinitions } from '../definitions/definitions-types';
import { exceptionCoversOf } from './judgement';
import type { CheckInBody, LogEntry } from './media-types';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * The 判定 in words, as the export, the report and the CLI write it: an
 * exception says what it covers, so one allowed despite old definitions is
 * its own kind wherever the log is read. (The screens use the same keys.)
 */
export function decisionText(t: Translate, e: Pick<LogEntry, 'decision' | 'body'>): string {
  if (!e.decision) return '';
  const covers = exceptionCoversOf(e);
  return covers ? t('media.decisions.exceptionFor', { covers: t(`media.exceptionCovers.${covers}`) }) : t(`media.decisions.${e.decision}`);
}

/** How old definitions were and the site's limit: `12 日経過、上限 7 日`. */
export function ageText(t: Translate, d: Pick<UsedDefinitions, 'ageDays' | 'maxAgeDays'>): string {
  return d.ageDays === null ? t('media.definitions.ageUnknownAndLimit', { limit: d.maxAgeDays }) : t('media.definitions.ageAndLimit', { days: d.ageDays, limit: d.maxAgeDays });
}

/**
 * Whether to speak of the definitions' age at all: a scan that failed for
 * want of any definitions is explained by its result, and "old definitions"
 * would only repeat it wrongly. (The entry still records them as stale:
 * unknown age counts as past the limit.)
 */
export function staleWorthSaying(d: UsedDefinitions | undefined, result: string | null): d is UsedDefinitions {
  return d?.stale === true && !(d.files.length === 0 && result === 'error');
}

/** A scan here whose definitions were past the site's limit, in words; '' otherwise. */
export function staleText(t: Translate, e: Pick<LogEntry, 'kind' | 'body' | 'result'>): string {
  const d = e.kind === 'check_in' ? (e.body as CheckInBody).scan?.definitions : undefined;
  return staleWorthSaying(d, e.result) ? t('media.definitions.staleNote', { age: ageText(t, d) }) : '';
}
