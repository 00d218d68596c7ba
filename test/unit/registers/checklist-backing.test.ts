import { afterEach, describe, expect, it } from 'vitest';
import { decisionSchema, type DecisionInput } from '../../../electron/core/checklist/assessment-schema';
import { updateDecision } from '../../../electron/core/checklist/item-repository';
import { createRound, getAssessment } from '../../../electron/core/checklist/round-repository';
import { auditHistory } from '../../../electron/core/audit/audit-log';
import { translate } from '../../../electron/core/i18n/translate';
import { TEST_USER } from '../helpers/set-up';
import { registersKit } from '../helpers/registers';
import { thrown } from '../helpers/thrown';

/**
 * Issue 14, part 5: a checklist item backed by a register is 実施済 only with
 * its register to show; 6-2-3 only when every connection point has a
 * defence or a recorded reason for none.
 */

const kit = registersKit('hoan-registers-checklist-');
afterEach(() => kit.cleanup());

const decision = (input: Partial<DecisionInput>) => decisionSchema.parse({ status: null, necessity: null, ...input });
const implemented = decision({ status: 'implemented', measures: '体制表を掲示' });
const now = new Date('2026-11-02T00:00:00.000Z');

const fieldsOf = (fn: () => unknown) => {
  const err = thrown(fn);
  expect(err.code).toBe('validation');
  return (err.fields ?? []).map((f) => ({ path: f.path, messageKey: f.messageKey, params: f.params }));
};

describe('[#14.4] checklist items backed by an empty register', () => {
  it.each([
    ['2-1', 'organisation', 'DELETE FROM register_contact_steps; UPDATE connection_points SET managed_by_party = NULL; UPDATE register_parties SET reports_to = NULL; DELETE FROM register_parties;'],
    ['2-2', 'organisation', 'DELETE FROM register_contact_steps; UPDATE connection_points SET managed_by_party = NULL; UPDATE register_parties SET reports_to = NULL; DELETE FROM register_parties;'],
    ['6-2-2', 'connection_points', 'DELETE FROM connection_point_ends; DELETE FROM connection_point_defences; DELETE FROM connection_points;'],
    ['6-2-3', 'connection_points', 'DELETE FROM connection_point_ends; DELETE FROM connection_point_defences; DELETE FROM connection_points;'],
    ['10-2', 'contacts', 'DELETE FROM register_contact_steps;'],
    ['10-3', 'contacts', 'DELETE FROM register_contact_steps;'],
  ])('[#14.4] refuses %s as 実施済 while its register (%s) is empty, writing nothing; 一部実施, 未実施 and 該当なし with reasons stay possible', async (itemId, register, emptying) => {
    const { core, roundId } = await kit.open();
    core.db.exec(emptying);
    expect(fieldsOf(() => updateDecision(core.db, roundId, itemId, implemented, TEST_USER, now))).toEqual([
      { path: 'status', messageKey: `registers.errors.checklist.${register}Empty`, params: undefined },
    ]);
    expect(getAssessment(core.db, roundId, now).items.find((i) => i.id === itemId)!.state).toBe('unconsidered');
    expect(auditHistory(core.db, 'assessment-item', `${roundId}:${itemId}`)).toEqual([]);

    expect(updateDecision(core.db, roundId, itemId, decision({ status: 'partial', reason: '台帳を作成中', remediationPlan: '台帳を整備する', remediationDate: '2027-03-31' }), TEST_USER, now).state).toBe('partial');
    expect(updateDecision(core.db, roundId, itemId, decision({ status: 'not_implemented', reason: '未着手', remediationPlan: '台帳を整備する', remediationDate: '2027-03-31' }), TEST_USER, now).state).toBe('not_implemented');
    expect(updateDecision(core.db, roundId, itemId, decision({ status: 'not_applicable', reason: '外部との接続がない' }), TEST_USER, now).state).toBe('not_applicable');
  });

  it('[#14.4] accepts 実施済 for each of the six items once their registers hold entries (the seeded solar plant)', async () => {
    const { core, roundId } = await kit.open();
    for (const itemId of ['2-1', '2-2', '6-2-2', '6-2-3', '10-2', '10-3']) {
      expect(updateDecision(core.db, roundId, itemId, implemented, TEST_USER, now).state).toBe('implemented');
    }
  });

  it('[#14.4] the messages say what to fill in and where, in Japanese and English', () => {
    for (const register of ['organisation', 'contacts', 'connection_points']) {
      const ja = translate('ja', `registers.errors.checklist.${register}Empty`);
      const en = translate('en', `registers.errors.checklist.${register}Empty`);
      expect(ja).toContain('「体制・接続点」タブ');
      expect(ja).toContain('実施済にできません');
      expect(en).toContain('Organisation & links ›');
      expect(en).toContain('cannot be Implemented');
    }
  });
});

