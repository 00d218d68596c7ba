import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { BundleFailure } from '../bundle-types';
import { defineDomain } from './record-domain';
import { contactStepRow, defenceEvidenceRow, defenceRow, networkZoneRow, partyRow, pointEndRow, pointRow } from './register-rows';
import { columnsOf, insertMissing, selectRows, upsertRows, type Row } from './rows';

/**
 * The site's registers (issue 14; migration 0019), carried to head office in
 * the site's bundle as `data/records/registers.json`. Its own format version,
 * so the registers' shape can change without touching the other records:
 *
 *   format        "hoan-registers/1"
 *   parties       register_parties' rows (体制・役割), in the user's order
 *   contactSteps  register_contact_steps' rows (連絡体制), first call first
 *   points        connection_points' rows (接続点台帳)
 *   ends          connection_point_ends' rows (devices by 管理番号, each side)
 *   defences      connection_point_defences' rows
 *   evidence      connection_defence_evidence' rows; every file is in the bundle
 *   zones         network_zones' rows (ネットワーク value → diagram zone)
 *
 * Each row is exactly its table's columns (register-rows.ts). The file must
 * hold together on its own: every row is of the bundle's site, and every
 * reference (a contact step's party, a party's reports_to, a point's
 * managing party, an end's or defence's point, an evidence link's defence)
 * names a row of the same file; reporting lines never loop.
 *
 * Unlike the append-only logs, the registers are current state: an import
 * makes the copy's registers exactly the bundle's, rows the site removed
 * included. Rows already equal are left alone (a bundle sent twice writes
 * nothing). An older bundle never follows a newer one here: bundles from one
 * signer are taken in sequence order only (verify-records.ts checkReplay), so
 * the registers held are always those of the newest bundle imported.
 */
export const REGISTERS_FORMAT = 'hoan-registers/1';

const schema = z
  .object({
    format: z.literal(REGISTERS_FORMAT),
    parties: z.array(partyRow).max(10_000),
    contactSteps: z.array(contactStepRow).max(10_000),
    points: z.array(pointRow).max(10_000),
    ends: z.array(pointEndRow).max(100_000),
    defences: z.array(defenceRow).max(100_000),
    evidence: z.array(defenceEvidenceRow).max(100_000),
    zones: z.array(networkZoneRow).max(10_000),
  })
  .strict();
type RegisterRecords = z.output<typeof schema>;

const OF_POINTS = 'point_id IN (SELECT id FROM connection_points WHERE site_id = ?)';

function collect(db: Database.Database, siteId: string): RegisterRecords {
  return {
    format: REGISTERS_FORMAT,
    parties: selectRows(db, 'register_parties', partyRow, 'site_id = ? ORDER BY position, id', siteId),
    contactSteps: selectRows(db, 'register_contact_steps', contactStepRow, 'site_id = ? ORDER BY position', siteId),
    points: selectRows(db, 'connection_points', pointRow, 'site_id = ? ORDER BY position, id', siteId),
    ends: selectRows(db, 'connection_point_ends', pointEndRow, `${OF_POINTS} ORDER BY point_id, side, asset_id`, siteId),
    defences: selectRows(db, 'connection_point_defences', defenceRow, `${OF_POINTS} ORDER BY point_id, position`, siteId),
    evidence: selectRows(
      db,
      'connection_defence_evidence',
      defenceEvidenceRow,
      `defence_id IN (SELECT d.id FROM connection_point_defences d JOIN connection_points p ON p.id = d.point_id WHERE p.site_id = ?) ORDER BY defence_id, sha256`,
      siteId,
    ),
    zones: selectRows(db, 'network_zones', networkZoneRow, 'site_id = ? ORDER BY network', siteId),
  };
}

/** Parties ordered so each comes after the one it reports to; null when reporting lines loop or name no party of the file. */
function reportingOrder<P extends { id: string; reports_to: string | null }>(parties: readonly P[]): P[] | null {
  const placed = new Set<string>();
  const ordered: P[] = [];
  let left = [...parties];
  while (left.length > 0) {
    const ready = left.filter((p) => p.reports_to === null || placed.has(p.reports_to));
    if (ready.length === 0) return null;
    for (const p of ready) {
      placed.add(p.id);
      ordered.push(p);
    }
    left = left.filter((p) => !placed.has(p.id));
  }
  return ordered;
}

