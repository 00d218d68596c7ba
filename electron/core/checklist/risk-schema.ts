import { z } from 'zod';
import { multiLine, singleLine } from '../text-schema';
import { entityId } from '../validation';

/** Assets the guideline protects (1-2, 1-4 and the deck). */
export const ASSET_TYPES = ['remote_monitoring', 'control_system', 'connection_point', 'terminal', 'media', 'other'] as const;
/** Threats assumed by 1-4 and the deck. */
export const THREATS = ['malware_media', 'malware_terminal', 'intrusion_connection', 'admin_misuse', 'insider_error', 'other'] as const;
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const riskFieldsSchema = z
  .object({
    assetType: z.enum(ASSET_TYPES),
    assetName: singleLine(200, 1),
    threat: z.enum(THREATS),
    threatDetail: multiLine(2000).default(''),
    /** 1 (rare) … 5 (expected) */
    likelihood: z.number().int().min(1).max(5),
    /** 1 (negligible) … 5 (severe), before weighting */
    impact: z.number().int().min(1).max(5),
    linkedItems: z.array(z.string().max(32)).max(100).default([]),
    plannedMeasures: multiLine(4000).default(''),
  })
  .strict();

export type RiskFields = z.output<typeof riskFieldsSchema>;
export type RiskFieldsInput = z.input<typeof riskFieldsSchema>;

export const riskCreateSchema = z.object({ roundId: entityId, fields: riskFieldsSchema }).strict();
export const riskUpdateSchema = z.object({ id: entityId, fields: riskFieldsSchema }).strict();

export interface Risk extends RiskFields {
  id: string;
  roundId: string;
  /** Impact × the site's weight (区分, output, voltage). */
  weightedImpact: number;
  score: number;
  level: RiskLevel;
  createdAt: string;
  updatedAt: string;
}
