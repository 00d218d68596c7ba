import { expect, type Page } from '@playwright/test';
import type { AppPage } from './app-page';
import { ChecklistPage } from './checklist-page';

/** The bundle screens of one installation, driven by their labels. */
export class BundlePage {
  constructor(
    readonly app: AppPage,
    readonly page: Page = app.page,
  ) {}

  async goto(hash: string): Promise<void> {
    await this.page.goto(`${this.app.host.origin}/${hash}`);
    await this.app.ready();
  }

  /** A 区分A site with a started round, through the API, as the site and checklist e2e cover the screens. */
  async seedSite(name: string): Promise<string> {
    const siteId = await new ChecklistPage(this.app).seedSiteA(name);
    await this.app.api('assessment:create', { siteId, title: '2025年度 年次点検' });
    return siteId;
  }

  /** A bundle job through the API, to its end (the bundle screens' own e2e drive these by their labels). */
  async runJob(channel: 'bundle:exportStart' | 'bundle:importStart', input: unknown): Promise<{ exported: { path: string } | null }> {
    const job = await this.app.api<{ id: string }>(channel, input);
    let done: { state: string; exported: { path: string } | null } | undefined;
    await expect
      .poll(async () => (done = await this.app.api<{ state: string; exported: { path: string } | null }>('bundle:status', { jobId: job.id })).state, { timeout: 30_000 })
      .toBe('done');
    return done!;
  }

  /** Names this installation on its key screen; the name travels as the allowed_signers comment. */
  async rename(name: string): Promise<void> {
    await this.goto('#/bundles/keys');
    await this.page.getByLabel('設置場所の名前').fill(name);
    await this.page.getByRole('button', { name: '名前を変更' }).click();
    await expect(this.page.getByRole('status')).toContainText('名前を変更しました。');
  }

  /** This installation's allowed_signers line and fingerprint, as shown on its key screen. */
  async ownKey(): Promise<{ line: string; fingerprint: string }> {
    await this.goto('#/bundles/keys');
    return {
      line: await this.page.getByLabel('allowed_signers の行').inputValue(),
      fingerprint: (await this.page.getByTestId('own-fingerprint').textContent()) ?? '',
    };
  }
}
