import { z } from 'zod';
import { multiLine, singleLine } from '../text-schema';
import { entityId, isoDate } from '../validation';
import type { CatalogueRef, Level, LocalText } from './catalogue-schema';

export const STATUSES = ['implemented', 'partial', 'not_implemented', 'not_applicable'] as const;
/** 実施済 / 一部実施 / 未実施 / 該当なし */
export type Status = (typeof STATUSES)[number];

export const NECESSITIES = ['needed', 'unnecessary'] as const;
/** 要否判断: needed, or judged unnecessary after consideration. */
export type Necessity = (typeof NECESSITIES)[number];

/** An item's 実施状況: its status, or 未検討 until one is recorded. */
export type ItemState = 'unconsidered' | Status;
/** The order every breakdown by 実施状況 uses. */
export const ITEM_STATES: readonly ItemState[] = [...STATUSES, 'unconsidered'];

export const CONFORMITIES = ['conforming', 'nonconforming', 'undetermined', 'out_of_scope'] as const;
/**
 * The 適合 judgement, kept apart from the 実施状況 (see decision-rules.ts):
 * 適合 / 不適合 / 未判定 for 勧告 items, 対象外 for 推奨 items.
 */
export type Conformity = (typeof CONFORMITIES)[number];

const longText = multiLine(4000);
const shortText = singleLine(200);

/** One item's decision as the user records it. Rules that need the item's level live in decision-rules.ts. */
export const decisionSchema = z
  .object({
    status: z.enum(STATUSES).nullable(),
    necessity: z.enum(NECESSITIES).nullable(),
    reason: longText.default(''),
    measures: longText.default(''),
    exampleMeasureIds: z.array(z.string().max(32)).max(50).default([]),
    responsible: shortText.default(''),
    targetDate: isoDate.nullable().default(null),
    reviewer: shortText.default(''),
    reviewDate: isoDate.nullable().default(null),
    remediationPlan: longText.default(''),
    remediationDate: isoDate.nullable().default(null),
  })
  .strict();

export type DecisionInput = z.input<typeof decisionSchema>;
export type Decision = z.output<typeof decisionSchema>;

export const roundInputSchema = z
  .object({
    siteId: entityId,
    title: singleLine(200, 1),
    framework: z.string().max(32).default('jikayo-gl'),
    /** Decisions are carried over by item id from this round (e.g. last year's review). */
    carryOverFrom: entityId.nullable().default(null),
  })
  .strict();

export interface EvidenceLink {
  sha256: string;
  name: string;
  size: number;
  attachedAt: string;
  attachedBy: string;
}

export interface AssessmentItemView {
  id: string;
  article: string;
  chapter: string;
  title: LocalText;
  text: LocalText;
  /** The level for this round's 区分: 勧告 only for 区分A items marked so. */
  level: Level;
  /** The catalogue has no spelled-out items for this article: the item stands for all of it. */
  generic: boolean;
  exampleMeasures: { id: string; text: LocalText }[];
  decision: Decision & { carriedOver: boolean; updatedAt: string | null; updatedBy: string };
  /** 実施状況. */
  state: ItemState;
  /** 適合 judgement. */
  conformity: Conformity;
  /** A 不適合 item without a remediation plan and date: blocks completion. */
  needsPlan: boolean;
  /** Planned work or remediation whose date has passed while not implemented. */
  overdue: boolean;
  evidence: EvidenceLink[];
}

export interface RoundSummary {
  total: number;
  considered: number;
  unconsidered: number;
  /** Items by 実施状況. */
  byState: Record<ItemState, number>;
  /** The 適合 judgement of the 勧告 items: compliant (適合) + nonconforming (不適合) + undetermined (未判定) = total. */
  kankoku: { total: number; compliant: number; nonconforming: number; undetermined: number; missingPlans: number };
  overdue: number;
}

export interface AssessmentRound {
  id: string;
  siteId: string;
  title: string;
  classification: 'A' | 'B' | 'C';
  catalogue: CatalogueRef;
  startedAt: string;
  startedBy: string;
  completedAt: string | null;
  completedBy: string | null;
  carriedFrom: string | null;
  summary: RoundSummary;
}

export interface AssessmentDetail {
  round: AssessmentRound;
  chapters: { id: string; title: LocalText }[];
  articles: { id: string; chapter: string; title: LocalText }[];
  items: AssessmentItemView[];
}
