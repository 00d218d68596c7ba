import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../../electron/api/router';
import { countNonconforming, overview } from '../../../electron/core/checklist/dashboard';
import { updateDecision } from '../../../electron/core/checklist/item-repository';
import { createRound, getRoundRow, listRounds, roundItems } from '../../../electron/core/checklist/round-repository';
import type { Core } from '../../../electron/core/core';
import { countPrepared } from '../helpers/prepared-statements';
import { tempDirs } from '../helpers/temp-dir';
import { recordOwner } from '../helpers/registers';
import { decision, openTestCore, siteWithRound, T0 } from './checklist-fixture';

const dirs = tempDirs('hoan-overview-scale-');
let core: Core;
beforeEach(() => {
  core = openTestCore(dirs.make());
});
afterEach(() => {
  core.close();
  dirs.cleanup();
});


/** A site of each 区分 in turn, its round's decisions varied by `i`: states, plans with and without dates, overdue dates. */
function variedSite(i: number): void {
  const cls = (['A', 'B', 'C'] as const)[i % 3]!;
  const { site, round } = siteWithRound(core, cls, { name: `第${i + 1}発電所` });
  recordOwner(core.db, site.id);
  const r = round!.id;
  updateDecision(core.db, r, '2-1', decision({ status: 'implemented' }), '', T0);
  updateDecision(core.db, r, '2-2', decision({ status: 'partial', reason: '予算待ち', remediationPlan: 'UTM導入', remediationDate: '2025-09-30' }), '', T0);
  // A plan of blanks only, as a copy made before plans were required could hold: 計画なし (JavaScript's trim, U+3000 included).
  if (i % 2 === 0) core.db.prepare(`UPDATE assessment_items SET remediation_plan = '\u3000 ' WHERE round_id = ? AND item_id = '2-2'`).run(r);
  updateDecision(core.db, r, '6-2-2', decision({ status: 'not_implemented', reason: '更新待ち', remediationPlan: 'FW更新', remediationDate: i % 4 ? '2025-03-01' : '2026-03-01' }), '', T0);
  updateDecision(core.db, r, '2-3', decision({ status: 'not_applicable', reason: '該当設備なし' }), '', T0);
  if (i % 5 === 4) {
    // A newer round: the overview shows it, not the first.
    createRound(core.db, { siteId: site.id, title: '翌年度', framework: 'jikayo-gl', carryOverFrom: r }, '', new Date(T0.getTime() + 86_400_000));
  }
}

describe('the all-sites dashboard at head office', () => {
  it('[#15.3] dashboard:overview prepares the same statements for 3 sites as for 12: no work per site, however many sites head office holds', async () => {
    const router = createRouter(core, { log: (err) => { throw err; } });
    for (let i = 0; i < 3; i++) variedSite(i);
    const few = await countPrepared(core.db, () => router.handle('dashboard:overview', {}));
    expect(few.result.ok).toBe(true);
    expect(few.statements).toBeGreaterThan(0);
    for (let i = 3; i < 12; i++) variedSite(i);
    const many = await countPrepared(core.db, () => router.handle('dashboard:overview', {}));
    const reply = many.result;
    expect(reply.ok && (reply.data as unknown[]).length).toBe(12);
    expect(many.statements).toBe(few.statements);
  });

  it('[#15.3] each site\'s row counts its latest round exactly as the site\'s own round view does (states, 勧告, plans, overdue, 不適合)', () => {
    for (let i = 0; i < 10; i++) variedSite(i);
    const now = new Date('2025-06-01T00:00:00Z');
    const rows = overview(core.db, now);
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      const round = listRounds(core.db, row.siteId, now)[0]!;
      expect(row.roundId).toBe(round.id);
      expect(row.summary).toEqual(round.summary);
      expect(row.nonconforming).toBe(countNonconforming(roundItems(core.db, getRoundRow(core.db, round.id), now)));
    }
    // The varied sites do differ: the comparison above is not of identical zeros.
    expect(new Set(rows.map((r) => JSON.stringify(r.summary))).size).toBeGreaterThan(3);
    expect(rows.some((r) => (r.summary?.overdue ?? 0) > 0 && (r.summary?.kankoku.missingPlans ?? 0) > 0)).toBe(true);
  });
});
