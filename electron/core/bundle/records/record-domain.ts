import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { BagSummary, BundleFailure, BundleKind } from '../bundle-types';
import type { Installation } from '../installation';

export interface ExportContext {
  db: Database.Database;
  siteId: string;
  kind: BundleKind;
  self: Installation;
  /** Review bundles: the advisory revisions chosen to send (bundle-advisories.ts). */
  advisoryIds?: readonly string[];
}

export interface ImportContext {
  db: Database.Database;
  siteId: string;
  kind: BundleKind;
  bundleId: string;
  signer: { fingerprint: string; name: string };
  userName: string;
  now: Date;
}

/**
 * One domain's records in a bundle: `data/records/<file>`. A domain adds
 * itself to the registry (records/index.ts); export, verify and import need
 * no change.
 */
export interface RecordDomain<T = unknown> {
  file: string;
  /** The bundles that carry this file: a site's own records, or head office's review. */
  kinds: readonly BundleKind[];
  schema: z.ZodType<T>;
  collect(ctx: ExportContext): T;
  /** Evidence the records cannot do without: each must be in the bundle. */
  requiredEvidence?(data: T): string[];
  /** Evidence the records mention, sent along when this installation has it. */
  citedEvidence?(ctx: ExportContext, data: T): string[];
  /** Checks that need no database, run at verify time (e.g. the media log's hash chain, and its head in bag-info). */
  check?(data: T, siteId: string, file: string, bag: BagSummary): BundleFailure | null;
  /** Checks against this installation's records, still before anything is written. */
  checkAgainst?(db: Database.Database, data: T, siteId: string, file: string): BundleFailure | null;
  /** Writes the records inside the import's transaction; returns rows written. */
  apply(ctx: ImportContext, data: T): number;
}

export function defineDomain<T>(domain: RecordDomain<T>): RecordDomain<T> {
  return domain;
}
