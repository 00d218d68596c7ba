import { z } from 'zod';
import { alongsideFieldErrors, refineIssue } from '../validation';

export const CLASSIFICATION_RESULTS = ['out_of_scope', 'A', 'B', 'C'] as const;
export type ClassificationResult = (typeof CLASSIFICATION_RESULTS)[number];

/**
 * The wizard's questions, in the deck's order. The generation questions are
 * only asked (and only required) when the site has a monitoring or control system.
 */
export const classificationAnswersSchema = z
  .object({
    hasRemoteMonitoring: z.boolean(),
    hasControlSystem: z.boolean(),
    hasGeneration: z.boolean().nullable().default(null),
    sellsSurplus: z.boolean().nullable().default(null),
  })
  .strict()
  .superRefine((a, ctx) => {
    const inScope = a.hasRemoteMonitoring || a.hasControlSystem;
    if (!inScope) return;
    if (a.hasGeneration === null) refineIssue(ctx, ['hasGeneration'], 'errors.field.required');
    if (a.hasGeneration === true && a.sellsSurplus === null) {
      refineIssue(ctx, ['sellsSurplus'], 'errors.field.required');
    }
    if (a.hasGeneration === false && a.sellsSurplus === true) {
      refineIssue(ctx, ['sellsSurplus'], 'errors.field.surplusNeedsGeneration');
    }
  }, alongsideFieldErrors);

export type ClassificationAnswersInput = z.input<typeof classificationAnswersSchema>;
export type ClassificationAnswers = z.output<typeof classificationAnswersSchema>;

/** A sentence fragment the UI translates, e.g. `classification.reason.sellsSurplus`. */
export interface ClassificationReason {
  key: string;
}

export interface ClassificationOutcome {
  result: ClassificationResult;
  reasons: ClassificationReason[];
}

export interface Classification extends ClassificationOutcome {
  id: string;
  siteId: string;
  answers: ClassificationAnswers;
  /** Existing facility with no system change since 2022-10-01: the old rules may still apply. */
  transitional: boolean;
  classifiedAt: string;
  classifiedBy: string;
}
