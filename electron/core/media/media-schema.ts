import { z } from 'zod';
import { DEFAULT_MAX_DEFINITIONS_AGE_DAYS, MAX_MAX_DEFINITIONS_AGE_DAYS, MIN_MAX_DEFINITIONS_AGE_DAYS } from '../definitions/definitions-types';
import { multiLine, singleLine } from '../text-schema';
import { alongsideFieldErrors, entityId, isoDate, refineIssue } from '../validation';

/** What can carry files into the monitoring or control systems (8-1-3). */
export const MEDIUM_TYPES = ['usb_stick', 'external_disk', 'sd_card', 'laptop', 'instrument', 'other'] as const;
export type MediumType = (typeof MEDIUM_TYPES)[number];

export const MEDIUM_STATUSES = ['active', 'lost', 'retired'] as const;
export type MediumStatus = (typeof MEDIUM_STATUSES)[number];

/** How the medium was confirmed free of anomalies before connecting. */
export const SCAN_METHODS = ['scan_here', 'prior_evidence', 'none'] as const;
export type ScanMethod = (typeof SCAN_METHODS)[number];

/** What the check found: the 結果 column. */
export const SCAN_RESULTS = ['clean', 'infected', 'error', 'no_evidence'] as const;
export type ScanResult = (typeof SCAN_RESULTS)[number];

/**
 * Why a scan ended in `error`, read from the scanner's own output: each has a
 * message saying what to do (media.scanErrors.*). The raw output is kept as
 * evidence beside it.
 */
export const SCAN_ERROR_REASONS = ['no_database', 'database_invalid', 'permission_denied', 'file_not_found', 'not_installed', 'timeout', 'unknown'] as const;
export type ScanErrorReason = (typeof SCAN_ERROR_REASONS)[number];

/** The scanner as checked before a scan (scanner-status.ts). */
export const SCANNER_STATES = ['ready', 'stale', 'not_installed', 'no_definitions', 'definitions_invalid', 'unknown'] as const;
export type ScannerState = (typeof SCANNER_STATES)[number];

/** The 判定: allowed, denied, or allowed by exception (with a reason and an approver). */
export const DECISIONS = ['allowed', 'denied', 'exception'] as const;
export type Decision = (typeof DECISIONS)[number];

export const LOG_KINDS = ['check_in', 'check_out', 'correction'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

export const SCANNER_PROFILE_IDS = ['clamav', 'defender'] as const;
export type ScannerProfileId = (typeof SCANNER_PROFILE_IDS)[number];

const text = (max: number) => singleLine(max);
const required = (max: number) => singleLine(max, 1);
/** A path on this machine, checked by core before use: not a name shown to people. */
const localPath = (max: number) => z.string().trim().max(max);

export const mediumFieldsSchema = z
  .object({
    /** 管理番号: unique within the site. */
    controlNo: required(50),
    type: z.enum(MEDIUM_TYPES),
    description: text(200).default(''),
    ownerPerson: text(100).default(''),
    ownerCompany: text(100).default(''),
    /** Volume serial or USB serial, where readable. */
    serial: text(100).default(''),
    status: z.enum(MEDIUM_STATUSES).default('active'),
  })
  .strict();
export type MediumFieldsInput = z.input<typeof mediumFieldsSchema>;
export type MediumFields = z.output<typeof mediumFieldsSchema>;

/** A medium path on the machine running Hoan: checked to be an existing folder before anything runs. */
export const mediumPathSchema = z.string().trim().min(1).max(1000);

export const scanStartSchema = z
  .object({
    siteId: entityId,
    path: mediumPathSchema,
    /** false: only the manifest (prior-scan evidence, or check-out). */
    scan: z.boolean(),
  })
  .strict();

const targetsSchema = z.array(required(200)).max(50).default([]);

const priorEvidenceSchema = z
  .object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    name: required(255),
    scanDate: isoDate,
    tool: required(100),
    signatureVersion: required(100),
    /** What the bringer's certificate says. */
    result: z.enum(['clean', 'infected']),
  })
  .strict();

const exceptionSchema = z.object({ reason: multiLine(500, 1), approver: required(100) }).strict();

export const checkInSchema = z
  .object({
    siteId: entityId,
    mediumId: entityId,
    person: required(100),
    company: text(100).default(''),
    purpose: required(200),
    targets: targetsSchema,
    method: z.enum(SCAN_METHODS),
    /** The finished scan job (scan_here), or the manifest job that may accompany prior evidence. */
    jobId: entityId.optional(),
    prior: priorEvidenceSchema.optional(),
    /** Allowing a medium the check denied: shown as an exception everywhere. */
    exception: exceptionSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.method === 'scan_here' && !v.jobId) refineIssue(ctx, ['jobId'], 'media.errors.scanRequired');
    if (v.method === 'prior_evidence' && !v.prior) refineIssue(ctx, ['prior'], 'media.errors.priorRequired');
    if (v.method !== 'prior_evidence' && v.prior) refineIssue(ctx, ['prior'], 'media.errors.priorOnlyWithMethod');
    if (v.method === 'none' && v.jobId) refineIssue(ctx, ['jobId'], 'media.errors.noJobWithoutScan');
  }, alongsideFieldErrors);