function check(data: RegisterRecords, siteId: string, file: string): BundleFailure | null {
  if ([...data.parties, ...data.contactSteps, ...data.points, ...data.zones].some((r) => r.site_id !== siteId)) {
    return { class: 'records_invalid', entry: file, reason: 'otherSite' };
  }
  const unresolved = (table: string, id: string): BundleFailure => ({ class: 'records_invalid', entry: file, reason: 'registerReference', params: { table, id } });
  const parties = new Set(data.parties.map((p) => p.id));
  const points = new Set(data.points.map((p) => p.id));
  const defences = new Set(data.defences.map((d) => d.id));
  if (parties.size !== data.parties.length || points.size !== data.points.length || defences.size !== data.defences.length) {
    return { class: 'records_invalid', entry: file, reason: 'duplicateRow' };
  }
  for (const s of data.contactSteps) if (!parties.has(s.party_id)) return unresolved('register_contact_steps', s.party_id);
  for (const p of data.parties) if (p.reports_to !== null && !parties.has(p.reports_to)) return unresolved('register_parties', p.reports_to);
  for (const p of data.points) if (p.managed_by_party !== null && !parties.has(p.managed_by_party)) return unresolved('connection_points', p.managed_by_party);
  for (const e of data.ends) if (!points.has(e.point_id)) return unresolved('connection_point_ends', e.point_id);
  for (const d of data.defences) if (!points.has(d.point_id)) return unresolved('connection_point_defences', d.point_id);
  for (const e of data.evidence) if (!defences.has(e.defence_id)) return unresolved('connection_defence_evidence', e.defence_id);
  if (!reportingOrder(data.parties)) return { class: 'records_invalid', entry: file, reason: 'reportingLoop' };
  return null;
}

const keyOf = (row: Row, key: readonly string[]) => JSON.stringify(key.map((k) => row[k]));
const sameRow = (a: Row, b: Row | undefined) => b !== undefined && Object.keys(a).every((c) => a[c] === b[c]);

/** Makes the copy's registers the bundle's: gone rows deleted children first, new and changed rows written parents first. */
function apply(db: Database.Database, siteId: string, data: RegisterRecords): number {
  const here = collect(db, siteId);
  let n = 0;
  const remove = (table: string, key: readonly string[], rows: readonly Row[]) => {
    const statement = db.prepare(`DELETE FROM ${table} WHERE ${key.map((k) => `${k} = ?`).join(' AND ')}`);
    for (const r of rows) n += statement.run(...key.map((k) => r[k])).changes;
  };
  const gone = (held: readonly Row[], arriving: readonly Row[], key: readonly string[]) => {
    const keep = new Set(arriving.map((r) => keyOf(r, key)));
    return held.filter((r) => !keep.has(keyOf(r, key)));
  };

  remove('connection_defence_evidence', ['defence_id', 'sha256'], gone(here.evidence, data.evidence, ['defence_id', 'sha256']));
  // A changed defence is written anew: one moved to another's place never meets UNIQUE (point_id, position).
  const arrivingDefences = new Map(data.defences.map((d) => [d.id, d as Row]));
  remove('connection_point_defences', ['id'], here.defences.filter((d) => !sameRow(d, arrivingDefences.get(d.id))));
  remove('connection_point_ends', ['point_id', 'side', 'asset_id'], gone(here.ends, data.ends, ['point_id', 'side', 'asset_id']));
  remove('connection_points', ['id'], gone(here.points, data.points, ['id']));
  // The contact order is one list (a party appears once): any change rewrites it.
  const stepsChanged = here.contactSteps.length !== data.contactSteps.length || here.contactSteps.some((s, i) => !sameRow(s, data.contactSteps[i]));
  if (stepsChanged) n += db.prepare('DELETE FROM register_contact_steps WHERE site_id = ?').run(siteId).changes;
  remove('network_zones', ['site_id', 'network'], gone(here.zones, data.zones, ['site_id', 'network']));

  n += upsertRows(db, 'register_parties', columnsOf(partyRow), ['id'], reportingOrder(data.parties)!);
  n += upsertRows(db, 'connection_points', columnsOf(pointRow), ['id'], data.points);
  // After the points and the other parties have let go of them.
  remove('register_parties', ['id'], gone(here.parties, data.parties, ['id']));
  if (stepsChanged) n += insertMissing(db, 'register_contact_steps', columnsOf(contactStepRow), ['site_id', 'position'], data.contactSteps);
  n += insertMissing(db, 'connection_point_ends', columnsOf(pointEndRow), ['point_id', 'side', 'asset_id'], data.ends);
  n += insertMissing(db, 'connection_point_defences', columnsOf(defenceRow), ['id'], data.defences);
  n += upsertRows(db, 'connection_defence_evidence', columnsOf(defenceEvidenceRow), ['defence_id', 'sha256'], data.evidence);
  n += upsertRows(db, 'network_zones', columnsOf(networkZoneRow), ['site_id', 'network'], data.zones);
  return n;
}

/** 2-1, 2-2, 6-2-2, 6-2-3, 10-2, 10-3: who is responsible, whom to call, where the networks meet and how each point is defended. */
export const registerRecords = defineDomain<RegisterRecords>({
  file: 'registers.json',
  kinds: ['site'],
  schema,
  collect: ({ db, siteId }) => collect(db, siteId),
  requiredEvidence: (data) => data.evidence.map((e) => e.sha256),
  check,
  apply: ({ db, siteId }, data) => apply(db, siteId, data),
});
