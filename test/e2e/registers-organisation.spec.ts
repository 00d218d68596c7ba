import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, SCREENSHOT_DIR, test } from './fixtures';
import { audit } from './pages/axe-audit';
import { ChecklistPage } from './pages/checklist-page';
import { addParty } from './pages/registers-page';

test('体制 for a solar plant filled through the screens, its 体制図 shown, the call order built, and the contact card printed on one A4 page', async ({ app, page }) => {
  const siteId = await new ChecklistPage(app).seedSiteA('第一太陽光発電所');
  await page.goto(`${app.host.origin}/#/sites/${siteId}/registers`);
  await app.ready();
  await expect(app.heading()).toHaveText('体制・役割');
  await expect(page.getByText('まだ誰も登録されていません')).toBeVisible();

  await addParty(page, { role: '設置者', title: '代表取締役', organisation: '株式会社第一ソーラー', phone: '03-1234-5678', responsibilities: ['セキュリティ対策の統括（2-1）'] });

  // A phone number that is not Japanese is refused at its field, in Japanese; the full-width one is folded.
  await page.getByRole('button', { name: '人・組織を追加' }).click();
  const form = page.getByTestId('party-form');
  await form.getByLabel('役割', { exact: true }).selectOption({ label: 'セキュリティ責任者' });
  await form.getByLabel('報告先', { exact: true }).selectOption({ label: '設置者：株式会社第一ソーラー' });
  await form.getByLabel('役職・肩書', { exact: true }).fill('発電所長');
  await form.getByLabel('氏名', { exact: true }).fill('佐藤 花子');
  await form.getByLabel('組織名', { exact: true }).fill('株式会社第一ソーラー');
  await form.getByLabel('電話番号', { exact: true }).fill('12345');
  await form.getByLabel('メールアドレス', { exact: true }).fill('hanako@@example');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.locator('.field-error')).toContainText(['日本の電話番号として読めません', 'メールアドレスとして読めません']);
  await expect(page.getByTestId('error-summary')).toContainText('電話番号');
  await app.screenshot('60-registers-organisation-field-errors-ja');
  await form.getByLabel('電話番号', { exact: true }).fill('０４３（１１１）２２２２');
  await form.getByLabel('時間外の電話番号', { exact: true }).fill('090ー1111ー2222');
  await form.getByLabel('メールアドレス', { exact: true }).fill('Hanako.Sato＠Example.CO.JP');
  await form.getByLabel('事故対応体制（10-2）').check();
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toHaveCount(0);

  await addParty(page, {
    role: '外部委託先（電気管理技術者）',
    reportsTo: 'セキュリティ責任者：佐藤 花子',
    title: '電気管理技術者',
    personName: '鈴木 一郎',
    organisation: '電気保安法人みなみ',
    phone: '043-333-4444',
    phoneAfterHours: '080-3333-4444',
    responsibilities: ['接続点の管理と防御（6-2-2, 6-2-3）', '外部記憶媒体の管理（8-1-3）'],
  });
  await addParty(page, { role: '保守会社', reportsTo: 'セキュリティ責任者：佐藤 花子', personName: '高橋 次郎', organisation: '太陽光メンテ株式会社', department: '保守課', phone: '0120-123-456' });
  await addParty(page, { role: '監視サービス事業者', reportsTo: 'セキュリティ責任者：佐藤 花子', organisation: 'ソーラー監視センター株式会社', phone: '050-5555-6666', phoneAfterHours: '050-5555-6667' });
  await addParty(page, { role: 'メーカー窓口', reportsTo: '外部委託先（電気管理技術者）：鈴木 一郎', title: 'サポート窓口', organisation: '東芝三菱電機産業システム株式会社', phone: '03-9999-0000' });

  const rows = page.getByTestId('party-row');
  await expect(rows).toHaveCount(6);
  await expect(rows.nth(1)).toContainText('電話 043-111-2222');
  await expect(rows.nth(1)).toContainText('時間外 090-1111-2222');
  await expect(rows.nth(1)).toContainText('Hanako.Sato@example.co.jp');
  // Contact details are text, never links that would start a call or a mail.
  await expect(page.locator('a[href^="tel:"], a[href^="mailto:"]')).toHaveCount(0);

  // The 体制図 is an image of the SVG (never markup in the page), and shows the names.
  const chart = page.getByTestId('org-chart');
  await expect(chart).toBeVisible();
  const src = await chart.getAttribute('src');
  expect(src).toMatch(/^data:image\/svg\+xml/);
  const svg = decodeURIComponent(src!.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
  expect(svg).toContain('佐藤 花子');
  expect(svg).toContain('東芝三菱電機産業システム株式会社');
  expect(await chart.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(300);
  await expect(page.locator('main svg')).toHaveCount(0);
  await app.screenshot('61-registers-organisation-ja');
  expect((await audit(page)).serious).toEqual([]);

  // Removing a party someone reports to is refused, saying where.
  await page.getByRole('button', { name: '鈴木 一郎 を削除' }).click();
  await expect(page.getByRole('alert')).toContainText('東芝三菱電機産業システム株式会社 が 鈴木 一郎 に報告する体制になっているため削除できません');

  // The call order.
  await page.getByRole('navigation', { name: '体制・接続点の台帳' }).getByRole('link', { name: '連絡体制' }).click();
  await expect(app.heading()).toHaveText('連絡体制');
  const add = async (label: string) => {
    await page.getByLabel('連絡順序に加える相手').selectOption({ label });
    await page.getByRole('button', { name: '末尾に追加' }).click();
  };
  await add('監視サービス事業者：ソーラー監視センター株式会社');
  await add('セキュリティ責任者：佐藤 花子');
  await add('外部委託先（電気管理技術者）：鈴木 一郎');
  await add('保守会社：高橋 次郎');
  await add('設置者：株式会社第一ソーラー');
  await page.getByRole('button', { name: '佐藤 花子 を上へ' }).click();
  await page.getByLabel('ソーラー監視センター株式会社 への連絡の備考').fill('夜間・休日は監視センターが一次受付');
  await page.getByLabel('高橋 次郎 への連絡の備考').fill('VPN 遮断・現地対応');
  await expect(page.getByTestId('office-step')).toContainText('関東東北産業保安監督部');
  await page.getByRole('button', { name: '連絡順序を保存' }).click();
  await expect(page.getByRole('status')).toContainText('連絡順序を保存しました');
  await expect(page.getByTestId('contact-step').first()).toContainText('佐藤 花子');
  await app.screenshot('62-registers-contacts-ja');
  expect((await audit(page)).serious).toEqual([]);

  // A party in the call order cannot be removed from the 体制.
  await page.getByRole('navigation', { name: '体制・接続点の台帳' }).getByRole('link', { name: '体制・役割' }).click();
  await page.getByRole('button', { name: '高橋 次郎 を削除' }).click();
  await expect(page.getByRole('alert')).toContainText('高橋 次郎 は連絡体制の4番目に入っているため削除できません');

  // The card: one A4 page, large type, ending with the 産業保安監督部.
  await page.goto(`${app.host.origin}/#/sites/${siteId}/registers/contacts`);
  await app.ready();
  await page.getByRole('link', { name: '連絡カードを表示・印刷' }).click();
  const card = page.getByTestId('contact-card');
  await expect(card.getByRole('heading', { level: 1 })).toHaveText('緊急連絡先（サイバーセキュリティ事故・異常時）');
  await expect(card).toContainText('第一太陽光発電所');
  await expect(page.getByTestId('card-step')).toHaveCount(5);
  await expect(page.getByTestId('card-office')).toContainText('関東東北産業保安監督部');
  await expect(page.getByRole('button', { name: '印刷' })).toBeVisible();
  await app.screenshot('63-registers-contact-card-ja');
  expect((await audit(page)).serious).toEqual([]);

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.locator('.contact-card-controls')).toBeHidden();
  const pdf = path.join(SCREENSHOT_DIR, '64-registers-contact-card-ja.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
  const info = execFileSync('pdfinfo', [pdf]).toString();
  expect(info).toMatch(/^Pages:\s+1$/m);
  expect(info).toMatch(/Page size:\s+59[45]\.\d* x 841\.\d* pts \(A4\)/);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  for (const t of ['緊急連絡先', '佐藤 花子', '043-111-2222', '090-1111-2222', 'ソーラー監視センター株式会社', '関東東北産業保安監督部']) expect(text).toContain(t);
  expect(text).not.toContain('印刷');
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(SCREENSHOT_DIR, '64-registers-contact-card-ja')]);
  expect(fs.existsSync(path.join(SCREENSHOT_DIR, '64-registers-contact-card-ja-1.png'))).toBe(true);
});

