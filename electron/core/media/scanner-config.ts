import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { recordAudit } from '../audit/audit-log';
import { HoanError, type FieldError } from '../errors';
import { getSite } from '../sites/site-repository';
import { DEFAULT_SCANNER_CONFIG, scannerConfigSchema, type ScannerConfig } from './media-schema';
import type { ScannerSettings } from './media-types';
import { profileInfos, SCANNER_PROFILES } from './scanners/profiles';
import { writeTransaction } from '../db/transactions';

/** A site with no scanner settings saved: Defender on Windows, ClamAV elsewhere. */
export function platformDefault(): ScannerConfig {
  return { ...DEFAULT_SCANNER_CONFIG, profile: process.platform === 'win32' ? 'defender' : 'clamav' };
}

/** The site's scanner: which profile, where its program and signatures are, and the manifest limits. */
export function getScannerConfig(db: Database.Database, siteId: string): { config: ScannerConfig; isDefault: boolean } {
  getSite(db, siteId);
  const row = db.prepare('SELECT config_json FROM media_scanner_configs WHERE site_id = ?').get(siteId) as { config_json: string } | undefined;
  if (row) {
    const parsed = scannerConfigSchema.safeParse(JSON.parse(row.config_json));
    if (parsed.success) return { config: parsed.data, isDefault: false };
  }
  return { config: platformDefault(), isDefault: true };
}

export function scannerSettings(db: Database.Database, siteId: string): ScannerSettings {
  return { ...getScannerConfig(db, siteId), profiles: profileInfos() };
}

/**
 * The program must be one the profile names (clamscan, MpCmdRun.exe) at an
 * absolute path that exists: the configuration can point at a scanner, never
 * at an arbitrary program.
 */
function checkPaths(config: ScannerConfig): FieldError[] {
  const errors: FieldError[] = [];
  const profile = SCANNER_PROFILES[config.profile];
  if (config.executablePath) {
    const p = config.executablePath;
    const name = path.basename(p.replace(/\\/g, '/')).toLowerCase();
    if (!path.isAbsolute(p)) errors.push({ path: 'executablePath', messageKey: 'media.errors.pathNotAbsolute', params: { path: p } });
    else if (!profile.executableNames.includes(name)) {
      errors.push({ path: 'executablePath', messageKey: 'media.errors.notThisScanner', params: { names: profile.executableNames.join(', ') } });
    } else if (!fs.statSync(p, { throwIfNoEntry: false })?.isFile()) {
      errors.push({ path: 'executablePath', messageKey: 'media.errors.pathMissing', params: { path: p } });
    }
  }
  if (config.databasePath) {
    const p = config.databasePath;
    if (!profile.usesDatabasePath) errors.push({ path: 'databasePath', messageKey: 'media.errors.databaseNotUsed' });
    else if (!path.isAbsolute(p)) errors.push({ path: 'databasePath', messageKey: 'media.errors.pathNotAbsolute', params: { path: p } });
    else if (!fs.existsSync(p)) errors.push({ path: 'databasePath', messageKey: 'media.errors.pathMissing', params: { path: p } });
  }
  return errors;
}

export function setScannerConfig(db: Database.Database, siteId: string, config: ScannerConfig, now: Date, userName = ''): ScannerSettings {
  const errors = checkPaths(config);
  if (errors.length > 0) throw new HoanError('validation', 'errors.validation', undefined, errors);
  writeTransaction(db, () => {
    const before = getScannerConfig(db, siteId);
    const json = JSON.stringify(config);
    db.prepare(
      `INSERT INTO media_scanner_configs (site_id, config_json, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (site_id) DO UPDATE SET config_json = excluded.config_json, updated_at = excluded.updated_at`,
    ).run(siteId, json, now.toISOString());
    recordAudit(db, {
      siteId,
      entity: 'scanner-config',
      entityId: siteId,
      action: 'update',
      changes: [{ field: 'config', old: before.isDefault ? null : JSON.stringify(before.config), new: json }],
      userName,
      at: now,
    });
  });
  return scannerSettings(db, siteId);
}

/** The program to run for a site's configuration. */
export function scannerExecutable(config: ScannerConfig): string {
  return config.executablePath || SCANNER_PROFILES[config.profile].defaultExecutable(process.platform, process.env);
}
