import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { HoanError, type FieldError } from '../errors';
import { catalogueSchema, type Catalogue, type CatalogueDiff, type CatalogueRef } from './catalogue-schema';
import { writeTransaction } from '../db/transactions';
import { resourceFile } from '../resources';

interface CatalogueRow {
  framework: string;
  version: string;
  revision: number;
  sha256: string;
  content_json: string;
  source: 'builtin' | 'import';
  imported_at: string;
}

/** Parsed catalogues by content hash: each version is parsed once per process. */
const parsedCache = new Map<string, Catalogue>();

function parseRow(row: CatalogueRow): Catalogue {
  let cached = parsedCache.get(row.sha256);
  if (!cached) {
    cached = catalogueSchema.parse(JSON.parse(row.content_json));
    parsedCache.set(row.sha256, cached);
  }
  return cached;
}

function toRef(row: CatalogueRow, catalogue: Catalogue): CatalogueRef {
  return {
    framework: row.framework,
    version: row.version,
    revision: row.revision,
    name: catalogue.name,
    shortName: catalogue.shortName,
    provenance: catalogue.provenance ?? null,
    sourceNote: catalogue.source,
    sha256: row.sha256,
    source: row.source,
    importedAt: row.imported_at,
  };
}

function issuesToFields(issues: z.core.$ZodIssue[]): FieldError[] {
  return issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.'),
    messageKey: issue.code === 'custom' ? issue.message : 'errors.catalogue.schema',
    params: { detail: issue.message.slice(0, 200) },
  }));
}

/** Reads and validates catalogue bytes; the errors name the offending paths. */
export function parseCatalogue(bytes: Buffer, fileName: string): { catalogue: Catalogue; sha256: string; json: string } {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new HoanError('validation', 'errors.catalogue.malformed', { name: fileName, detail: (err as Error).message.slice(0, 200) });
  }
  const parsed = catalogueSchema.safeParse(raw);
  if (!parsed.success) {
    throw new HoanError('validation', 'errors.catalogue.invalid', { name: fileName }, issuesToFields(parsed.error.issues));
  }
  return { catalogue: parsed.data, sha256, json: JSON.stringify(parsed.data) };
}

/**
 * The catalogues shipped in resources/catalogue/ are recorded on start; a
 * second framework is a second file there, with no code change.
 */
export function syncBuiltInCatalogues(db: Database.Database, resourcesDir: string, now: Date): void {
  const dir = resourceFile(resourcesDir, 'catalogues');
  // Every launch and every CLI command passes here: when nothing is new, it must not take the
  // write lock (an INSERT OR IGNORE does), or it would queue behind another process's import.
  const present = db.prepare('SELECT 1 FROM catalogues WHERE framework = ? AND (version = ? OR revision = ?)');
  const missing = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => parseCatalogue(fs.readFileSync(path.join(dir, file)), file))
    .filter(({ catalogue }) => !present.get(catalogue.framework, catalogue.version, catalogue.revision));
  if (missing.length === 0) return;
  const insert = db.prepare(
    `INSERT OR IGNORE INTO catalogues (framework, version, revision, sha256, content_json, source, imported_at)
     VALUES (?, ?, ?, ?, ?, 'builtin', ?)`,
  );
  writeTransaction(db, () => {
    for (const { catalogue, sha256, json } of missing) {
      insert.run(catalogue.framework, catalogue.version, catalogue.revision, sha256, json, now.toISOString());
    }
  });
}

/** The version in force for each framework: its highest revision. */
export function activeCatalogues(db: Database.Database): CatalogueRef[] {
  const rows = db
    .prepare(
      `SELECT c.* FROM catalogues c
       WHERE c.revision = (SELECT max(revision) FROM catalogues c2 WHERE c2.framework = c.framework)
       ORDER BY c.framework`,
    )
    .all() as CatalogueRow[];
  return rows.map((row) => toRef(row, parseRow(row)));
}

