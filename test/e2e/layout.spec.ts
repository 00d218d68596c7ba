import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import type { AppPage } from './pages/app-page';
import { ChecklistPage } from './pages/checklist-page';
import { A4_PRINTABLE_PX, brokenInsideWord, tableCells, loadReportAtA4, type CellLayout } from './pages/layout-probe';
import { MediaPage } from './pages/media-page';

const ROOT = path.resolve(__dirname, '..', '..');
const DUE = '2027-03-31';

/**
 * A site as an inspector finds it after a year: long reasons and plans, a
 * 勧告 item 一部実施 and one 未実施 with a due date, most items 未検討,
 * evidence with its hash, risks, and check-ins including a scan error (ClamAV
 * without definitions, as on a fresh machine).
 */
async function seedYear(app: AppPage): Promise<{ siteId: string; roundId: string }> {
  const siteId = await new ChecklistPage(app).seedSiteA('北関東ソーラー発電所 第二期 連系設備');
  const round = await app.api<{ id: string }>('assessment:create', { siteId, title: '2026年度 年次点検' });
  const update = (itemId: string, decision: Record<string, unknown>) =>
    app.api('assessment:updateItem', { roundId: round.id, itemId, decision: { status: null, necessity: null, ...decision } });
  const long = '保守会社のVPN経由で月1回リモート保守を受けており、接続の都度電気主任技術者が承認しているが、手順書が未整備のため来年度に整備する予定である';
  await app.api('registers:saveParty', { siteId, role: 'chief_engineer', personName: '山田 太郎' });
  await update('2-1', { status: 'implemented', measures: '保安規程にサイバーセキュリティの責任者（電気主任技術者）を定め、年1回見直している', responsible: '山田 太郎', reviewer: '佐藤 花子', reviewDate: '2026-04-15' });
  await update('2-2', { status: 'partial', reason: long, remediationPlan: '体制図と連絡先一覧を更新し、保守会社と共有する', remediationDate: DUE, responsible: '山田 太郎' });
  await update('6-2-2', { status: 'not_implemented', reason: long, remediationPlan: 'VPNを1本に集約し、接続の都度の承認記録を残す。UTMを導入して通信を記録する', remediationDate: DUE });
  await update('6-2-3', { status: 'not_applicable', reason: '外部ネットワークとの接続点がない（監視は構内の閉域網のみ）' });
  await update('2-3', { status: 'not_implemented', necessity: 'unnecessary', reason: '要員が電気主任技術者1名のみで、外部講習の受講で代えているため', targetDate: DUE });
  await update('3-1', { status: 'partial', reason: long, targetDate: DUE, responsible: '山田 太郎' });
  const evidence = (await (
    await app.page.request.post(`${app.host.origin}/upload/evidence`, {
      headers: { 'Content-Type': 'application/octet-stream', 'X-Hoan-File-Name': 'clamscan-weekly-2026-04-01-monitoring-pc.log' },
      data: Buffer.from('----------- SCAN SUMMARY -----------\nInfected files: 0\n'),
    })
  ).json()) as { data: Record<string, unknown> };
  await update('8-1-3', { status: 'implemented', measures: '持込時に受付端末でスキャンし、結果を持込記録に残す', responsible: '山田 太郎' });
  await app.api('assessment:attach', { roundId: round.id, itemId: '8-1-3', sha256: evidence.data.sha256, name: evidence.data.name });
  const risk = (fields: Record<string, unknown>) => app.api('risks:create', { roundId: round.id, fields });
  await risk({ assetType: 'connection_point', assetName: '保守用VPN装置（第1電気室）', threat: 'intrusion_connection', likelihood: 4, impact: 4, linkedItems: ['6-2-2', '6-2-3'], plannedMeasures: 'VPNを1本に集約し、接続の都度の承認記録を残す' });
  await risk({ assetType: 'media', assetName: '保守会社持込のUSBメモリ', threat: 'malware_media', likelihood: 3, impact: 3, linkedItems: ['8-1-3'], plannedMeasures: '持込時のスキャンを徹底する' });

  // The checkpoint: a scan that cannot run (no definitions), a certificate, an exception.
  const media = new MediaPage(app);
  const medium = await media.post<{ id: string }>('media:create', { siteId, fields: { controlNo: 'USB-2026-001', type: 'usb_stick', ownerCompany: '保守電機株式会社' } });
  const noDefinitions = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-nodefs-'));
  const { config } = await media.post<{ config: Record<string, unknown> }>('media:scannerGet', { siteId });
  await media.post('media:scannerSet', { siteId, config: { ...config, databasePath: noDefinitions } });
  const folder = MediaPage.folder({ 'plc/program.bin': Buffer.alloc(512, 1) });
  const job = await media.post<{ id: string }>('media:scanStart', { siteId, path: folder, scan: true });
  await expect.poll(async () => (await media.post<{ state: string }>('media:scanStatus', { jobId: job.id })).state, { timeout: 30_000 }).toBe('done');
  const base = { siteId, mediumId: medium.id, person: '鈴木 一郎', company: '保守電機株式会社', purpose: 'PLCプログラムのバックアップ取得', targets: ['PLC-1'] };
  await media.post('media:checkIn', { ...base, method: 'scan_here', jobId: job.id });
  await media.post('media:checkIn', { ...base, method: 'none', exception: { approver: '電気主任技術者 山田', reason: '系統事故の緊急復旧のため' } });
  return { siteId, roundId: round.id };
}

