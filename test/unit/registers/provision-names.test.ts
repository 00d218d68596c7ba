import { afterEach, describe, expect, it } from 'vitest';
import { draftProvision } from '../../../electron/core/regulation/provision-draft';
import { saveParty } from '../../../electron/core/registers/organisation';
import { partyInputSchema } from '../../../electron/core/registers/register-schema';
import { registersKit } from '../helpers/registers';
import { TEST_USER } from '../helpers/set-up';

const kit = registersKit('hoan-registers-provision-');
afterEach(() => kit.cleanup());

const responsibleLine = (text: string) => text.split('\n')[2];

describe("[#14.1] the 保安規程 draft names the 体制 register's people", () => {
  it('takes the セキュリティ責任者 and the 電気管理技術者 from the register when the user names no one', async () => {
    const { core, siteId } = await kit.open();
    expect(responsibleLine(draftProvision(core.db, siteId, '').text)).toBe(
      '２　前項の対策の実施に係る責任者は、発電所長 佐藤 花子とする。電気管理技術者 鈴木 一郎（電気保安法人テスト）は、責任者と協力して電気工作物の保安の監督に係る対策を実施する。',
    );
    // A name the user types still wins for the responsible person.
    expect(responsibleLine(draftProvision(core.db, siteId, '工場長 田中').text)).toMatch(/^２　前項の対策の実施に係る責任者は、工場長 田中とする。電気管理技術者 鈴木 一郎/);
  });

  it('prefers an own 電気主任技術者 to an outsourced one', async () => {
    const { core, siteId } = await kit.open();
    saveParty(core.db, partyInputSchema.parse({ siteId, role: 'chief_engineer', personName: '中村 三郎', organisation: '株式会社テスト' }), TEST_USER, new Date());
    expect(responsibleLine(draftProvision(core.db, siteId, '').text)).toContain('電気主任技術者 中村 三郎は、責任者と協力して');
  });

  it('drafts as before when the register is empty', async () => {
    const { core, siteId } = await kit.open({ seed: false });
    expect(responsibleLine(draftProvision(core.db, siteId, '').text)).toBe('２　前項の対策の実施に係る責任者は、（責任者の職名・氏名）とする。');
    expect(responsibleLine(draftProvision(core.db, siteId, '電気主任技術者 山田 太郎').text)).toBe('２　前項の対策の実施に係る責任者は、電気主任技術者 山田 太郎とする。');
  });
});
