import { DEVICE_FIELDS, type DeviceCheck, type DeviceField, type DeviceRecord, type CheckStatus } from './inventory-types';

/** Each device field's column in `devices`. */
export const FIELD_COLUMNS: Readonly<Record<DeviceField, string>> = {
  assetId: 'asset_id',
  name: 'name',
  kind: 'kind',
  location: 'location',
  manufacturer: 'manufacturer',
  model: 'model',
  serialNumber: 'serial_number',
  os: 'os',
  softwareVersion: 'software_version',
  ipAddress: 'ip_address',
  macAddress: 'mac_address',
  network: 'network',
  purpose: 'purpose',
  administrator: 'administrator',
  installedOn: 'installed_on',
  notes: 'notes',
};

export type DeviceRow = Record<string, string | number | null> & {
  id: string;
  site_id: string;
  asset_id: string;
  extra_json: string;
  in_latest_import: number;
  created_batch_id: string | null;
  created_at: string;
  updated_at: string;
};

export function recordOf(row: DeviceRow): DeviceRecord {
  const record = { extra: JSON.parse(row.extra_json) as Record<string, string> } as DeviceRecord;
  for (const field of DEVICE_FIELDS) (record as unknown as Record<string, unknown>)[field] = row[FIELD_COLUMNS[field]];
  return record;
}

/** Named parameters for an INSERT or UPDATE of the device fields. */
export function recordParams(record: DeviceRecord): Record<string, string | null> {
  const params: Record<string, string | null> = { extra_json: JSON.stringify(record.extra) };
  for (const field of DEVICE_FIELDS) params[FIELD_COLUMNS[field]] = record[field];
  return params;
}

export const FIELD_ASSIGNMENTS = [...DEVICE_FIELDS.map((f) => FIELD_COLUMNS[f]), 'extra_json'].map((c) => `${c} = @${c}`).join(', ');

export interface CheckRow {
  id: string;
  site_id: string;
  device_id: string;
  status: string;
  checked_on: string;
  from_location: string;
  new_location: string;
  note: string;
  checked_by: string;
  recorded_at: string;
}

export function toCheck(row: CheckRow): DeviceCheck {
  return {
    id: row.id,
    siteId: row.site_id,
    deviceId: row.device_id,
    status: row.status as CheckStatus,
    checkedOn: row.checked_on,
    fromLocation: row.from_location,
    newLocation: row.new_location,
    note: row.note,
    checkedBy: row.checked_by,
    recordedAt: row.recorded_at,
  };
}
