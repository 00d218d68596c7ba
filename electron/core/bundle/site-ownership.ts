import type Database from 'better-sqlite3';
import { HoanError } from '../errors';
import type { SiteOrigin } from './bundle-types';

/** What the read-only triggers of migration 0009 raise. */
const TRIGGER_MESSAGE = 'hoan:site-read-only';

export function isSiteReadOnlyError(err: unknown): boolean {
  return err instanceof Error && err.message.includes(TRIGGER_MESSAGE);
}

export function siteReadOnlyError(): HoanError {
  return new HoanError('conflict', 'bundle.errors.siteReadOnly');
}

interface OriginRow {
  site_id: string;
  owner_fingerprint: string;
  owner_name: string;
  last_bundle_id: string;
  last_bundle_at: string;
  imported_at: string;
}

function toOrigin(row: OriginRow): SiteOrigin {
  return {
    siteId: row.site_id,
    ownerFingerprint: row.owner_fingerprint,
    ownerName: row.owner_name,
    lastBundleId: row.last_bundle_id,
    lastBundleAt: row.last_bundle_at,
    importedAt: row.imported_at,
  };
}

/** Sites whose home is another installation: shown read-only, with their last bundle's date. */
export function listOrigins(db: Database.Database): SiteOrigin[] {
  return (db.prepare('SELECT * FROM site_origins ORDER BY site_id').all() as OriginRow[]).map(toOrigin);
}

export function siteOrigin(db: Database.Database, siteId: string): SiteOrigin | null {
  const row = db.prepare('SELECT * FROM site_origins WHERE site_id = ?').get(siteId) as OriginRow | undefined;
  return row ? toOrigin(row) : null;
}

/**
 * For code that wants the clear error before trying: the triggers refuse the
 * write anyway, and the router turns their abort into the same error.
 */
export function assertEditable(db: Database.Database, siteId: string): void {
  if (siteOrigin(db, siteId)) throw siteReadOnlyError();
}
