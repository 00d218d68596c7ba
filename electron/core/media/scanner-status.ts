import type { Core } from '../core';
import type { ScannerState } from './media-schema';
import type { ScannerStatus } from './media-types';
import { chooseDefinitions, clamDefinitionsFor, usedDefinitions } from './scan-definitions';
import { getScannerConfig, scannerExecutable } from './scanner-config';
import { SCANNER_PROFILES } from './scanners/profiles';
import type { Inspection } from './scanners/scanner-profile';

const MAX_DETAIL = 16 * 1024;

function stateOf(i: Inspection, stale: boolean): ScannerState {
  if (!i.installed) return 'not_installed';
  if (i.invalidFile) return 'definitions_invalid';
  if (i.unreadable) return 'unknown';
  if (i.definitions.length === 0) return 'no_definitions';
  return stale ? 'stale' : 'ready';
}

/**
 * The site's scanner checked before a scan: is the program there, which
 * definitions would it load, how old are they against the site's limit. A
 * scan without definitions proves nothing and ends in an error, so the
 * check-in says so before it starts. The definitions are chosen as the scan
 * chooses them (scan-definitions.ts) and measured the same way, so `used` is
 * what the entry will record if the scan starts now. Nothing is written; the
 * scan itself stays the authority.
 */
export async function scannerStatus(core: Core, siteId: string): Promise<ScannerStatus> {
  const { config } = getScannerConfig(core.db, siteId);
  const profile = SCANNER_PROFILES[config.profile];
  const executable = scannerExecutable(config);
  const choice = chooseDefinitions(core, config);
  const i = await profile.inspect({ executable, database: choice.database, platform: process.platform, env: process.env });
  const now = core.now();
  const used = usedDefinitions(choice, choice.set ? clamDefinitionsFor(choice, executable) : i.definitions, config.maxDefinitionsAgeDays, now);
  const detail = i.detail.join('\n');
  return {
    profile: profile.id,
    scanner: profile.name,
    executable,
    state: stateOf(i, used.stale),
    engineVersion: i.engineVersion,
    definitionsPath: i.definitionsPath,
    definitionsPathIsDefault: i.definitionsPathIsDefault,
    definitions: i.definitions,
    newestAt: used.builtAt,
    ageDays: used.ageDays,
    staleAfterDays: config.maxDefinitionsAgeDays,
    used,
    invalidFile: i.invalidFile,
    detail: detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL)}\n[hoan: cut at 16 KB]` : detail,
    checkedAt: now.toISOString(),
  };
}
