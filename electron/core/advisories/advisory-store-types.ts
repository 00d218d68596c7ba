import type { AdvisoryIntegrity } from './advisory-types';

/** What the advisories channels return beside the import report (advisory-list.ts, advisory-keys.ts); types only, the renderer sees them. */

/** One advisory as the list shows it: its current revision and what it holds. */
export interface AdvisorySummary {
  /** The current revision's row id. */
  id: string;
  publisherName: string;
  publisherNamespace: string;
  trackingId: string;
  version: string;
  title: string;
  currentReleaseDate: string;
  importedAt: string;
  integrity: AdvisoryIntegrity;
  /** Revisions stored for this advisory, the current one included. */
  revisions: number;
  products: number;
  cves: string[];
  /** Highest CVSS v3 base score of the current revision; null when none is given. */
  cvss: number | null;
}

export interface AdvisoryListPage {
  total: number;
  items: AdvisorySummary[];
}

export interface AdvisoryListQuery {
  /** Part of the tracking id, title, publisher or a CVE, case-insensitive. */
  search?: string;
  offset?: number;
  limit?: number;
}

export interface PublisherKey {
  fingerprint: string;
  userIds: string[];
  addedAt: string;
  addedBy: string;
}

/** A key about to be trusted: its fingerprint to compare with the publisher's. */
export interface PublisherKeyPreview {
  fingerprint: string;
  userIds: string[];
  alreadyTrusted: boolean;
}
