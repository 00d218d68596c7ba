import { expect, type Page } from '@playwright/test';
import type { AppPage } from './app-page';

/** The checklist screens, driven as a technician does: keys first. */
export class ChecklistPage {
  constructor(
    readonly app: AppPage,
    readonly page: Page = app.page,
  ) {}

  /** A site classified 区分A straight through the API, as the classification e2e covers the wizard. */
  async seedSiteA(name = '北関東ソーラー発電所'): Promise<string> {
    const post = (channel: string, data: unknown) => this.app.api<{ id: string }>(channel, data);
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
    await post('sites:classify', {
      siteId: site.id,
      answers: { hasRemoteMonitoring: true, hasControlSystem: true, hasGeneration: true, sellsSurplus: true },
    });
    return site.id;
  }

  async openChecklist(siteId: string): Promise<void> {
    await this.page.goto(`${this.app.host.origin}/#/sites/${siteId}/checklist`);
    await this.app.ready();
  }

  currentItemId() {
    return this.page.locator('.walk-meta .mono');
  }

  async expectItem(id: string): Promise<void> {
    await expect(this.currentItemId()).toHaveText(id);
    await expect(this.page.locator('#walk-title')).toBeFocused();
  }

  /** Presses a key that moves on (n, Ctrl+Enter) and waits until the next item is shown. */
  async advance(key = 'n'): Promise<void> {
    const before = (await this.currentItemId().textContent()) ?? '';
    await this.page.keyboard.press(key);
    await expect(this.currentItemId()).not.toHaveText(before);
  }

  progress() {
    return this.page.locator('.walk .summary-progress');
  }
}
