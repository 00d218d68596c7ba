import { describe, expect, it } from 'vitest';
import { conformity, effectiveLevel, isOverdue, itemState, needsPlan, validateDecision } from '../../../electron/core/checklist/decision-rules';
import { translate } from '../../../electron/core/i18n/translate';
import { dayIn } from '../../../electron/core/time/time-zone';
import { decision } from './checklist-fixture';

const keys = (errors: { path: string; messageKey: string }[]) => errors.map((e) => `${e.path}:${e.messageKey}`);

describe('the guideline rules for a decision', () => {
  it('gives 勧告 only to 区分A; B and C are always 推奨', () => {
    expect(effectiveLevel({ levelA: 'kankoku' }, 'A')).toBe('kankoku');
    expect(effectiveLevel({ levelA: 'kankoku' }, 'B')).toBe('suisho');
    expect(effectiveLevel({ levelA: 'kankoku' }, 'C')).toBe('suisho');
    expect(effectiveLevel({ levelA: 'suisho' }, 'A')).toBe('suisho');
  });

  it.each(['not_implemented', 'not_applicable', 'partial'] as const)('requires a reason for %s', (status) => {
    expect(keys(validateDecision(decision({ status }), 'suisho'))).toEqual(['reason:errors.assessment.reasonRequired']);
    expect(keys(validateDecision(decision({ status, reason: '   ' }), 'suisho'))).toEqual(['reason:errors.assessment.reasonRequired']);
    expect(validateDecision(decision({ status, reason: '監視端末が1台のみで対象外' }), 'suisho')).toEqual([]);
  });

  it('requires no reason for an implemented measure', () => {
    expect(validateDecision(decision({ status: 'implemented' }), 'suisho')).toEqual([]);
  });

  it('requires a reason for a measure judged unnecessary', () => {
    expect(keys(validateDecision(decision({ status: null, necessity: 'unnecessary' }), 'suisho'))).toEqual([
      'reason:errors.assessment.reasonRequiredUnnecessary',
    ]);
    expect(validateDecision(decision({ status: 'not_implemented', necessity: 'unnecessary', reason: '閉域網のため' }), 'suisho')).toEqual([]);
  });

  it('refuses to judge a 勧告 item unnecessary', () => {
    expect(keys(validateDecision(decision({ status: 'not_implemented', necessity: 'unnecessary', reason: 'x', remediationPlan: 'p', remediationDate: '2025-09-30' }), 'kankoku'))).toEqual([
      'necessity:errors.assessment.kankokuCannotBeUnnecessary',
    ]);
  });

  it.each(['not_implemented', 'partial'] as const)('makes a 勧告 item %s 不適合, needing a remediation plan with a date', (status) => {
    const bare = decision({ status, reason: '予算未確保' });
    expect(conformity('kankoku', bare)).toBe('nonconforming');
    expect(needsPlan('kankoku', bare)).toBe(true);
    expect(keys(validateDecision(bare, 'kankoku'))).toEqual([
      'remediationPlan:errors.assessment.planRequired',
      'remediationDate:errors.assessment.planDateRequired',
    ]);
    const planned = decision({ status, reason: '予算未確保', remediationPlan: 'UTMを導入する', remediationDate: '2025-09-30' });
    expect(validateDecision(planned, 'kankoku')).toEqual([]);
    expect(conformity('kankoku', planned)).toBe('nonconforming');
    expect(needsPlan('kankoku', planned)).toBe(false);
    // The same status on a 推奨 item is a considered decision, not 不適合.
    expect(conformity('suisho', bare)).toBe('out_of_scope');
  });

  it('calls an item without a status 未検討, whatever else is filled in', () => {
    expect(itemState(decision({ reason: '下書き' }))).toBe('unconsidered');
    expect(itemState(decision({}))).toBe('unconsidered');
  });

  it('[#11.4] keeps the 実施状況 as recorded, whatever the level, and judges 適合 apart: 勧告 items only', () => {
    const cases = [
      ['kankoku', 'implemented', 'implemented', 'conforming'],
      ['kankoku', 'partial', 'partial', 'nonconforming'],
      ['kankoku', 'not_implemented', 'not_implemented', 'nonconforming'],
      ['kankoku', 'not_applicable', 'not_applicable', 'conforming'],
      ['kankoku', null, 'unconsidered', 'undetermined'],
      ['suisho', 'implemented', 'implemented', 'out_of_scope'],
      ['suisho', 'partial', 'partial', 'out_of_scope'],
      ['suisho', 'not_implemented', 'not_implemented', 'out_of_scope'],
      ['suisho', 'not_applicable', 'not_applicable', 'out_of_scope'],
      ['suisho', null, 'unconsidered', 'out_of_scope'],
    ] as const;
    for (const [level, status, state, judged] of cases) {
      const d = decision({ status });
      expect([level, status, itemState(d), conformity(level, d)]).toEqual([level, status, state, judged]);
    }
  });

  it('[#11.4] refuses 実施済 together with 要否判断 不要, on the necessity field, with a message in ja and en', () => {
    for (const level of ['suisho', 'kankoku'] as const) {
      const errors = validateDecision(decision({ status: 'implemented', necessity: 'unnecessary', reason: '念のため' }), level);
      expect(errors.filter((e) => e.path === 'necessity')).toHaveLength(1);
    }
    const errors = validateDecision(decision({ status: 'implemented', necessity: 'unnecessary', reason: '念のため' }), 'suisho');
    expect(keys(errors)).toEqual(['necessity:errors.assessment.implementedCannotBeUnnecessary']);
    expect(translate('ja', errors[0]!.messageKey)).toMatch(/^実施済の対策は「不要と判断」にできません。/);
    expect(translate('en', errors[0]!.messageKey)).toMatch(/^A measure recorded as implemented cannot be judged unnecessary\./);
    // Judged 不要 and not (or partly) carried out, with its reason: a consistent record.
    for (const status of ['not_implemented', 'partial', 'not_applicable'] as const) {
      expect(validateDecision(decision({ status, necessity: 'unnecessary', reason: '閉域網のため' }), 'suisho')).toEqual([]);
    }
    expect(validateDecision(decision({ status: 'implemented', necessity: 'needed' }), 'suisho')).toEqual([]);
  });

  it('requires the reviewer when a review date is given', () => {
    expect(keys(validateDecision(decision({ status: 'implemented', reviewDate: '2025-05-01' }), 'suisho'))).toEqual([
      'reviewer:errors.assessment.reviewerRequired',
    ]);
  });

  it('flags planned work whose date has passed, unless it is done', () => {
    const planned = decision({ status: 'not_implemented', necessity: 'needed', reason: 'x', targetDate: '2025-03-31' });
    expect(isOverdue(planned, '2025-04-01')).toBe(true);
    expect(isOverdue(planned, '2025-03-31')).toBe(false);
    expect(isOverdue({ ...planned, status: 'implemented' }, '2025-04-01')).toBe(false);
  });

  it('takes today in Japan, not in the laptop zone', () => {
    expect(dayIn(new Date('2025-03-31T15:30:00Z'), 'Asia/Tokyo')).toBe('2025-04-01');
    expect(dayIn(new Date('2025-03-31T14:59:00Z'), 'Asia/Tokyo')).toBe('2025-03-31');
  });
});