test('ten parties in the call order still print on one A4 page, and the card reads in English', async ({ app, page }) => {
  const siteId = await new ChecklistPage(app).seedSiteA('第二太陽光発電所');
  const ids: string[] = [];
  for (let i = 1; i <= 10; i++) {
    const party = await app.api<{ id: string }>('registers:saveParty', {
      siteId,
      role: i === 1 ? 'security_manager' : 'maintenance',
      title: i === 1 ? '発電所長' : '',
      personName: `担当者 ${i}号`,
      organisation: `東芝三菱電機産業システム株式会社 第${i}サービス部`,
      phone: '03-1234-5678 内線 1234',
      phoneAfterHours: '090-1111-2222',
    });
    ids.push(party.id);
  }
  await app.api('registers:saveContacts', { siteId, steps: ids.map((partyId) => ({ partyId, note: '夜間・休日は時間外の番号へ、つながらなければ次へ' })) });
  await app.api('settings:update', { language: 'en' });
  await page.goto(`${app.host.origin}/#/sites/${siteId}/registers/contacts/card`);
  await page.reload();
  await app.ready();
  await expect(page.getByTestId('contact-card').getByRole('heading', { level: 1 })).toHaveText('Emergency contacts (cybersecurity incidents and anomalies)');
  await expect(page.getByTestId('card-step')).toHaveCount(10);
  await app.screenshot('65-registers-contact-card-ten-en');
  await page.emulateMedia({ media: 'print' });
  const pdf = path.join(SCREENSHOT_DIR, '66-registers-contact-card-ten-en.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
  expect(execFileSync('pdfinfo', [pdf]).toString()).toMatch(/^Pages:\s+1$/m);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  expect(text).toMatch(/担当者\s+10号/);
  expect(text).toContain('Kanto-Tohoku');
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(SCREENSHOT_DIR, '66-registers-contact-card-ten-en')]);
});

