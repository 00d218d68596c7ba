import { z } from 'zod';
import { absoluteLocalPath } from '../validation';
import { multiLine, singleLine } from '../text-schema';

/** What the advisories channels accept: absolute paths on the machine running Hoan (validation.ts), as the definitions import takes them. No node:path here: the renderer sees this file. */

export const advisoryImportSchema = z.object({ paths: z.array(absoluteLocalPath).min(1).max(100) }).strict();

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
