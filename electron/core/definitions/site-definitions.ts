import type { Core } from '../core';
import { scannerConfigSchema, type ScannerConfig, type ScannerProfileId } from '../media/media-schema';
import { ageInDays } from '../media/judgement';
import { definitionsSourceOf } from '../media/scan-definitions';
import { platformDefault } from '../media/scanner-config';
import { currentDefinitionsSet, installedClamFolder } from './definitions-store';
import { DEFAULT_MAX_DEFINITIONS_AGE_DAYS, type UsedDefinitions } from './definitions-types';
import type { DefinitionsGlance, DefinitionsGlanceState } from './site-definitions-types';

/**
 * Each site's definitions at a glance, for the dashboard (issue 12, point 5).
 *
 * Which definitions a site is shown with:
 * - A site of this installation whose scanner is ClamAV with no database
 *   path of its own, while Hoan's store holds a set: that set, which is what
 *   the site's next scan uses (source `store`).
 * - Any other site (a copy imported from its home installation, a site that
 *   scans with Microsoft Defender or with a database path of its own, or one
 *   whose store is empty): what the site's most recent scan recorded in its
 *   check-in entry (source `last_scan`). Entries recorded before Hoan kept
 *   the definitions have none: `not_recorded`.
 * - No scan at all: `none`.
 *
 * Age is counted in whole days (24-hour periods, rounded down) from the
 * definitions' build time to `now`; "past the limit" is an age above the
 * site's maximum (`maxDefinitionsAgeDays`, a copy's from its last scan).
 *
 * No program is run and every site is read by one query (its latest scan
 * found through the (site_id, n) index), so the all-sites list stays as fast
 * with a thousand sites as with one.
 */

function judged(version: string | null, builtAt: string | null, maxAgeDays: number, now: Date): Pick<DefinitionsGlance, 'version' | 'builtAt' | 'ageDays' | 'state'> {
  const ageDays = ageInDays(builtAt, now);
  let state: DefinitionsGlanceState;
  if (ageDays !== null) state = ageDays > maxAgeDays ? 'stale' : 'fresh';
  else state = version ? 'unknown_age' : 'none';
  return { version, builtAt, ageDays, state };
}

interface Row {
  site_id: string;
  config_json: string | null;
  imported: number;
  scan_seq: number | null;
  profile: ScannerProfileId | null;
  started_at: string | null;
  definitions: string | null;
}

// The inner query walks each site's chain from its head down the (site_id, n)
// index and stops at the first check-in with a scan: the latest scan, without
// reading the rest of the log.
const SQL = `
WITH latest AS MATERIALIZED (
  SELECT s.id AS site_id,
         (SELECT l.seq FROM media_log l
           WHERE l.site_id = s.id AND l.kind = 'check_in' AND l.method = 'scan_here'
             AND json_type(l.body_json, '$.scan') = 'object'
           ORDER BY l.n DESC LIMIT 1) AS scan_seq
  FROM sites s %WHERE%
)
SELECT latest.site_id, c.config_json, o.site_id IS NOT NULL AS imported, latest.scan_seq,
       json_extract(l.body_json, '$.scan.profile') AS profile,
       json_extract(l.body_json, '$.scan.startedAt') AS started_at,
       json_extract(l.body_json, '$.scan.definitions') AS definitions
FROM latest
LEFT JOIN media_scanner_configs c ON c.site_id = latest.site_id
LEFT JOIN site_origins o ON o.site_id = latest.site_id
LEFT JOIN media_log l ON l.seq = latest.scan_seq`;

function configOf(json: string | null): ScannerConfig {
  if (json) {
    const parsed = scannerConfigSchema.safeParse(JSON.parse(json));
    if (parsed.success) return parsed.data;
  }
  return platformDefault();
}

function glanceOf(row: Row, store: ReturnType<typeof currentDefinitionsSet>, now: Date): DefinitionsGlance {
  const config = row.imported ? null : configOf(row.config_json);
  if (config !== null && store !== null && definitionsSourceOf(config, true) === 'store') {
    return { source: 'store', scanner: 'clamav', scannedAt: null, maxAgeDays: config.maxDefinitionsAgeDays, ...judged(store.version, store.builtAt, config.maxDefinitionsAgeDays, now) };
  }
  const used = row.definitions ? (JSON.parse(row.definitions) as UsedDefinitions) : null;
  // A copy is judged by the limit its home installation recorded with the scan.
  const maxAgeDays = config?.maxDefinitionsAgeDays ?? used?.maxAgeDays ?? DEFAULT_MAX_DEFINITIONS_AGE_DAYS;
  if (row.scan_seq === null) {
    return { source: 'none', scanner: config?.profile ?? null, version: null, builtAt: null, ageDays: null, maxAgeDays, state: 'none', scannedAt: null };
  }
  const base = { source: 'last_scan' as const, scanner: row.profile, scannedAt: row.started_at, maxAgeDays };
  if (!used) return { ...base, version: null, builtAt: null, ageDays: null, state: 'not_recorded' };
  return { ...base, ...judged(used.version, used.builtAt, maxAgeDays, now) };
}

/** Every site's definitions (archived ones too), or one site's. */
export function sitesDefinitions(core: Pick<Core, 'dataDir' | 'db'>, now: Date, siteId?: string): Map<string, DefinitionsGlance> {
  // What a scan would be given: the current set, when its folder is there (as the scan chooses).
  const store = installedClamFolder(core) ? currentDefinitionsSet(core, 'clamav') : null;
  const sql = SQL.replace('%WHERE%', siteId === undefined ? '' : 'WHERE s.id = ?');
  const rows = (siteId === undefined ? core.db.prepare(sql).all() : core.db.prepare(sql).all(siteId)) as Row[];
  return new Map(rows.map((row) => [row.site_id, glanceOf(row, store, now)]));
}

export function siteDefinitions(core: Pick<Core, 'dataDir' | 'db'>, siteId: string, now: Date): DefinitionsGlance | null {
  return sitesDefinitions(core, now, siteId).get(siteId) ?? null;
}
