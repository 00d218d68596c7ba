import type { LocaleId } from '../../../renderer/locales';
import type { Core } from '../core';
import { siteRegisters, zonedDevices } from '../registers/register-read';
import type { ConnectionPoint, Party, SiteRegisters, ZonedDevice } from '../registers/register-types';
import { getTimeZone } from '../settings/settings-repository';
import { dayIn } from '../time/time-zone';

/**
 * The registers of issue 14 as the report prints them: the 体制 (2-1, 2-2),
 * the 連絡体制 (10-2, 10-3) ending with the competent 産業保安監督部, and one
 * row per connection point (6-2-2, 6-2-3) with its devices, defences and
 * their evidence. The workbook's sheets (register-sheets.ts, also written by
 * `hoan registers export`) and the HTML/PDF sections (register-section.ts)
 * read the same rows from here, so the two never disagree.
 */

/** The registers and the zoned devices the network diagram draws, read once per report. */
export interface ReportRegisters {
  registers: SiteRegisters;
  devices: ZonedDevice[];
}

export function gatherRegisters(core: Core, siteId: string): ReportRegisters {
  const today = dayIn(core.now(), getTimeZone(core.db));
  return { registers: siteRegisters(core.db, core.resourcesDir, siteId, today), devices: zonedDevices(core.db, siteId) };
}

type T = (key: string, params?: Record<string, string | number>) => string;

export interface RegisterTable {
  /** The column labels' keys under registers.report.columns. */
  columns: readonly string[];
  rows: { cells: string[]; warn?: boolean }[];
}

export interface RegisterTableOptions {
  t: T;
  locale: LocaleId;
  /** A YYYY-MM-DD day as the report writes its dates. */
  day: (value: string) => string;
}

/** 佐藤 花子（発電所長） or the organisation when no person is named. */
export function partyName(p: Party, t: T): string {
  const who = p.personName || p.organisation;
  return p.title ? t('registers.report.nameWithTitle', { name: who, title: p.title }) : who;
}

const join = (t: T, parts: string[]) => parts.filter(Boolean).join(t('report.listSeparator'));

export function organisationTable(r: SiteRegisters, { t }: RegisterTableOptions): RegisterTable {
  const byId = new Map(r.parties.map((p) => [p.id, p]));
  return {
    columns: ['role', 'name', 'organisation', 'phone', 'phoneAfterHours', 'email', 'responsibilities', 'reportsTo'],
    rows: r.parties.map((p) => ({
      cells: [
        t(`registers.roles.${p.role}`),
        partyName(p, t),
        [p.organisation, p.department].filter(Boolean).join(' '),
        p.phone,
        p.phoneAfterHours,
        p.email,
        [join(t, p.responsibilities.map((id) => t(`registers.responsibilities.${id}`))), p.responsibilityNote].filter(Boolean).join('\n'),
        p.reportsTo && byId.has(p.reportsTo) ? partyName(byId.get(p.reportsTo)!, t) : '',
      ],
    })),
  };
}

/** The call order, its last row the competent 産業保安監督部 with its phone (not stored: the region table's). */
export function contactsTable(r: SiteRegisters, { t, locale }: RegisterTableOptions): RegisterTable {
  const byId = new Map(r.parties.map((p) => [p.id, p]));
  const steps = r.contactSteps.map((s, i) => {
    const p = byId.get(s.partyId);
    return {
      cells: [
        String(i + 1),
        p ? t(`registers.roles.${p.role}`) : '',
        p ? [partyName(p, t), p.organisation && p.personName ? p.organisation : ''].filter(Boolean).join('\n') : '',
        p?.phone ?? '',
        p?.phoneAfterHours ?? '',
        s.note,
      ],
    };
  });
  const office = locale === 'ja' ? r.office.officeJa : r.office.officeEn;
  return {
    columns: ['order', 'role', 'whom', 'phone', 'phoneAfterHours', 'note'],
    rows: [...steps, { cells: [String(steps.length + 1), t('registers.office'), office, r.office.phone, '', t('registers.report.officeNote')] }],
  };
}

function pointDevices(p: ConnectionPoint, t: T): string {
  return (['inside', 'outside'] as const)
    .map((side) => {
      const ends = p.ends.filter((e) => e.side === side);
      if (ends.length === 0) return '';
      const list = ends.map((e) => (e.deviceId ? `${e.assetId} ${e.deviceName ?? ''}`.trim() : t('registers.report.notInInventory', { assetId: e.assetId })));
      return t(`registers.report.side.${side}`, { devices: join(t, list) });
    })
    .filter(Boolean)
    .join('\n');
}

function necessity(p: ConnectionPoint, t: T, day: (value: string) => string): string {
  if (p.needed) return [t('registers.report.needed'), p.necessityReason].filter(Boolean).join('\n');
  return [
    t('registers.report.notNeeded'),
    p.necessityReason,
    p.removalPlan ? t('registers.report.removalPlan', { plan: p.removalPlan }) : '',
    p.removalDate ? t('registers.report.removalDate', { date: day(p.removalDate) }) : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** One row per point; a point with neither a defence nor a reason, or naming a device the inventory lacks, is marked. */
export function pointsTable(r: SiteRegisters, { t, day }: RegisterTableOptions): RegisterTable {
  const byId = new Map(r.parties.map((p) => [p.id, p]));
  return {
    columns: ['point', 'zones', 'peerPurpose', 'devices', 'medium', 'managedBy', 'necessity', 'defences', 'evidence'],
    rows: r.points.map((p) => {
      const manager = p.managedByParty && byId.has(p.managedByParty) ? partyName(byId.get(p.managedByParty)!, t) : '';
      return {
        warn: (p.defences.length === 0 && p.noDefenceReason.trim() === '') || p.ends.some((e) => !e.deviceId),
        cells: [
          `${p.name}\n${t(`registers.pointKinds.${p.kind}`)}`,
          t('registers.report.zonesValue', { inside: t(`registers.zones.${p.insideZone}`), outside: t(`registers.zones.${p.outsideZone}`) }),
          [p.peer, p.purpose].filter(Boolean).join('\n'),
          pointDevices(p, t),
          [t(`registers.media.${p.medium}`), p.mediumNote].filter(Boolean).join('\n'),
          [p.managedBy, manager && manager !== p.managedBy ? manager : ''].filter(Boolean).join('\n'),
          necessity(p, t, day),
          p.defences.length > 0
            ? p.defences.map((d) => [t(`registers.defenceKinds.${d.kind}`), d.note].filter(Boolean).join(': ')).join('\n')
            : p.noDefenceReason.trim()
              ? t('registers.report.noDefenceReason', { reason: p.noDefenceReason })
              : t('registers.report.noDefence'),
          p.defences.flatMap((d) => d.evidence.map((e) => `${t(`registers.defenceKinds.${d.kind}`)}: ${e.name} sha256:${e.sha256}`)).join('\n'),
        ],
      };
    }),
  };
}
