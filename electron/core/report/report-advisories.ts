import { glanceOf, TRIAGE_STATES, type AdvisoryGlance } from '../advisories/advisory-glance';
import type { TriagedMatch } from '../advisories/advisory-types';
import { isUnsettled, listTriagedMatches } from '../advisories/triage';
import type { Core } from '../core';

/**
 * The report's 8-4 section (issue 13): every match of the site's inventory
 * with the decision in force, and the open items past their date (対応中
 * past its planned date, リスク受容 past its review date). The state is the
 * one at the time of printing, like the inventory's; the HTML/PDF and the
 * workbook read the same lines from here.
 */

export interface ReportAdvisories {
  matches: TriagedMatch[];
  overdue: TriagedMatch[];
  glance: AdvisoryGlance;
}

/** Open first, the highest CVSS first within a state, then by 管理番号. */
const ORDER = new Map(TRIAGE_STATES.map((s, i) => [s, i]));

export function gatherAdvisories(core: Core, siteId: string): ReportAdvisories {
  const matches = listTriagedMatches(core, siteId).sort(
    (a, b) =>
      Number(isUnsettled(b)) - Number(isUnsettled(a)) ||
      ORDER.get(a.triage)! - ORDER.get(b.triage)! ||
      (b.cvss ?? -1) - (a.cvss ?? -1) ||
      a.assetId.localeCompare(b.assetId, 'ja') ||
      a.advisoryId.localeCompare(b.advisoryId),
  );
  return { matches, overdue: matches.filter((m) => m.overdue === true), glance: glanceOf(matches) };
}

type T = (key: string, params?: Record<string, string | number>) => string;

/** 判定の内訳: each state with its count, the states with none left out. */
export function countsText(glance: AdvisoryGlance, t: T): string {
  const parts = TRIAGE_STATES.filter((s) => glance.counts[s] > 0).map((s) => t('advisories.report.countPart', { state: t(`advisories.triage.status.${s}`), count: glance.counts[s] }));
  return parts.length > 0 ? parts.join(t('report.listSeparator')) : t('report.none');
}

export function highestText(glance: AdvisoryGlance, t: T): string {
  return glance.highestOpenCvss === null ? t('advisories.report.noOpenScore', { open: glance.open }) : t('advisories.report.highestOpen', { open: glance.open, cvss: glance.highestOpenCvss.toFixed(1) });
}

/** The decision's state as printed: reopened and overdue said in words, not only by a row's colour. */
export function stateText(m: TriagedMatch, t: T): string {
  const state = t(`advisories.triage.status.${m.triage}`);
  if (m.reopened) return t('advisories.report.reopened', { state });
  if (m.overdue) return t('advisories.report.overdue', { state });
  return state;
}

/** Why, what compensates, and who decided when: one line each, those that apply. */
export function detailLines(m: TriagedMatch, t: T, time: (iso: string) => string): string[] {
  const d = m.decision;
  if (!d) return [];
  return [
    d.reasonCode ? t('advisories.report.reasonLine', { reason: t(`advisories.triage.reason.${d.reasonCode}`) }) : '',
    d.compensatingControl ? t('advisories.report.controlLine', { control: d.compensatingControl }) : '',
    d.note,
    t('advisories.report.decidedLine', { by: d.decidedBy, at: time(d.decidedAt) }),
  ].filter(Boolean);
}

/** 対応中's planned date or リスク受容's review date, named as which. */
export function dueText(m: TriagedMatch, t: T, day: (value: string) => string): string {
  const d = m.decision;
  if (!d?.dueOn || m.reopened) return '';
  return t(d.status === 'risk_accepted' ? 'advisories.report.reviewOn' : 'advisories.report.plannedOn', { date: day(d.dueOn) });
}

export const cvssText = (m: TriagedMatch) => (m.cvss === null ? '' : m.cvss.toFixed(1));
export const advisoryText = (m: TriagedMatch) => [m.advisoryId, ...m.cves].join('\n');
