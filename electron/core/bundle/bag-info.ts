import type { ChainHead } from '../media/log-anchors';
import { BAG_VALUE_ENCODING, decodeBagValue, formatBagInfo, parseBagInfo, payloadOxum, type BagInfo } from './bagit';
import type { BagSummary, BundleKind } from './bundle-types';
import { dayIn, isoWithOffset } from '../time/time-zone';

export const FORMAT_VERSION = '1';

/** Names in bag-info are a summary for people; the records carry them whole. Longer ones are cut, marked with "…". */
export const BAG_NAME_MAX = 300;

/** At most `max` UTF-16 units, never splitting a surrogate pair, "…" last when cut. */
export function bagName(value: string, max = BAG_NAME_MAX): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max - 1);
  return `${/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

export interface BagInfoInput {
  bundleId: string;
  kind: BundleKind;
  siteId: string;
  siteName: string;
  organization: string;
  signerFingerprint: string;
  signerName: string;
  signerPrincipal: string;
  sequence: number;
  created: Date;
  /** The installation's zone: Bagging-Date is its day, Hoan-Created its wall clock with the offset. */
  timeZone: string;
  payloadBytes: number;
  payloadFiles: number;
  agent: string;
  /** The media log's head as media.json holds it (site bundles); signed with the rest through the tag manifest. */
  mediaLogHead: ChainHead | null;
}

/** The media log's head: entries in media.json, and the hash of the last (log-chain.ts). */
export const MEDIA_LOG_LABELS = { entries: 'Hoan-Media-Log-Entries', head: 'Hoan-Media-Log-Head' } as const;

/**
 * RFC 8493's reserved labels, then Hoan's own (prefixed, as the RFC asks of
 * extensions). Dates are the site's: Bagging-Date is the day (YYYY-MM-DD)
 * in the installation's zone, Hoan-Created the same instant as ISO 8601 with
 * that zone's offset and milliseconds (`2026-12-03T08:30:00.000+09:00`).
 * Bundles made before zones were a setting carry a UTC day and `…Z`;
 * readBagInfo takes both.
 */
export function bagInfoText(i: BagInfoInput): string {
  const info: BagInfo = [
    ['Source-Organization', bagName(i.organization)],
    ['Bagging-Date', dayIn(i.created, i.timeZone)],
    ['External-Identifier', i.bundleId],
    ['Payload-Oxum', payloadOxum(i.payloadBytes, i.payloadFiles)],
    ['Bag-Software-Agent', i.agent],
    ['Hoan-Format-Version', FORMAT_VERSION],
    [...BAG_VALUE_ENCODING],
    ['Hoan-Bundle-Kind', i.kind],
    ['Hoan-Site-Id', i.siteId],
    ['Hoan-Site-Name', bagName(i.siteName)],
    ['Hoan-Sequence', String(i.sequence)],
    ['Hoan-Signer-Fingerprint', i.signerFingerprint],
    ['Hoan-Signer-Name', bagName(i.signerName)],
    ['Hoan-Signer-Principal', i.signerPrincipal],
    ['Hoan-Created', isoWithOffset(i.created, i.timeZone)],
  ];
  if (i.mediaLogHead) info.push([MEDIA_LOG_LABELS.entries, String(i.mediaLogHead.entries)], [MEDIA_LOG_LABELS.head, i.mediaLogHead.hash]);
  return formatBagInfo(info);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Any text, decoded: the names. Lengths in UTF-16 units, as written. */
const name = (min: number) => new RegExp(`^[\\s\\S]{${min},${BAG_NAME_MAX}}$`);

/**
 * The bag's declarations, or the label that is missing, repeated or
 * malformed. Each value is decoded first (bagit.ts), then checked.
 */
export function readBagInfo(text: string): BagSummary | { badField: string } {
  const fields = parseBagInfo(text);
  if (!fields) return { badField: 'syntax' };
  const encoding = fields.get(BAG_VALUE_ENCODING[0]);
  if (encoding && (encoding.length !== 1 || encoding[0] !== BAG_VALUE_ENCODING[1])) return { badField: BAG_VALUE_ENCODING[0] };
  const one = (label: string, pattern: RegExp): string | { badField: string } => {
    const values = fields.get(label);
    if (!values || values.length !== 1) return { badField: label };
    const value = encoding ? decodeBagValue(values[0]!) : values[0]!;
    if (value === null || !pattern.test(value)) return { badField: label };
    return value;
  };
  const read = {
    organization: one('Source-Organization', name(1)),
    baggingDate: one('Bagging-Date', /^\d{4}-\d{2}-\d{2}$/),
    bundleId: one('External-Identifier', UUID),
    oxum: one('Payload-Oxum', /^\d{1,16}\.\d{1,9}$/),
    agent: one('Bag-Software-Agent', /^[\s\S]{1,200}$/),
    version: one('Hoan-Format-Version', /^\d+$/),
    kind: one('Hoan-Bundle-Kind', /^(site|review)$/),
    siteId: one('Hoan-Site-Id', UUID),
    siteName: one('Hoan-Site-Name', name(0)),
    sequence: one('Hoan-Sequence', /^[1-9]\d{0,14}$/),
    fingerprint: one('Hoan-Signer-Fingerprint', /^SHA256:[A-Za-z0-9+/]{43}$/),
    signerName: one('Hoan-Signer-Name', name(0)),
    // UTC (`…Z`, bundles before zones) or the site's wall clock with its offset (`…+09:00`): the same instant.
    created: one('Hoan-Created', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?(Z|[+-]\d{2}:\d{2})$/),
  };
  for (const value of Object.values(read)) if (typeof value !== 'string') return value;
  const v = read as Record<keyof typeof read, string>;
  if (v.version !== FORMAT_VERSION) return { badField: 'Hoan-Format-Version' };
  const created = new Date(v.created);
  if (Number.isNaN(created.getTime())) return { badField: 'Hoan-Created' };
  // Bundles from a Hoan before the media log's head was carried have neither label; one without the other is malformed.
  let mediaLogHead: BagSummary['mediaLogHead'] = null;
  if (fields.has(MEDIA_LOG_LABELS.entries) || fields.has(MEDIA_LOG_LABELS.head)) {
    const entries = one(MEDIA_LOG_LABELS.entries, /^(0|[1-9]\d{0,14})$/);
    if (typeof entries !== 'string') return entries;
    const hash = one(MEDIA_LOG_LABELS.head, /^[0-9a-f]{64}$/);
    if (typeof hash !== 'string') return hash;
    mediaLogHead = { entries: Number(entries), hash };
  }
  const [bytes, files] = v.oxum.split('.').map(Number) as [number, number];
  return {
    bundleId: v.bundleId,
    kind: v.kind as BundleKind,
    siteId: v.siteId,
    siteName: v.siteName,
    sourceOrganization: v.organization,
    signerFingerprint: v.fingerprint,
    signerName: v.signerName,
    sequence: Number(v.sequence),
    // Stored and compared as UTC, like every instant Hoan keeps.
    baggedAt: created.toISOString(),
    payloadBytes: bytes,
    payloadFiles: files,
    formatVersion: v.version,
    mediaLogHead,
  };
}