describe('[#14.4] 6-2-3 and connection points without a defence', () => {
  it('[#14.4] refuses 6-2-3 as 実施済 while a point has neither a defence nor a reason, naming the points; accepts 一部実施, and 実施済 once a defence or a reason is recorded', async () => {
    const { core, roundId, seeded } = await kit.open();
    core.db.prepare('DELETE FROM connection_point_defences WHERE point_id IN (?, ?)').run(seeded!.points.vpn, seeded!.points.output);
    const fields = fieldsOf(() => updateDecision(core.db, roundId, '6-2-3', implemented, TEST_USER, now));
    expect(fields).toEqual([
      { path: 'status', messageKey: 'registers.errors.checklist.pointsUndefended', params: { points: '保守用リモートアクセス（VPN） / 出力制御回線', count: 2 } },
    ]);
    expect(translate('ja', fields[0]!.messageKey, fields[0]!.params)).toContain('保守用リモートアクセス（VPN） / 出力制御回線');
    expect(translate('en', fields[0]!.messageKey, fields[0]!.params)).toContain('2 connection point(s)');
    // 6-2-2 (minimising the points) does not depend on their defences.
    expect(updateDecision(core.db, roundId, '6-2-2', implemented, TEST_USER, now).state).toBe('implemented');
    expect(updateDecision(core.db, roundId, '6-2-3', decision({ status: 'partial', reason: 'VPN の防御策を検討中', remediationPlan: '認証を導入', remediationDate: '2027-01-31' }), TEST_USER, now).state).toBe('partial');

    core.db.prepare("UPDATE connection_points SET no_defence_reason = '電力会社の専用網で、当社側で設定できる機器がない' WHERE id = ?").run(seeded!.points.output);
    expect(fieldsOf(() => updateDecision(core.db, roundId, '6-2-3', implemented, TEST_USER, now))[0]!.params).toEqual({ points: '保守用リモートアクセス（VPN）', count: 1 });
    core.db.prepare("INSERT INTO connection_point_defences (id, point_id, position, kind, note) VALUES ('d-vpn', ?, 0, 'authentication', '証明書認証')").run(seeded!.points.vpn);
    expect(updateDecision(core.db, roundId, '6-2-3', implemented, TEST_USER, now).state).toBe('implemented');
  });

  it('[#14.4] a reason of blanks is no reason', async () => {
    const { core, roundId, seeded } = await kit.open();
    core.db.prepare('DELETE FROM connection_point_defences WHERE point_id = ?').run(seeded!.points.output);
    core.db.prepare("UPDATE connection_points SET no_defence_reason = '  ' WHERE id = ?").run(seeded!.points.output);
    expect(fieldsOf(() => updateDecision(core.db, roundId, '6-2-3', implemented, TEST_USER, now))[0]!.params).toEqual({ points: '出力制御回線', count: 1 });
  });
});

describe('[#14.4] decisions already recorded', () => {
  it('[#14.4] a 実施済 decision stays as recorded when its register empties later; saving it again is checked, and a carried-over one is checked when saved again', async () => {
    const { core, roundId, siteId } = await kit.open();
    updateDecision(core.db, roundId, '10-2', implemented, TEST_USER, now);
    core.db.exec('DELETE FROM register_contact_steps');
    expect(getAssessment(core.db, roundId, now).items.find((i) => i.id === '10-2')!.state).toBe('implemented');
    expect(fieldsOf(() => updateDecision(core.db, roundId, '10-2', { ...implemented, measures: '連絡表を更新' }, TEST_USER, now))[0]!.messageKey).toBe(
      'registers.errors.checklist.contactsEmpty',
    );

    core.db.prepare('UPDATE assessment_rounds SET completed_at = ? WHERE id = ?').run(now.toISOString(), roundId);
    const next = createRound(core.db, { siteId, title: '2027年度 年次点検', framework: 'jikayo-gl', carryOverFrom: roundId }, TEST_USER, now);
    const carried = getAssessment(core.db, next.id, now).items.find((i) => i.id === '10-2')!;
    expect(carried.state).toBe('implemented');
    expect(fieldsOf(() => updateDecision(core.db, next.id, '10-2', carried.decision, TEST_USER, now))[0]!.messageKey).toBe('registers.errors.checklist.contactsEmpty');
  });
});
