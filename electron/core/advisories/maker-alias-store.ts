import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { Core } from '../core';
import { writeTransaction } from '../db/transactions';
import { HoanError, type FieldError } from '../errors';
import { resourceFile } from '../resources';
import { makerAliasTableSchema, makerResolver, type MakerAliasTable, type MakerResolver } from './maker-aliases';

/**
 * Which maker alias table is in force: the newer (by `version`) of the one
 * shipped in resources/ and those installed from bundles (table
 * maker_alias_tables, migration 0017), as the checklist catalogue is. Vendors
 * are stored as written, so a newer table changes matches with no re-import.
 */

export interface MakerAliasTableRef {
  version: number;
  published: string;
  sha256: string;
  /** 'builtin' for the resource file; else where it was installed from ('bundle:<id>', a path). */
  source: string;
}

export interface MakerAliasInstallOutcome {
  status: 'installed' | 'unchanged' | 'older';
  version: number;
  /** The version in force after the call. */
  activeVersion: number;
}

const MAX_TABLE_BYTES = 4 * 1024 * 1024;
const compiled = new Map<string, { table: MakerAliasTable; resolver: MakerResolver }>();

/** Reads and validates table bytes; the errors name the offending paths. */
export function parseMakerAliasTable(bytes: Buffer | string, name: string): { table: MakerAliasTable; sha256: string; json: string } {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  if (buffer.length > MAX_TABLE_BYTES) {
    throw new HoanError('validation', 'errors.makerAliases.tooLarge', { name, limit: MAX_TABLE_BYTES });
  }
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  let raw: unknown;
  try {
    raw = JSON.parse(buffer.toString('utf8'));
  } catch (err) {
    throw new HoanError('validation', 'errors.makerAliases.malformed', { name, detail: (err as Error).message.slice(0, 200) });
  }
  const parsed = makerAliasTableSchema.safeParse(raw);
  if (!parsed.success) {
    const fields: FieldError[] = parsed.error.issues.slice(0, 20).map((issue) => ({
      path: issue.path.map(String).join('.'),
      messageKey: 'errors.makerAliases.schema',
      params: { detail: issue.message.slice(0, 200) },
    }));
    throw new HoanError('validation', 'errors.makerAliases.invalid', { name }, fields);
  }
  return { table: parsed.data, sha256, json: buffer.toString('utf8') };
}

function compile(sha256: string, json: string, name: string): { table: MakerAliasTable; resolver: MakerResolver } {
  let hit = compiled.get(sha256);
  if (!hit) {
    const { table } = parseMakerAliasTable(json, name);
    hit = { table, resolver: makerResolver(table) };
    compiled.set(sha256, hit);
  }
  return hit;
}

interface Candidate {
  ref: MakerAliasTableRef;
  json: string;
}

function builtIn(resourcesDir: string): Candidate {
  const file = resourceFile(resourcesDir, 'makerAliases');
  const bytes = fs.readFileSync(file);
  const { table, sha256 } = parseMakerAliasTable(bytes, 'maker-aliases.json');
  return { ref: { version: table.version, published: table.published, sha256, source: 'builtin' }, json: bytes.toString('utf8') };
}

function newestInstalled(db: Database.Database): Candidate | undefined {
  const row = db.prepare('SELECT version, table_json, sha256, source FROM maker_alias_tables ORDER BY version DESC LIMIT 1').get() as
    | { version: number; table_json: string; sha256: string; source: string }
    | undefined;
  if (!row) return undefined;
  const { table } = compile(row.sha256, row.table_json, `maker_alias_tables ${row.version}`);
  return { ref: { version: row.version, published: table.published, sha256: row.sha256, source: row.source }, json: row.table_json };
}

function active(core: Core): Candidate {
  const shipped = builtIn(core.resourcesDir);
  const installed = newestInstalled(core.db);
  return installed && installed.ref.version > shipped.ref.version ? installed : shipped;
}

/** The table in force and its compiled resolver. */
export function activeMakerAliases(core: Core): { ref: MakerAliasTableRef; table: MakerAliasTable; resolver: MakerResolver } {
  const chosen = active(core);
  return { ref: chosen.ref, ...compile(chosen.ref.sha256, chosen.json, chosen.ref.source) };
}

/**
 * Installs a newer table (from a verified bundle, or a file): validated
 * whole first; a table not newer than the one in force is left out and said
 * so ('older'), the same table again is 'unchanged'; neither is an error, so
 * a bundle carrying yesterday's table still imports.
 */
export function installMakerAliasTable(core: Core, bytes: Buffer | string, source: string): MakerAliasInstallOutcome {
  const { table, sha256, json } = parseMakerAliasTable(bytes, source);
  return writeTransaction(core.db, () => {
    const current = active(core).ref;
    if (current.sha256 === sha256) {
      return { status: 'unchanged', version: table.version, activeVersion: current.version };
    }
    if (table.version <= current.version) return { status: 'older', version: table.version, activeVersion: current.version };
    core.db
      .prepare('INSERT INTO maker_alias_tables (version, table_json, sha256, source, imported_at) VALUES (?, ?, ?, ?, ?)')
      .run(table.version, json, sha256, source, core.now().toISOString());
    return { status: 'installed', version: table.version, activeVersion: table.version };
  });
}
