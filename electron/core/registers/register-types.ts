/**
 * The registers behind the 勧告 items (issue 14): 体制・役割 (2-1, 2-2),
 * 連絡体制 (10-2, 10-3) and the 接続点台帳 (6-2-2, 6-2-3). Tables in migration
 * 0019; the read model every part uses is `siteRegisters` (register-read.ts).
 */

export const PARTY_ROLES = [
  'owner',
  'security_manager',
  'chief_engineer',
  'outsourced_engineer',
  'maintenance',
  'monitoring',
  'maker',
  'other',
] as const;
/**
 * 設置者, セキュリティ責任者, 電気主任技術者, 外部委託先（電気管理技術者）,
 * 保守会社, 監視サービス事業者, メーカー窓口, その他.
 */
export type PartyRole = (typeof PARTY_ROLES)[number];

/**
 * The responsibilities a party can be assigned, each tied to the guideline
 * items it answers (the checklist shows who holds each). Free text covers
 * the rest (`responsibilityNote`).
 */
export const RESPONSIBILITIES = [
  { id: 'overall', items: ['2-1'] },
  { id: 'roles', items: ['2-2'] },
  { id: 'training', items: ['2-3', '10-4'] },
  { id: 'documents', items: ['3-1', '3-2'] },
  { id: 'procurement', items: ['5-1', '5-2'] },
  { id: 'network_management', items: ['6-2-2', '6-2-3'] },
  { id: 'device_management', items: ['8-1-1', '8-1-2', '8-1-4', '8-2-1'] },
  { id: 'media_control', items: ['8-1-3'] },
  { id: 'vulnerability_management', items: ['8-4-1', '8-4-2', '8-4-3'] },
  { id: 'physical_security', items: ['9-1'] },
  { id: 'incident_response', items: ['10-2'] },
  { id: 'incident_reporting', items: ['10-1', '10-3'] },
  { id: 'maintenance_work', items: [] },
  { id: 'monitoring_service', items: [] },
  { id: 'vendor_support', items: [] },
] as const;
export type ResponsibilityId = (typeof RESPONSIBILITIES)[number]['id'];
export const RESPONSIBILITY_IDS = RESPONSIBILITIES.map((r) => r.id) as unknown as readonly [ResponsibilityId, ...ResponsibilityId[]];

export interface Party {
  id: string;
  siteId: string;
  position: number;
  role: PartyRole;
  title: string;
  personName: string;
  organisation: string;
  department: string;
  phone: string;
  phoneAfterHours: string;
  email: string;
  responsibilities: ResponsibilityId[];
  responsibilityNote: string;
  reportsTo: string | null;
  updatedAt: string;
  updatedBy: string;
}

/** One call in the incident contact order; the 産業保安監督部 closes it (not stored). */
export interface ContactStep {
  position: number;
  partyId: string;
  note: string;
}

/** The competent 産業保安監督部 for the site's region (resources/reference/regions.json). */
export interface SupervisionOffice {
  regionId: string;
  officeJa: string;
  officeEn: string;
  phone: string;
}

export const ZONES = ['external', 'monitoring', 'control', 'office'] as const;
/** 外部, 監視, 制御, 事業場LAN: the network diagram's zones. */
export type Zone = (typeof ZONES)[number];
export const INSIDE_ZONES = ['monitoring', 'control', 'office'] as const satisfies readonly Zone[];
export type InsideZone = (typeof INSIDE_ZONES)[number];

export const POINT_KINDS = [
  'remote_monitoring',
  'maintenance_access',
  'office_lan',
  'cloud_service',
  'power_company',
  'usb_port',
  'other',
] as const;
/** 遠隔監視回線, 保守用リモートアクセス, 事業場LAN, クラウドサービス, 電力会社・アグリゲーター, USBポート（8-1-3）, その他. */
export type PointKind = (typeof POINT_KINDS)[number];

export const POINT_MEDIA = ['lte', 'fiber', 'closed_carrier', 'internet_vpn', 'leased_line', 'serial', 'usb', 'lan', 'other'] as const;
/** LTE（モバイルルーター）, 光回線, 閉域網, インターネットVPN, 専用線, シリアル, USB, LAN, その他. */
export type PointMedium = (typeof POINT_MEDIA)[number];

export const DEFENCE_KINDS = [
  'firewall',
  'vpn',
  'closed_network',
  'allow_list',
  'authentication',
  'one_way',
  'disconnected_when_unused',
  'logging',
  'other',
] as const;
/** ファイアウォール, VPN, 閉域網, 接続先の限定, 認証, 一方向装置, 不使用時の物理切断, ログ取得, その他. */
export type DefenceKind = (typeof DEFENCE_KINDS)[number];

export interface DefenceEvidence {
  sha256: string;
  name: string;
  size: number;
  attachedAt: string;
  attachedBy: string;
}

export interface Defence {
  id: string;
  position: number;
  kind: DefenceKind;
  note: string;
  evidence: DefenceEvidence[];
}

/** A device named on one side of a point, and whether the inventory holds it. */
export interface PointEnd {
  side: 'inside' | 'outside';
  assetId: string;
  /** The device of the inventory with this 管理番号, or null: flagged. */
  deviceId: string | null;
  deviceName: string | null;
}

export interface ConnectionPoint {
  id: string;
  siteId: string;
  position: number;
  name: string;
  kind: PointKind;
  insideZone: InsideZone;
  outsideZone: Zone;
  peer: string;
  purpose: string;
  medium: PointMedium;
  mediumNote: string;
  managedBy: string;
  managedByParty: string | null;
  needed: boolean;
  necessityReason: string;
  removalPlan: string;
  removalDate: string | null;
  noDefenceReason: string;
  ends: PointEnd[];
  defences: Defence[];
  updatedAt: string;
  updatedBy: string;
}

/** What a register lacks or holds wrong, for the checklist and the screens. */
export interface RegisterFlag {
  kind:
    | 'deviceNotInInventory'
    | 'pointUndefended'
    | 'pointUndefendedWithReason'
    | 'removalOverdue'
    | 'noContactSteps'
    | 'noSecurityManager';
  /** The entry the flag is about (point id, party id), when there is one. */
  entryId: string | null;
  /** Values for the message (e.g. the 管理番号). */
  params: Record<string, string>;
}

/** A device of the inventory as the diagram places it. */
export interface ZonedDevice {
  id: string;
  assetId: string;
  name: string;
  kind: string;
  network: string;
  zone: InsideZone;
  /** The zone came from network_zones (true) or was guessed from the network's words (false). */
  zoneSet: boolean;
}

export interface SiteRegisters {
  siteId: string;
  parties: Party[];
  contactSteps: ContactStep[];
  office: SupervisionOffice;
  points: ConnectionPoint[];
  /** Every distinct ネットワーク value of the inventory's current devices, with its zone. */
  networks: { network: string; zone: InsideZone; set: boolean; devices: number }[];
  flags: RegisterFlag[];
}

/** The registers a checklist item is backed by. */
export const REGISTER_ITEMS = {
  organisation: ['2-1', '2-2'],
  connection_points: ['6-2-2', '6-2-3'],
  contacts: ['10-2', '10-3'],
} as const;
export type RegisterName = keyof typeof REGISTER_ITEMS;
export const REGISTER_NAMES = Object.keys(REGISTER_ITEMS) as RegisterName[];
