import type { DetectedDrive } from '../media-types';

/**
 * Removable volumes (DriveType 2: USB sticks, SD cards) and volumes on USB
 * disks (external drives report DriveType 3), as JSON from CIM.
 */
export const WINDOWS_DRIVES_SCRIPT = [
  '$usb = @(Get-CimInstance Win32_DiskDrive -Filter "InterfaceType=\'USB\'" | ForEach-Object {',
  '  Get-CimAssociatedInstance -InputObject $_ -ResultClassName Win32_DiskPartition | ForEach-Object {',
  '    Get-CimAssociatedInstance -InputObject $_ -ResultClassName Win32_LogicalDisk } } | ForEach-Object { $_.DeviceID })',
  'Get-CimInstance Win32_LogicalDisk | Where-Object { $_.DriveType -eq 2 -or $usb -contains $_.DeviceID } |',
  '  Select-Object DeviceID, VolumeName, VolumeSerialNumber, FileSystem, Size, DriveType | ConvertTo-Json -Compress',
].join('\n');

interface LogicalDisk {
  DeviceID?: unknown;
  VolumeName?: unknown;
  VolumeSerialNumber?: unknown;
  FileSystem?: unknown;
  Size?: unknown;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** ConvertTo-Json writes one object for one drive, an array for several, nothing for none. */
export function parseWindowsDrives(stdout: string): DetectedDrive[] {
  const text = stdout.trim().replace(/^\uFEFF/, '');
  if (!text) return [];
  const parsed = JSON.parse(text) as LogicalDisk | LogicalDisk[];
  const disks = Array.isArray(parsed) ? parsed : [parsed];
  return disks
    .filter((d) => /^[A-Z]:$/i.test(str(d.DeviceID)))
    .map((d) => ({
      path: `${str(d.DeviceID).toUpperCase()}\\`,
      label: str(d.VolumeName),
      device: str(d.DeviceID).toUpperCase(),
      fileSystem: str(d.FileSystem),
      sizeBytes: typeof d.Size === 'number' ? d.Size : null,
      serial: str(d.VolumeSerialNumber),
    }));
}
