import type Database from 'better-sqlite3';
import type { DefinitionsFile, DefinitionsScanner, DefinitionsSet, DefinitionsSetState, DefinitionsSource } from './definitions-types';

/**
 * The store's rows (migration 0015) to and from the shared shapes in
 * definitions-types.ts. Callers hold the transaction; nothing here opens one.
 */

interface SetRow {
  id: string;
  scanner: DefinitionsScanner;
  state: DefinitionsSetState;
  version: string | null;
  built_at: string | null;
  source_kind: 'file' | 'bundle';
  source_path: string | null;
  source_bundle_id: string | null;
  source_site_id: string | null;
  imported_by: string;
  imported_at: string;
  unsigned_accepted_reason: string | null;
}

interface FileRow {
  name: string;
  sha256: string;
  size: number;
  kind: DefinitionsFile['kind'];
  version: string | null;
  built_at: string | null;
  signatures: number | null;
  functionality_level: number | null;
}

function filesOf(db: Database.Database, setId: string): DefinitionsFile[] {
  return (db.prepare('SELECT * FROM definitions_files WHERE set_id = ? ORDER BY name').all(setId) as FileRow[]).map((r) => ({
    name: r.name,
    sha256: r.sha256,
    size: r.size,
    kind: r.kind,
    version: r.version,
    builtAt: r.built_at,
    signatures: r.signatures,
    functionalityLevel: r.functionality_level,
  }));
}

function toSet(db: Database.Database, r: SetRow): DefinitionsSet {
  const source: DefinitionsSource =
    r.source_kind === 'bundle' ? { kind: 'bundle', bundleId: r.source_bundle_id!, siteId: r.source_site_id! } : { kind: 'file', path: r.source_path! };
  return {
    id: r.id,
    scanner: r.scanner,
    files: filesOf(db, r.id),
    version: r.version,
    builtAt: r.built_at,
    source,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    unsignedAcceptedReason: r.unsigned_accepted_reason,
    state: r.state,
  };
}

export function setInState(db: Database.Database, scanner: DefinitionsScanner, state: 'current' | 'previous'): DefinitionsSet | null {
  const row = db.prepare('SELECT * FROM definitions_sets WHERE scanner = ? AND state = ?').get(scanner, state) as SetRow | undefined;
  return row ? toSet(db, row) : null;
}

/** Newest first. */
export function setHistory(db: Database.Database, scanner: DefinitionsScanner): DefinitionsSet[] {
  return (db.prepare('SELECT * FROM definitions_sets WHERE scanner = ? ORDER BY seq DESC').all(scanner) as SetRow[]).map((r) => toSet(db, r));
}

/**
 * `daily 27500, main 62, bytecode 335`: the containers' versions in the
 * order a reader expects, then any other container; null without one.
 */
export function versionLabel(files: readonly Pick<DefinitionsFile, 'name' | 'version'>[]): string | null {
  const order = ['daily', 'main', 'bytecode'];
  const parts = files
    .filter((f) => f.version !== null)
    .map((f) => ({ db: f.name.replace(/\.[^.]+$/, ''), version: f.version! }))
    .sort((a, b) => (order.indexOf(a.db) + 1 || 99) - (order.indexOf(b.db) + 1 || 99) || a.db.localeCompare(b.db));
  return parts.length > 0 ? parts.map((p) => `${p.db} ${p.version}`).join(', ') : null;
}

/** The newest build time: a set is as fresh as its newest file (daily is rebuilt, main rarely). */
export function newestBuild(files: readonly DefinitionsFile[]): string | null {
  return files.map((f) => f.builtAt).filter((t): t is string => t !== null).sort().at(-1) ?? null;
}

export function insertSet(db: Database.Database, set: DefinitionsSet): void {
  const src = set.source;
  db.prepare(
    `INSERT INTO definitions_sets (id, scanner, state, version, built_at, source_kind, source_path, source_bundle_id, source_site_id, imported_by, imported_at, unsigned_accepted_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    set.id,
    set.scanner,
    set.state,
    set.version,
    set.builtAt,
    src.kind,
    src.kind === 'file' ? src.path : null,
    src.kind === 'bundle' ? src.bundleId : null,
    src.kind === 'bundle' ? src.siteId : null,
    set.importedBy,
    set.importedAt,
    set.unsignedAcceptedReason,
  );
  const add = db.prepare(
    `INSERT INTO definitions_files (set_id, name, sha256, size, kind, version, built_at, signatures, functionality_level)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const f of set.files) add.run(set.id, f.name, f.sha256, f.size, f.kind, f.version, f.builtAt, f.signatures, f.functionalityLevel);
}

export function setState(db: Database.Database, setId: string, state: DefinitionsSetState): void {
  db.prepare('UPDATE definitions_sets SET state = ? WHERE id = ?').run(state, setId);
}

/** A set's origin in words, for the audit log. */
export function describeSource(source: DefinitionsSource): string {
  return source.kind === 'file' ? `file: ${source.path}` : `bundle: ${source.bundleId} (site ${source.siteId})`;
}

/**
 * Makes `set` the scanner's current set: the current one becomes the
 * previous (kept for one rollback), the previous one is retired and returned
 * so its folder can go. The caller holds the transaction.
 */
export function rotateIn(db: Database.Database, set: DefinitionsSet): DefinitionsSet | null {
  const base = setInState(db, set.scanner, 'current');
  const old = setInState(db, set.scanner, 'previous');
  if (old) setState(db, old.id, 'retired');
  if (base) setState(db, base.id, 'previous');
  insertSet(db, set);
  return old;
}
