import type { Decision, ScanResult } from './media-schema';

/**
 * The 判定 and what an exception covers, in one dependency-free place: the
 * check-in decides with it, the verifier's workers check entries with it,
 * and the renderer previews with it.
 */

/**
 * What an approved exception lets through, recorded in the entry's body
 * (`exceptionCovers`): a result other than clean, a scan whose definitions
 * were past the site's age limit (or of unknown age), or both.
 */
export const EXCEPTION_COVERS = ['scan_result', 'stale_definitions', 'scan_result_and_stale_definitions'] as const;
export type ExceptionCovers = (typeof EXCEPTION_COVERS)[number];

const DAY_MS = 86_400_000;

/** Whole days from `builtAt` to `at`; a clock behind the build time is not a negative age. Null when unknown. */
export function ageInDays(builtAt: string | null, at: Date): number | null {
  const t = builtAt === null ? NaN : Date.parse(builtAt);
  return Number.isFinite(t) ? Math.max(0, Math.floor((at.getTime() - t) / DAY_MS)) : null;
}

/** Older than the site's limit, or of unknown age (no definitions, or none that says when it was built). */
export function isStale(ageDays: number | null, maxAgeDays: number): boolean {
  return ageDays === null || ageDays > maxAgeDays;
}

/**
 * What stands between a check and 'allowed': nothing, the result, the
 * definitions' age, or both. A clean scan with stale definitions is weak
 * evidence (8-1-3), so it needs an approver as much as a failed one does.
 */
export function exceptionNeeded(result: ScanResult, staleDefinitions: boolean): ExceptionCovers | null {
  const badResult = result !== 'clean';
  if (badResult && staleDefinitions) return 'scan_result_and_stale_definitions';
  if (badResult) return 'scan_result';
  return staleDefinitions ? 'stale_definitions' : null;
}

/**
 * 8-1-3: a medium connects only when confirmed clean, by Hoan's scan with
 * definitions within the site's age limit or by the bringer's evidence.
 * Anything else is denied unless someone approves an exception with a reason.
 */
export function judge(result: ScanResult, exception: boolean, staleDefinitions = false): Decision {
  if (exceptionNeeded(result, staleDefinitions) === null) return 'allowed';
  return exception ? 'exception' : 'denied';
}

/** What an entry's exception covers; null when it is not one. Entries recorded before it was kept could only cover the result. */
export function exceptionCoversOf(entry: { decision: Decision | null; body: unknown }): ExceptionCovers | null {
  if (entry.decision !== 'exception') return null;
  return (entry.body as { exceptionCovers?: ExceptionCovers }).exceptionCovers ?? 'scan_result';
}