function activeRow(db: Database.Database, framework: string): CatalogueRow | undefined {
  return db
    .prepare('SELECT * FROM catalogues WHERE framework = ? ORDER BY revision DESC LIMIT 1')
    .get(framework) as CatalogueRow | undefined;
}

export function activeCatalogue(db: Database.Database, framework: string): { ref: CatalogueRef; catalogue: Catalogue } {
  const row = activeRow(db, framework);
  if (!row) throw new HoanError('not_found', 'errors.notFound', { entity: 'catalogue', id: framework });
  const catalogue = parseRow(row);
  return { ref: toRef(row, catalogue), catalogue };
}

export function getCatalogue(db: Database.Database, framework: string, version: string): { ref: CatalogueRef; catalogue: Catalogue } {
  const row = db.prepare('SELECT * FROM catalogues WHERE framework = ? AND version = ?').get(framework, version) as
    | CatalogueRow
    | undefined;
  if (!row) throw new HoanError('not_found', 'errors.notFound', { entity: 'catalogue', id: `${framework} ${version}` });
  const catalogue = parseRow(row);
  return { ref: toRef(row, catalogue), catalogue };
}

const COMPARED_FIELDS = ['article', 'title', 'text', 'levelA', 'generic', 'exampleMeasures'] as const;

export function diffCatalogues(from: Catalogue, to: Catalogue): Pick<CatalogueDiff, 'added' | 'changed' | 'removed'> {
  const before = new Map(from.items.map((i) => [i.id, i]));
  const after = new Map(to.items.map((i) => [i.id, i]));
  return {
    added: to.items.filter((i) => !before.has(i.id)).map((i) => ({ id: i.id, title: i.title })),
    removed: from.items.filter((i) => !after.has(i.id)).map((i) => ({ id: i.id, title: i.title })),
    changed: to.items.flatMap((i) => {
      const old = before.get(i.id);
      if (!old) return [];
      const fields = COMPARED_FIELDS.filter((f) => JSON.stringify(old[f]) !== JSON.stringify(i[f]));
      return fields.length > 0 ? [{ id: i.id, title: i.title, fields: [...fields] }] : [];
    }),
  };
}

/**
 * What importing this file would change. Refused: a malformed file, a
 * framework this installation does not know, or a version that is not newer.
 */
export function previewCatalogueImport(db: Database.Database, bytes: Buffer, fileName: string): CatalogueDiff {
  const { catalogue, sha256 } = parseCatalogue(bytes, fileName);
  const current = activeRow(db, catalogue.framework);
  if (!current) {
    throw new HoanError('validation', 'errors.catalogue.unknownFramework', { name: fileName, framework: catalogue.framework });
  }
  if (catalogue.revision <= current.revision) {
    throw new HoanError('conflict', 'errors.catalogue.notNewer', {
      name: fileName,
      version: catalogue.version,
      current: current.version,
    });
  }
  const from = parseRow(current);
  return {
    from: toRef(current, from),
    to: {
      framework: catalogue.framework,
      version: catalogue.version,
      revision: catalogue.revision,
      name: catalogue.name,
      shortName: catalogue.shortName,
      provenance: catalogue.provenance ?? null,
      sourceNote: catalogue.source,
      sha256,
    },
    ...diffCatalogues(from, catalogue),
  };
}

/** Applies a previewed file: checked again, then recorded as the framework's version in force. */
export function applyCatalogueImport(db: Database.Database, bytes: Buffer, fileName: string, now: Date): CatalogueDiff {
  return writeTransaction(db, () => {
    const diff = previewCatalogueImport(db, bytes, fileName);
    const { catalogue, json } = parseCatalogue(bytes, fileName);
    db.prepare(
      `INSERT INTO catalogues (framework, version, revision, sha256, content_json, source, imported_at)
       VALUES (?, ?, ?, ?, ?, 'import', ?)`,
    ).run(catalogue.framework, catalogue.version, catalogue.revision, diff.to.sha256, json, now.toISOString());
    return diff;
  });
}
