import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assessmentWorkbook, CHECKLIST_HEADERS } from '../../../electron/core/checklist/assessment-xlsx';
import { overview, siteDashboard } from '../../../electron/core/checklist/dashboard';
import { attachEvidence, updateDecision } from '../../../electron/core/checklist/item-repository';
import { createRisk, listRisks, removeRisk, updateRisk } from '../../../electron/core/checklist/risk-repository';
import { riskFieldsSchema } from '../../../electron/core/checklist/risk-schema';
import { getAssessment } from '../../../electron/core/checklist/round-repository';
import { impactWeight, scoreRisk } from '../../../electron/core/checklist/risk-scoring';
import { auditHistory } from '../../../electron/core/audit/audit-log';
import type { Core } from '../../../electron/core/core';
import { HoanError } from '../../../electron/core/errors';
import { storeEvidenceBytes } from '../../../electron/core/evidence/evidence-store';
import { tempDirs } from '../helpers/temp-dir';
import { decision, openTestCore, siteWithRound, T0 } from './checklist-fixture';
import { recordOwner } from '../helpers/registers';

const dirs = tempDirs('hoan-risks-');
let core: Core;
beforeEach(() => {
  core = openTestCore(dirs.make());
});
afterEach(() => {
  core.close();
  dirs.cleanup();
});

const risk = (over: Record<string, unknown> = {}) =>
  riskFieldsSchema.parse({ assetType: 'media', assetName: '保守用USBメモリ', threat: 'malware_media', likelihood: 3, impact: 4, linkedItems: ['8-1-3'], ...over });

describe('risk scoring', () => {
  it('weighs impact by 区分, output and voltage', () => {
    expect(impactWeight('C', { generationCapacityKw: null, receivingVoltageV: 6600 })).toBe(1);
    expect(impactWeight('A', { generationCapacityKw: 1999, receivingVoltageV: 6600 })).toBe(1.25);
    expect(impactWeight('A', { generationCapacityKw: 2000, receivingVoltageV: 22000 })).toBe(1.75);
    expect(impactWeight('B', { generationCapacityKw: 500, receivingVoltageV: 7000 })).toBe(1);
  });

  it('turns likelihood × weighted impact into a level', () => {
    expect(scoreRisk(3, 4, 1)).toEqual({ weightedImpact: 4, score: 12, level: 'medium' });
    expect(scoreRisk(3, 4, 1.25)).toEqual({ weightedImpact: 5, score: 15, level: 'high' });
    expect(scoreRisk(1, 5, 1.5)).toEqual({ weightedImpact: 7.5, score: 7.5, level: 'low' });
  });
});

describe('the risk register', () => {
  it('is kept per round, scored with the round 区分 and the site facts at its start, highest first', () => {
    const { round } = siteWithRound(core, 'A', { generationCapacityKw: 2500, receivingVoltageV: 6600 });
    createRisk(core.db, round!.id, risk({ assetName: '監視端末', likelihood: 2, impact: 2 }), '山田', T0);
    const media = createRisk(core.db, round!.id, risk(), '山田', T0);
    expect(media).toMatchObject({ weightedImpact: 6, score: 18, level: 'high', linkedItems: ['8-1-3'] });
    expect(listRisks(core.db, round!.id).map((r) => r.assetName)).toEqual(['保守用USBメモリ', '監視端末']);

    const lowered = updateRisk(core.db, media.id, risk({ likelihood: 1, plannedMeasures: '持込前スキャンを徹底' }), '佐藤', T0);
    expect(lowered.level).toBe('low');
    removeRisk(core.db, media.id, '佐藤', T0);
    expect(listRisks(core.db, round!.id).map((r) => r.assetName)).toEqual(['監視端末']);
    expect(auditHistory(core.db, 'risk', media.id).map((e) => e.action)).toEqual(['create', 'update', 'remove']);
  });

  it('refuses links to items the round does not have', () => {
    const { round } = siteWithRound(core, 'B');
    expect(() => createRisk(core.db, round!.id, risk({ linkedItems: ['99-9'] }), '', T0)).toThrow(HoanError);
    expect(listRisks(core.db, round!.id)).toEqual([]);
  });
});

