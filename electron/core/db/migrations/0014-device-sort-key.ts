import type { Migration } from './migration';

// 管理番号 in natural order (KT-2 before KT-10): a key Hoan computes when a
// device is created (inventory/natural-sort-key.ts), indexed so that a page
// of a large inventory is read in order rather than sorted whole, for the
// site and for one 設置箇所 (the walkthrough's list). Devices from before
// this migration get theirs at the next start (core.ts): SQL alone cannot
// compute it.
export const migration: Migration = {
  version: 14,
  name: 'device-sort-key',
  sql: `
ALTER TABLE devices ADD COLUMN asset_sort_key TEXT;
CREATE INDEX devices_by_asset_order ON devices (site_id, asset_sort_key, asset_id);
DROP INDEX devices_by_location;
CREATE INDEX devices_by_location ON devices (site_id, location, asset_sort_key, asset_id);
`,
};
