import type { RecordDomain } from './record-domain';
import { advisoryRecords } from './advisory-records';
import { assessmentRecords } from './assessment-records';
import { auditRecords } from './audit-records';
import { catalogueRecords } from './catalogue-records';
import { inventoryRecords } from './inventory-records';
import { mediaRecords } from './media-records';
import { registerRecords } from './register-records';
import { reviewRecords } from './review-records';
import { siteRecords } from './site-records';
import { triageRecords } from './triage-records';
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
  // After the inventory: a point's ends name its devices by 管理番号 (and the evidence files are already in).
  registerRecords,
  // After the inventory and the rounds' risks: the devices and risk entries the decisions name.
  triageRecords,
  auditRecords,
  reviewRecords,
  // Before the trust list: a signer's role is the one it had before this bundle.
  advisoryRecords,
  trustRecords,
] as RecordDomain[];

export type { ExportContext, ImportContext, RecordDomain } from './record-domain';