describe('dashboards', () => {
  it('count by state, 勧告 compliance, 未検討 and overdue plans, per site and across sites', () => {
    const { site, round } = siteWithRound(core, 'A');
    recordOwner(core.db, site.id);
    updateDecision(core.db, round!.id, '2-1', decision({ status: 'implemented' }), '', T0);
    updateDecision(core.db, round!.id, '6-2-2', decision({ status: 'not_implemented', reason: '更新待ち', remediationPlan: 'FW更新', remediationDate: '2025-03-01' }), '', T0);
    createRisk(core.db, round!.id, risk(), '', T0);
    const d = siteDashboard(core.db, site.id, T0);
    expect(d.round!.summary).toMatchObject({
      considered: 2,
      unconsidered: 30,
      byState: { implemented: 1, not_implemented: 1 },
      kankoku: { total: 5, compliant: 1, nonconforming: 1, missingPlans: 0 },
      overdue: 1,
    });
    expect(d.overdue).toEqual([{ id: '6-2-2', title: expect.anything(), date: '2025-03-01', state: 'not_implemented' }]);
    // 区分A: impact 4 × 1.25 = 5, × likelihood 3 = 15 → high.
    expect(d.risks).toEqual({ high: 1, medium: 0, low: 0 });
    const other = siteWithRound(core, 'C', { name: '第二工場' });
    expect(overview(core.db, T0).map((r) => [r.name, r.classification, r.summary?.considered])).toEqual([
      ['第一太陽光発電所', 'A', 2],
      ['第二工場', 'C', 0],
    ]);
    expect(other.round).toBeDefined();
  });

  it('[#11.4] counts by 実施状況 (一部実施 and 未実施 of 勧告 items included) and counts 不適合 separately', () => {
    const { site, round } = siteWithRound(core, 'A');
    const plan = { reason: '予算待ち', remediationPlan: 'UTM導入', remediationDate: '2025-09-30' };
    recordOwner(core.db, site.id);
    updateDecision(core.db, round!.id, '2-1', decision({ status: 'implemented' }), '', T0);
    updateDecision(core.db, round!.id, '2-2', decision({ status: 'partial', ...plan }), '', T0);
    updateDecision(core.db, round!.id, '6-2-2', decision({ status: 'not_implemented', ...plan }), '', T0);
    updateDecision(core.db, round!.id, '6-2-3', decision({ status: 'not_applicable', reason: '外部接続なし' }), '', T0);
    updateDecision(core.db, round!.id, '2-3', decision({ status: 'not_implemented', necessity: 'unnecessary', reason: '要員1名' }), '', T0);
    const { summary } = siteDashboard(core.db, site.id, T0).round!;
    expect(summary.byState).toEqual({ implemented: 1, partial: 1, not_implemented: 2, not_applicable: 1, unconsidered: 27 });
    expect(summary.kankoku).toEqual({ total: 5, compliant: 2, nonconforming: 2, undetermined: 1, missingPlans: 0 });
    const items = new Map(getAssessment(core.db, round!.id, T0).items.map((i) => [i.id, [i.state, i.conformity]]));
    expect(items.get('2-2')).toEqual(['partial', 'nonconforming']);
    expect(items.get('6-2-2')).toEqual(['not_implemented', 'nonconforming']);
    expect(items.get('6-2-3')).toEqual(['not_applicable', 'conforming']);
    expect(items.get('2-3')).toEqual(['not_implemented', 'out_of_scope']);
    expect(items.get('8-1-3')).toEqual(['unconsidered', 'undetermined']);
  });
});