/**
 * Per language: the columns of Hoan's vocabulary (status, 区分, judgement),
 * numbers and dates, where a word is never split nor cut off; the date-only
 * columns, which stay on one line; and the words the checks look for.
 */
const LANGUAGES = {
  ja: {
    wholeWords: ['勧告/推奨', '実施状況', '適合判定', '期限', '日時', '確認日', '存在確認', '方向', '連番', '発生可能性', '影響度（重み付け後）', 'リスク値', 'リスクレベル', '検査方法・結果', '結果', '判定', '記録', '番号'],
    dates: ['期限', '確認日'],
    conformity: '適合判定',
    due: '期限',
    // DUE as the report writes it in this language.
    dueShown: '2027年3月31日',
    result: '結果',
    nonconforming: '不適合',
    partial: '一部実施',
    scanError: 'スキャンエラー',
    show: '表示',
  },
  en: {
    wholeWords: ['Level', 'Status', 'Conformity', 'Due', 'When', 'Review date', 'Direction', 'Sequence', 'Likelihood', 'Impact (weighted)', 'Score', 'Check and result', 'Result', 'Decision', 'Entry', 'No.', 'Date and time'],
    dates: ['Due'],
    conformity: 'Conformity',
    due: 'Due',
    dueShown: '2027-03-31',
    result: 'Result',
    nonconforming: 'Nonconforming',
    partial: 'Partly implemented',
    scanError: 'Scan error',
    show: 'Show',
  },
} as const;
type Language = keyof typeof LANGUAGES;

function expectUnbroken(cells: CellLayout[], lang: Language, where: string): void {
  const { wholeWords, dates } = LANGUAGES[lang] as { wholeWords: readonly string[]; dates: readonly string[] };
  const split = cells.filter(
    (c) => c.column !== '(header)' && wholeWords.includes(c.column) && c.text !== '' && (brokenInsideWord(c.lines) || c.clipped || (dates.includes(c.column) && c.lines.length > 1)),
  );
  expect.soft(split.map((c) => `${c.column}: ${c.lines.join(' / ')}${c.clipped ? ' (clipped)' : ''}`), `${where}: status, date and level cells with words split or cut off`).toEqual([]);
  const headers = cells.filter((c) => c.column === '(header)' && (brokenInsideWord(c.lines) || c.clipped));
  expect.soft(headers.map((c) => c.lines.join(' / ')), `${where}: headers broken inside a word`).toEqual([]);
}

