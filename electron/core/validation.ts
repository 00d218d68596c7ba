import { z } from 'zod';

/** Field-level message keys for refinements; the router turns them into FieldErrors. */
export function refineIssue(ctx: z.RefinementCtx, path: (string | number)[], messageKey: string): void {
  ctx.addIssue({ code: 'custom', message: messageKey, path });
}

export const isoDate = z.iso.date();

/**
 * A file or folder on the machine running Hoan (a USB stick's folder, files on
 * it), for the imports that read from a medium (scanner definitions,
 * advisories). Absolute, so the app and the web host never depend on a
 * working folder (the CLI resolves what the user typed first): `/media/usb`,
 * `E:\defs`, `\\server\share`. No node:path here: the renderer sees this file.
 */
const ABSOLUTE = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;
export const absoluteLocalPath = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .refine((p) => ABSOLUTE.test(p), { message: 'definitions.errors.pathNotAbsolute' });

export const entityId = z.uuid();

/**
 * Lets a cross-field rule run even when a single field already failed, so the
 * user sees every problem in one go rather than one round at a time. The rule
 * must then tolerate wrongly typed fields.
 */
export const alongsideFieldErrors = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
};
