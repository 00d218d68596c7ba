import type Database from 'better-sqlite3';
import { writeTransaction } from '../db/transactions';
import { assetIdKey } from './asset-id-key';

/**
 * 管理番号 in the order people read them: KT-2 before KT-10, PLC-9 before
 * plc-10. Stored with each device (devices.asset_sort_key, migration 0014)
 * and indexed, so a page of a 100,000-device list is read in order from the
 * index instead of sorting the whole site for every page; better-sqlite3
 * cannot register a collation, and a key compared byte by byte needs none.
 *
 * The key is the ID folded as asset-id-key.ts folds it (NFKC, upper case),
 * with each run of digits written as `0`, its length in three digits
 * (leading zeros dropped), then the digits: "KT-10" → "KT-0002" + "10". A
 * longer number sorts after a shorter one, numbers of one length by their
 * digits, and a number before a letter at the same place (as '0' < 'A').
 * Every digit of a key belongs to such a run, so a run's `0` and length are
 * never compared with a digit of the text. IDs that differ only by leading
 * zeros or case (KT-02, KT-2, kt-2) get one key; the list orders them by the
 * ID itself.
 */
export function naturalSortKey(assetId: string): string {
  // Written as a loop, not a regular expression with a callback: it runs once for every device an import creates.
  const text = isAscii(assetId) ? assetId.toUpperCase() : assetIdKey(assetId);
  let key = '';
  let i = 0;
  while (i < text.length) {
    let end = i;
    while (end < text.length && !isDigit(text.charCodeAt(end))) end++;
    key += text.slice(i, end);
    if (end === text.length) break;
    let start = end;
    while (start < text.length && text.charCodeAt(start) === 0x30) start++;
    end = start;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    // A run of zeros is the number 0.
    if (start === end) start--;
    const length = Math.min(end - start, 999);
    key += `0${length < 10 ? '00' : length < 100 ? '0' : ''}${length}${text.slice(start, end)}`;
    i = end;
  }
  return key;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** NFKC leaves ASCII as it is. */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Site by site (CROSS JOIN keeps that order), so each site's lookup is a range of its index. */
const MISSING = 'SELECT d.id, d.asset_id FROM sites s CROSS JOIN devices d ON d.site_id = s.id AND d.asset_sort_key IS NULL';

/**
 * Gives a key to devices without one: those stored before migration 0014,
 * and those a bundle brought in (the key is derived here, never carried).
 * Cheap when there are none: NULL sorts first in the (site_id,
 * asset_sort_key) index. Call inside a write transaction.
 */
export function fillSortKeys(db: Database.Database, siteId?: string): number {
  const rows = (
    siteId === undefined ? db.prepare(MISSING).all() : db.prepare(`${MISSING} WHERE s.id = ?`).all(siteId)
  ) as { id: string; asset_id: string }[];
  const set = db.prepare('UPDATE devices SET asset_sort_key = ? WHERE id = ?');
  for (const row of rows) set.run(naturalSortKey(row.asset_id), row.id);
  return rows.length;
}

/** At start: the write lock is taken only when some device lacks its key (once, after the upgrade). */
export function fillMissingSortKeys(db: Database.Database): number {
  if (!db.prepare(`${MISSING} LIMIT 1`).get()) return 0;
  return writeTransaction(db, () => fillSortKeys(db));
}
