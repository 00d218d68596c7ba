import type { FieldError } from '../errors';
import type { RegisterGap } from '../registers/register-gaps';
import type { CatalogueItem, Level } from './catalogue-schema';
import type { Conformity, Decision, ItemState, RoundSummary } from './assessment-schema';

/** 区分B and 区分C: every item is 推奨. 区分A: the catalogue's level. */
export function effectiveLevel(item: Pick<CatalogueItem, 'levelA'>, classification: 'A' | 'B' | 'C'): Level {
  return classification === 'A' ? item.levelA : 'suisho';
}

const NEEDS_REASON = new Set(['partial', 'not_implemented', 'not_applicable']);

export function isNonconforming(level: Level, decision: Pick<Decision, 'status'>): boolean {
  return level === 'kankoku' && (decision.status === 'not_implemented' || decision.status === 'partial');
}

/**
 * The guideline's expectations, checked before anything is saved:
 * a reason for every measure not (fully) implemented or judged unnecessary
 * (leaving a 推奨 item undone without one can be a 技術基準適合維持義務違反);
 * a 勧告 item cannot be judged unnecessary, and when not implemented it is
 * 不適合 and needs a remediation plan with a date. A measure recorded as
 * 実施済 cannot also be judged 不要: the 要否判断 is the documented decision
 * whether to carry out a measure that is not in place, so the pair would
 * leave an inspector asking which of the two is true.
 */
export function validateDecision(d: Decision, level: Level): FieldError[] {
  const errors: FieldError[] = [];
  const reasonMissing = d.reason.trim() === '';
  if (d.status && NEEDS_REASON.has(d.status) && reasonMissing) {
    errors.push({ path: 'reason', messageKey: 'errors.assessment.reasonRequired' });
  } else if (d.necessity === 'unnecessary' && reasonMissing) {
    errors.push({ path: 'reason', messageKey: 'errors.assessment.reasonRequiredUnnecessary' });
  }
  if (level === 'kankoku' && d.necessity === 'unnecessary') {
    errors.push({ path: 'necessity', messageKey: 'errors.assessment.kankokuCannotBeUnnecessary' });
  } else if (d.status === 'implemented' && d.necessity === 'unnecessary') {
    errors.push({ path: 'necessity', messageKey: 'errors.assessment.implementedCannotBeUnnecessary' });
  }
  if (isNonconforming(level, d)) {
    if (d.remediationPlan.trim() === '') errors.push({ path: 'remediationPlan', messageKey: 'errors.assessment.planRequired' });
    if (!d.remediationDate) errors.push({ path: 'remediationDate', messageKey: 'errors.assessment.planDateRequired' });
  }
  if (d.reviewDate && d.reviewer.trim() === '') {
    errors.push({ path: 'reviewer', messageKey: 'errors.assessment.reviewerRequired' });
  }
  return errors;
}

/**
 * An item backed by a register (register-gaps.ts) is 実施済 only with its
 * register to show for it: the inspector asks who is responsible, whom to
 * call, where the network meets another and how each point is defended.
 * 一部実施, 未実施 and 該当なし stay possible with their reasons. Checked
 * when a decision is saved, never on one already recorded.
 */
export function validateRegisterBacking(d: Pick<Decision, 'status'>, gaps: readonly RegisterGap[]): FieldError[] {
  if (d.status !== 'implemented') return [];
  return gaps.map((g) =>
    g.kind === 'empty'
      ? { path: 'status', messageKey: `registers.errors.checklist.${g.register}Empty` }
      : { path: 'status', messageKey: 'registers.errors.checklist.pointsUndefended', params: { points: g.points.join(' / '), count: g.points.length } },
  );
}

/** The 実施状況 as recorded: the status, or 未検討. It never depends on the level. */
export function itemState(d: Pick<Decision, 'status'>): ItemState {
  return d.status ?? 'unconsidered';
}

/**
 * The 適合 judgement. Only 勧告 items are judged: 実施済 → 適合, 該当なし →
 * 適合 (the measure has nothing to apply to; the reason is recorded),
 * 一部実施 or 未実施 → 不適合, no status yet → 未判定. A 推奨 item is 対象外:
 * not carrying it out is a recorded decision (要否判断 and reason), not a
 * nonconformity.
 */
export function conformity(level: Level, d: Pick<Decision, 'status'>): Conformity {
  if (level !== 'kankoku') return 'out_of_scope';
  if (!d.status) return 'undetermined';
  return isNonconforming(level, d) ? 'nonconforming' : 'conforming';
}

export function needsPlan(level: Level, d: Decision): boolean {
  return isNonconforming(level, d) && (d.remediationPlan.trim() === '' || !d.remediationDate);
}

/** A date for work still to do has passed. `today` is a YYYY-MM-DD day in the installation's zone. */
export function isOverdue(d: Decision, today: string): boolean {
  if (d.status === 'implemented' || d.status === 'not_applicable') return false;
  return [d.targetDate, d.remediationDate].some((date) => date !== null && date < today);
}

export function summarise(items: { level: Level; state: ItemState; conformity: Conformity; needsPlan: boolean; overdue: boolean }[]): RoundSummary {
  const byState: Record<ItemState, number> = {
    unconsidered: 0,
    implemented: 0,
    partial: 0,
    not_implemented: 0,
    not_applicable: 0,
  };
  for (const i of items) byState[i.state] += 1;
  const kankoku = items.filter((i) => i.level === 'kankoku');
  return {
    total: items.length,
    considered: items.length - byState.unconsidered,
    unconsidered: byState.unconsidered,
    byState,
    kankoku: {
      total: kankoku.length,
      compliant: kankoku.filter((i) => i.conformity === 'conforming').length,
      nonconforming: kankoku.filter((i) => i.conformity === 'nonconforming').length,
      undetermined: kankoku.filter((i) => i.conformity === 'undetermined').length,
      missingPlans: kankoku.filter((i) => i.needsPlan).length,
    },
    overdue: items.filter((i) => i.overdue).length,
  };
}
