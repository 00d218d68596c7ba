import type { LocaleId } from '../../../renderer/locales';
import { networkDiagramSvg } from '../registers/network-diagram';
import { orgChartSvg } from '../registers/org-chart';
import { contactsTable, organisationTable, pointsTable, type RegisterTable, type RegisterTableOptions, type ReportRegisters } from './register-tables';
import { esc, table, token, words, type Column } from './report-table';

/**
 * The report's register sections (issue 14) in HTML and so in the PDF: the
 * 体制 with its 体制図, the 連絡体制 ending with the 産業保安監督部, and the
 * 接続点台帳 with the network diagram. The tables are the workbook's
 * (register-tables.ts); the two drawings are the SVG the registers' own
 * modules make (self-contained, every text escaped there), placed inline so
 * the PDF needs no file beside it.
 */

export interface RegisterFigures {
  orgChart: string;
  networkDiagram: string;
}

/** Both drawings, made once per report: the network diagram's layout is asynchronous. */
export async function registerFigures(r: ReportRegisters, locale: LocaleId): Promise<RegisterFigures> {
  return { orgChart: orgChartSvg(r.registers, locale), networkDiagram: await networkDiagramSvg({ registers: r.registers, devices: r.devices }, locale) };
}

function htmlTable(rt: RegisterTable, head: (label: string, column: string) => Column, o: RegisterTableOptions, empty: string): string {
  return table(
    rt.columns.map((c) => head(o.t(`registers.report.columns.${c}`), c)),
    rt.rows.map((r) => ({ cells: r.cells, className: r.warn ? 'row-warn' : undefined })),
    empty,
  );
}

/**
 * The points' nine columns as seven on A4 portrait: the kind and zones with
 * the name, the manager with the medium; a hash cut to 16 digits as the
 * checklist prints it (the workbook holds it whole).
 */
function pointsForPage(rt: RegisterTable): RegisterTable {
  const merge = (a: string, b: string) => [a, b].filter(Boolean).join('\n');
  return {
    columns: ['point', 'peerPurpose', 'devices', 'mediumManaged', 'necessity', 'defences', 'evidence'],
    rows: rt.rows.map((r) => {
      const [point, zones, peer, devices, medium, managed, necessity, defences, evidence] = r.cells as [string, string, string, string, string, string, string, string, string];
      return { warn: r.warn, cells: [merge(point, zones), peer, devices, merge(medium, managed), necessity, defences, evidence.replace(/sha256:([0-9a-f]{16})[0-9a-f]{48}/g, 'sha256:$1…')] };
    }),
  };
}

/**
 * A drawing as an image of its SVG (a data: URL), as the register screens
 * show it: an image never runs script nor styles the page around it, in the
 * app's report view and in the PDF alike.
 */
function figure(svg: string, caption: string, className: string): string {
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.trim())}`;
  return `<figure class="report-figure ${className}"><img src="${src}" alt="${esc(caption)}"><figcaption>${esc(caption)}</figcaption></figure>`;
}

export function registerSections(r: ReportRegisters, figures: RegisterFigures | null, o: RegisterTableOptions): string {
  const { t } = o;
  const none = t('registers.report.empty');
  const wordsFor = (columns: string[]) => (label: string, column: string) => (columns.includes(column) ? words(label) : label);
  const organisation = `<section class="report-section" data-section="organisation"><h2>${esc(t('registers.report.organisationHeading'))}</h2>
  ${htmlTable(organisationTable(r.registers, o), wordsFor(['phone', 'phoneAfterHours']), o, none)}
  ${figures && r.registers.parties.length > 0 ? figure(figures.orgChart, t('registers.report.orgChartCaption'), 'report-org-chart') : ''}</section>`;
  const contacts = `<section class="report-section report-section-continued" data-section="contacts"><h2>${esc(t('registers.report.contactsHeading'))}</h2>
  ${htmlTable(contactsTable(r.registers, o), wordsFor(['order', 'phone', 'phoneAfterHours']), o, none)}</section>`;
  const points = `<section class="report-section" data-section="connection-points"><h2>${esc(t('registers.report.pointsHeading'))}</h2>
  ${figures ? figure(figures.networkDiagram, t('registers.report.diagramCaption'), 'report-network-diagram') : ''}
  ${htmlTable(pointsForPage(pointsTable(r.registers, o)), (label, c) => (c === 'evidence' ? token(label) : label), o, none)}</section>`;
  return organisation + contacts + points;
}
