import type { AppPage } from './app-page';
import { ChecklistPage } from './checklist-page';
import { InventoryPage } from './inventory-page';
import { MediaPage } from './media-page';

export interface Screen {
  name: string;
  hash: string;
}

/**
 * One of each main screen, on a seeded 区分A site with a started round: what
 * the accessibility, zoom and no-network checks walk through.
 */
export async function seedScreens(app: AppPage): Promise<Screen[]> {
  const checklist = new ChecklistPage(app);
  const siteId = await checklist.seedSiteA();
  const response = await app.page.request.post(`${app.host.origin}/api/assessment:create`, { data: { siteId, title: '2025年度 年次点検' } });
  const round = ((await response.json()) as { data: { id: string } }).data;
  await new InventoryPage(app).seedInventory(siteId, InventoryPage.csv('台帳.csv', ['管理番号,機器名,設置場所', 'A-1,PLC,第1電気室', 'A-2,HMI,第1電気室']));
  return [
    { name: 'sites', hash: '#/sites' },
    { name: 'site-new', hash: '#/sites/new' },
    { name: 'site', hash: `#/sites/${siteId}` },
    { name: 'site-edit', hash: `#/sites/${siteId}/edit` },
    { name: 'classify', hash: `#/sites/${siteId}/classify` },
    { name: 'checklist', hash: `#/sites/${siteId}/checklist` },
    { name: 'round', hash: `#/sites/${siteId}/checklist/${round.id}` },
    { name: 'walk', hash: `#/sites/${siteId}/walk/${round.id}/all/8-1-3` },
    { name: 'risks', hash: `#/sites/${siteId}/risks` },
    { name: 'settings', hash: '#/settings' },
    { name: 'definitions', hash: '#/settings/definitions' },
    { name: 'site-bundle', hash: `#/sites/${siteId}/bundle` },
    { name: 'bundles', hash: '#/bundles' },
    { name: 'bundles-trust', hash: '#/bundles/trust' },
    { name: 'bundles-keys', hash: '#/bundles/keys' },
    { name: 'inventory', hash: `#/sites/${siteId}/inventory` },
    { name: 'inventory-import', hash: `#/sites/${siteId}/inventory/import` },
    { name: 'inventory-check', hash: `#/sites/${siteId}/inventory/check` },
    { name: 'vulnerabilities', hash: `#/sites/${siteId}/vulnerabilities` },
    { name: 'walk-8-4-3', hash: `#/sites/${siteId}/walk/${round.id}/all/8-4-3` },
    ...(await new MediaPage(app).seedScreens(siteId)),
  ];
}
