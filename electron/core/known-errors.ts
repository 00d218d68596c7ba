import { isSiteReadOnlyError, siteReadOnlyError } from './bundle/site-ownership';
import { busyError, isBusyError, isCorruptionError } from './db/open-database';
import { HoanError, type ErrorShape } from './errors';

/**
 * What an error thrown below the API means to the user, decided once for the
 * router's envelopes and the CLI's exit codes: Hoan's own errors, a write to
 * a site imported from its home installation (refused by the database's
 * triggers), damage found mid-session, and another Hoan process that held the
 * write lock past busy_timeout. Anything else is unexpected: undefined.
 */
export function knownErrorShape(err: unknown, dbPath: string): ErrorShape | undefined {
  if (err instanceof HoanError) return err.toShape();
  if (isSiteReadOnlyError(err)) return siteReadOnlyError().toShape();
  // Reported, never repaired behind the user's back.
  if (isCorruptionError(err)) return { code: 'db_corrupt', messageKey: 'errors.dbCorrupt', params: { path: dbPath } };
  if (isBusyError(err)) return busyError().toShape();
  return undefined;
}
