import net from 'node:net';

/**
 * IP and MAC addresses as inventories write them. A device with two network
 * interfaces lists both in one cell, separated by commas, 、 or line breaks.
 */

function parts(text: string): string[] {
  return text
    .split(/[,;、\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

function ipv4(text: string): string | null {
  const m = IPV4.exec(text);
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return null;
  const prefix = m[5];
  if (prefix !== undefined && Number(prefix) > 32) return null;
  // 192.168.001.010 is how some ledgers pad; the address is 192.168.1.10.
  return octets.join('.') + (prefix !== undefined ? `/${Number(prefix)}` : '');
}

function ipv6(text: string): string | null {
  const [address = '', prefix] = text.split('/');
  if (!net.isIPv6(address)) return null;
  if (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= 128)) return null;
  return address.toLowerCase() + (prefix !== undefined ? `/${Number(prefix)}` : '');
}

/** Normalised addresses joined by ", ", '' for an empty cell, or null if any is not an address. */
export function normaliseIpList(text: string): string | null {
  const out: string[] = [];
  for (const p of parts(text)) {
    const address = ipv4(p) ?? ipv6(p);
    if (!address) return null;
    out.push(address);
  }
  return out.join(', ');
}

const MAC_FORMATS = [
  /^[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}$/i,
  /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i,
  /^[0-9a-f]{12}$/i,
];

/** 00-11-22-aa-bb-cc, 0011.22aa.bbcc and 001122AABBCC all become 00:11:22:AA:BB:CC. */
export function normaliseMacList(text: string): string | null {
  const out: string[] = [];
  for (const p of parts(text)) {
    if (!MAC_FORMATS.some((re) => re.test(p))) return null;
    const hex = p.replace(/[:.-]/g, '').toUpperCase();
    out.push(hex.match(/../g)!.join(':'));
  }
  return out.join(', ');
}
