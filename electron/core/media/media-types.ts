import type { AuditEntry } from '../audit/audit-types';
import type { UsedDefinitions } from '../definitions/definitions-types';
import type { ErrorShape } from '../errors';
import type {
  Decision,
  ExceptionCovers,
  LogKind,
  ManifestLimits,
  MediumStatus,
  MediumType,
  ScanErrorReason,
  ScanMethod,
  ScannerConfig,
  ScannerState,
  ScannerProfileId,
  ScanResult,
} from './media-schema';

export interface Medium {
  id: string;
  siteId: string;
  controlNo: string;
  type: MediumType;
  description: string;
  ownerPerson: string;
  ownerCompany: string;
  serial: string;
  status: MediumStatus;
  createdAt: string;
  updatedAt: string;
}

export interface MediumDetail {
  medium: Medium;
  /** Registry changes, oldest first. */
  history: AuditEntry[];
}

export interface Detection {
  /** Path relative to the medium's root where the scanner reported one. */
  file: string;
  name: string;
}

/** What Hoan's own scan recorded. */
export interface ScanRecord {
  profile: ScannerProfileId;
  scanner: string;
  engineVersion: string;
  signatureVersion: string;
  startedAt: string;
  endedAt: string;
  filesScanned: number | null;
  exitCode: number | null;
  result: 'clean' | 'infected' | 'error';
  detections: Detection[];
  /** Why the scan failed, in the scanner's words (result `error`). */
  errorText: string;
  /** The same, as Hoan understood it (result `error`; absent in entries recorded before it was kept). */
  errorReason?: ScanErrorReason;
  /** The raw log in the evidence store. */
  logSha256: string;
  /** The definitions the scan ran with and how old they were (absent in entries recorded before it was kept). */
  definitions?: UsedDefinitions;
}

/** The bringer's own scan, shown by a log or certificate. */
export interface PriorScanRecord {
  evidenceSha256: string;
  evidenceName: string;
  scanDate: string;
  tool: string;
  signatureVersion: string;
  result: 'clean' | 'infected';
}

export interface ManifestFile {
  path: string;
  size: number;
  mtime: string;
  /** null when the file was over the size limit or the total limit was reached. */
  sha256: string | null;
}

export interface ManifestSummary {
  /** The full manifest (JSON) in the evidence store. */
  sha256: string;
  root: string;
  fileCount: number;
  totalBytes: number;
  hashedFiles: number;
  /** The file limit cut the listing short. */
  truncated: boolean;
  limits: ManifestLimits;
}

export interface ManifestDiff {
  added: number;
  changed: number;
  removed: number;
  /** The first paths of each kind, for display. */
  addedPaths: string[];
  changedPaths: string[];
  removedPaths: string[];
}

export interface CheckInBody {
  /** What the approved exception covers (decision `exception`; absent in entries recorded before it was kept, which cover the result). */
  exceptionCovers?: ExceptionCovers;
  targets: string[];
  scan: ScanRecord | null;
  prior: PriorScanRecord | null;
  manifest: ManifestSummary | null;
}

export interface CheckOutBody {
  manifest: ManifestSummary;
  diff: ManifestDiff | null;
}

export interface CorrectionBody {
  changes: { person?: string; company?: string; purpose?: string; targets?: string[] };
  reason: string;
}

/** One link of the tamper-evident checkpoint log. */
export interface LogEntry {
  id: string;
  siteId: string;
  /** Position in the site's chain, from 1. */
  n: number;
  kind: LogKind;
  at: string;
  mediumId: string | null;
  controlNo: string;
  mediumType: MediumType | '';
  person: string;
  company: string;
  purpose: string;
  method: ScanMethod | null;
  result: ScanResult | null;
  decision: Decision | null;
  approver: string;
  exceptionReason: string;
  /** The entry a check-out or correction is about. */
  refersTo: string | null;
  recordedBy: string;
  body: CheckInBody | CheckOutBody | CorrectionBody;
  prevHash: string;
  hash: string;
}

/** A row of the log view: the entry with what later entries said about it. */
export interface LogRow extends LogEntry {
  corrected: boolean;
  checkedOut: boolean;
}

export interface LogPage {
  /** Matching entries; counting stops COUNT_WINDOW past the page, and `totalCapped` says so. */
  total: number;
  totalCapped: boolean;
  offset: number;
  rows: LogRow[];
}

export interface LogEntryDetail {
  entry: LogEntry;
  /** Check-outs and corrections referring to it, oldest first. */
  related: LogEntry[];
  /** The entry with its corrections applied. */
  effective: Pick<LogEntry, 'person' | 'company' | 'purpose'> & { targets: string[] };
  /** The manifest's first files, for display. */
  manifestFiles: ManifestFile[];
}

export type VerifyProblem =
  | 'hash_mismatch'
  | 'prev_mismatch'
  | 'missing_entries'
  | 'out_of_order'
  | 'head_mismatch'
  | 'head_missing';

export interface VerifyBreak {
  problem: VerifyProblem;
  /** The chain position where the break was found (the entry that does not fit). */
  n: number;
  /** The stored row there, when there is one. */
  entryId: string | null;
  seq: number | null;
  /** For missing entries: the positions expected. */
  expectedN: number;
}

