import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countNonconforming, overview } from '../../../electron/core/checklist/dashboard';
import { updateDecision } from '../../../electron/core/checklist/item-repository';
import { getAssessment } from '../../../electron/core/checklist/round-repository';
import type { Core } from '../../../electron/core/core';
import { createRouter } from '../../../electron/api/router';
import type { OverviewRow } from '../../../electron/api/contract';
import { tempDirs } from '../helpers/temp-dir';
import { decision, openTestCore, siteWithRound, T0 } from './checklist-fixture';
import { recordOwner } from '../helpers/registers';

const dirs = tempDirs('hoan-nonconforming-');
let core: Core;
beforeEach(() => {
  core = openTestCore(dirs.make());
});
afterEach(() => {
  core.close();
  dirs.cleanup();
});

const plan = { remediationPlan: 'FW更新', remediationDate: '2025-09-30' };

describe('[#11.11] the all-sites list counts 不適合 items', () => {
  it('[#11.11] counts 勧告 items 一部実施 or 未実施 (not 推奨 ones, not 実施済 or 該当なし), per site, through dashboard:overview', async () => {
    // 区分A: 2-1, 2-2, 6-2-2, 6-2-3 and 8-1-3 are 勧告; 3-1 is 推奨.
    const a = siteWithRound(core, 'A');
    updateDecision(core.db, a.round!.id, '2-1', decision({ status: 'partial', reason: '一部のみ', ...plan }), '', T0);
    updateDecision(core.db, a.round!.id, '6-2-2', decision({ status: 'not_implemented', reason: '更新待ち', ...plan }), '', T0);
    recordOwner(core.db, a.site.id);
    updateDecision(core.db, a.round!.id, '2-2', decision({ status: 'implemented' }), '', T0);
    updateDecision(core.db, a.round!.id, '8-1-3', decision({ status: 'not_applicable', reason: '媒体を使わない' }), '', T0);
    updateDecision(core.db, a.round!.id, '3-1', decision({ status: 'not_implemented', reason: '来年度' }), '', T0);
    // 区分C: nothing is 勧告, so nothing is 不適合 however little is done.
    const c = siteWithRound(core, 'C', { name: '第二工場' });
    updateDecision(core.db, c.round!.id, '2-1', decision({ status: 'not_implemented', reason: '未着手' }), '', T0);
    siteWithRound(core, 'out', { name: '対象外の倉庫' });

    const rows = (await createRouter(core).handle('dashboard:overview', {})) as { ok: true; data: OverviewRow[] };
    expect(Object.fromEntries(rows.data.map((r) => [r.name, r.nonconforming]))).toEqual({ 第一太陽光発電所: 2, 第二工場: 0, 対象外の倉庫: null });
  });

  it('[#11.11] countNonconforming is the rule itself: a partly implemented 勧告 item is 不適合 whatever state the screen shows', () => {
    const { round } = siteWithRound(core, 'A');
    updateDecision(core.db, round!.id, '2-1', decision({ status: 'partial', reason: '一部のみ', ...plan }), '', T0);
    const items = getAssessment(core.db, round!.id, T0).items;
    expect(countNonconforming(items)).toBe(1);
    // The count reads level and 実施状況, not the display state another screen may word differently.
    expect(countNonconforming(items.map((i) => ({ ...i, state: 'partial' as const })))).toBe(1);
    expect(countNonconforming(items.map((i) => ({ ...i, level: 'suisho' as const })))).toBe(0);
  });
});
