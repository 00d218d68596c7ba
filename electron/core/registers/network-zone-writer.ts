import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { recordAudit } from '../audit/audit-log';
import { writeTransaction } from '../db/transactions';
import { HoanError } from '../errors';
import { getSite } from '../sites/site-repository';
import { zonedDevices } from './register-read';
import type { networkZoneInputSchema } from './register-schema';

export type NetworkZoneInput = z.output<typeof networkZoneInputSchema>;

/**
 * Which diagram zone a value of the inventory's ネットワーク field is in, as
 * the user sets it (null: back to the guess from its words, network-zones.ts).
 * Only a value the inventory's current devices carry can be set — a typo would
 * otherwise sit unseen in the table — and never 外部: the inventory lists the
 * site's own devices, and what is outside is a point's other side. Audited as
 * entity `network-zone`, keyed by the value.
 */
export function setNetworkZone(db: Database.Database, { siteId, network, zone }: NetworkZoneInput, userName: string, now: Date): void {
  writeTransaction(db, () => {
    getSite(db, siteId);
    const before = (db.prepare('SELECT zone FROM network_zones WHERE site_id = ? AND network = ?').get(siteId, network) as { zone: string } | undefined)?.zone ?? null;
    if (zone !== null) {
      const errors = [];
      if (zone === 'external') errors.push({ path: 'zone', messageKey: 'registers.errors.points.zoneExternal' });
      if (!zonedDevices(db, siteId).some((d) => d.network === network)) {
        errors.push({ path: 'network', messageKey: 'registers.errors.points.networkNotInInventory', params: { network } });
      }
      if (errors.length > 0) throw new HoanError('validation', 'errors.validation', undefined, errors);
    }
    if (before === zone) return;
    if (zone === null) db.prepare('DELETE FROM network_zones WHERE site_id = ? AND network = ?').run(siteId, network);
    else db.prepare('INSERT INTO network_zones (site_id, network, zone) VALUES (?, ?, ?) ON CONFLICT (site_id, network) DO UPDATE SET zone = excluded.zone').run(siteId, network, zone);
    recordAudit(db, {
      siteId,
      entity: 'network-zone',
      entityId: network,
      action: zone === null ? 'unset' : 'set',
      changes: [{ field: 'zone', old: before, new: zone }],
      userName,
      at: now,
    });
  });
}
