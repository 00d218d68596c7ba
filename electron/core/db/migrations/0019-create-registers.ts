import type { Migration } from './migration';

// The registers behind the 勧告 items (issue 14).
//
// 体制・役割 (2-1, 2-2): `register_parties`, the people and organisations a
// site's security rests on, each with its role, organisation, contact (stored,
// never used for sending) and the responsibilities assigned (ids from
// register-types.ts RESPONSIBILITIES, plus free text). `reports_to` draws the
// 体制図; it never forms a cycle (checked on write).
//
// 連絡体制 (10-2, 10-3): `register_contact_steps`, the order in which to call
// whom when something happens. The last call, the competent 産業保安監督部,
// is not stored: it is the region table's office for the site's region, so a
// change of region or of the table changes the card. A party appears once.
//
// 接続点台帳 (6-2-2, 6-2-3): `connection_points`, each point where the site's
// monitoring or control network meets another network; `connection_point_ends`
// the devices on each side, named by 管理番号 as the user wrote it, so a point
// naming a device the inventory does not (yet) hold is kept and flagged, not
// refused; `connection_point_defences` each defence, with its evidence in
// `connection_defence_evidence` (files of evidence_files, as checklist items
// cite them). A point judged unnecessary (needed = 0) carries a removal plan
// and date; one with no defence may carry the reason why (`no_defence_reason`),
// without which 6-2-3 is at most 一部実施.
//
// `network_zones`: which diagram zone (監視, 制御, 事業場LAN) each value of the
// inventory's ネットワーク field belongs to, as the user set it; values not
// set are guessed from their words (network-zones.ts).
//
// Review notes (head office) may name a register and one of its entries.
//
// Like every other table of a site's records, these are written only at the
// site's home; a copy held elsewhere changes only through the site's bundles
// (the read-only triggers of migration 0009, for these tables).

const GUARDED: [table: string, siteOf: (row: 'NEW' | 'OLD') => string][] = [
  ['register_parties', (r) => `${r}.site_id`],
  ['register_contact_steps', (r) => `${r}.site_id`],
  ['connection_points', (r) => `${r}.site_id`],
  ['connection_point_ends', (r) => `(SELECT site_id FROM connection_points WHERE id = ${r}.point_id)`],
  ['connection_point_defences', (r) => `(SELECT site_id FROM connection_points WHERE id = ${r}.point_id)`],
  [
    'connection_defence_evidence',
    (r) => `(SELECT p.site_id FROM connection_points p JOIN connection_point_defences d ON d.point_id = p.id WHERE d.id = ${r}.defence_id)`,
  ],
  ['network_zones', (r) => `${r}.site_id`],
];

const OPS = [
  ['insert', 'INSERT', 'NEW'],
  ['update', 'UPDATE', 'OLD'],
  ['delete', 'DELETE', 'OLD'],
] as const;

const readOnlyTriggers = GUARDED.flatMap(([table, siteOf]) =>
  OPS.map(
    ([name, op, row]) => `CREATE TRIGGER ${table}_read_only_${name} BEFORE ${op} ON ${table}
WHEN EXISTS (SELECT 1 FROM site_origins WHERE site_id = ${siteOf(row)}) AND NOT EXISTS (SELECT 1 FROM bundle_import_active)
BEGIN SELECT RAISE(ABORT, 'hoan:site-read-only'); END;`,
  ),
).join('\n');

