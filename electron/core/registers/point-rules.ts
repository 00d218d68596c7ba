import type Database from 'better-sqlite3';
import type { FieldError } from '../errors';
import type { PointFields } from './register-schema';

/**
 * The 接続点台帳's rules (6-2-2, 6-2-3) that a zod schema cannot say alone,
 * each a field error at the field the user fixes:
 * - a point judged unnecessary (6-2-2 asks to minimise points) says why, how
 *   it goes and by when — the removal plan is what the inspector checks;
 * - the site side and the other side are different zones (a point joins two
 *   networks, or it is not a point);
 * - the managing party is one of this site's 体制 register;
 * - a device (管理番号) is on one side only;
 * - a USB port is counted under 8-1-3 and its medium is USB. The form sets
 *   the medium when the kind is picked; a request that still says otherwise
 *   is refused rather than silently rewritten, since the register would then
 *   hold a medium nobody chose.
 * A 管理番号 the inventory does not hold is not an error: the point is kept
 * and flagged (deviceNotInInventory), as the site may enter the point before
 * the ledger catches up.
 */
const KEY = 'registers.errors.points';

export function pointFieldErrors(db: Database.Database, fields: PointFields): FieldError[] {
  const errors: FieldError[] = [];
  if (!fields.needed) {
    if (!fields.necessityReason) errors.push({ path: 'necessityReason', messageKey: `${KEY}.reasonRequired` });
    if (!fields.removalPlan) errors.push({ path: 'removalPlan', messageKey: `${KEY}.removalPlanRequired` });
    if (!fields.removalDate) errors.push({ path: 'removalDate', messageKey: `${KEY}.removalDateRequired` });
  }
  if (fields.insideZone === fields.outsideZone) errors.push({ path: 'outsideZone', messageKey: `${KEY}.sameZone` });
  if (fields.managedByParty && !db.prepare('SELECT 1 FROM register_parties WHERE id = ? AND site_id = ?').get(fields.managedByParty, fields.siteId)) {
    errors.push({ path: 'managedByParty', messageKey: `${KEY}.partyNotOfSite` });
  }
  const inside = new Set(fields.insideAssets);
  fields.outsideAssets.forEach((assetId, i) => {
    if (inside.has(assetId)) errors.push({ path: `outsideAssets.${i}`, messageKey: `${KEY}.deviceOnBothSides`, params: { assetId } });
  });
  if (fields.kind === 'usb_port' && fields.medium !== 'usb') errors.push({ path: 'medium', messageKey: `${KEY}.usbPortMedium` });
  const seen = new Set<string>();
  fields.defences.forEach((d, i) => {
    if (!d.id) return;
    if (seen.has(d.id)) errors.push({ path: `defences.${i}.id`, messageKey: `${KEY}.defenceTwice` });
    seen.add(d.id);
  });
  return errors;
}
