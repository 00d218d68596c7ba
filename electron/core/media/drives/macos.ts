import type { DetectedDrive } from '../media-types';

type Plist = string | number | boolean | Plist[] | { [key: string]: Plist };

/**
 * Just enough of Apple's XML property lists for `diskutil … -plist`: dict,
 * array, string, integer, real, true, false, data (kept as text).
 */
export function parsePlist(xml: string): Plist {
  const tokens = [...xml.matchAll(/<(\/?)(dict|array|key|string|integer|real|true|false|data)(\s*\/)?>([^<]*)/g)];
  let i = 0;
  const decode = (s: string) =>
    s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const value = (): Plist => {
    const t = tokens[i++];
    if (!t) throw new Error('plist: unexpected end');
    const [, close, tag, selfClosing, text = ''] = t;
    if (close) throw new Error(`plist: unexpected </${tag}>`);
    switch (tag) {
      case 'true':
        if (!selfClosing) i++;
        return true;
      case 'false':
        if (!selfClosing) i++;
        return false;
      case 'string':
      case 'data':
        if (selfClosing) return '';
        i++;
        return decode(text);
      case 'integer':
      case 'real':
        i++;
        return Number(text);
      case 'array': {
        const out: Plist[] = [];
        if (selfClosing) return out;
        while (tokens[i] && !(tokens[i]![1] && tokens[i]![2] === 'array')) out.push(value());
        i++;
        return out;
      }
      case 'dict': {
        const out: Record<string, Plist> = {};
        if (selfClosing) return out;
        while (tokens[i] && !(tokens[i]![1] && tokens[i]![2] === 'dict')) {
          const k = tokens[i++]!;
          if (k[2] !== 'key') throw new Error('plist: expected <key>');
          const key = decode(k[4] ?? '');
          i++;
          out[key] = value();
        }
        i++;
        return out;
      }
      default:
        throw new Error(`plist: unexpected <${tag}>`);
    }
  };
  return value();
}

const asDict = (v: Plist | undefined): Record<string, Plist> => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const asString = (v: Plist | undefined) => (typeof v === 'string' ? v : '');

/** `diskutil list -plist external physical`: every mounted volume on an external disk. */
export function parseDiskutilList(xml: string): DetectedDrive[] {
  const root = asDict(parsePlist(xml));
  const disks = Array.isArray(root.AllDisksAndPartitions) ? root.AllDisksAndPartitions : [];
  const drives: DetectedDrive[] = [];
  for (const d of disks.map(asDict)) {
    const volumes = [d, ...(Array.isArray(d.Partitions) ? d.Partitions.map(asDict) : []), ...(Array.isArray(d.APFSVolumes) ? d.APFSVolumes.map(asDict) : [])];
    for (const v of volumes) {
      const mountPoint = asString(v.MountPoint);
      if (!mountPoint) continue;
      drives.push({
        path: mountPoint,
        label: asString(v.VolumeName),
        device: `/dev/${asString(v.DeviceIdentifier)}`,
        fileSystem: asString(v.Content),
        sizeBytes: typeof v.Size === 'number' ? v.Size : null,
        serial: asString(v.VolumeUUID),
      });
    }
  }
  return drives;
}
