import type { DefinitionsFileKind } from '../definitions/definitions-types';
import type { ErrorParams, ErrorShape } from '../errors';
import type { RegisterName } from '../registers/register-types';

/**
 * Why a bundle is refused: a closed list, in the order verification checks
 * them. Each has its own CLI exit code (electron/cli/cli-io.ts, README).
 */
export const FAILURE_CLASSES = [
  // 1. Zip structure, before anything is read.
  'zip_structure',
  'unsafe_name',
  'symlink',
  'duplicate_name',
  'outside_layout',
  'size_limit',
  'compression',
  // 2. The signature over the tag manifest.
  'signature_invalid',
  'wrong_namespace',
  'untrusted_signer',
  // 3. Tag manifest, manifest, payload.
  'bag_invalid',
  'tag_manifest_mismatch',
  'manifest_mismatch',
  'missing_file',
  'unlisted_file',
  // 4. Replay and order.
  'replay',
  'sequence_not_newer',
  // 5. The records, before anything is written.
  'records_invalid',
  'chain_broken',
  'ownership',
] as const;

export type FailureClass = (typeof FAILURE_CLASSES)[number];

export interface BundleFailure {
  class: FailureClass;
  /** The zip entry or record at fault; null for the bundle as a whole. */
  entry: string | null;
  /** Message key under `bundle.reasons.`, e.g. `absolute`. */
  reason: string;
  params?: Record<string, string | number>;
}

export type BundleKind = 'site' | 'review';

/** What bag-info.txt declares, once its signature and hash are checked. */
export interface BagSummary {
  bundleId: string;
  kind: BundleKind;
  siteId: string;
  siteName: string;
  sourceOrganization: string;
  signerFingerprint: string;
  signerName: string;
  sequence: number;
  baggedAt: string;
  payloadBytes: number;
  payloadFiles: number;
  formatVersion: string;
  /** The media log's head the signer declared (site bundles); null from a Hoan that did not carry it. */
  mediaLogHead: { entries: number; hash: string } | null;
}

export type VerifyStage = 'structure' | 'signature' | 'manifests' | 'replay' | 'records';

export interface VerifyReport {
  ok: boolean;
  fileName: string;
  bytes: number;
  /** Stages passed, in order; verification stops at the first that fails. */
  passed: VerifyStage[];
  failures: BundleFailure[];
  /** Known once the signature and tag manifest hold. */
  bag: BagSummary | null;
  /** The scanner definitions head office added (bundle-definitions.ts), once the records stage holds; null when none. */
  definitions: CarriedDefinitions | null;
  checkedAt: string;
}

/** A ClamAV definitions set as a review bundle carries it (`data/definitions/clamav.json`). */
export interface CarriedDefinitions {
  scanner: 'clamav';
  /** The set's label at head office, e.g. `daily 27500`. */
  version: string | null;
  /** The newest build time among the files, ISO. */
  builtAt: string | null;
  files: { name: string; sha256: string; size: number; kind: DefinitionsFileKind; version: string | null; builtAt: string | null }[];
}

/**
 * What became of the definitions a bundle carried: `sent` (exported here),
 * `pending` (imported, not yet installed: finished by the next bundle import),
 * `installed`, `same` (the set is already current), `older` (the current set
 * is newer: kept), `refused` (the store's checks or the signer's role refused
 * them; `reason` says why).
 */
export type DefinitionsOutcomeState = 'sent' | 'pending' | 'installed' | 'same' | 'older' | 'refused';

export interface DefinitionsOutcome {
  state: DefinitionsOutcomeState;
  version: string | null;
  builtAt: string | null;
  files: number;
  /** The store's set the bundle installed (`installed`), or the current one that stayed (`same`, `older`). */
  setId: string | null;
  reason: { messageKey: string; params?: ErrorParams } | null;
}

/**
 * Which advisories head office's bundle for a site carries (bundle-advisories.ts):
 * `new`, every current revision not yet sent to that site; `relevant`, those
 * of them that match the site's inventory as head office holds it; `none`.
 */
export const ADVISORY_SELECTIONS = ['new', 'relevant', 'none'] as const;
export type AdvisorySelection = (typeof ADVISORY_SELECTIONS)[number];

/** One CSAF document a bundle carries, without its text. */
export interface CarriedAdvisory {
  publisherNamespace: string;
  trackingId: string;
  version: string;
  /** sha256 of the document's bytes. */
  sha256: string;
}

/** What a bundle's advisories became: `sent` (exported here), `pending` (not yet through the store), or the store's outcome. */
export type AdvisoryArrivalState = 'sent' | 'pending' | 'imported' | 'updated' | 'unchanged' | 'refused';

export interface AdvisoriesOutcome {
  counts: Record<AdvisoryArrivalState, number>;
  /** The documents the store refused, each with its reason: the bundle itself stays imported. */
  refused: (CarriedAdvisory & { reason: { messageKey: string; params?: ErrorParams } | null })[];
  /** A maker alias table it carried, and whether this installation took it. */
  aliasTable: { version: number; installed: boolean } | null;
}