describe('the inspector workbook', () => {
  it('has one row per item with Japanese headers, evidence names with sha256, a frozen header and A4 landscape', async () => {
    const { round } = siteWithRound(core, 'A');
    const file = await storeEvidenceBytes(core, Buffer.from('USB scan 2025-04-01 OK'), 'scan.log');
    updateDecision(core.db, round!.id, '8-1-3', decision({ status: 'implemented', exampleMeasureIds: ['antimalware'], measures: '持込時にスキャン', responsible: '山田', reviewer: '佐藤', reviewDate: '2025-04-02' }), '', T0);
    attachEvidence(core.db, round!.id, '8-1-3', { ...file, name: 'scan.log' }, '', T0);
    updateDecision(core.db, round!.id, '6-2-2', decision({ status: 'not_implemented', reason: '更新待ち', remediationPlan: 'FW更新', remediationDate: '2025-09-30' }), '', T0);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await assessmentWorkbook(core.db, round!.id, T0));
    const sheet = wb.getWorksheet('チェックリスト')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(CHECKLIST_HEADERS);
    expect(CHECKLIST_HEADERS).toEqual(['条項', '項目', '区分', '勧告/推奨', '実施状況', '適合判定', '要否判断', '理由', '対策', '証跡ファイル名とsha256', '担当', '期限', '確認者', '確認日']);
    expect(sheet.rowCount).toBe(1 + 32);
    const rows = new Map<string, string[]>();
    sheet.eachRow((r, n) => {
      if (n > 1) rows.set(String(r.getCell(2).value).split(' ')[0]!, (r.values as unknown[]).slice(1).map((v) => String(v ?? '')));
    });
    expect(rows.get('8-1-3')).toEqual([
      '8-1', '8-1-3 外部記憶媒体等のマルウェア対策', 'A', '勧告', '実施済', '適合', '', '',
      '・アンチマルウェアの導入と定期スキャン\n持込時にスキャン', `scan.log\nsha256:${file.sha256}`, '山田', '', '佐藤', '2025年4月2日',
    ]);
    expect(rows.get('6-2-2')!.slice(3, 9)).toEqual(['勧告', '未実施', '不適合', '', '更新待ち', '改善計画: FW更新']);
    expect(rows.get('6-2-2')![11]).toBe('2025年9月30日');
    expect(rows.get('2-3')!.slice(3, 6)).toEqual(['推奨', '未検討', '対象外']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
  });

  it('[#11.4] shows 実施状況 and 適合判定 as two columns, and the 概要 sheet counts each 実施状況 and 不適合 apart', async () => {
    const { round } = siteWithRound(core, 'A');
    const plan = { reason: '予算待ち', remediationPlan: 'UTM導入', remediationDate: '2025-09-30' };
    updateDecision(core.db, round!.id, '2-2', decision({ status: 'partial', ...plan }), '', T0);
    updateDecision(core.db, round!.id, '6-2-2', decision({ status: 'not_implemented', ...plan }), '', T0);
    updateDecision(core.db, round!.id, '6-2-3', decision({ status: 'not_applicable', reason: '外部接続なし' }), '', T0);
    updateDecision(core.db, round!.id, '2-3', decision({ status: 'partial', reason: '計画中' }), '', T0);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await assessmentWorkbook(core.db, round!.id, T0));
    const sheet = wb.getWorksheet('チェックリスト')!;
    const state = CHECKLIST_HEADERS.indexOf('実施状況') + 1;
    const judged = CHECKLIST_HEADERS.indexOf('適合判定') + 1;
    const byItem = new Map<string, [unknown, unknown]>();
    sheet.eachRow((r, n) => {
      if (n > 1) byItem.set(String(r.getCell(2).value).split(' ')[0]!, [r.getCell(state).value, r.getCell(judged).value]);
    });
    expect(byItem.get('2-2')).toEqual(['一部実施', '不適合']);
    expect(byItem.get('6-2-2')).toEqual(['未実施', '不適合']);
    expect(byItem.get('6-2-3')).toEqual(['該当なし', '適合']);
    expect(byItem.get('2-3')).toEqual(['一部実施', '対象外']);
    expect(byItem.get('8-1-3')).toEqual(['未検討', '未判定']);
    const facts = new Map<string, unknown>();
    wb.getWorksheet('概要')!.eachRow((r) => facts.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(['実施済', '一部実施', '未実施', '該当なし', '未検討', '不適合', '未判定'].map((k) => [k, facts.get(k)])).toEqual([
      ['実施済', 0],
      ['一部実施', 2],
      ['未実施', 1],
      ['該当なし', 1],
      ['未検討', 28],
      ['不適合', 2],
      ['未判定', 2],
    ]);
  });
});
