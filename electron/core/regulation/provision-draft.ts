import type Database from 'better-sqlite3';
import { activeCatalogue } from '../checklist/catalogue-store';
import { listClassifications } from '../classification/classification-repository';
import { HoanError } from '../errors';
import { listParties } from '../registers/register-read';
import type { Party } from '../registers/register-types';
import { getSite } from '../sites/site-repository';
import type { ProvisionDraft } from './regulation-schema';

const FULLWIDTH = '０１２３４５６７８９';
const kanjiNumber = (n: number) => String(n).replace(/\d/g, (d) => FULLWIDTH[Number(d)]!);

/**
 * A draft of the cybersecurity article the 保安規程 must carry from
 * 2022-10-01, built on the regional offices' one-sentence model (take
 * appropriate measures based on 自家用GL) and filled from the site's data.
 * Japanese only: the 保安規程 is filed in Japanese. The user edits it freely.
 *
 * Names come from the 体制 register (issue 14) where it holds them: the
 * セキュリティ責任者 is the responsible person unless the user named one, and
 * the 電気主任技術者 (or the outsourced 電気管理技術者) is named as working
 * with them. An empty register drafts as before (the name typed, or a blank).
 */
export function draftProvision(db: Database.Database, siteId: string, responsible: string): ProvisionDraft {
  const site = getSite(db, siteId);
  const classification = listClassifications(db, siteId)[0];
  if (!classification) throw new HoanError('conflict', 'errors.assessment.notClassified');
  if (classification.result === 'out_of_scope') throw new HoanError('conflict', 'errors.assessment.outOfScope');
  const { catalogue } = activeCatalogue(db, 'jikayo-gl');
  const kankoku = classification.result === 'A' ? catalogue.items.filter((i) => i.levelA === 'kankoku') : [];
  const owner = site.ownerName || '設置者';
  const parties = listParties(db, siteId);
  const security = parties.find((p) => p.role === 'security_manager');
  const engineer = parties.find((p) => p.role === 'chief_engineer') ?? parties.find((p) => p.role === 'outsourced_engineer');
  const named = responsible || (security ? securityName(security) : '');
  const paragraphs = [
    `${owner}は、${site.name}における電気工作物の工事、維持及び運用に関する保安を確保するため、「自家用電気工作物に係るサイバーセキュリティの確保に関するガイドライン（内規）」（以下「自家用ガイドライン」という。）に基づき、遠隔監視システム及び制御システムについて適切なサイバーセキュリティ対策を講じる。`,
    `前項の対策の実施に係る責任者は、${named || '（責任者の職名・氏名）'}とする。${engineer ? `${engineerName(engineer)}は、責任者と協力して電気工作物の保安の監督に係る対策を実施する。` : ''}`,
    classification.result === 'A'
      ? `当事業場のシステムは自家用ガイドラインの区分Ａに該当することから、勧告的事項（${kankoku.map((i) => `${i.id}「${i.title.ja}」`).join('、')}）を実施し、推奨的事項についてはリスク評価に基づき実施の要否を検討し、その結果及び理由を記録する。`
      : `当事業場のシステムは自家用ガイドラインの区分${classification.result === 'B' ? 'Ｂ' : 'Ｃ'}に該当することから、各対策事項についてリスク評価に基づき実施の要否を検討し、その結果及び理由を記録する。`,
    '外部記憶媒体及び可搬機器をシステムに接続する場合は、事前に不正プログラムの有無を確認し、その記録を保存する。',
    '対策の実施状況は年一回以上確認し、その記録を保存するとともに、サイバーセキュリティ事故が発生した場合は、あらかじめ定めた手順により対応し、関係者に報告する。',
  ];
  const text = ['（サイバーセキュリティの確保）', ...paragraphs.map((p, i) => (i === 0 ? `第○条　${p}` : `${kanjiNumber(i + 1)}　${p}`))].join('\n');
  return { text, kankokuItems: kankoku.map((i) => i.id) };
}

/** "発電所長 佐藤 花子": the title, then the person (or the organisation when no person is named). */
function securityName(p: Party): string {
  return [p.title, p.personName || p.organisation].filter(Boolean).join(' ');
}

/** "電気管理技術者 鈴木 一郎（電気保安法人テスト）": the statutory role, the person, and whom they work for when outsourced. */
function engineerName(p: Party): string {
  const role = p.role === 'chief_engineer' ? '電気主任技術者' : '電気管理技術者';
  if (!p.personName) return `${role}（${p.organisation}）`;
  return p.role === 'outsourced_engineer' && p.organisation ? `${role} ${p.personName}（${p.organisation}）` : `${role} ${p.personName}`;
}
