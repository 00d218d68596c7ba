import type Database from 'better-sqlite3';

/**
 * Counts the statements prepared on the real connection while `fn` runs,
 * to its end: awaited, since a channel's handler may run only after its
 * handler group has loaded (electron/api/handler-groups.ts), and a count
 * taken before that would be 0 whatever the handler did.
 */
export async function countPrepared<T>(db: Database.Database, fn: () => T | Promise<T>): Promise<{ result: T; statements: number }> {
  const original = db.prepare.bind(db);
  let statements = 0;
  db.prepare = ((sql: string) => {
    statements += 1;
    return original(sql);
  }) as typeof db.prepare;
  try {
    return { result: await fn(), statements };
  } finally {
    db.prepare = original;
  }
}
