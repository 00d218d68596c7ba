import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { notFound } from '../errors';
import type { ColumnTarget, MappingProfile } from './inventory-types';

interface ProfileRow {
  id: string;
  name: string;
  header_signature: string;
  mapping_json: string;
  created_at: string;
  updated_at: string;
}

function toProfile(row: ProfileRow): MappingProfile {
  return {
    id: row.id,
    name: row.name,
    headerSignature: row.header_signature,
    mapping: JSON.parse(row.mapping_json) as Record<string, ColumnTarget>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function listProfiles(db: Database.Database): MappingProfile[] {
  return (db.prepare('SELECT * FROM inventory_mapping_profiles ORDER BY name').all() as ProfileRow[]).map(toProfile);
}

export function getProfileByName(db: Database.Database, name: string): MappingProfile {
  const row = db.prepare('SELECT * FROM inventory_mapping_profiles WHERE name = ?').get(name) as ProfileRow | undefined;
  if (!row) throw notFound('mapping', name);
  return toProfile(row);
}

/** The most recently saved mapping for files with these headers in this order. */
export function profileForShape(db: Database.Database, signature: string): MappingProfile | undefined {
  const row = db
    .prepare('SELECT * FROM inventory_mapping_profiles WHERE header_signature = ? ORDER BY updated_at DESC LIMIT 1')
    .get(signature) as ProfileRow | undefined;
  return row ? toProfile(row) : undefined;
}

/** Saves a mapping under a name; the same name again replaces it. */
export function saveProfile(
  db: Database.Database,
  name: string,
  signature: string,
  mapping: Record<string, ColumnTarget>,
  now: Date,
): MappingProfile {
  const at = now.toISOString();
  db.prepare(
    `INSERT INTO inventory_mapping_profiles (id, name, header_signature, mapping_json, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET header_signature = excluded.header_signature,
       mapping_json = excluded.mapping_json, updated_at = excluded.updated_at`,
  ).run(randomUUID(), name, signature, JSON.stringify(mapping), at, at);
  return getProfileByName(db, name);
}
