import { z } from 'zod';
import { entryHash, GENESIS_HASH, type ChainFields } from '../../media/log-chain';
import type { BundleFailure } from '../bundle-types';
import { col, columnsOf, selectRows, upsertRows, type Row } from './rows';
import { defineDomain } from './record-domain';

const mediumRow = z
  .object({
    id: col.uuid,
    site_id: col.uuid,
    control_no: col.text,
    type: col.text,
    description: col.text,
    owner_person: col.text,
    owner_company: col.text,
    serial: col.text,
    status: col.text,
    created_at: col.text,
    updated_at: col.text,
  })
  .strict();

const logRow = z
  .object({
    id: col.uuid,
    site_id: col.uuid,
    n: col.int.min(1),
    kind: col.text,
    at: col.text,
    medium_id: col.optText,
    control_no: col.text,
    medium_type: col.text,
    person: col.text,
    company: col.text,
    purpose: col.text,
    method: col.optText,
    result: col.optText,
    decision: col.optText,
    approver: col.text,
    exception_reason: col.text,
    refers_to: col.optText,
    recorded_by: col.text,
    body_json: col.text,
    prev_hash: col.sha256,
    hash: col.sha256,
  })
  .strict();

const schema = z.object({ media: z.array(mediumRow), log: z.array(logRow) }).strict();
type MediaRecords = z.output<typeof schema>;
type LogRow = z.output<typeof logRow>;

function chainFields(r: LogRow): ChainFields {
  return {
    id: r.id, siteId: r.site_id, n: r.n, kind: r.kind, at: r.at, mediumId: r.medium_id, controlNo: r.control_no,
    mediumType: r.medium_type, person: r.person, company: r.company, purpose: r.purpose, method: r.method, result: r.result,
    decision: r.decision, approver: r.approver, exceptionReason: r.exception_reason, refersTo: r.refers_to,
    recordedBy: r.recorded_by, body: r.body_json,
  };
}

const broken = (file: string, n: number, reason: string, more: Record<string, string | number> = {}): BundleFailure => ({
  class: 'chain_broken',
  entry: `${file}#${n}`,
  reason,
  params: { n, ...more },
});

/** Enough of a hash to tell two apart in a message. */
const short = (hash: string) => hash.slice(0, 16);

/** Evidence hashes a log entry's body names: scan logs, manifests, prior-scan certificates. */
const CITED = /"(?:logSha256|sha256|evidenceSha256)":"([0-9a-f]{64})"/g;

/**
 * 8-1-3: the media registry and the checkpoint log. The log travels whole,
 * from its first entry, so its hash chain is checked from genesis before
 * import; what head office already holds must be a prefix of it.
 */
export const mediaRecords = defineDomain<MediaRecords>({
  file: 'media.json',
  kinds: ['site'],
  schema,
  collect: ({ db, siteId }) => ({
    media: selectRows(db, 'media', mediumRow, 'site_id = ? ORDER BY created_at, id', siteId),
    log: selectRows(db, 'media_log', logRow, 'site_id = ? ORDER BY n', siteId),
  }),
  citedEvidence: (_ctx, data) => data.log.flatMap((e) => [...e.body_json.matchAll(CITED)].map((m) => m[1]!)),
  check: (data, siteId, file, bag) => {
    if ([...data.media, ...data.log].some((r) => r.site_id !== siteId)) return { class: 'records_invalid', entry: file, reason: 'otherSite' };
    let prev = GENESIS_HASH;
    for (const [i, entry] of data.log.entries()) {
      if (entry.n !== i + 1) return broken(file, i + 1, 'chainGap');
      if (entry.prev_hash !== prev) return broken(file, entry.n, 'chainPrev');
      if (entryHash(chainFields(entry), prev) !== entry.hash) return broken(file, entry.n, 'chainHash');
      prev = entry.hash;
    }
    // The signed head must be what the records hold: a log cut or swapped after signing would not match it.
    const declared = bag.mediaLogHead;
    if (declared && (declared.entries !== data.log.length || declared.hash !== prev)) {
      return broken(file, data.log.length, 'headLabelMismatch', { entries: declared.entries, hash: short(declared.hash), actualEntries: data.log.length, actualHash: short(prev) });
    }
    return null;
  },
  checkAgainst: (db, data, siteId, file) => {
    const here = db.prepare('SELECT n, id, hash FROM media_log WHERE site_id = ? ORDER BY n').all(siteId) as { n: number; id: string; hash: string }[];
    if (here.length > data.log.length) return broken(file, data.log.length + 1, 'chainShorter', { held: here.length, entries: data.log.length });
    const diverges = here.find((h, i) => data.log[i]!.id !== h.id || data.log[i]!.hash !== h.hash);
    return diverges ? broken(file, diverges.n, 'chainDiverges', { held: short(diverges.hash), got: short(data.log[diverges.n - 1]!.hash) }) : null;
  },
  apply: ({ db, siteId }, data) => {
    let n = upsertRows(db, 'media', columnsOf(mediumRow), ['id'], data.media);
    const head = (db.prepare('SELECT n FROM media_log_heads WHERE site_id = ?').get(siteId) as { n: number } | undefined)?.n ?? 0;
    const columns = columnsOf(logRow);
    const insert = db.prepare(`INSERT INTO media_log (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
    for (const entry of data.log.slice(head)) n += insert.run(entry as Row).changes;
    return n;
  },
});