for (const lang of ['ja', 'en'] as const) {
  test(`[#11.3] status, date and level cells keep their words whole and headers break only between words (${lang}): the report at A4 width, the checklist, risk table and media log at 1366×768`, async ({ app, page }) => {
    const words = LANGUAGES[lang];
    const shot = (name: string) => path.join(ROOT, 'out', 'screenshots', `${name}-${lang}.png`);
    const { siteId, roundId } = await seedYear(app);
    await app.api('settings:update', { language: lang });
    // The language is read when the app starts.
    await app.open();

    // The inspector's report, as the CLI prints it: the whole document at A4's printable width.
    const { html } = await app.api<{ html: string }>('report:html', { siteId, from: '2026-04-01', to: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date()), language: lang });
    const css = fs.readFileSync(path.join(ROOT, 'resources', 'report', 'report.css'), 'utf8');
    const report = await page.context().newPage();
    await loadReportAtA4(report, `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><style>${css}</style></head><body>${html}</body></html>`);
    const reportCells = await tableCells(report.locator('.report'));
    expect(reportCells.filter((c) => c.column === words.conformity).map((c) => c.text)).toContain(words.nonconforming);
    expect(reportCells.filter((c) => c.column === words.due).map((c) => c.text)).toContain(words.dueShown);
    expectUnbroken(reportCells, lang, 'report at A4');
    // Nothing wider than the page: a table that overflows is cut off in the PDF.
    expect.soft(await report.evaluate(() => document.documentElement.scrollWidth), 'report width at A4').toBeLessThanOrEqual(A4_PRINTABLE_PX);
    await report.screenshot({ path: shot('layout-report-a4'), fullPage: true });
    const sections = report.locator('.report-cover, .report-section');
    for (let i = 0; i < (await sections.count()); i++) await sections.nth(i).screenshot({ path: shot(`layout-report-a4-${i}`) });
    await report.close();

    // The app's screens at 1366×768.
    await page.goto(`${app.host.origin}/#/sites/${siteId}/checklist/${roundId}`);
    await app.ready();
    await expect(page.getByTestId('items-table')).toContainText(words.nonconforming);
    expectUnbroken(await tableCells(page.getByTestId('items-table')), lang, 'checklist list');
    await app.screenshot(`layout-01-checklist-list-${lang}`);

    await page.goto(`${app.host.origin}/#/sites/${siteId}/walk/${roundId}/all/2-2`);
    await app.ready();
    await expect(page.locator('.walk-meta')).toContainText(words.partial);
    await expect(page.locator('.walk-meta')).toContainText(words.nonconforming);
    for (const badge of await page.locator('.walk-meta .state, .walk-meta .conformity, .walk-meta .level').all()) {
      const box = (await badge.boundingBox())!;
      const lineHeight = await badge.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
      expect(box.height, `badge ${await badge.textContent()} on one line`).toBeLessThan(lineHeight * 1.5 + 4);
    }
    await app.screenshot(`layout-02-item-${lang}`);

    await page.goto(`${app.host.origin}/#/sites/${siteId}/risks`);
    await app.ready();
    await expect(page.getByTestId('risk-table').locator('tbody tr')).toHaveCount(2);
    expectUnbroken(await tableCells(page.getByTestId('risk-table')), lang, 'risk table');
    await app.screenshot(`layout-03-risks-${lang}`);

    await page.goto(`${app.host.origin}/#/sites/${siteId}/media`);
    await app.ready();
    await expect(page.getByTestId('media-log').locator('.vt-body [role="row"]')).toHaveCount(2);
    const logCells = await tableCells(page.getByTestId('media-log'));
    expect(logCells.filter((c) => c.column === words.result).map((c) => c.text)).toContain(words.scanError);
    expectUnbroken(logCells, lang, 'media log');
    const grid = page.getByTestId('media-log');
    expect.soft(await grid.evaluate((el) => el.scrollWidth - el.clientWidth), 'the media log scrolls sideways at 1366 px by').toBeLessThanOrEqual(0);
    await app.screenshot(`layout-04-media-log-${lang}`);

    await page.goto(`${app.host.origin}/#/sites/${siteId}/report`);
    await app.ready();
    await page.locator('input[name="from"]').fill('2026-04-01');
    await page.getByRole('button', { name: words.show, exact: true }).click();
    await expect(page.getByTestId('report-view').locator('h1')).toHaveText('北関東ソーラー発電所 第二期 連系設備');
    expectUnbroken(await tableCells(page.getByTestId('report-view')), lang, 'report screen');
    await app.screenshot(`layout-05-report-${lang}`);
  });
}
