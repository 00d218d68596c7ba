import { z } from 'zod';
import { multiLine, singleLine } from '../text-schema';
import { alongsideFieldErrors, entityId, isoDate, refineIssue } from '../validation';
import { NOT_AFFECTED_REASONS, TRIAGE_STATUSES } from './advisory-types';

/**
 * A pair as a decision names it: the device by its id or its 管理番号 (the
 * CLI's --asset), the advisory by its tracking id, and its publisher's
 * namespace where two publishers use the same id.
 */
const pairRef = {
  siteId: entityId,
  deviceId: entityId.optional(),
  assetId: singleLine(200, 1).optional(),
  advisoryId: singleLine(200, 1),
  publisherNamespace: singleLine(1000).optional(),
};

function oneDevice(v: { deviceId?: unknown; assetId?: unknown }, ctx: z.RefinementCtx): void {
  if ((v.deviceId === undefined) === (v.assetId === undefined)) refineIssue(ctx, ['deviceId'], 'advisories.triage.errors.deviceOrAsset');
}

/**
 * One triage decision (8-4-2, 8-4-3). What each status needs is checked here,
 * so the app, the web host and the CLI refuse the same things at the same field:
 * - not_affected: a reason; 'other' also a note saying what it is;
 * - in_progress: the planned date;
 * - resolved: the version the device runs after the patch (it goes into the inventory);
 * - risk_accepted: the compensating control and when to review it (it goes into the risk register).
 */
export const triageDecisionSchema = z
  .object({
    ...pairRef,
    status: z.enum(TRIAGE_STATUSES),
    reasonCode: z.enum(NOT_AFFECTED_REASONS).optional(),
    note: multiLine(4000).default(''),
    compensatingControl: multiLine(4000).default(''),
    dueOn: isoDate.optional(),
    /** resolved: the device's version after the patch. */
    version: singleLine(100).optional(),
    /** risk_accepted: the register entry's likelihood and impact (1–5); by default 2, and the impact from the CVSS score. */
    likelihood: z.number().int().min(1).max(5).optional(),
    impact: z.number().int().min(1).max(5).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    oneDevice(v, ctx);
    const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';
    if (v.status === 'not_affected') {
      if (!v.reasonCode) refineIssue(ctx, ['reasonCode'], 'advisories.triage.errors.reasonRequired');
      else if (v.reasonCode === 'other' && blank(v.note)) refineIssue(ctx, ['note'], 'advisories.triage.errors.noteRequired');
    } else if (v.reasonCode) refineIssue(ctx, ['reasonCode'], 'advisories.triage.errors.reasonOnlyNotAffected');
    if (v.status === 'in_progress' && !v.dueOn) refineIssue(ctx, ['dueOn'], 'advisories.triage.errors.plannedDateRequired');
    if (v.status === 'risk_accepted') {
      if (blank(v.compensatingControl)) refineIssue(ctx, ['compensatingControl'], 'advisories.triage.errors.controlRequired');
      if (!v.dueOn) refineIssue(ctx, ['dueOn'], 'advisories.triage.errors.reviewDateRequired');
    } else if (v.likelihood !== undefined || v.impact !== undefined) {
      refineIssue(ctx, [v.likelihood !== undefined ? 'likelihood' : 'impact'], 'advisories.triage.errors.riskOnlyAccepted');
    }
    if (v.status === 'resolved') {
      if (blank(v.version)) refineIssue(ctx, ['version'], 'advisories.triage.errors.versionRequired');
    } else if (v.version !== undefined) refineIssue(ctx, ['version'], 'advisories.triage.errors.versionOnlyResolved');
    if ((v.status === 'not_affected' || v.status === 'affected' || v.status === 'resolved') && v.dueOn) {
      refineIssue(ctx, ['dueOn'], 'advisories.triage.errors.dateNotForStatus');
    }
  }, alongsideFieldErrors);
export type TriageDecisionInput = z.input<typeof triageDecisionSchema>;
export type TriageDecisionFields = z.output<typeof triageDecisionSchema>;

/** The triage view's filter: decision states, 'open' (undecided or reopened) and 'closed' (no longer matching). */
export const TRIAGE_FILTERS = ['open', ...TRIAGE_STATUSES, 'closed'] as const;
export type TriageFilter = (typeof TRIAGE_FILTERS)[number];

export const triageListSchema = z
  .object({
    siteId: entityId,
    status: z.array(z.enum(TRIAGE_FILTERS)).max(TRIAGE_FILTERS.length).optional(),
  })
  .strict();

export const triageHistorySchema = z.object(pairRef).strict().superRefine(oneDevice, alongsideFieldErrors);
export type TriageHistoryInput = z.output<typeof triageHistorySchema>;
