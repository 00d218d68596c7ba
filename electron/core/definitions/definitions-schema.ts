import { z } from 'zod';
import { absoluteLocalPath } from '../validation';
import { multiLine } from '../text-schema';

/** What the definitions channels accept: absolute paths on the machine running Hoan (validation.ts). No node:path here: the renderer sees this file. */

export const definitionsImportSchema = z
  .object({
    paths: z.array(absoluteLocalPath).min(1).max(100),
    /** Accepting unsigned files: why (kept with the set and in the audit log). */
    acceptUnsignedReason: multiLine(1000, 1).optional(),
  })
  .strict();

export type DefinitionsImportInput = z.output<typeof definitionsImportSchema>;
