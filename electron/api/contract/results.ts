import type {
  Classification,
  ClassificationAnswers,
  ClassificationOutcome,
  ClassificationResult,
} from '../../core/classification/classification-schema';
import type { Region } from '../../core/reference/region-types';
import type { Site } from '../../core/sites/site-schema';

export type { Classification, ClassificationAnswers, ClassificationOutcome, ClassificationResult, Region, Site };
export type { Settings, Language, SetupState } from '../../core/settings/settings-schema';
export type { BackupResult } from '../../core/db/backup-types';
export type { IntegrityState, IntegrityStatus } from '../../core/db/integrity-types';

export interface AppInfo {
  version: string;
  dataDir: string;
  dbPath: string;
  schemaVersion: number;
}

export interface SiteSummary extends Site {
  classification: Pick<Classification, 'result' | 'classifiedAt'> | null;
}

export interface SiteDetail {
  site: Site;
  region: Region;
  /** Newest first; the first is the site's current 区分. */
  classifications: Classification[];
  /** What the site's recorded facts imply; the wizard's starting point. */
  suggestedAnswers: ClassificationAnswers;
  /** The site's facts changed since the last classification so that the answers differ. */
  classificationStale: boolean;
}

/** A file received by an upload: where it went and what it was called. */
export interface UploadResult {
  sha256: string;
  size: number;
  name: string;
  /** Set for files held for a later step rather than stored, e.g. a spreadsheet to import. */
  uploadId?: string;
}

export type { AssessmentDetail, AssessmentItemView, AssessmentRound, Conformity, Decision, ItemState, RoundSummary, Status } from '../../core/checklist/assessment-schema';
export type { CatalogueDiff, CatalogueRef, Level, LocalText } from '../../core/checklist/catalogue-schema';
export type { OverviewRow, SiteDashboard } from '../../core/checklist/dashboard-types';
export type { DefinitionsGlance, DefinitionsGlanceState } from '../../core/definitions/site-definitions-types';
export type { AdvisoryGlance, TriageState } from '../../core/advisories/advisory-glance-types';
export type { Risk, RiskFields, RiskLevel } from '../../core/checklist/risk-schema';
export type { AuditEntry } from '../../core/audit/audit-types';

/** A generated file for the user to save: its suggested name and bytes. */
export interface FileDownload {
  fileName: string;
  base64: string;
}

/** An operation with nothing to return. */
export interface Done {
  done: true;
}

export type {
  DetectedDrive,
  DriveDetection,
  LogEntry,
  LogEntryDetail,
  LogPage,
  LogRow,
  Medium,
  MediumDetail,
  ScanJob,
  ScannerSettings,
  ScannerStatus,
  VerifyResult,
} from '../../core/media/media-types';
export type { ExceptionCovers, ScanErrorReason } from '../../core/media/media-schema';
export type { UsedDefinitions } from '../../core/definitions/definitions-types';

export type {
  AfterTableEnd,
  CommitResult,
  Device,
  DeviceCheck,
  DeviceDetail,
  DeviceEvent,
  ImportBatch,
  ImportJobStatus,
  ImportPreview,
  InventoryExport,
  InventoryList,
  JobRef,
  LocationSummary,
  MappingProfile,
  PreviewColumn,
  PreviewSample,
  RowIssue,
  UndoSummary,
} from '../../core/inventory/inventory-types';
export type { Provision, ProvisionDraft } from '../../core/regulation/regulation-schema';

export type {
  AdvisoriesOutcome,
  AdvisorySelection,
  BagSummary,
  BundleFailure,
  BundleJob,
  BundleRecord,
  CarriedDefinitions,
  DefinitionsOutcome,
  ExportReconciliation,
  ExportResult as BundleExportResult,
  FailureClass,
  ImportSummary,
  KeyInfo,
  ReviewNote,
  SiteOrigin,
  TrustedSigner,
  TrustPreview,
  VerifyReport,
} from '../../core/bundle/bundle-types';

/** The inspector's report as an HTML fragment (escaped, classes only) for the app to show and print. */
export interface ReportHtml {
  html: string;
}

export type { DefinitionsFile, DefinitionsSet, DefinitionsSource } from '../../core/definitions/definitions-types';
export type { DefinitionsFileStatus, DefinitionsImportResult, DefinitionsStatus } from '../../core/definitions/definitions-store-types';
export type { AdvisoryFileOutcome, AdvisoryImportReport, AdvisoryImportStatus, AdvisoryIntegrity, AdvisoryNote } from '../../core/advisories/advisory-types';
export type { AdvisoryListPage, AdvisorySummary, PublisherKey, PublisherKeyPreview } from '../../core/advisories/advisory-store-types';
export type { AdvisoryMatch, MatchConfidence, MatchStatus, Remediation } from '../../core/advisories/advisory-types';
export type { TriageDecision, TriagedMatch, TriageStatus, NotAffectedReason } from '../../core/advisories/advisory-types';
export type { ClosedTriage, TriageCountKey, TriageOverview } from '../../core/advisories/triage-types';
export type { TriageFilter } from '../../core/advisories/triage-schema';
