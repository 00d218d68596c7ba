import type { ReactNode } from 'react';
import { lazyScreen } from '../lib/lazy-screen';

// Each section is a chunk of its own, fetched when first opened (lib/lazy-screen.ts).
const VulnerabilitiesScreen = lazyScreen(() => import('./advisories/VulnerabilitiesScreen'), 'VulnerabilitiesScreen');
const InventorySection = lazyScreen(() => import('./inventory/InventorySection'), 'InventorySection');
const SiteBundleScreen = lazyScreen(() => import('./bundle/SiteBundleScreen'), 'SiteBundleScreen');
const ChecklistScreen = lazyScreen(() => import('./checklist/ChecklistScreen'), 'ChecklistScreen');
const RiskScreen = lazyScreen(() => import('./checklist/RiskScreen'), 'RiskScreen');
const WalkthroughScreen = lazyScreen(() => import('./checklist/WalkthroughScreen'), 'WalkthroughScreen');
const MediaSection = lazyScreen(() => import('./media/MediaSection'), 'MediaSection');
const RegulationScreen = lazyScreen(() => import('./regulation/RegulationScreen'), 'RegulationScreen');
const RegistersSection = lazyScreen(() => import('./registers/RegistersSection'), 'RegistersSection');
const ReportScreen = lazyScreen(() => import('./report/ReportScreen'), 'ReportScreen');
const ClassificationWizardScreen = lazyScreen(() => import('./ClassificationWizardScreen'), 'ClassificationWizardScreen');
const SiteDetailScreen = lazyScreen(() => import('./SiteDetailScreen'), 'SiteDetailScreen');
const SiteFormScreen = lazyScreen(() => import('./SiteFormScreen'), 'SiteFormScreen');

export interface SiteSection {
  /** The URL segment: `#/sites/<id>/<key>/…`; 'overview' is the bare `#/sites/<id>`. */
  key: string;
  /** Shown as a tab of the site when set. */
  tabLabelKey?: string;
  render(siteId: string, rest: string[]): ReactNode;
}

/** Every screen of a site. A feature adds its entry here (and its tab, if it has one). */
export const SITE_SECTIONS: readonly SiteSection[] = [
  { key: 'overview', tabLabelKey: 'sites.tabs.overview', render: (id) => <SiteDetailScreen key={id} id={id} /> },
  { key: 'edit', render: (id) => <SiteFormScreen key={id} id={id} /> },
  { key: 'classify', render: (id) => <ClassificationWizardScreen key={id} id={id} /> },
  { key: 'checklist', tabLabelKey: 'checklist.tab', render: (id, rest) => <ChecklistScreen key={id} siteId={id} rest={rest} /> },
  { key: 'walk', render: (id, rest) => <WalkthroughScreen key={id} siteId={id} rest={rest} /> },
  { key: 'risks', tabLabelKey: 'checklist.riskTab', render: (id) => <RiskScreen key={id} siteId={id} /> },
  // 8-2-1: the device list, the import and the existence-check walkthrough as pages under one tab.
  { key: 'inventory', tabLabelKey: 'inventory.tab', render: (id, rest) => <InventorySection key={id} siteId={id} rest={rest} /> },
  // 8-4: the advisories matched to this site's inventory and their decisions.
  { key: 'vulnerabilities', tabLabelKey: 'advisories.triage.tab', render: (id) => <VulnerabilitiesScreen key={id} siteId={id} /> },
  // 8-1-3: log, check-in, registry, medium history, exceptions and scanner settings as pages under one tab.
  { key: 'media', tabLabelKey: 'media.tab', render: (id, rest) => <MediaSection key={id} siteId={id} rest={rest} /> },
  // 2-1, 2-2, 6-2-2, 6-2-3, 10-2, 10-3: 体制・役割, 連絡体制, 接続点台帳 and the network diagram as pages under one tab.
  { key: 'registers', tabLabelKey: 'registers.tab', render: (id, rest) => <RegistersSection key={id} siteId={id} rest={rest} /> },
  { key: 'regulation', tabLabelKey: 'regulation.tab', render: (id) => <RegulationScreen key={id} siteId={id} /> },
  { key: 'report', tabLabelKey: 'report.tab', render: (id) => <ReportScreen key={id} siteId={id} /> },
  // Signed bundles for removable media: the site's records out, head office's review back.
  { key: 'bundle', tabLabelKey: 'bundle.tab', render: (id) => <SiteBundleScreen key={id} siteId={id} /> },
];