export interface ImportSummary {
  kind: BundleKind;
  siteId: string;
  siteName: string;
  bundleId: string;
  /** Rows written per record file; unchanged rows are not counted. */
  counts: Record<string, number>;
  evidenceStored: number;
  /** The definitions the bundle carried and what became of them; null when it carried none. */
  definitions: DefinitionsOutcome | null;
  /** Head office's advisories and what the store made of them; null for a site bundle. */
  advisories?: AdvisoriesOutcome | null;
}

export interface ExportResult {
  path: string;
  fileName: string;
  bytes: number;
  bundleId: string;
  kind: BundleKind;
  sequence: number;
  payloadFiles: number;
  /** The definitions set the bundle carries; null without. */
  definitions: CarriedDefinitions | null;
  /** Review bundles: how many advisories it carries, chosen how. */
  advisories?: { selection: AdvisorySelection; count: number; aliasTableVersion: number | null } | null;
  /** Read back from the medium and verified: only then is it safe to remove. */
  verified: true;
  /** Exports a crash interrupted earlier, as this export found and settled them. */
  earlier: ExportReconciliation[];
}

/**
 * An interrupted export as a later one settled it: `recorded` (its file was
 * complete and verified), `set_aside` (renamed to NAME.partial; `detail` is the
 * failure class or `unreadable`), `abandoned` (no file left), `unreachable`
 * (its folder is absent: the number stays reserved until the medium is back),
 * `unsettled` (the medium refused a rename or delete; `detail` says why).
 */
export interface ExportReconciliation {
  fileName: string;
  targetDir: string;
  sequence: number;
  siteId: string;
  outcome: 'recorded' | 'set_aside' | 'abandoned' | 'unreachable' | 'unsettled';
  detail: string;
}

export type BundleJobKind = 'export' | 'verify' | 'import';
export type BundleJobState = 'running' | 'done' | 'failed' | 'cancelled';
export type BundleJobPhase = 'preparing' | 'reconciling' | 'writing' | 'syncing' | 'reading_back' | 'verifying' | 'storing' | 'importing' | 'installing_definitions' | 'importing_advisories' | 'finished';

export interface BundleJob {
  id: string;
  kind: BundleJobKind;
  state: BundleJobState;
  phase: BundleJobPhase;
  bytesDone: number;
  bytesTotal: number;
  startedAt: string;
  endedAt: string | null;
  exported: ExportResult | null;
  /** Verify and import: the report, whether or not the bundle passed. */
  report: VerifyReport | null;
  imported: ImportSummary | null;
  error: ErrorShape | null;
}

export interface KeyInfo {
  installationId: string;
  name: string;
  principal: string;
  fingerprint: string;
  publicKey: string;
  /** The line another installation adds to its trust store. */
  allowedSigners: string;
  /** `os`: encrypted by the OS keychain (Electron); `file`: plain; `missing`: no key file. */
  protection: 'os' | 'file' | 'missing';
  /** `exposed`: group or others may read the file, and signing is refused; `not_checked` on Windows, where modes mean nothing. */
  access: 'owner_only' | 'exposed' | 'not_checked';
  /** The key file's permission bits, e.g. `0600`. */
  mode: string | null;
  keyFile: string;
}

export type SignerRole = 'site' | 'head_office';

export interface TrustedSigner {
  fingerprint: string;
  principal: string;
  name: string;
  role: SignerRole;
  /** `manual`, or the bundle that carried it. */
  source: string;
  addedAt: string;
  addedBy: string;
  revokedAt: string | null;
  allowedSigners: string;
}

export interface TrustPreview {
  signers: { fingerprint: string; principal: string; name: string; alreadyTrusted: boolean; isSelf: boolean }[];
  errors: { line: number; problem: string }[];
}

export interface BundleRecord {
  id: string;
  direction: 'export' | 'import';
  kind: BundleKind;
  siteId: string;
  siteName: string;
  signerFingerprint: string;
  signerName: string;
  sequence: number;
  baggedAt: string;
  fileName: string;
  payloadBytes: number;
  payloadFiles: number;
  recordedAt: string;
  recordedBy: string;
  /** The definitions it carried, and whether they were installed here; null when it carried none. */
  definitions: DefinitionsOutcome | null;
  /** The advisories it carried (sent, or what the store made of them); null when none. */
  advisories?: Record<AdvisoryArrivalState, number> | null;
}

export interface SiteOrigin {
  siteId: string;
  ownerFingerprint: string;
  ownerName: string;
  lastBundleId: string;
  lastBundleAt: string;
  importedAt: string;
}

export interface ReviewNote {
  id: string;
  siteId: string;
  roundId: string | null;
  itemId: string | null;
  /** The register the note is on (issue 14), and the entry (party id, connection point id) when one is named. */
  register: RegisterName | null;
  registerEntryId: string | null;
  text: string;
  authorFingerprint: string;
  authorName: string;
  writtenBy: string;
  createdAt: string;
  /** Written at this installation (false: arrived in a bundle). */
  mine: boolean;
}
