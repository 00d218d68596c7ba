import { z } from 'zod';
import { LANGUAGES } from '../settings/settings-schema';
import { entityId, isoDate, refineIssue } from '../validation';

export const reportInputSchema = z
  .object({
    siteId: entityId,
    /** The period, as calendar days in the installation's zone, both included. */
    from: isoDate,
    to: isoDate,
    language: z.enum(LANGUAGES).default('ja'),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.from > r.to) refineIssue(ctx, ['to'], 'errors.report.periodReversed');
  });

export type ReportInput = z.output<typeof reportInputSchema>;
