import { expect, type Locator, type Page } from '@playwright/test';

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
