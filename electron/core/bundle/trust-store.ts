import type Database from 'better-sqlite3';
import { HoanError, notFound } from '../errors';
import { parseAllowedSigners, type AllowedSigner } from './allowed-signers';
import type { SignerRole, TrustedSigner, TrustPreview } from './bundle-types';
import { getInstallation } from './installation';
import { allowedSignersLine } from './keys';
import { writeTransaction } from '../db/transactions';

interface SignerRow {
  fingerprint: string;
  principal: string;
  name: string;
  public_key: string;
  role: SignerRole;
  source: string;
  added_at: string;
  added_by: string;
  revoked_at: string | null;
}

function toSigner(row: SignerRow): TrustedSigner {
  return {
    fingerprint: row.fingerprint,
    principal: row.principal,
    name: row.name,
    role: row.role,
    source: row.source,
    addedAt: row.added_at,
    addedBy: row.added_by,
    revokedAt: row.revoked_at,
    allowedSigners: allowedSignersLine(row.principal, Buffer.from(row.public_key, 'base64'), row.name),
  };
}

export function listTrusted(db: Database.Database): TrustedSigner[] {
  return (db.prepare('SELECT * FROM trusted_signers ORDER BY revoked_at IS NOT NULL, added_at, fingerprint').all() as SignerRow[]).map(toSigner);
}

/** A signer whose bundles are accepted now (not revoked), by fingerprint. */
export function findTrusted(db: Database.Database, fingerprint: string): TrustedSigner | undefined {
  const row = db.prepare('SELECT * FROM trusted_signers WHERE fingerprint = ? AND revoked_at IS NULL').get(fingerprint) as SignerRow | undefined;
  return row ? toSigner(row) : undefined;
}

function parseOrRefuse(text: string): AllowedSigner[] {
  const { signers, errors } = parseAllowedSigners(text);
  if (errors.length > 0) {
    throw new HoanError(
      'validation',
      'bundle.errors.signersInvalid',
      { count: errors.length },
      errors.slice(0, 20).map((e) => ({ path: `lines.${e.line}`, messageKey: `bundle.signerProblems.${e.problem}`, params: { line: e.line } })),
    );
  }
  if (signers.length === 0) throw new HoanError('validation', 'bundle.errors.signersEmpty');
  return signers;
}

/** What adding these lines would do, with each fingerprint to read out over the phone. */
export function previewTrust(db: Database.Database, text: string): TrustPreview {
  const { signers, errors } = parseAllowedSigners(text);
  const self = getInstallation(db).fingerprint;
  return {
    signers: signers.map((s) => ({
      fingerprint: s.fingerprint,
      principal: s.principal,
      name: s.name,
      alreadyTrusted: findTrusted(db, s.fingerprint) !== undefined,
      isSelf: s.fingerprint === self,
    })),
    errors: errors.map((e) => ({ line: e.line, problem: e.problem })),
  };
}

/**
 * Trusts the signers of allowed_signers lines. A revoked signer added again
 * is trusted again; this installation's own key is never added (it is not a
 * peer: its bundles are its own).
 */
export function addTrusted(
  db: Database.Database,
  text: string,
  role: SignerRole,
  source: string,
  userName: string,
  now: Date,
): TrustedSigner[] {
  const signers = parseOrRefuse(text);
  const self = getInstallation(db).fingerprint;
  if (signers.some((s) => s.fingerprint === self)) throw new HoanError('validation', 'bundle.errors.trustSelf');
  const upsert = db.prepare(
    `INSERT INTO trusted_signers (fingerprint, principal, name, public_key, role, source, added_at, added_by)
     VALUES (@fingerprint, @principal, @name, @publicKey, @role, @source, @at, @by)
     ON CONFLICT (fingerprint) DO UPDATE SET principal = excluded.principal, name = excluded.name, role = excluded.role,
       revoked_at = NULL`,
  );
  writeTransaction(db, () => {
    for (const s of signers) {
      upsert.run({ fingerprint: s.fingerprint, principal: s.principal, name: s.name.slice(0, 200), publicKey: s.publicBlob.toString('base64'), role, source, at: now.toISOString(), by: userName });
    }
  });
  return signers.map((s) => findTrusted(db, s.fingerprint)!);
}

/** Revoked, not deleted: the history of who was trusted stays. */
export function revokeTrusted(db: Database.Database, fingerprint: string, now: Date): TrustedSigner {
  const info = db.prepare('UPDATE trusted_signers SET revoked_at = ? WHERE fingerprint = ? AND revoked_at IS NULL').run(now.toISOString(), fingerprint);
  if (info.changes === 0) throw notFound('signer', fingerprint);
  const row = db.prepare('SELECT * FROM trusted_signers WHERE fingerprint = ?').get(fingerprint) as SignerRow;
  return toSigner(row);
}
