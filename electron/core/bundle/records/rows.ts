import type Database from 'better-sqlite3';
import { z } from 'zod';

/** Row schemas are the tables' own columns, so export and import copy exactly these. */
export const col = {
  text: z.string().max(1_000_000),
  optText: z.string().max(1_000_000).nullable(),
  int: z.number().int(),
  optInt: z.number().int().nullable(),
  num: z.number().nullable(),
  flag: z.union([z.literal(0), z.literal(1)]),
  uuid: z.string().uuid(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
};

export type Row = Record<string, string | number | null>;

export function columnsOf(schema: z.ZodObject): string[] {
  return Object.keys(schema.shape);
}

export function selectRows<T>(db: Database.Database, table: string, schema: z.ZodObject, where: string, ...params: unknown[]): T[] {
  return db.prepare(`SELECT ${columnsOf(schema).join(', ')} FROM ${table} WHERE ${where}`).all(...params) as T[];
}

/**
 * Inserts rows, or updates those whose key exists and that differ. Returns
 * how many rows changed: a bundle that repeats what is here writes nothing.
 */
export function upsertRows(db: Database.Database, table: string, columns: string[], key: string[], rows: readonly Row[]): number {
  const others = columns.filter((c) => !key.includes(c));
  const statement = db.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
     ON CONFLICT (${key.join(', ')}) DO ${
       others.length === 0
         ? 'NOTHING'
         : `UPDATE SET ${others.map((c) => `${c} = excluded.${c}`).join(', ')} WHERE ${others.map((c) => `${c} IS NOT excluded.${c}`).join(' OR ')}`
     }`,
  );
  let changed = 0;
  for (const row of rows) changed += statement.run(row).changes;
  return changed;
}

/** Append-only logs merge by union: rows already here (by key) are kept as they are. */
export function insertMissing(db: Database.Database, table: string, columns: string[], key: string[], rows: readonly Row[]): number {
  const statement = db.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')}) ON CONFLICT (${key.join(', ')}) DO NOTHING`,
  );
  let inserted = 0;
  for (const row of rows) inserted += statement.run(row).changes;
  return inserted;
}
