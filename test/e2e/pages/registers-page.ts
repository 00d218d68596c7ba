import { expect, type Locator, type Page } from '@playwright/test';
import type { AppPage } from './app-page';

/** The registers' forms (issue 14) as a user fills them, by their labels. */

export interface PartyValues {
  role: string;
  title?: string;
  personName?: string;
  organisation?: string;
  department?: string;
  phone?: string;
  phoneAfterHours?: string;
  email?: string;
  reportsTo?: string;
  responsibilities?: string[];
}

/** Fills the 体制 form and saves. */
export async function addParty(page: Page, v: PartyValues): Promise<void> {
  await page.getByRole('button', { name: '人・組織を追加' }).click();
  const form = page.getByTestId('party-form');
  await form.getByLabel('役割', { exact: true }).selectOption({ label: v.role });
  if (v.reportsTo) await form.getByLabel('報告先', { exact: true }).selectOption({ label: v.reportsTo });
  for (const [label, value] of [
    ['役職・肩書', v.title],
    ['氏名', v.personName],
    ['組織名', v.organisation],
    ['部署', v.department],
    ['電話番号', v.phone],
    ['時間外の電話番号', v.phoneAfterHours],
    ['メールアドレス', v.email],
  ] as const) {
    if (value !== undefined) await form.getByLabel(label, { exact: true }).fill(value);
  }
  for (const r of v.responsibilities ?? []) await form.getByLabel(r).check();
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toHaveCount(0);
}

/** Adds a device by its 管理番号 on one side of a connection point's form. */
export async function addDevice(form: Locator, side: string, assetId: string): Promise<void> {
  const picker = form.locator('.device-picker', { hasText: side });
  await picker.getByRole('combobox').fill(assetId);
  await picker.getByRole('button', { name: '追加' }).click();
  await expect(picker.locator('.device-chip', { hasText: assetId })).toBeVisible();
}

/** Adds a defence of `kind` at the end of the point's form. */
export async function addDefence(page: Page, kind: string, note: string): Promise<void> {
  await page.getByRole('button', { name: '防御策を追加' }).click();
  const last = page.getByTestId('defence').last();
  await last.getByRole('combobox').selectOption({ label: kind });
  await last.getByLabel('内容').fill(note);
}

interface SavedPoint {
  point: { id: string; name: string };
}

export interface FilledRegisters {
  parties: Record<'owner' | 'security' | 'engineer' | 'maintenance' | 'monitoring', string>;
  points: Record<'lte' | 'vpn' | 'output', string>;
}

/**
 * A 区分A solar plant's registers (issue 14) written through the app's own
 * channels: the 体制 (設置者, セキュリティ責任者, 電気管理技術者, 保守会社,
 * 監視サービス事業者), the call order, and the three connection points —
 * remote monitoring by LTE router, a maintenance VPN and the power company's
 * output-control line. `vpnDefended: false` leaves the VPN without a defence.
 * Specs that walk the checklist 実施済 need them: 2-1, 2-2, 6-2-2, 6-2-3,
 * 10-2 and 10-3 are not 実施済 while their register is empty.
 */
export async function fillRegisters(app: AppPage, siteId: string, options: { vpnDefended?: boolean } = {}): Promise<FilledRegisters> {
  const party = async (fields: Record<string, unknown>) => (await app.api<{ id: string }>('registers:saveParty', { siteId, ...fields })).id;
  const owner = await party({ role: 'owner', title: '代表取締役', personName: '山田 太郎', organisation: '北関東ソーラー株式会社', phone: '03-1234-5678', responsibilities: ['overall'] });
  const security = await party({
    role: 'security_manager',
    title: '発電所長',
    personName: '佐藤 花子',
    organisation: '北関東ソーラー株式会社',
    phone: '０２８（６１１）２２２２',
    phoneAfterHours: '090-1111-2222',
    email: 'hanako.sato@example.co.jp',
    responsibilities: ['roles', 'incident_response', 'incident_reporting'],
    reportsTo: owner,
  });
  const engineer = await party({ role: 'outsourced_engineer', title: '電気管理技術者', personName: '鈴木 一郎', organisation: '電気保安法人テスト', phone: '028-333-4444', responsibilities: ['network_management', 'media_control'], reportsTo: security });
  const maintenance = await party({ role: 'maintenance', personName: '高橋 次郎', organisation: '太陽光メンテ株式会社', phone: '0120-123-456', responsibilities: ['maintenance_work'], reportsTo: security });
  const monitoring = await party({ role: 'monitoring', organisation: 'ソーラー監視センター株式会社', phone: '050-5555-6666', responsibilities: ['monitoring_service'], reportsTo: security });
  await app.api('registers:saveContacts', { siteId, steps: [security, engineer, monitoring, owner].map((partyId) => ({ partyId, note: '' })) });
  const point = async (fields: Record<string, unknown>) => (await app.api<SavedPoint>('registers:savePoint', { siteId, ...fields })).point.id;
  const lte = await point({
    name: '遠隔監視回線（LTE）',
    kind: 'remote_monitoring',
    insideZone: 'monitoring',
    peer: 'ソーラー監視センター',
    purpose: '発電量・警報の遠隔監視',
    medium: 'lte',
    managedBy: 'ソーラー監視センター株式会社',
    managedByParty: monitoring,
    necessityReason: '発電停止の即時検知に必要',
    insideAssets: ['RT-01', 'MON-01'],
    defences: [
      { kind: 'firewall', note: 'ルーター内蔵FWで監視センター以外を遮断' },
      { kind: 'allow_list', note: '閉域SIMの接続先を監視センターに限定' },
    ],
  });
  const vpn = await point({
    name: '保守用リモートアクセス（VPN）',
    kind: 'maintenance_access',
    insideZone: 'monitoring',
    peer: '太陽光メンテ株式会社',
    purpose: 'PCS 設定変更・ログ回収',
    medium: 'internet_vpn',
    managedBy: '太陽光メンテ株式会社',
    managedByParty: maintenance,
    necessityReason: '遠隔保守のため',
    insideAssets: ['VPN-01'],
    defences: options.vpnDefended === false ? [] : [{ kind: 'authentication', note: '証明書＋ワンタイムパスワード' }],
  });
  const output = await point({
    name: '出力制御回線',
    kind: 'power_company',
    insideZone: 'control',
    peer: '電力会社 出力制御サーバ',
    purpose: '出力制御スケジュールの受信',
    medium: 'closed_carrier',
    managedBy: '電力会社',
    necessityReason: '系統連系の要件',
    insideAssets: ['OCT-01'],
    defences: [{ kind: 'closed_network', note: '電力会社の閉域網' }],
  });
  return { parties: { owner, security, engineer, maintenance, monitoring }, points: { lte, vpn, output } };
}
