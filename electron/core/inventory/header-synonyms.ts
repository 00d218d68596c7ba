import type { DeviceField } from './inventory-types';

/**
 * Header text as compared: NFKC (full-width letters and digits, half-width
 * katakana), lower case, no spaces, no separators (OS/ファームウェア is
 * OS・ファームウェア), no marks such as ※ or * that vendors add to required columns.
 */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u200b]+/g, '')
    .replace(/[※*◎●○・:/|_\-]+/g, '');
}

/** "導入日(西暦)" and "IPアドレス【必須】" name the same column as without their note. */
function withoutNote(normalised: string): string {
  return normalised.replace(/[([【〔<［][^)\]】〕>］]*[)\]】〕>］]$/u, '');
}

/**
 * The headers seen in vendors' and owners' inventories, Japanese and English.
 * The first of each is the one Hoan writes when exporting in Japanese; the
 * English export labels are listed too, so an export reads back in.
 */
const SYNONYMS: Record<DeviceField, string[]> = {
  assetId: ['管理番号', '資産番号', '機器番号', '資産管理番号', '管理no', '管理no.', '機器管理番号', 'asset id', 'assetid', 'asset no', 'asset number', 'asset tag', 'id'],
  name: ['機器名', '名称', '機器名称', '装置名', '設備名', 'device name', 'name', 'device'],
  kind: ['種別', '機器種別', '種類', '分類', '機種区分', 'type', 'kind', 'category', 'device type'],
  location: ['設置箇所', '設置場所', '場所', '設置位置', 'location', 'place', 'installed at'],
  manufacturer: ['メーカー', '製造者', '製造元', 'メーカー名', '製造業者', 'manufacturer', 'vendor', 'maker'],
  model: ['型式', '型番', '機種', '型名', 'model', 'model number', 'model no'],
  serialNumber: ['シリアル番号', '製造番号', 'シリアル', 'シリアルno', 's/n', 'serial', 'serial number', 'serial no'],
  os: ['os/ファームウェア', 'os', 'ファームウェア', 'firmware', 'os/firmware', 'os / firmware', 'ファームウェア/os'],
  softwareVersion: ['ソフトウェアバージョン', 'バージョン', 'ソフトウェア版数', '版数', 'ver', 'version', 'software version'],
  ipAddress: ['ipアドレス', 'ip', 'ip address', 'ipaddress'],
  macAddress: ['macアドレス', 'mac', 'mac address', 'macaddress'],
  network: ['ネットワーク区分', '接続先', 'ネットワーク', '接続ネットワーク', 'network', 'network zone', 'segment', 'connected to'],
  purpose: ['用途', '目的', '使用目的', 'purpose', 'use', 'usage'],
  administrator: ['管理者', '担当者', '管理担当者', '管理責任者', 'administrator', 'admin', 'owner', 'person in charge'],
  installedOn: ['導入日', '設置日', '導入年月日', '設置年月日', '導入時期', 'installed on', 'installed', 'installation date', 'install date'],
  notes: ['備考', 'メモ', '摘要', 'notes', 'note', 'remarks', 'comment', 'comments'],
};

/**
 * Columns Hoan's own export adds (confirmation status…): not device data, so
 * not brought back in as extra attributes when an export is imported.
 */
const EXPORT_ONLY = [
  '確認状況',
  '確認日',
  '確認者',
  '移設先',
  '最新の取込に含まれる',
  'confirmation',
  'confirmed on',
  'confirmed by',
  'moved to',
  'in latest import',
];

const BY_HEADER = new Map<string, DeviceField | 'ignore'>();
for (const [field, names] of Object.entries(SYNONYMS) as [DeviceField, string[]][]) {
  for (const name of names) BY_HEADER.set(normaliseHeader(name), field);
}
for (const name of EXPORT_ONLY) BY_HEADER.set(normaliseHeader(name), 'ignore');

/** The field a header names, 'ignore' for Hoan's own status columns, or null when unknown. */
export function matchHeader(text: string): DeviceField | 'ignore' | null {
  const key = normaliseHeader(text);
  if (!key) return null;
  return BY_HEADER.get(key) ?? BY_HEADER.get(withoutNote(key)) ?? null;
}