test('a copy held at head office shows the 体制 and the call order without any control that writes', async ({ app, page }) => {
  const siteId = await new ChecklistPage(app).seedSiteA('第三太陽光発電所');
  const owner = await app.api<{ id: string }>('registers:saveParty', { siteId, role: 'owner', organisation: '株式会社第三ソーラー', phone: '03-1234-5678' });
  await app.api('registers:saveContacts', { siteId, steps: [{ partyId: owner.id, note: '' }] });
  // What importing the site's bundle leaves at head office: the site's origin, which makes its records read-only.
  const db = new Database(path.join(app.host.dataDir, 'hoan.sqlite3'));
  db.prepare(`INSERT INTO site_origins (site_id, owner_fingerprint, owner_name, last_bundle_id, last_bundle_at, imported_at) VALUES (?, 'SHA256:e2e', '第三太陽光 PC', 'b1', ?, ?)`).run(
    siteId,
    new Date().toISOString(),
    new Date().toISOString(),
  );
  db.close();
  await page.goto(`${app.host.origin}/#/sites/${siteId}/registers`);
  await page.reload();
  await app.ready();
  await expect(page.getByTestId('party-row')).toHaveCount(1);
  await expect(page.getByTestId('org-chart')).toBeVisible();
  await expect(page.getByRole('button', { name: '人・組織を追加' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '編集' })).toHaveCount(0);
  await page.goto(`${app.host.origin}/#/sites/${siteId}/registers/contacts`);
  await app.ready();
  await expect(page.getByTestId('contact-step')).toHaveCount(1);
  await expect(page.getByRole('button', { name: '連絡順序を保存' })).toHaveCount(0);
  await expect(page.getByLabel('連絡順序に加える相手')).toHaveCount(0);
  // The backend refuses as well, with the read-only message.
  const refused = await page.request.post(`${app.host.origin}/api/registers:saveContacts`, { data: { siteId, steps: [] } });
  expect(((await refused.json()) as { error: { messageKey: string } }).error.messageKey).toBe('bundle.errors.siteReadOnly');
  await app.screenshot('67-registers-organisation-read-only-ja');
});
