/**
 * Vulnerability management (8-4, issue 13): the shapes every part agrees on.
 * The store (advisory-store.ts) imports CSAF 2.0 documents and writes the
 * tables of migration 0017; matching (advisory-matching.ts) reads them with
 * the site's inventory; triage (triage.ts) records a decision per device and
 * advisory; bundles carry documents to sites and decisions back.
 */

/** One file's outcome in an import (files, folders, ROLIE snapshots, bundles alike). */
export type AdvisoryImportStatus = 'imported' | 'updated' | 'unchanged' | 'refused';

export interface AdvisoryFileOutcome {
  /** The file as the user named it (relative to the folder given), or the bundle entry. */
  file: string;
  status: AdvisoryImportStatus;
  /** document.tracking.id, once the document was read far enough to know it. */
  trackingId?: string;
  publisherNamespace?: string;
  /** document.tracking.version of the revision taken (or refused). */
  version?: string;
  /** updated: the revision it superseded. */
  previousVersion?: string;
  /** The strongest check passed beside the schema. */
  integrity?: AdvisoryIntegrity;
  /** refused: a message key (ja/en) and its values, naming what is wrong and what to do. */
  reason?: AdvisoryNote;
  /**
   * Taken, but with something to say (message keys): an older revision stored
   * as superseded, a signature by a key not in the trust store.
   */
  notes?: AdvisoryNote[];
}

export interface AdvisoryNote {
  key: string;
  params?: Record<string, string | number>;
}

export interface AdvisoryImportReport {
  files: AdvisoryFileOutcome[];
  counts: Record<AdvisoryImportStatus, number>;
}

export type AdvisoryIntegrity = 'none' | 'sha512' | 'openpgp';

/** A document handed to the store already in memory (a bundle entry, a test). */
export interface AdvisoryText {
  /** How the outcome names it. */
  file: string;
  text: string;
  /** The `.sha512` beside it, when there is one. */
  sha512?: string;
  /** The `.asc` beside it, when there is one. */
  asc?: string;
}

export interface AdvisoryImportOptions {
  /** Where the documents came from, recorded on each revision: a path, or `bundle:<id>`. */
  source?: string;
  /** A head-office bundle already verified by its signature: recorded as such. */
  bundleId?: string;
}

export type RemediationCategory = 'mitigation' | 'no_fix_planned' | 'none_available' | 'vendor_fix' | 'workaround';

export interface Remediation {
  category: RemediationCategory;
  details: string;
  url?: string;
}

/** affected: inside a known_affected range (or all versions); review: the product matches but the version cannot be decided. */
export type MatchStatus = 'affected' | 'review';

/**
 * How sure the product match is, after the OASIS SBOM-matching guidance:
 * exact name, same name but for case, same but for case and dashes/spaces,
 * by a model number (wildcards allowed), or by the product name alone.
 */
export type MatchConfidence = 'exact' | 'case_insensitive' | 'ignoring_dashes' | 'model_number' | 'name_only';

export interface AdvisoryMatch {
  siteId: string;
  deviceId: string;
  /** The device's 管理番号. */
  assetId: string;
  publisherNamespace: string;
  /** document.tracking.id, e.g. ICSA-20-212-02. */
  advisoryId: string;
  /** The current revision's document sha256 and version. */
  advisorySha256: string;
  advisoryVersion: string;
  title: string;
  status: MatchStatus;
  cves: string[];
  /** The highest CVSS v3 base score among the vulnerabilities that touch the matched product; null when none given. */
  cvss: number | null;
  /** The advisory's vendor and product names, as written. */
  vendor: string;
  product: string;
  /** The range or version as written in the advisory ('' when none). */
  versionRange: string;
  /** The device's version as written in the inventory ('' when none). */
  deviceVersion: string;
  confidence: MatchConfidence;
  remediations: Remediation[];
}

/** 影響あり / 影響なし / 対応中 / 対応済 / リスク受容 */
export const TRIAGE_STATUSES = ['affected', 'not_affected', 'in_progress', 'resolved', 'risk_accepted'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

export const NOT_AFFECTED_REASONS = ['version_not_affected', 'function_not_used', 'not_reachable', 'other'] as const;
export type NotAffectedReason = (typeof NOT_AFFECTED_REASONS)[number];

export interface TriageDecision {
  id: string;
  siteId: string;
  deviceId: string;
  publisherNamespace: string;
  advisoryId: string;
  status: TriageStatus;
  reasonCode: NotAffectedReason | null;
  note: string;
  compensatingControl: string;
  /** risk_accepted: the review date; in_progress: the planned date (YYYY-MM-DD). */
  dueOn: string | null;
  riskId: string | null;
  advisorySha256: string;
  deviceVersion: string;
  decidedAt: string;
  decidedBy: string;
  bundleId: string | null;
}

/**
 * A match with the decision in force. A decision is reopened (status
 * 'open' again, `reopened` saying why) when the advisory got a newer
 * revision or the device's version changed since it was made.
 */
export interface TriagedMatch extends AdvisoryMatch {
  decision: TriageDecision | null;
  /** open: no decision in force (never decided, or reopened). */
  triage: TriageStatus | 'open';
  reopened: {
    advisoryRevised?: { from: string; to: string };
    versionChanged?: { from: string; to: string };
    /** 対応済 with the version after the patch, and that version is still inside the affected range. */
    stillAffected?: { version: string; range: string };
  } | null;
  /** The device's 機器名, for showing the match. */
  deviceName?: string;
  /** in_progress past its planned date, or risk_accepted past its review date (in the installation's time zone). */
  overdue?: boolean;
}
