import { z } from 'zod';
import { singleLine } from '../text-schema';
import { entityId } from '../validation';
import type { ConnectionPoint, RegisterFlag } from './register-types';

/**
 * The 接続点台帳's inputs besides a whole point (pointInputSchema): removing
 * and reordering points, and citing stored evidence files on a defence.
 */

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const pointRefSchema = z.object({ siteId: entityId, id: entityId }).strict();
export type PointRef = z.output<typeof pointRefSchema>;

export const movePointSchema = z
  .object({
    siteId: entityId,
    id: entityId,
    /** The point's place in the list after the move, first = 0. */
    position: z.number().int().min(0).max(10_000),
  })
  .strict();
export type MovePoint = z.output<typeof movePointSchema>;

const byDefence = { siteId: entityId, pointId: entityId, defenceId: entityId };

/** A file already in the evidence store (uploaded first, as checklist evidence is), and the name it came with. */
export const attachDefenceEvidenceSchema = z.object({ ...byDefence, sha256, name: singleLine(255, 1) }).strict();
export type AttachDefenceEvidence = z.output<typeof attachDefenceEvidenceSchema>;

export const detachDefenceEvidenceSchema = z.object({ ...byDefence, sha256 }).strict();
export type DetachDefenceEvidence = z.output<typeof detachDefenceEvidenceSchema>;

/** What savePoint answers: the point as stored, and what an inspector would ask about it. */
export interface SavedPoint {
  point: ConnectionPoint;
  /** This point's flags (a device the inventory lacks, no defence). */
  flags: RegisterFlag[];
}
