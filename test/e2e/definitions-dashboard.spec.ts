import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../../electron/core/core';
import type { UsedDefinitions } from '../../electron/core/definitions/definitions-types';
import { appendEntry } from '../../electron/core/media/checkpoint-log';
import type { CheckInBody } from '../../electron/core/media/media-types';
import { buildDefinitions, installTestDefinitions } from '../unit/helpers/definitions';
import { expect, test } from './fixtures';
import type { AppPage } from './pages/app-page';
import { MediaPage } from './pages/media-page';

const DAY = 86_400_000;

/**
 * A check-in with a scan that recorded its definitions, appended to the site's
 * log by the log's own function (the scan that would record them is another
 * part's; here only what the dashboard reads from the entry matters).
 */
function recordScan(dataDir: string, siteId: string, mediumId: string, definitions: UsedDefinitions | null): void {
  const core = openCore({ dataDir });
  try {
    const now = new Date();
    const body: CheckInBody = {
      targets: ['監視PC'],
      scan: {
        profile: definitions?.source === 'defender' ? 'defender' : 'clamav', scanner: 'ClamAV clamscan', engineVersion: '1.4.6', signatureVersion: definitions?.version ?? '',
        startedAt: now.toISOString(), endedAt: now.toISOString(), filesScanned: 12, exitCode: 0, result: 'clean', detections: [], errorText: '', logSha256: 'a'.repeat(64),
        ...(definitions ? { definitions } : {}),
      },
      prior: null,
      manifest: null,
    };
    appendEntry(core.db, { siteId, kind: 'check_in', mediumId, controlNo: 'USB-001', mediumType: 'usb_stick', person: '山田 太郎', company: '保守電機', purpose: '点検', method: 'scan_here', result: 'clean', decision: 'allowed', approver: '', exceptionReason: '', refersTo: null, body }, now, 'e2e');
  } finally {
    core.close();
  }
}

/** Definitions imported into the installation's store, as `hoan definitions import` does (built three days ago). */
async function importIntoStore(dataDir: string): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-defs-'));
  const core = openCore({ dataDir });
  try {
    await installTestDefinitions(core, [buildDefinitions(folder, { version: 27502, builtAt: new Date(Date.now() - 3 * DAY - 3_600_000) })]);
  } finally {
    core.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

function used(version: string, ageDays: number, source: UsedDefinitions['source'] = 'configured'): UsedDefinitions {
  const builtAt = new Date(Date.now() - ageDays * DAY - 3_600_000).toISOString();
  return { source, setId: null, version, builtAt, ageDays, maxAgeDays: 7, stale: ageDays > 7, files: [{ name: 'daily.cvd', version, builtAt }] };
}

async function seed(app: AppPage) {
  const media = new MediaPage(app);
  const medium = async (siteId: string) => (await media.post<{ id: string }>('media:create', { siteId, fields: { controlNo: 'USB-001', type: 'usb_stick' } })).id;
  const scanner = (siteId: string, config: Record<string, unknown>) => media.post('media:scannerSet', { siteId, config: { manifest: { maxFiles: 1000, maxFileMb: 10, maxTotalMb: 100 }, ...config } });

  const stale = await media.seedSite('北関東ソーラー発電所');
  await scanner(stale, { profile: 'defender' });
  recordScan(app.host.dataDir, stale, await medium(stale), used('1.427.112.0', 12, 'defender'));

  const fresh = await media.seedSite('南港工場');
  await scanner(fresh, { profile: 'defender', maxDefinitionsAgeDays: 14 });
  recordScan(app.host.dataDir, fresh, await medium(fresh), used('1.429.201.0', 2, 'defender'));

  const old = await media.seedSite('東町浄水場');
  await scanner(old, { profile: 'defender' });
  recordScan(app.host.dataDir, old, await medium(old), null);

  const none = await media.seedSite('西港変電所');
  await scanner(none, { profile: 'defender' });

  const store = await media.seedSite('中央制御所');
  await scanner(store, { profile: 'clamav' });
  await importIntoStore(app.host.dataDir);
  return { stale, fresh, old, none, store };
}

test('[#12.5] the sites list and a site overview show the definitions\' version and age, past the limit said in words, in Japanese and English', async ({ app, page }) => {
  const sites = await seed(app);
  await page.reload();
  await app.ready();

  const cell = (name: string) => page.getByTestId('sites-table').locator('tr', { hasText: name }).getByTestId('definitions-cell');
  await expect(page.getByTestId('sites-table').locator('th')).toContainText(['定義ファイル']);
  await expect(cell('北関東ソーラー発電所')).toHaveText('作成から 12 日・上限超過1.427.112.0');
  await expect(cell('北関東ソーラー発電所').locator('.bad-text')).toHaveText('作成から 12 日・上限超過');
  await expect(cell('南港工場')).toHaveText('作成から 2 日1.429.201.0');
  await expect(cell('東町浄水場')).toHaveText('記録なし');
  await expect(cell('西港変電所')).toHaveText('情報なし');
  await expect(cell('中央制御所')).toHaveText('作成から 3 日daily 27502');
  await app.screenshot('definitions-01-sites-list-ja');

  await page.getByRole('link', { name: '北関東ソーラー発電所' }).click();
  const card = page.getByTestId('site-definitions');
  await expect(card).toHaveAttribute('data-state', 'stale');
  await expect(card.getByRole('heading')).toHaveText('スキャナーの定義ファイル');
  await expect(card).toContainText('定義ファイルが上限の日数を超えて古くなっています。');
  await expect(card).toContainText(/バージョン\s*1\.427\.112\.0/);
  await expect(card).toContainText(/経過日数\s*12 日・上限超過/);
  await expect(card).toContainText(/上限（スキャナー設定）\s*7 日/);
  await expect(card).toContainText('最後のスキャン（');
  await card.scrollIntoViewIfNeeded();
  await app.screenshot('definitions-02-site-overview-stale-ja');

  await page.goto(`${app.host.url}#/sites/${sites.none}`);
  await app.ready();
  await expect(page.getByTestId('site-definitions')).toHaveAttribute('data-state', 'none');
  await expect(page.getByTestId('site-definitions')).toContainText('この事業場の定義ファイルの情報はありません');
  await app.screenshot('definitions-03-site-overview-none-ja');

  await page.goto(`${app.host.url}#/sites/${sites.store}`);
  await app.ready();
  await expect(page.getByTestId('site-definitions')).toHaveAttribute('data-state', 'fresh');
  await expect(page.getByTestId('site-definitions')).toContainText('この設置場所に取り込んだ定義ファイル（次のスキャンで使われます）');
  await expect(page.getByTestId('site-definitions')).toContainText(/バージョン\s*daily 27502/);
  await app.screenshot('definitions-06-site-overview-store-ja');

  await app.api('settings:update', { language: 'en' });
  await page.goto(`${app.host.url}#/sites`);
  await app.ready();
  await expect(cell('北関東ソーラー発電所')).toHaveText('12 days old, past the limit1.427.112.0');
  await expect(cell('南港工場')).toHaveText('2 days old1.429.201.0');
  await expect(cell('東町浄水場')).toHaveText('not recorded');
  await app.screenshot('definitions-04-sites-list-en');
  await page.goto(`${app.host.url}#/sites/${sites.stale}`);
  await app.ready();
  await expect(page.getByTestId('site-definitions')).toContainText(/Age\s*12 days, past the limit/);
  await app.screenshot('definitions-05-site-overview-stale-en');
});
