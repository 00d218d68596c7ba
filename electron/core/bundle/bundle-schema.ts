import { z } from 'zod';
import { multiLine, singleLine } from '../text-schema';
import { entityId } from '../validation';
import { REGISTER_NAMES, type RegisterName } from '../registers/register-types';
import { ADVISORY_SELECTIONS } from './bundle-types';

/** A path on the machine running Hoan (a USB stick's folder, a bundle file); checked by core before use. */
export const localPathSchema = z.string().trim().min(1).max(1000);

/** A bundle to verify or import: a file on this machine, or one the web host received as an upload. */
export const bundleSourceSchema = z.union([z.object({ path: localPathSchema }).strict(), z.object({ uploadId: entityId }).strict()]);
export type BundleSource = z.output<typeof bundleSourceSchema>;

/**
 * `withDefinitions`: head office adds its current scanner definitions to a site's review bundle;
 * `advisories`: which CSAF advisories it adds (bundle-advisories.ts), `new` when not said.
 */
export const exportStartSchema = z.object({ siteId: entityId, targetDir: localPathSchema, withDefinitions: z.boolean().optional(), advisories: z.enum(ADVISORY_SELECTIONS).optional() }).strict();

export const trustTextSchema = z.object({ text: z.string().max(64 * 1024) }).strict();
export const trustAddSchema = trustTextSchema.extend({ role: z.enum(['site', 'head_office']) }).strict();
export const fingerprintSchema = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/);

export const installationNameSchema = z.object({ name: singleLine(100, 1) }).strict();

export const reviewNoteSchema = z
  .object({
    siteId: entityId,
    roundId: entityId.optional(),
    itemId: z.string().min(1).max(32).optional(),
    /** A note on one of the site's registers (issue 14), and on one of its entries (a party, a point) when named. */
    register: z.enum(REGISTER_NAMES as [RegisterName, ...RegisterName[]]).optional(),
    registerEntryId: entityId.optional(),
    text: multiLine(4000, 1),
  })
  .strict();
