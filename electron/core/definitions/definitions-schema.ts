import { z } from 'zod';
import { multiLine } from '../text-schema';

/**
 * What the definitions channels accept. Paths are on the machine running
 * Hoan (a USB stick's folder, files on it), like a medium's path; they must
 * be absolute so the app and the web host never depend on a working folder
 * (the CLI resolves what the user typed first): `/media/usb`, `E:\defs`,
 * `\\server\share`. No node:path here: the renderer sees this file.
 */
const ABSOLUTE = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;
const localPath = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .refine((p) => ABSOLUTE.test(p), { message: 'definitions.errors.pathNotAbsolute' });

export const definitionsImportSchema = z
  .object({
    paths: z.array(localPath).min(1).max(100),
    /** Accepting unsigned files: why (kept with the set and in the audit log). */
    acceptUnsignedReason: multiLine(1000, 1).optional(),
  })
  .strict();

export type DefinitionsImportInput = z.output<typeof definitionsImportSchema>;
