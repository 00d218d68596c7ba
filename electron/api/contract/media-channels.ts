import { z } from 'zod';
import {
  checkInSchema,
  checkOutSchema,
  correctionSchema,
  logFilterSchema,
  logQuerySchema,
  mediumFieldsSchema,
  scannerConfigSchema,
  scanStartSchema,
} from '../../core/media/media-schema';
import type * as M from '../../core/media/media-types';
import { entityId } from '../../core/validation';
import type { ChannelDef } from './contract';
import type { FileDownload } from './results';

function def<I extends z.ZodType>(input: I) {
  return { returns: <Result>(): ChannelDef<I, Result> => ({ input }) };
}

const bySite = z.object({ siteId: entityId }).strict();
const byJob = z.object({ jobId: entityId }).strict();

/** 8-1-3 removable-media checkpoint: registry, scans, the tamper-evident log and its export. */
export const mediaContract = {
  'media:list': def(z.object({ siteId: entityId, includeInactive: z.boolean().optional() }).strict()).returns<M.Medium[]>(),
  'media:get': def(z.object({ id: entityId }).strict()).returns<M.MediumDetail>(),
  'media:create': def(z.object({ siteId: entityId, fields: mediumFieldsSchema }).strict()).returns<M.Medium>(),
  'media:update': def(z.object({ id: entityId, fields: mediumFieldsSchema }).strict()).returns<M.Medium>(),
  'media:drives': def(z.object({}).strict()).returns<M.DriveDetection>(),
  'media:scanStart': def(scanStartSchema).returns<M.ScanJob>(),
  'media:scanStatus': def(byJob).returns<M.ScanJob>(),
  'media:scanCancel': def(byJob).returns<M.ScanJob>(),
  'media:checkIn': def(checkInSchema).returns<M.LogEntry>(),
  'media:checkOut': def(checkOutSchema).returns<M.LogEntry>(),
  'media:correct': def(correctionSchema).returns<M.LogEntry>(),
  'media:log': def(logQuerySchema).returns<M.LogPage>(),
  'media:entry': def(z.object({ siteId: entityId, id: entityId }).strict()).returns<M.LogEntryDetail>(),
  'media:verify': def(bySite).returns<M.VerifyResult>(),
  'media:exportXlsx': def(z.object({ siteId: entityId, filter: logFilterSchema.default({}) }).strict()).returns<FileDownload & { rows: number }>(),
  'media:scannerGet': def(bySite).returns<M.ScannerSettings>(),
  'media:scannerSet': def(z.object({ siteId: entityId, config: scannerConfigSchema }).strict()).returns<M.ScannerSettings>(),
  /** Checked before a scan: the program, its definitions' version and age (nothing is written). */
  'media:scannerStatus': def(bySite).returns<M.ScannerStatus>(),
};
