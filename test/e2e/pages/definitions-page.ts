import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { buildDefinitions } from '../../unit/helpers/definitions';
import type { AppPage } from './app-page';

/** The scanner definitions screen (設定 → 定義ファイル), driven through its labels. */
export class DefinitionsPage {
  constructor(
    readonly app: AppPage,
    readonly page: Page = app.page,
  ) {}

  /** A folder standing for a USB stick prepared with freshclam: sigtool-built containers, and freshclam's own state file. */
  static usbStick(databases: { name: string; version: number }[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-defs-'));
    for (const d of databases) buildDefinitions(dir, d);
    fs.writeFileSync(path.join(dir, 'freshclam.dat'), 'freshclam state');
    return dir;
  }

  /** From the settings screen, as a user finds it. */
  async openFromSettings(screenshot?: string): Promise<void> {
    await this.app.nav('設定').click();
    await expect(this.page.getByTestId('settings-definitions')).toBeVisible();
    if (screenshot) await this.app.screenshot(screenshot);
    await this.page.getByTestId('settings-definitions').getByRole('link', { name: '定義ファイルを管理' }).click();
    await expect(this.app.heading()).toHaveText('スキャナーの定義ファイル');
    await this.app.ready();
  }

  current(): Locator {
    return this.page.getByTestId('definitions-current');
  }

  fileRows(): Locator {
    return this.page.getByTestId('definitions-files').locator('tbody tr');
  }

  importCard(): Locator {
    return this.page.getByTestId('definitions-import');
  }

  async importPaths(paths: string[], acceptReason?: string): Promise<void> {
    const card = this.importCard();
    await card.locator('textarea[name="paths"]').fill(paths.join('\n'));
    const box = card.locator('input[name="acceptUnsigned"]');
    if (acceptReason !== undefined) {
      await box.check();
      await card.locator('textarea[name="acceptUnsignedReason"]').fill(acceptReason);
    } else if (await box.isChecked()) {
      await box.uncheck();
    }
    await card.getByRole('button', { name: /検証して取り込む|Verify and import/ }).click();
    await expect(card.locator('form[aria-busy="true"]')).toHaveCount(0, { timeout: 60_000 });
  }
}