/** What an entry says that contradicts itself or the entry before it (log-semantics.ts). */
export type LogFindingProblem =
  | 'time_reversed'
  | 'time_invalid'
  | 'scan_record_missing'
  | 'scan_result_mismatch'
  | 'scan_after_entry'
  | 'prior_record_missing'
  | 'prior_result_mismatch'
  | 'method_result_mismatch'
  | 'decision_mismatch'
  | 'exception_incomplete'
  | 'unexpected_claim'
  | 'definitions_stale_mismatch'
  | 'exception_covers_mismatch';

/** A clock set back by less than the tolerance: reported, not counted as tampering. */
export type LogWarningProblem = 'clock_back';

export interface LogFinding<P extends string = LogFindingProblem> {
  problem: P;
  n: number;
  entryId: string;
  seq: number;
  at: string;
  /** Time problems: the entry before it. */
  prevAt: string | null;
}

/** An exported head that the chain as it is now no longer holds. */
export interface AnchorMismatch {
  /** `missing`: the chain is shorter than the head; `differs`: entry n has another hash; `unrecorded`: the export's head record is gone. */
  problem: 'missing' | 'differs' | 'unrecorded';
  bundleId: string;
  fileName: string;
  sequence: number;
  baggedAt: string;
  /** The head as exported (entries, hash of the last); null when its record is gone. */
  n: number | null;
  hash: string | null;
}

export interface VerifyResult {
  /** Nothing found and the guards in place. */
  ok: boolean;
  /** A broken link, an exported head no longer held, or an entry that contradicts itself. */
  tampered: boolean;
  entries: number;
  headHash: string | null;
  firstBreak: VerifyBreak | null;
  /** The heads this installation put into bundles, checked against the chain as it is now. */
  anchors: { checked: number; mismatches: AnchorMismatch[] };
  /** The first findings in chain order, and how many there are in all. */
  findings: LogFinding[];
  findingsTotal: number;
  warnings: LogFinding<LogWarningProblem>[];
  warningsTotal: number;
  /** How far a clock may be set back before an entry counts as back-dated. */
  clockToleranceMs: number;
  /** The database triggers that refuse edits and deletions are in place. */
  guardsPresent: boolean;
  /** The guard triggers that are gone. */
  guardsMissing: string[];
  checkedAt: string;
  elapsedMs: number;
  /** Threads that shared the walk (1: the single-threaded walk that names breaks). */
  threads: number;
}

export type ScanJobState = 'running' | 'done' | 'failed' | 'cancelled';
export type ScanJobPhase = 'listing' | 'hashing' | 'scanning' | 'storing' | 'finished';

export interface ScanOutcome {
  /** The check's result; `clean` allows. */
  result: 'clean' | 'infected' | 'error' | null;
  scan: ScanRecord | null;
  manifest: ManifestSummary;
}

export interface ScanJob {
  id: string;
  siteId: string;
  path: string;
  scan: boolean;
  state: ScanJobState;
  phase: ScanJobPhase;
  filesTotal: number | null;
  filesDone: number;
  startedAt: string;
  endedAt: string | null;
  outcome: ScanOutcome | null;
  error: ErrorShape | null;
  /** Used by a check-in or check-out already. */
  consumed: boolean;
}

export interface DetectedDrive {
  /** Where the files are: a mount point, or a drive root such as `E:\`. */
  path: string;
  label: string;
  device: string;
  fileSystem: string;
  sizeBytes: number | null;
  serial: string;
}

export interface DriveDetection {
  platform: 'linux' | 'windows' | 'macos' | 'other';
  drives: DetectedDrive[];
  /** Detection failed or is unsupported: the user chooses a folder instead. */
  error: string | null;
}

export interface ScannerProfileInfo {
  id: ScannerProfileId;
  name: string;
  defaultExecutable: string;
  usesDatabasePath: boolean;
}

/** One set of definitions the scanner would load. */
export interface DefinitionSet {
  /** The file in the definitions folder (ClamAV), or the scanner's name for its set (Defender). */
  name: string;
  version: string | null;
  /** When the set was built (a ClamAV container's header, Defender's last update) or, for a plain signature file, last changed. */
  updatedAt: string | null;
  signatures: number | null;
  /** sigtool verified the container; null where nothing was verified. */
  verified: boolean | null;
}

/** The site's scanner as checked before a scan: is it there, and what would it scan with. */
export interface ScannerStatus {
  profile: ScannerProfileId;
  scanner: string;
  executable: string;
  state: ScannerState;
  engineVersion: string | null;
  /** Where the definitions are read from (ClamAV); null where the scanner keeps its own (Defender). */
  definitionsPath: string | null;
  /** The path is the scanner's default, not one set in the scanner settings. */
  definitionsPathIsDefault: boolean;
  definitions: DefinitionSet[];
  /** The newest definitions' time, and how many whole days old they were at `checkedAt`. */
  newestAt: string | null;
  ageDays: number | null;
  /** Definitions older than this are out of date (`stale`): the site's limit. */
  staleAfterDays: number;
  /**
   * What a scan started now would record: where its definitions come from
   * (`used.source`), their version, build time and age against the limit.
   */
  used: UsedDefinitions;
  /** The definitions file the scanner would refuse (`definitions_invalid`). */
  invalidFile: string | null;
  /** The commands run and what they printed, for whoever looks further. */
  detail: string;
  checkedAt: string;
}

export interface ScannerSettings {
  config: ScannerConfig;
  /** true when nothing was saved for the site yet. */
  isDefault: boolean;
  profiles: ScannerProfileInfo[];
}

export interface ExportResult {
  path: string;
  rows: number;
}