export type CheckInInput = z.input<typeof checkInSchema>;
export type CheckIn = z.output<typeof checkInSchema>;

export const checkOutSchema = z.object({ siteId: entityId, checkInId: entityId, jobId: entityId }).strict();

export const CORRECTABLE_FIELDS = ['person', 'company', 'purpose', 'targets'] as const;

export const correctionSchema = z
  .object({
    siteId: entityId,
    entryId: entityId,
    changes: z
      .object({
        person: required(100).optional(),
        company: text(100).optional(),
        purpose: required(200).optional(),
        targets: z.array(required(200)).max(50).optional(),
      })
      .strict(),
    reason: multiLine(500, 1),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (typeof v.changes === 'object' && v.changes !== null && Object.keys(v.changes).length === 0) {
      refineIssue(ctx, ['changes'], 'media.errors.nothingToCorrect');
    }
  }, alongsideFieldErrors);

/** Filters of the log view and the export. Dates are days in the installation's zone (Japan unless set), both ends included. */
export const logFilterSchema = z
  .object({
    mediumId: entityId.optional(),
    person: text(100).optional(),
    company: text(100).optional(),
    dateFrom: isoDate.optional(),
    dateTo: isoDate.optional(),
    result: z.enum(SCAN_RESULTS).optional(),
    decision: z.enum(DECISIONS).optional(),
    kind: z.enum(LOG_KINDS).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (typeof f.dateFrom === 'string' && typeof f.dateTo === 'string' && f.dateFrom > f.dateTo) {
      refineIssue(ctx, ['dateTo'], 'media.errors.dateRangeReversed');
    }
  }, alongsideFieldErrors);
export type LogFilter = z.output<typeof logFilterSchema>;

export const LOG_PAGE_MAX = 500;

export const logQuerySchema = z
  .object({
    siteId: entityId,
    filter: logFilterSchema.default({}),
    offset: z.number().int().min(0).max(100_000_000).default(0),
    limit: z.number().int().min(1).max(LOG_PAGE_MAX).default(100),
  })
  .strict();

export const manifestLimitsSchema = z
  .object({
    /** Files listed at most; the manifest says when it stopped early. */
    maxFiles: z.number().int().min(1).max(1_000_000),
    /** Files larger than this are listed without a hash. */
    maxFileMb: z.number().int().min(1).max(1_048_576),
    /** Hashing stops once this much has been read. */
    maxTotalMb: z.number().int().min(1).max(10_485_760),
  })
  .strict();
export type ManifestLimits = z.output<typeof manifestLimitsSchema>;

export const scannerConfigSchema = z
  .object({
    profile: z.enum(SCANNER_PROFILE_IDS),
    /** Absolute path to the scanner; empty: the profile's default. */
    executablePath: localPath(1000).default(''),
    /** ClamAV's signature database (file or folder, `-d`); empty: the scanner's default. */
    databasePath: localPath(1000).default(''),
    timeoutMinutes: z.number().int().min(1).max(24 * 60).default(60),
    /** Definitions older than this many days make a check-in 'denied' unless an exception is approved (8-1-3). */
    maxDefinitionsAgeDays: z.number().int().min(MIN_MAX_DEFINITIONS_AGE_DAYS).max(MAX_MAX_DEFINITIONS_AGE_DAYS).default(DEFAULT_MAX_DEFINITIONS_AGE_DAYS),
    manifest: manifestLimitsSchema,
  })
  .strict();
export type ScannerConfigInput = z.input<typeof scannerConfigSchema>;
export type ScannerConfig = z.output<typeof scannerConfigSchema>;

export const DEFAULT_MANIFEST_LIMITS: ManifestLimits = { maxFiles: 20_000, maxFileMb: 1024, maxTotalMb: 16_384 };
export const DEFAULT_SCANNER_CONFIG: ScannerConfig = {
  profile: 'clamav',
  executablePath: '',
  databasePath: '',
  timeoutMinutes: 60,
  maxDefinitionsAgeDays: DEFAULT_MAX_DEFINITIONS_AGE_DAYS,
  manifest: DEFAULT_MANIFEST_LIMITS,
};

export { EXCEPTION_COVERS, exceptionCoversOf, exceptionNeeded, judge, type ExceptionCovers } from './judgement';
