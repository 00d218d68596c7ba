import { z } from 'zod';
import { fingerprintOf, keyFromBlob } from '../keys';
import { col } from './rows';
import { defineDomain } from './record-domain';

const signerRow = z
  .object({
    principal: z.string().min(1).max(300),
    name: z.string().max(300),
    public_key: z.string().max(200),
    revoked_at: col.optText,
  })
  .strict();

const schema = z.object({ headOffice: z.array(signerRow).max(100) }).strict();
type TrustRecords = z.output<typeof schema>;

/**
 * Head office's signers, for the site's trust store: a new head office
 * machine or key is trusted, a revoked one is revoked, without anyone at the
 * site pasting keys. Only head office's own bundles carry this file.
 */
export const trustRecords = defineDomain<TrustRecords>({
  file: 'trust.json',
  kinds: ['review'],
  schema,
  collect: ({ db, self }) => ({
    headOffice: [
      { principal: self.principal, name: self.name, public_key: self.publicBlob.toString('base64'), revoked_at: null },
      ...(db
        .prepare(`SELECT principal, name, public_key, revoked_at FROM trusted_signers WHERE role = 'head_office' ORDER BY added_at`)
        .all() as TrustRecords['headOffice']),
    ],
  }),
  check: (data, _siteId, file) => {
    for (const s of data.headOffice) {
      try {
        keyFromBlob(Buffer.from(s.public_key, 'base64'));
      } catch {
        return { class: 'records_invalid', entry: file, reason: 'badKey' };
      }
    }
    return null;
  },
  apply: ({ db, bundleId, now, userName }, data) => {
    const self = (db.prepare('SELECT fingerprint FROM installation').get() as { fingerprint: string }).fingerprint;
    const upsert = db.prepare(
      `INSERT INTO trusted_signers (fingerprint, principal, name, public_key, role, source, added_at, added_by, revoked_at)
       VALUES (@fingerprint, @principal, @name, @public_key, 'head_office', @source, @at, @by, @revoked_at)
       ON CONFLICT (fingerprint) DO UPDATE SET role = 'head_office', revoked_at = excluded.revoked_at
       WHERE role IS NOT 'head_office' OR revoked_at IS NOT excluded.revoked_at`,
    );
    let n = 0;
    for (const s of data.headOffice) {
      const fingerprint = fingerprintOf(Buffer.from(s.public_key, 'base64'));
      if (fingerprint === self) continue;
      n += upsert.run({ ...s, fingerprint, source: `bundle:${bundleId}`, at: now.toISOString(), by: userName }).changes;
    }
    return n;
  },
});
