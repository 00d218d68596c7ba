import { z } from 'zod';
import { multiLine, singleLine } from '../text-schema';

/**
 * What the advisories channels accept. Paths are on the machine running
 * Hoan (a USB stick's folder, files on it), absolute as the definitions
 * import takes them (the CLI resolves what the user typed first). No
 * node:path here: the renderer sees this file.
 */
const ABSOLUTE = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;
const localPath = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .refine((p) => ABSOLUTE.test(p), { message: 'definitions.errors.pathNotAbsolute' });

export const advisoryImportSchema = z.object({ paths: z.array(localPath).min(1).max(100) }).strict();

export const advisoryListSchema = z
  .object({
    search: singleLine(200).optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict();

/** An ASCII-armoured public key as read from the publisher's .asc file. */
export const publisherKeySchema = z.object({ armored: multiLine(256 * 1024, 1) }).strict();
export const publisherKeyRefSchema = z.object({ fingerprint: z.string().trim().regex(/^[0-9A-Fa-f\s]{32,80}$/) }).strict();
