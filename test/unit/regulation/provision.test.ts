import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHistory } from '../../../electron/core/audit/audit-log';
import type { Core } from '../../../electron/core/core';
import { HoanError } from '../../../electron/core/errors';
import { draftProvision } from '../../../electron/core/regulation/provision-draft';
import { listProvisions, saveProvision } from '../../../electron/core/regulation/provision-repository';
import { openTestCore, siteWithRound, T0 } from '../checklist/checklist-fixture';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-regulation-');
let core: Core;
beforeEach(() => {
  core = openTestCore(dirs.make());
});
afterEach(() => {
  core.close();
  dirs.cleanup();
});

describe('the 保安規程 cybersecurity article', () => {
  it('is drafted from the site: owner, site, responsible person, 区分A and its 勧告 items', () => {
    const { site } = siteWithRound(core, 'A', { name: '北関東ソーラー発電所', ownerName: '北関東エネルギー株式会社' });
    const draft = draftProvision(core.db, site.id, '電気主任技術者 山田 太郎');
    expect(draft.kankokuItems).toEqual(['2-1', '2-2', '6-2-2', '6-2-3', '8-1-3']);
    const lines = draft.text.split('\n');
    expect(lines[0]).toBe('（サイバーセキュリティの確保）');
    expect(lines[1]).toMatch(/^第○条　北関東エネルギー株式会社は、北関東ソーラー発電所における電気工作物の工事、維持及び運用に関する保安を確保するため、「自家用電気工作物に係るサイバーセキュリティの確保に関するガイドライン（内規）」/);
    expect(lines[2]).toBe('２　前項の対策の実施に係る責任者は、電気主任技術者 山田 太郎とする。');
    expect(lines[3]).toContain('区分Ａに該当することから、勧告的事項（2-1「体制」、2-2「役割」、6-2-2「接続点の最小化」、6-2-3「接続点の防御」、8-1-3「外部記憶媒体等のマルウェア対策」）を実施し');
    expect(lines).toHaveLength(6);
  });

  it('names no 勧告 items for 区分B and C, and leaves a blank for an unnamed responsible person', () => {
    const { site } = siteWithRound(core, 'B');
    const draft = draftProvision(core.db, site.id, '');
    expect(draft.kankokuItems).toEqual([]);
    expect(draft.text).toContain('区分Ｂに該当することから、各対策事項についてリスク評価に基づき実施の要否を検討し');
    expect(draft.text).toContain('責任者は、（責任者の職名・氏名）とする。');
  });

  it('cannot be drafted for an out-of-scope site', () => {
    const { site } = siteWithRound(core, 'out');
    expect(() => draftProvision(core.db, site.id, '')).toThrow(HoanError);
  });

  it('keeps every saved version with its adoption date, newest first, and never rewrites one', () => {
    const { site } = siteWithRound(core, 'C');
    const first = saveProvision(core.db, { siteId: site.id, text: '案', responsible: '山田', adoptedOn: null }, '山田', T0);
    const later = new Date('2025-05-01T00:00:00Z');
    saveProvision(core.db, { siteId: site.id, text: '確定版', responsible: '山田', adoptedOn: '2025-04-15' }, '佐藤', later);
    expect(listProvisions(core.db, site.id).map((p) => [p.text, p.adoptedOn, p.savedBy])).toEqual([
      ['確定版', '2025-04-15', '佐藤'],
      ['案', null, '山田'],
    ]);
    expect(() => core.db.prepare("UPDATE regulation_provisions SET text = 'x'").run()).toThrow(/kept as they were/);
    expect(auditHistory(core.db, 'regulation', first.id).map((e) => e.action)).toEqual(['create']);
  });
});
