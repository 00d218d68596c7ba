import { afterEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../../electron/api/router';
import { auditHistory, siteAuditLog } from '../../../electron/core/audit/audit-log';
import { listTriagedMatches, triageOverview } from '../../../electron/core/advisories/triage';
import { triageHistory } from '../../../electron/core/advisories/triage-decide';
import { listRisks } from '../../../electron/core/checklist/risk-repository';
import type { Core } from '../../../electron/core/core';
import { translate } from '../../../electron/core/i18n/translate';
import { deviceDetail } from '../../../electron/core/inventory/device-history';
import { importFile } from '../../../electron/core/inventory/import-jobs';
import { undoLastImport } from '../../../electron/core/inventory/import-commit';
import { undoSummary } from '../../../electron/core/inventory/undo-staging';
import { SAMPLE_ADVISORIES } from '../helpers/csaf';
import { TEST_USER } from '../helpers/set-up';
import { thrown } from '../helpers/thrown';
import { decide, deviceId, importDocuments, LEDGER_ROWS, triageKit, writeLedger } from './triage-kit';

const kit = triageKit('hoan-triage-');
afterEach(() => kit.cleanup());

const ALL = () => [SAMPLE_ADVISORIES.melsec(), SAMPLE_ADVISORIES.omron(), SAMPLE_ADVISORIES.yokogawa(), SAMPLE_ADVISORIES.moxa()];

function pair(core: Core, siteId: string, assetId: string, advisoryId: string) {
  return listTriagedMatches(core, siteId).find((m) => m.assetId === assetId && m.advisoryId === advisoryId);
}

function written(core: Core) {
  const n = (sql: string) => core.db.prepare(sql).pluck().get() as number;
  return {
    triage: n('SELECT count(*) FROM advisory_triage'),
    risks: n('SELECT count(*) FROM risks'),
    audit: n('SELECT count(*) FROM audit_log'),
    versions: core.db.prepare('SELECT asset_id, software_version FROM devices ORDER BY asset_id').all(),
  };
}

describe('[#13.3] triage decisions', () => {
  it('[#13.3] each state asks for its own fields, refused at the field in ja and en, and nothing is written', async () => {
    const { core, siteId } = await kit.open({ advisories: ALL() });
    const router = createRouter(core, { log: () => {} });
    const before = written(core);
    const base = { siteId, assetId: 'PLC-001', advisoryId: 'ICSA-20-212-02' };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ status: 'not_affected' }, 'reasonCode', 'advisories.triage.errors.reasonRequired'],
      [{ status: 'not_affected', reasonCode: 'other' }, 'note', 'advisories.triage.errors.noteRequired'],
      [{ status: 'not_affected', reasonCode: 'other', note: ' \n ' }, 'note', 'advisories.triage.errors.noteRequired'],
      [{ status: 'in_progress' }, 'dueOn', 'advisories.triage.errors.plannedDateRequired'],
      [{ status: 'resolved' }, 'version', 'advisories.triage.errors.versionRequired'],
      [{ status: 'risk_accepted', dueOn: '2026-03-31' }, 'compensatingControl', 'advisories.triage.errors.controlRequired'],
      [{ status: 'risk_accepted', compensatingControl: 'ファイアウォールで遮断' }, 'dueOn', 'advisories.triage.errors.reviewDateRequired'],
      [{ status: 'affected', reasonCode: 'not_reachable' }, 'reasonCode', 'advisories.triage.errors.reasonOnlyNotAffected'],
      [{ status: 'affected', version: '1.0' }, 'version', 'advisories.triage.errors.versionOnlyResolved'],
      [{ status: 'in_progress', dueOn: '2026-02-30' }, 'dueOn', 'errors.field.invalidFormat'],
      [{ status: 'unknown' }, 'status', 'errors.field.invalidOption'],
      // The kit's clock is 2025-04-01 (Asia/Tokyo 09:00): the day before has passed.
      [{ status: 'in_progress', dueOn: '2025-03-31' }, 'dueOn', 'advisories.triage.errors.dateInPast'],
    ];
    for (const [fields, path, key] of cases) {
      const envelope = await router.handle('advisories:decide', { ...base, ...fields });
      expect(envelope.ok, JSON.stringify(fields)).toBe(false);
      if (envelope.ok) continue;
      expect(envelope.error.code).toBe('validation');
      expect(envelope.error.fields, JSON.stringify(fields)).toContainEqual(expect.objectContaining({ path, messageKey: key }));
      for (const lng of ['ja', 'en'] as const) expect(translate(lng, key)).not.toBe(key);
    }
    const both = await router.handle('advisories:decide', { ...base, deviceId: deviceId(core, siteId, 'PLC-001'), status: 'affected' });
    expect(both.ok ? null : both.error.fields).toContainEqual(expect.objectContaining({ path: 'deviceId', messageKey: 'advisories.triage.errors.deviceOrAsset' }));
    expect(written(core)).toEqual(before);
  });

  it('[#13.3] 影響なし is recorded on the revision and version it saw, audited, kept when superseded, and the table refuses edits', async () => {
    const { core, siteId } = await kit.open({ advisories: ALL() });
    const match = pair(core, siteId, 'CTL-001', 'ICSA-22-179-02')!;
    expect(match).toMatchObject({ triage: 'open', decision: null, deviceVersion: 'Ver.1.40', status: 'affected' });

    const first = decide(core, { siteId, assetId: 'CTL-001', advisoryId: 'ICSA-22-179-02', status: 'not_affected', reasonCode: 'function_not_used', note: 'FINSサーバ機能は無効' });
    expect(first).toMatchObject({
      status: 'not_affected',
      reasonCode: 'function_not_used',
      advisorySha256: match.advisorySha256,
      deviceVersion: 'Ver.1.40',
      decidedBy: TEST_USER,
      riskId: null,
    });
    expect(pair(core, siteId, 'CTL-001', 'ICSA-22-179-02')).toMatchObject({ triage: 'not_affected', reopened: null, decision: { id: first.id } });

    kit.setClock(new Date('2025-04-02T00:00:00.000Z'));
    const second = decide(core, { siteId, assetId: 'ctl-001', advisoryId: 'ICSA-22-179-02', status: 'affected', note: '再確認で機能の使用が判明' });
    expect(pair(core, siteId, 'CTL-001', 'ICSA-22-179-02')).toMatchObject({ triage: 'affected', decision: { id: second.id } });
    expect(triageHistory(core, { siteId, assetId: 'CTL-001', advisoryId: 'ICSA-22-179-02' }).map((d) => d.id)).toEqual([second.id, first.id]);

    const entry = auditHistory(core.db, 'advisory-triage', second.id);
    expect(entry).toHaveLength(1);
    expect(entry[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'assetId', old: null, new: 'CTL-001' },
        { field: 'advisory', old: null, new: 'ICSA-22-179-02' },
        { field: 'status', old: 'not_affected', new: 'affected' },
        { field: 'reasonCode', old: 'function_not_used', new: null },
      ]),
    );
    expect(() => core.db.prepare("UPDATE advisory_triage SET status = 'resolved'").run()).toThrow(/not edited/);
    expect(() => core.db.prepare('DELETE FROM advisory_triage').run()).toThrow(/kept/);
  });

  it('[#13.3] 対応済 updates the device through the inventory (its history shows it); outside the range the match closes, inside it reopens', async () => {
    const { core, siteId } = await kit.open({ advisories: ALL() });
    const plc = deviceId(core, siteId, 'PLC-001');

    decide(core, { siteId, assetId: 'PLC-001', advisoryId: 'ICSA-20-212-02', status: 'resolved', version: '1.050D', note: '暫定パッチ' });
    expect(core.db.prepare('SELECT software_version FROM devices WHERE id = ?').pluck().get(plc)).toBe('1.050D');
    // 1.050D is still <= 1.063R: the patch did not take the device out of the advisory.
    expect(pair(core, siteId, 'PLC-001', 'ICSA-20-212-02')).toMatchObject({
      triage: 'open',
      deviceVersion: '1.050D',
      reopened: { stillAffected: { version: '1.050D', range: '<= 1.063R' } },
    });

    kit.setClock(new Date('2025-04-03T00:00:00.000Z'));
    const fixed = decide(core, { siteId, assetId: 'PLC-001', advisoryId: 'ICSA-20-212-02', status: 'resolved', version: '1.090U' });
    expect(fixed.deviceVersion).toBe('1.090U');
    expect(pair(core, siteId, 'PLC-001', 'ICSA-20-212-02')).toBeUndefined();
    const overview = triageOverview(core, siteId);
    expect(overview.closed).toEqual([
      expect.objectContaining({ assetId: 'PLC-001', deviceVersion: '1.090U', decision: expect.objectContaining({ id: fixed.id, status: 'resolved' }) }),
    ]);
    expect(overview.counts.closed).toBe(1);

    const history = deviceDetail(core.db, siteId, plc).history.filter((e) => e.kind === 'patched');
    expect(history.map((e) => ({ changes: e.changes, advisory: e.advisory, batch: e.batch, userName: e.userName }))).toEqual([
      { changes: [{ field: 'softwareVersion', old: '1.050D', new: '1.090U' }], advisory: 'ICSA-20-212-02', batch: null, userName: TEST_USER },
      { changes: [{ field: 'softwareVersion', old: '1.050C', new: '1.050D' }], advisory: 'ICSA-20-212-02', batch: null, userName: TEST_USER },
    ]);
  });

  it('[#13.3] リスク受容 enters the open round’s risk register linked to 8-4-3, once per pair; without a round it is refused and nothing is written', async () => {
    const noRound = await kit.open({ round: false, advisories: ALL() });
    const before = written(noRound.core);
    const refusedBy = thrown(() =>
      decide(noRound.core, { siteId: noRound.siteId, assetId: 'SW-001', advisoryId: 'ICSA-24-011-01', status: 'risk_accepted', compensatingControl: '制御LANを物理的に分離', dueOn: '2026-03-31' }),
    );
    expect(refusedBy).toMatchObject({ code: 'conflict', messageKey: 'advisories.triage.errors.noOpenRound' });
    for (const lng of ['ja', 'en'] as const) expect(translate(lng, refusedBy.messageKey)).toMatch(lng === 'ja' ? /点検を開始/ : /Start one/);
    expect(written(noRound.core)).toEqual(before);

    const { core, siteId, roundId } = await kit.open({ advisories: ALL() });
    const accepted = decide(core, { siteId, assetId: 'SW-001', advisoryId: 'ICSA-24-011-01', status: 'risk_accepted', compensatingControl: '制御LANを物理的に分離', dueOn: '2026-03-31' });
    const risks = listRisks(core.db, roundId!);
    expect(risks).toEqual([
      expect.objectContaining({ id: accepted.riskId, linkedItems: ['8-4-3'], assetName: 'SW-001 制御LANルーター', likelihood: 2, impact: 4 }),
    ]);
    expect(risks[0]!.threatDetail).toContain('ICSA-24-011-01');
    expect(risks[0]!.plannedMeasures).toContain('制御LANを物理的に分離');
    expect(risks[0]!.plannedMeasures).toContain('2026-03-31');
    expect(pair(core, siteId, 'SW-001', 'ICSA-24-011-01')).toMatchObject({ triage: 'risk_accepted', overdue: false });

    // Reviewed again later: the same register line, not a second one.
    kit.setClock(new Date('2026-04-05T00:00:00.000Z'));
    expect(pair(core, siteId, 'SW-001', 'ICSA-24-011-01')).toMatchObject({ triage: 'risk_accepted', overdue: true });
    const again = decide(core, { siteId, assetId: 'SW-001', advisoryId: 'ICSA-24-011-01', status: 'risk_accepted', compensatingControl: '分離に加えて監視', dueOn: '2027-03-31', impact: 5 });
    expect(again.riskId).toBe(accepted.riskId);
    expect(listRisks(core.db, roundId!)).toEqual([expect.objectContaining({ id: accepted.riskId, impact: 5, plannedMeasures: expect.stringContaining('分離に加えて監視') })]);
    expect(siteAuditLog(core.db, siteId).filter((e) => e.entity === 'risk').map((e) => e.action)).toEqual(['create', 'update']);
  });

  it('[#13.3] a new advisory revision and a changed inventory version reopen the decision with what changed', async () => {
    const { core, siteId } = await kit.open({ advisories: ALL() });
    decide(core, { siteId, assetId: 'PLC-001', advisoryId: 'ICSA-20-212-02', status: 'in_progress', dueOn: '2025-06-30' });
    decide(core, { siteId, assetId: 'SW-001', advisoryId: 'ICSA-24-011-01', status: 'affected' });
    expect(pair(core, siteId, 'PLC-001', 'ICSA-20-212-02')).toMatchObject({ triage: 'in_progress', reopened: null });

    await importDocuments(core, [SAMPLE_ADVISORIES.melsec('2', '2021-02-01T00:00:00.000Z')]);
    expect(pair(core, siteId, 'PLC-001', 'ICSA-20-212-02')).toMatchObject({
      triage: 'open',
      advisoryVersion: '2',
      reopened: { advisoryRevised: { from: '1', to: '2' } },
      decision: { status: 'in_progress' },
    });
    // The other pair is untouched.
    expect(pair(core, siteId, 'SW-001', 'ICSA-24-011-01')).toMatchObject({ triage: 'affected', reopened: null });

    // The site's next ledger has a newer firmware on the router, still inside <= 9.78.
    kit.setClock(new Date('2025-05-01T00:00:00.000Z'));
    const rows = LEDGER_ROWS.map((r) => (r[0] === 'SW-001' ? [...r.slice(0, 7), '9.70'] : r));
    const ledger = await writeLedger(kit.dirs.make(), rows);
    await importFile(core, { siteId, file: ledger, dryRun: false });
    expect(pair(core, siteId, 'SW-001', 'ICSA-24-011-01')).toMatchObject({ triage: 'open', reopened: { versionChanged: { from: '9.78', to: '9.70' } } });
  });

  it('[#13.3] a pair that does not match, or a device of another site, is refused and nothing is written', async () => {
    const { core, siteId } = await kit.open({ advisories: ALL() });
    const other = await kit.open({ advisories: ALL() });
    const before = written(core);
    // 9.80 is outside <= 9.78: Hoan does not show it, so it cannot be decided on.
    expect(thrown(() => decide(core, { siteId, assetId: 'SW-002', advisoryId: 'ICSA-24-011-01', status: 'affected' }))).toMatchObject({
      code: 'not_found',
      messageKey: 'advisories.triage.errors.noMatch',
      params: { asset: 'SW-002', advisory: 'ICSA-24-011-01' },
    });
    expect(thrown(() => decide(core, { siteId, deviceId: deviceId(other.core, other.siteId, 'SW-001'), advisoryId: 'ICSA-24-011-01', status: 'affected' }))).toMatchObject({
      messageKey: 'advisories.triage.errors.noDevice',
    });
    expect(written(core)).toEqual(before);
  });

  it('[#13.3] the overview counts every state over the site and filters only the lists', async () => {
    const { core, siteId } = await kit.open({ advisories: ALL() });
    const all = triageOverview(core, siteId);
    const total = all.matches.length;
    expect(total).toBeGreaterThanOrEqual(4);
    expect(all.counts.open).toBe(total);
    expect(all.unsettled).toBe(total);
    decide(core, { siteId, assetId: 'CTL-001', advisoryId: 'ICSA-22-179-02', status: 'not_affected', reasonCode: 'not_reachable' });
    const filtered = triageOverview(core, siteId, ['not_affected']);
    expect(filtered.matches.map((m) => m.assetId)).toEqual(['CTL-001']);
    expect(filtered.counts).toMatchObject({ open: total - 1, not_affected: 1 });
    expect(filtered.unsettled).toBe(total - 1);
    // CTL-001's 9.8 is settled now; the highest still open is another's.
    expect(filtered.highestOpenCvss).toBe(Math.max(...all.matches.filter((m) => m.assetId !== 'CTL-001').map((m) => m.cvss ?? 0)));
  });

  it('[#13.3] an inventory import cannot be undone once a decision was recorded after it (the patch would be overwritten)', async () => {
    const { core, siteId } = await kit.open({ advisories: ALL() });
    kit.setClock(new Date('2025-04-02T00:00:00.000Z'));
    decide(core, { siteId, assetId: 'PLC-001', advisoryId: 'ICSA-20-212-02', status: 'resolved', version: '1.090U' });
    expect(undoSummary(core.db, siteId)?.blocked).toBe('triage');
    expect(thrown(() => undoLastImport(core.db, siteId, TEST_USER, core.now()))).toMatchObject({ messageKey: 'errors.inventory.undoAfterTriage' });
    expect(core.db.prepare("SELECT software_version FROM devices WHERE asset_id = 'PLC-001'").pluck().get()).toBe('1.090U');
  });
});
