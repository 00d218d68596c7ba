import type Database from 'better-sqlite3';
import { recordAudit } from '../audit/audit-log';
import { writeTransaction } from '../db/transactions';
import { HoanError, notFound } from '../errors';
import { findPoint, POINT_AUDIT_ENTITY } from './connection-points';
import type { AttachDefenceEvidence, DetachDefenceEvidence } from './point-schema';
import type { Defence } from './register-types';

/**
 * Evidence of a defence (6-2-3): a firewall's rule export, a VPN's settings
 * screen, a photo of the unplugged cable. Files are stored first through the
 * evidence upload (evidence-store.ts), as checklist evidence is, then cited
 * here by sha256; detaching removes the citation, never the stored file.
 * Audited on the point (entity `connection-point`), one field per defence.
 */

function defenceOf(db: Database.Database, siteId: string, pointId: string, defenceId: string): Defence {
  const defence = findPoint(db, siteId, pointId).defences.find((d) => d.id === defenceId);
  if (!defence) throw notFound('connection-point-defence', defenceId);
  return defence;
}

export function attachDefenceEvidence(db: Database.Database, input: AttachDefenceEvidence, userName: string, now: Date): Defence {
  return writeTransaction(db, () => {
    defenceOf(db, input.siteId, input.pointId, input.defenceId);
    if (!db.prepare('SELECT 1 FROM evidence_files WHERE sha256 = ?').get(input.sha256)) {
      throw new HoanError('not_found', 'errors.evidence.notFound', { sha256: input.sha256 });
    }
    const info = db
      .prepare('INSERT OR IGNORE INTO connection_defence_evidence (defence_id, sha256, file_name, attached_at, attached_by) VALUES (?, ?, ?, ?, ?)')
      .run(input.defenceId, input.sha256, input.name, now.toISOString(), userName);
    if (info.changes > 0) {
      recordAudit(db, {
        siteId: input.siteId,
        entity: POINT_AUDIT_ENTITY,
        entityId: input.pointId,
        action: 'attach',
        changes: [{ field: `defences.${input.defenceId}.evidence`, old: null, new: `${input.name} sha256:${input.sha256}` }],
        userName,
        at: now,
      });
    }
    return defenceOf(db, input.siteId, input.pointId, input.defenceId);
  });
}

export function detachDefenceEvidence(db: Database.Database, input: DetachDefenceEvidence, userName: string, now: Date): Defence {
  return writeTransaction(db, () => {
    const link = defenceOf(db, input.siteId, input.pointId, input.defenceId).evidence.find((e) => e.sha256 === input.sha256);
    if (!link) throw new HoanError('not_found', 'errors.evidence.notFound', { sha256: input.sha256 });
    db.prepare('DELETE FROM connection_defence_evidence WHERE defence_id = ? AND sha256 = ?').run(input.defenceId, input.sha256);
    recordAudit(db, {
      siteId: input.siteId,
      entity: POINT_AUDIT_ENTITY,
      entityId: input.pointId,
      action: 'detach',
      changes: [{ field: `defences.${input.defenceId}.evidence`, old: `${link.name} sha256:${input.sha256}`, new: null }],
      userName,
      at: now,
    });
    return defenceOf(db, input.siteId, input.pointId, input.defenceId);
  });
}
