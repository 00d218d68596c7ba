import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateDecision } from '../../../electron/core/checklist/item-repository';
import { completeRound, getAssessment } from '../../../electron/core/checklist/round-repository';
import type { Core } from '../../../electron/core/core';
import { translate } from '../../../electron/core/i18n/translate';
import { gatherReport } from '../../../electron/core/report/report-data';
import { reportHtml } from '../../../electron/core/report/report-html';
import { reportInputSchema } from '../../../electron/core/report/report-schema';
import { reportWorkbook } from '../../../electron/core/report/report-xlsx';
import { decision, openTestCore, siteWithRound, T0 } from '../checklist/checklist-fixture';
import { tempDirs } from '../helpers/temp-dir';
import { thrown } from '../helpers/thrown';
import { seedSolarRegisters } from '../helpers/registers';

const dirs = tempDirs('hoan-report-wording-');
let core: Core;
beforeEach(() => {
  core = openTestCore(dirs.make());
});
afterEach(() => {
  core.close();
  dirs.cleanup();
});

const input = (siteId: string, language: 'ja' | 'en') => reportInputSchema.parse({ siteId, from: '2025-04-01', to: '2025-06-30', language });

describe("the report's cover", () => {
  it('[#11.6] names the 産業保安監督部 once: the label says 管轄, the value is the office and its phone', () => {
    const { site } = siteWithRound(core, 'A', { region: 'kanto' });
    const ja = reportHtml(gatherReport(core, input(site.id, 'ja')), 'ja');
    expect(ja).toContain('<dt>管轄の産業保安監督部</dt><dd>関東東北産業保安監督部 電力安全課（電話 048-600-0385）</dd>');
    expect(ja.match(/管轄/g)).toHaveLength(1);
    const en = reportHtml(gatherReport(core, input(site.id, 'en')), 'en');
    expect(en).toContain('<dt>Responsible industrial safety office</dt><dd>Kanto-Tohoku Industrial Safety and Inspection Department, Electric Power Safety Division (phone 048-600-0385)</dd>');
    expect(en).not.toContain('Responsible office:');
  });
});

describe("the report's cover and the catalogue", () => {
  it('[#11.7] names the checklist catalogue and says where its items come from, in the HTML (so the PDF) and the xlsx cover', async () => {
    const { site } = siteWithRound(core, 'A');
    const ja = reportHtml(gatherReport(core, input(site.id, 'ja')), 'ja');
    expect(ja).toMatch(/<dt>カタログ<\/dt><dd>自家用GL 2022\.10-deck\.2<br>このカタログは要約版です。[^<]*経済産業省のチェックリストの原文は入手できていません。[^<]*条ごとに1つの包括的な項目にしています。/);
    const en = reportHtml(gatherReport(core, input(site.id, 'en')), 'en');
    expect(en).toMatch(/<dt>Checklist catalogue<\/dt><dd>Jikayo GL 2022\.10-deck\.2<br>This catalogue is a summary\.[^<]*METI&#39;s own checklist text was not available\./);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await reportWorkbook(gatherReport(core, input(site.id, 'ja')), 'ja'));
    const cover = new Map<string, string>();
    wb.getWorksheet('表紙')!.eachRow((r) => cover.set(String(r.getCell(1).value), String(r.getCell(2).value ?? '')));
    expect(cover.get('カタログ')).toMatch(/^自家用GL 2022\.10-deck\.2\nこのカタログは要約版です。.*包括的な項目/s);
  });
});

describe('refusing to complete a round', () => {
  /** Every item decided acceptably, then one 不適合 item's plan date cleared by a raw write (as a stale copy would have it). */
  function withMissingPlan(roundId: string, alsoUndecided: string[] = []) {
    // 2-1, 2-2, 6-2-2 and 6-2-3 are 実施済 only with their registers filled (issue 14).
    const { siteId } = getAssessment(core.db, roundId, T0).round;
    if (!core.db.prepare('SELECT 1 FROM register_parties WHERE site_id = ?').get(siteId)) seedSolarRegisters(core.db, siteId);
    for (const item of getAssessment(core.db, roundId, T0).items) {
      if (alsoUndecided.includes(item.id)) continue;
      const d = item.level === 'kankoku' ? decision({ status: 'implemented' }) : decision({ status: 'not_implemented', necessity: 'unnecessary', reason: '閉域網' });
      updateDecision(core.db, roundId, item.id, d, '山田', T0);
    }
    updateDecision(core.db, roundId, '6-2-2', decision({ status: 'partial', reason: 'VPN残存', remediationPlan: '廃止', remediationDate: '2025-06-30' }), '山田', T0);
    core.db.prepare("UPDATE assessment_items SET remediation_date = NULL WHERE item_id = '6-2-2'").run();
  }
  const said = (roundId: string) => {
    const err = thrown(() => completeRound(core.db, roundId, '山田', T0));
    return (['ja', 'en'] as const).map((l) => translate(l, err.messageKey, err.params));
  };

  it('[#11.6] lists only the reasons that apply, never a count of zero', () => {
    const { round } = siteWithRound(core, 'A');
    expect(said(round!.id)).toEqual([
      '完了できません: 未検討の項目が 32 件あります。すべての項目の実施状況を記録してから完了してください。',
      'Cannot complete: not considered yet: 32. Record a status for every item, then complete.',
    ]);
    withMissingPlan(round!.id, ['9-1', '10-4']);
    expect(said(round!.id)).toEqual([
      '完了できません: 未検討の項目が 2 件、改善計画のない不適合が 1 件あります。すべての項目を検討し、不適合には改善計画と期限を入力してから完了してください。',
      'Cannot complete: not considered yet: 2; nonconforming without a remediation plan: 1. Consider every item and give each nonconforming one a plan and a date, then complete.',
    ]);
    withMissingPlan(round!.id);
    const [ja, en] = said(round!.id);
    expect(ja).toBe('完了できません: 改善計画のない不適合が 1 件あります。改善計画と期限を入力してから完了してください。');
    expect(en).toBe('Cannot complete: nonconforming without a remediation plan: 1. Enter a plan and its date for each, then complete.');
    expect(`${ja}${en}`).not.toMatch(/\b0 件|: 0\b/);
  });
});
