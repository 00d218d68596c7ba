import type { Core } from '../core';
import type { ScannerState } from './media-schema';
import type { ScannerStatus } from './media-types';
import { getScannerConfig, scannerExecutable } from './scanner-config';
import { SCANNER_PROFILES } from './scanners/profiles';
import type { Inspection } from './scanners/scanner-profile';

/**
 * Definitions older than a week are out of date: Defender's own default for
 * "definitions are considered out of date" is 7 days, and ClamAV publishes
 * daily updates several times a day.
 */
export const STALE_AFTER_DAYS = 7;
const DAY_MS = 86_400_000;
const MAX_DETAIL = 16 * 1024;

function stateOf(i: Inspection, ageDays: number | null): ScannerState {
  if (!i.installed) return 'not_installed';
  if (i.invalidFile) return 'definitions_invalid';
  if (i.unreadable) return 'unknown';
  if (i.definitions.length === 0) return 'no_definitions';
  return ageDays !== null && ageDays > STALE_AFTER_DAYS ? 'stale' : 'ready';
}

/**
 * The site's scanner checked before a scan: is the program there, which
 * definitions would it load, how old are they. A scan without definitions
 * proves nothing and ends in an error, so the check-in says so before it
 * starts. Nothing is written; the scan itself stays the authority.
 */
export async function scannerStatus(core: Core, siteId: string): Promise<ScannerStatus> {
  const { config } = getScannerConfig(core.db, siteId);
  const profile = SCANNER_PROFILES[config.profile];
  const executable = scannerExecutable(config);
  const i = await profile.inspect({ executable, database: config.databasePath, platform: process.platform, env: process.env });
  const now = core.now();
  const times = i.definitions.map((d) => d.updatedAt).filter((t): t is string => t !== null).sort();
  const newestAt = times.at(-1) ?? null;
  // A clock behind the definitions' build time is not a negative age.
  const ageDays = newestAt === null ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(newestAt)) / DAY_MS));
  const detail = i.detail.join('\n');
  return {
    profile: profile.id,
    scanner: profile.name,
    executable,
    state: stateOf(i, ageDays),
    engineVersion: i.engineVersion,
    definitionsPath: i.definitionsPath,
    definitionsPathIsDefault: i.definitionsPathIsDefault,
    definitions: i.definitions,
    newestAt,
    ageDays,
    staleAfterDays: STALE_AFTER_DAYS,
    invalidFile: i.invalidFile,
    detail: detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL)}\n[hoan: cut at 16 KB]` : detail,
    checkedAt: now.toISOString(),
  };
}
