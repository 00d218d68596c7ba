import type { RecordDomain } from './record-domain';
import { assessmentRecords } from './assessment-records';
import { auditRecords } from './audit-records';
import { catalogueRecords } from './catalogue-records';
import { inventoryRecords } from './inventory-records';
import { mediaRecords } from './media-records';
import { reviewRecords } from './review-records';
import { siteRecords } from './site-records';
import { trustRecords } from './trust-records';

/**
 * Every record file a bundle can carry, in the order an import applies them
 * (a site before its rounds, catalogues before the rounds decided on them).
 * A domain adds its serializer here.
 */
export const RECORD_DOMAINS: readonly RecordDomain[] = [
  siteRecords,
  catalogueRecords,
  assessmentRecords,
  mediaRecords,
  inventoryRecords,
  auditRecords,
  reviewRecords,
  trustRecords,
] as RecordDomain[];

export type { ExportContext, ImportContext, RecordDomain } from './record-domain';
