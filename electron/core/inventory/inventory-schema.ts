import { z } from 'zod';
import { multiLine, singleLine } from '../text-schema';
import { entityId, isoDate, refineIssue } from '../validation';
import { CHECK_STATUSES, COLUMN_TARGETS } from './inventory-types';

/** Excel's last column is XFD, the 16,384th. */
const MAX_COLUMNS = 16_384;

export const columnMappingSchema = z
  .array(z.object({ index: z.number().int().min(0).max(MAX_COLUMNS - 1), target: z.enum(COLUMN_TARGETS) }).strict())
  .max(MAX_COLUMNS)
  .superRefine((columns, ctx) => {
    const seen = new Map<string, number>();
    columns.forEach((c, i) => {
      if (c.target === 'extra' || c.target === 'ignore') return;
      if (seen.has(c.target)) refineIssue(ctx, [i, 'target'], 'errors.inventory.duplicateTarget');
      else seen.set(c.target, i);
    });
  });
export type ColumnMapping = z.output<typeof columnMappingSchema>;

const profileName = singleLine(100, 1);

export const previewInputSchema = z
  .object({
    siteId: entityId,
    uploadId: entityId,
    sheet: z.string().max(200).optional(),
    mappingProfile: profileName.optional(),
    mapping: columnMappingSchema.optional(),
  })
  .strict();
export type PreviewInput = z.output<typeof previewInputSchema>;

export const jobInputSchema = z.object({ jobId: entityId }).strict();

export const commitInputSchema = z
  .object({
    jobId: entityId,
    /** Saves the mapping under this name, for the next file of the same shape. */
    profileName: profileName.optional(),
    /** Confirms a file with no valid row: every device of the site is marked as not in it. */
    allowEmpty: z.boolean().optional(),
  })
  .strict();

export const siteInputSchema = z.object({ siteId: entityId }).strict();

export const deviceInputSchema = z.object({ siteId: entityId, deviceId: entityId }).strict();

export const listInputSchema = z
  .object({
    siteId: entityId,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
    search: singleLine(200).optional(),
    /** Exactly this 設置箇所 ('' for devices without one). */
    location: z.string().max(500).optional(),
  })
  .strict();
export type ListInput = z.output<typeof listInputSchema>;

export const checkInputSchema = z
  .object({
    siteId: entityId,
    deviceId: entityId,
    status: z.enum(CHECK_STATUSES),
    checkedOn: isoDate,
    newLocation: singleLine(500).default(''),
    note: multiLine(2000).default(''),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.status === 'moved' && !input.newLocation) refineIssue(ctx, ['newLocation'], 'errors.inventory.movedNeedsLocation');
  });
export type CheckInput = z.output<typeof checkInputSchema>;
