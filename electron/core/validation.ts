import { z } from 'zod';

/** Field-level message keys for refinements; the router turns them into FieldErrors. */
export function refineIssue(ctx: z.RefinementCtx, path: (string | number)[], messageKey: string): void {
  ctx.addIssue({ code: 'custom', message: messageKey, path });
}

export const isoDate = z.iso.date();
export const entityId = z.uuid();
