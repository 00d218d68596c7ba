import type { InsideZone } from './register-types';

/**
 * The diagram zone a value of the inventory's ネットワーク field is guessed to
 * be, until the user sets it (table network_zones). Sites write the field
 * freely (監視LAN, 制御系, 事務所LAN, OA, 192.168.10.0/24), so the guess reads
 * words only, after NFKC (full-width letters folded) and lower-casing: office
 * words first (an 事務所の監視PC is on the office LAN), then monitoring, and
 * everything else (an address, a blank, 制御, PLC) is 制御 — the zone an
 * unknown device is safest assumed to be in, since it is the one 6-2 guards.
 */
const OFFICE = /事務|事業場|社内|本社|情報系|office|\boa\b|corporate|\bit\b/;
const MONITORING = /監視|遠隔|scada|hmi|monitor|remote|テレメ/;

export function guessZone(network: string): InsideZone {
  const text = network.normalize('NFKC').toLowerCase();
  if (OFFICE.test(text)) return 'office';
  if (MONITORING.test(text)) return 'monitoring';
  return 'control';
}
