import type { AssessmentItemView, Decision } from '../../../../electron/api/contract';

/** The form's copy of a decision; dates as '' when empty, as inputs hold them. */
export interface Draft {
  status: Decision['status'];
  necessity: Decision['necessity'];
  reason: string;
  measures: string;
  exampleMeasureIds: string[];
  responsible: string;
  targetDate: string;
  reviewer: string;
  reviewDate: string;
  remediationPlan: string;
  remediationDate: string;
}

export function draftOf(item: AssessmentItemView): Draft {
  const d = item.decision;
  return {
    status: d.status,
    necessity: d.necessity,
    reason: d.reason,
    measures: d.measures,
    exampleMeasureIds: d.exampleMeasureIds,
    responsible: d.responsible,
    targetDate: d.targetDate ?? '',
    reviewer: d.reviewer,
    reviewDate: d.reviewDate ?? '',
    remediationPlan: d.remediationPlan,
    remediationDate: d.remediationDate ?? '',
  };
}

export function decisionOf(draft: Draft): Decision {
  const date = (v: string) => (v === '' ? null : v);
  return {
    ...draft,
    targetDate: date(draft.targetDate),
    reviewDate: date(draft.reviewDate),
    remediationDate: date(draft.remediationDate),
  };
}

export function sameDraft(a: Draft, b: Draft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