export const migration: Migration = {
  version: 19,
  name: 'create-registers',
  sql: `
CREATE TABLE register_parties (
  id                  TEXT PRIMARY KEY,
  site_id             TEXT NOT NULL REFERENCES sites (id),
  -- The order the user lists them in (and the 体制図 draws siblings in).
  position            INTEGER NOT NULL CHECK (position >= 0),
  role                TEXT NOT NULL CHECK (role IN ('owner', 'security_manager', 'chief_engineer', 'outsourced_engineer',
                        'maintenance', 'monitoring', 'maker', 'other')),
  -- The role as written when 'other', or a more precise title (e.g. 工場長).
  title               TEXT NOT NULL DEFAULT '',
  person_name         TEXT NOT NULL DEFAULT '',
  organisation        TEXT NOT NULL DEFAULT '',
  department          TEXT NOT NULL DEFAULT '',
  -- Normalised (contact-formats.ts): ASCII digits and hyphens; e-mail as typed, domain lower-cased.
  phone               TEXT NOT NULL DEFAULT '',
  phone_after_hours   TEXT NOT NULL DEFAULT '',
  email               TEXT NOT NULL DEFAULT '',
  -- JSON array of RESPONSIBILITIES ids, in catalogue order.
  responsibilities_json TEXT NOT NULL DEFAULT '[]',
  responsibility_note TEXT NOT NULL DEFAULT '',
  reports_to          TEXT REFERENCES register_parties (id),
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  updated_by          TEXT NOT NULL DEFAULT '',
  CHECK (person_name <> '' OR organisation <> ''),
  CHECK (reports_to IS NULL OR reports_to <> id)
);
CREATE INDEX register_parties_by_site ON register_parties (site_id, position);

CREATE TABLE register_contact_steps (
  site_id    TEXT NOT NULL REFERENCES sites (id),
  position   INTEGER NOT NULL CHECK (position >= 0),
  party_id   TEXT NOT NULL REFERENCES register_parties (id),
  -- When this call is made, or what it is for (e.g. 夜間・休日, 設備停止の判断).
  note       TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (site_id, position),
  UNIQUE (site_id, party_id)
);

CREATE TABLE connection_points (
  id                 TEXT PRIMARY KEY,
  site_id            TEXT NOT NULL REFERENCES sites (id),
  position           INTEGER NOT NULL CHECK (position >= 0),
  name               TEXT NOT NULL CHECK (name <> ''),
  kind               TEXT NOT NULL CHECK (kind IN ('remote_monitoring', 'maintenance_access', 'office_lan', 'cloud_service',
                       'power_company', 'usb_port', 'other')),
  -- The zone on the site's side of the point; the other side is 'external' unless it is the office LAN.
  inside_zone        TEXT NOT NULL CHECK (inside_zone IN ('monitoring', 'control', 'office')),
  outside_zone       TEXT NOT NULL DEFAULT 'external' CHECK (outside_zone IN ('external', 'monitoring', 'control', 'office')),
  -- Who or what is on the other side (e.g. 電力会社 出力制御サーバ, 保守会社 VPN 装置).
  peer               TEXT NOT NULL DEFAULT '',
  purpose            TEXT NOT NULL DEFAULT '',
  medium             TEXT NOT NULL CHECK (medium IN ('lte', 'fiber', 'closed_carrier', 'internet_vpn', 'leased_line', 'serial',
                       'usb', 'lan', 'other')),
  medium_note        TEXT NOT NULL DEFAULT '',
  managed_by         TEXT NOT NULL DEFAULT '',
  managed_by_party   TEXT REFERENCES register_parties (id),
  -- 6-2-2: needed, or judged unnecessary with a plan to remove it by a date.
  needed             INTEGER NOT NULL DEFAULT 1 CHECK (needed IN (0, 1)),
  necessity_reason   TEXT NOT NULL DEFAULT '',
  removal_plan       TEXT NOT NULL DEFAULT '',
  removal_date       TEXT,
  -- 6-2-3: why the point has no defence, when it has none.
  no_defence_reason  TEXT NOT NULL DEFAULT '',
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  updated_by         TEXT NOT NULL DEFAULT '',
  CHECK (needed = 1 OR (removal_plan <> '' AND removal_date IS NOT NULL))
);
CREATE INDEX connection_points_by_site ON connection_points (site_id, position);

CREATE TABLE connection_point_ends (
  point_id  TEXT NOT NULL REFERENCES connection_points (id) ON DELETE CASCADE,
  side      TEXT NOT NULL CHECK (side IN ('inside', 'outside')),
  -- The 管理番号 as named; the device is found by (site, asset_id) when read.
  asset_id  TEXT NOT NULL CHECK (asset_id <> ''),
  PRIMARY KEY (point_id, side, asset_id)
);

CREATE TABLE connection_point_defences (
  id        TEXT PRIMARY KEY,
  point_id  TEXT NOT NULL REFERENCES connection_points (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL CHECK (position >= 0),
  kind      TEXT NOT NULL CHECK (kind IN ('firewall', 'vpn', 'closed_network', 'allow_list', 'authentication', 'one_way',
              'disconnected_when_unused', 'logging', 'other')),
  note      TEXT NOT NULL DEFAULT '',
  UNIQUE (point_id, position)
);

CREATE TABLE connection_defence_evidence (
  defence_id  TEXT NOT NULL REFERENCES connection_point_defences (id) ON DELETE CASCADE,
  sha256      TEXT NOT NULL REFERENCES evidence_files (sha256),
  file_name   TEXT NOT NULL,
  attached_at TEXT NOT NULL,
  attached_by TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (defence_id, sha256)
);

CREATE TABLE network_zones (
  site_id  TEXT NOT NULL REFERENCES sites (id),
  -- The inventory's ネットワーク value, trimmed, as written.
  network  TEXT NOT NULL CHECK (network <> ''),
  zone     TEXT NOT NULL CHECK (zone IN ('monitoring', 'control', 'office', 'external')),
  PRIMARY KEY (site_id, network)
);

ALTER TABLE review_notes ADD COLUMN register TEXT CHECK (register IN ('organisation', 'contacts', 'connection_points'));
ALTER TABLE review_notes ADD COLUMN register_entry_id TEXT;

${readOnlyTriggers}
`,
};
