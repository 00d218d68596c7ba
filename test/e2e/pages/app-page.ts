import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import type { Host } from '../fixtures';

export interface SiteFormValues {
  name: string;
  address?: string;
  ownerName?: string;
  contractorName?: string;
  region?: string;
  receivingVoltageV?: string;
  generationCapacityKw?: string;
  gridConnected?: boolean;
  reversePowerFlow?: boolean;
  hasRemoteMonitoring?: boolean;
  hasControlSystem?: boolean;
}

/** The whole app as a user sees it: menus, forms and the wizard, by their labels. */
export class AppPage {
  constructor(
    readonly page: Page,
    readonly host: Host,
    private readonly screenshotDir: string,
  ) {}

  /** A call straight to the API, for seeding what another spec covers through the screens. */
  async api<T>(channel: string, data: unknown): Promise<T> {
    // A fresh connection each time: a call made after a spec's screens kept the request context idle
    // for over Node's keep-alive timeout (5 s) could go out on the socket the host is closing, and
    // Playwright's request context does not resend it (ECONNRESET). Chromium, which the screens use, does.
    const response = await this.page.request.post(`${this.host.origin}/api/${channel}`, { data, headers: { connection: 'close' } });
    const body = (await response.json()) as { ok: boolean; data: T; error?: unknown };
    expect(body.ok, `${channel}: ${JSON.stringify(body.error)}`).toBe(true);
    return body.data;
  }

  /** The names a fresh data folder is given on the first-run screen, unless a spec chooses its own. */
  static readonly USER = 'e2e 検査員';
  static readonly INSTALLATION = 'e2e 試験設置';

  /** Opens the app; a fresh data folder first asks for the two names, filled here unless `firstRun: 'stay'`. */
  async open(options: { firstRun?: 'complete' | 'stay' } = {}): Promise<void> {
    await this.page.goto(this.host.url);
    await this.ready();
    if (options.firstRun !== 'stay' && (await this.page.getByTestId('first-run').isVisible())) await this.completeFirstRun();
  }

  /** Fills the first-run screen as a new user does, and waits for the app behind it. */
  async completeFirstRun(userName = AppPage.USER, installationName = AppPage.INSTALLATION): Promise<void> {
    const form = this.page.getByTestId('first-run');
    await form.locator('input[name="userName"]').fill(userName);
    await form.locator('input[name="installationName"]').fill(installationName);
    await form.locator('button[type="submit"]').click();
    await expect(form).toHaveCount(0);
    await this.ready();
  }

  async ready(): Promise<void> {
    await expect(this.page.locator('#root[data-app-state="ready"]')).toBeAttached();
    await expect(this.page.locator('[aria-busy="true"]')).toHaveCount(0);
  }

  async screenshot(name: string): Promise<void> {
    await this.ready();
    await this.page.screenshot({ path: path.join(this.screenshotDir, `${name}.png`), fullPage: true });
  }

  nav(name: string): Locator {
    return this.page.getByRole('navigation').getByRole('link', { name });
  }

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  async fillSiteForm(values: SiteFormValues): Promise<void> {
    const form = this.page.getByTestId('site-form');
    await form.locator('input[name="name"]').fill(values.name);
    if (values.address !== undefined) await form.locator('input[name="address"]').fill(values.address);
    if (values.ownerName !== undefined) await form.locator('input[name="ownerName"]').fill(values.ownerName);
    if (values.contractorName !== undefined) await form.locator('input[name="contractorName"]').fill(values.contractorName);
    if (values.region !== undefined) await form.locator('select[name="region"]').selectOption(values.region);
    if (values.receivingVoltageV !== undefined) await form.locator('input[name="receivingVoltageV"]').fill(values.receivingVoltageV);
    if (values.generationCapacityKw !== undefined) await form.locator('input[name="generationCapacityKw"]').fill(values.generationCapacityKw);
    for (const key of ['gridConnected', 'reversePowerFlow', 'hasRemoteMonitoring', 'hasControlSystem'] as const) {
      if (values[key] !== undefined) await form.locator(`input[name="${key}"]`).setChecked(values[key]);
    }
  }

  /** Answers the current wizard question and moves on. */
  async answer(question: string, yes: boolean, labels: { yes: string; no: string; next: string }): Promise<void> {
    const fieldset = this.page.getByTestId(`question-${question}`);
    await fieldset.getByLabel(yes ? labels.yes : labels.no, { exact: true }).check();
    await this.page.getByRole('button', { name: labels.next }).click();
  }
}
