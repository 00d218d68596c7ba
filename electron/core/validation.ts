import { z } from 'zod';

/** Field-level message keys for refinements; the router turns them into FieldErrors. */
export function refineIssue(ctx: z.RefinementCtx, path: (string | number)[], messageKey: string): void {
  ctx.addIssue({ code: 'custom', message: messageKey, path });
}

export const isoDate = z.iso.date();
export const entityId = z.uuid();

/**
 * Lets a cross-field rule run even when a single field already failed, so the
 * user sees every problem in one go rather than one round at a time. The rule
 * must then tolerate wrongly typed fields.
 */
export const alongsideFieldErrors = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
};
