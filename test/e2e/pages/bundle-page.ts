import { expect, type Page } from '@playwright/test';
import type { AppPage } from './app-page';

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

  /** A site created and classified through the API, as the site e2e covers the forms. */
  async seedSite(name: string): Promise<string> {
    const post = async (channel: string, data: unknown) => {
      const body = (await (await this.page.request.post(`${this.app.host.origin}/api/${channel}`, { data })).json()) as { ok: boolean; data: { id: string } };
      expect(body.ok).toBe(true);
      return body.data;
    };
    await post('settings:update', { userName: '山田 太郎' });
    const site = await post('sites:create', {
      name,
      region: 'kanto',
      receivingVoltageV: 6600,
      generationCapacityKw: 1990,
      gridConnected: true,
      reversePowerFlow: true,
      hasRemoteMonitoring: true,
      hasControlSystem: true,
      installationType: 'new',
    });
    await post('sites:classify', { siteId: site.id, answers: { hasRemoteMonitoring: true, hasControlSystem: true, hasGeneration: true, sellsSurplus: true } });
    await post('assessment:create', { siteId: site.id, title: '2025年度 年次点検' });
    return site.id;
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
