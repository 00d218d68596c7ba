import { recordAudit } from '../audit/audit-log';
import type { Core } from '../core';
import { writeTransaction } from '../db/transactions';
import { HoanError } from '../errors';
import { loadOpenPgp, type TrustedKey } from './advisory-integrity';

/**
 * Hoan's trust store for advisory publishers' OpenPGP keys (table
 * advisory_publisher_keys). Only public keys are taken; a key is removed by
 * marking it so (a removed key verifies nothing from then on, while the
 * revisions it verified keep their record of who signed them).
 */

export interface PublisherKey {
  fingerprint: string;
  userIds: string[];
  addedAt: string;
  addedBy: string;
}

const MAX_KEY_BYTES = 256 * 1024;

async function readPublicKey(armored: string) {
  if (Buffer.byteLength(armored) > MAX_KEY_BYTES) throw new HoanError('validation', 'advisories.import.keys.errors.unreadable');
  const openpgp = await loadOpenPgp();
  let key;
  try {
    key = await openpgp.readKey({ armoredKey: armored });
  } catch {
    throw new HoanError('validation', 'advisories.import.keys.errors.unreadable');
  }
  if (key.isPrivate()) throw new HoanError('validation', 'advisories.import.keys.errors.private');
  return key;
}

/** What adding would trust, to compare the fingerprint with the publisher's before saying yes. */
export async function previewPublisherKey(core: Pick<Core, 'db'>, armored: string): Promise<{ fingerprint: string; userIds: string[]; alreadyTrusted: boolean }> {
  const key = await readPublicKey(armored);
  const fingerprint = key.getFingerprint().toUpperCase();
  return { fingerprint, userIds: key.getUserIDs(), alreadyTrusted: listPublisherKeys(core).some((k) => k.fingerprint === fingerprint) };
}

export async function addPublisherKey(core: Core, armored: string, userName: string): Promise<PublisherKey> {
  const key = await readPublicKey(armored);
  const fingerprint = key.getFingerprint().toUpperCase();
  const userIds = key.getUserIDs();
  const publicArmored = key.armor();
  const at = core.now().toISOString();
  return writeTransaction(core.db, () => {
    const existing = core.db.prepare('SELECT removed_at FROM advisory_publisher_keys WHERE fingerprint = ?').get(fingerprint) as { removed_at: string | null } | undefined;
    if (existing && existing.removed_at === null) throw new HoanError('conflict', 'advisories.import.keys.errors.exists', { fingerprint });
    if (existing) {
      core.db.prepare('UPDATE advisory_publisher_keys SET removed_at = NULL, armored = ?, user_ids_json = ?, added_at = ?, added_by = ? WHERE fingerprint = ?').run(publicArmored, JSON.stringify(userIds), at, userName, fingerprint);
    } else {
      core.db.prepare('INSERT INTO advisory_publisher_keys (fingerprint, user_ids_json, armored, added_at, added_by) VALUES (?, ?, ?, ?, ?)').run(fingerprint, JSON.stringify(userIds), publicArmored, at, userName);
    }
    recordAudit(core.db, { siteId: null, entity: 'advisory-key', entityId: fingerprint, action: 'trust', changes: [{ field: 'userIds', old: null, new: userIds.join(', ') }], userName, at: core.now() });
    return { fingerprint, userIds, addedAt: at, addedBy: userName };
  });
}

export function listPublisherKeys(core: Pick<Core, 'db'>): PublisherKey[] {
  const rows = core.db.prepare('SELECT fingerprint, user_ids_json, added_at, added_by FROM advisory_publisher_keys WHERE removed_at IS NULL ORDER BY added_at, fingerprint').all() as {
    fingerprint: string;
    user_ids_json: string;
    added_at: string;
    added_by: string;
  }[];
  return rows.map((r) => ({ fingerprint: r.fingerprint, userIds: JSON.parse(r.user_ids_json) as string[], addedAt: r.added_at, addedBy: r.added_by }));
}

export function removePublisherKey(core: Core, fingerprint: string, userName: string): PublisherKey {
  const wanted = fingerprint.replace(/\s+/g, '').toUpperCase();
  return writeTransaction(core.db, () => {
    const key = listPublisherKeys(core).find((k) => k.fingerprint === wanted);
    if (!key) throw new HoanError('not_found', 'advisories.import.keys.errors.notFound', { fingerprint: wanted });
    core.db.prepare('UPDATE advisory_publisher_keys SET removed_at = ? WHERE fingerprint = ?').run(core.now().toISOString(), wanted);
    recordAudit(core.db, { siteId: null, entity: 'advisory-key', entityId: wanted, action: 'untrust', changes: [], userName, at: core.now() });
    return key;
  });
}

/** The keys a signature may be checked against now. */
export function trustedKeys(core: Pick<Core, 'db'>): TrustedKey[] {
  return core.db.prepare('SELECT fingerprint, armored FROM advisory_publisher_keys WHERE removed_at IS NULL').all() as TrustedKey[];
}
