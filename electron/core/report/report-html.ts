import type { LocaleId } from '../../../renderer/locales';
import { ITEM_STATES } from '../checklist/assessment-schema';
import { catalogueCoverText } from '../checklist/catalogue-provenance';
import { translate } from '../i18n/translate';
import { formatDate, formatDateTime, type DateStyle } from '../time/format-date';
import { staleText } from '../media/entry-words';
import { EXCEPTION_COVERS, exceptionCoversOf, type ExceptionCovers } from '../media/judgement';
import { verifyText, type VerifyText } from '../media/verify-text';
import { advisoryText, countsText, cvssText, detailLines, dueText, highestText, stateText } from './report-advisories';
import type { ReportData } from './report-data';
import { runningHeadsCss } from './report-running-heads';
import { registerSections, type RegisterFigures } from './register-section';
import { esc, table, tableParts, token, when, words, title } from './report-table';

/** The judgements a 勧告 item can have, in the order the report counts them. */
const KANKOKU_JUDGEMENTS = ['conforming', 'nonconforming', 'undetermined'] as const;

/** How many exceptions cover what (the result, old definitions, both): an inspector reads the kinds apart. */
function exceptionCounts(data: ReportData, t: (key: string, params?: Record<string, string | number>) => string): string {
  const counts = new Map<ExceptionCovers, number>();
  for (const e of data.media.exceptions) {
    const covers = exceptionCoversOf(e)!;
    counts.set(covers, (counts.get(covers) ?? 0) + 1);
  }
  if (counts.size === 0) return '';
  const parts = EXCEPTION_COVERS.filter((c) => counts.has(c)).map((c) => t('report.exceptionsByCovers', { covers: t(`media.exceptionCovers.${c}`), count: counts.get(c)! }));
  return `<p>${esc(parts.join(t('report.listSeparator')))}</p>`;
}

/** The tamper check's findings, as the log's own verify states them. */
function chainTrouble(v: VerifyText): string {
  const items = [...v.tampering, ...(v.guards ? [v.guards] : [])];
  return `<p><strong>${esc(v.summary)}</strong></p>${items.length ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : ''}`;
}

function dl(entries: [string, string][]): string {
  return `<dl>${entries.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v).replace(/\n/g, '<br>')}</dd></div>`).join('')}</dl>`;
}

/**
 * The inspector's report as one HTML fragment: shown in the app (and printed
 * from there) and, wrapped in a page, printed to PDF by the CLI. Classes
 * only, styled by resources/report/report.css; no scripts, no inline styles.
 * `figures` are the 体制図 and network diagram (registerFigures, made
 * asynchronously); without them the register sections hold their tables only.
 */
export function reportHtml(data: ReportData, locale: LocaleId, figures: RegisterFigures | null = null): string {
  return [...reportHtmlParts(data, locale, figures)].join('');
}

/**
 * The same fragment as a run of parts, the check-ins read from SQLite a
 * batch at a time as their tables are made: the PDF's page is written to
 * its file part by part, never held whole (a year can be 50,000 rows).
 */
export function* reportHtmlParts(data: ReportData, locale: LocaleId, figures: RegisterFigures | null = null): Generator<string> {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const { site, classification: c, assessment: a } = data;
  const ja = locale === 'ja';
  const dates: DateStyle = { ...data.dateStyle, language: locale };
  const day = (value: string | null | undefined) => (value ? formatDate(value, dates) : '');
  const time = (iso: string) => formatDateTime(iso, dates);
  const period = t('report.periodValue', { from: day(data.input.from), to: day(data.input.to) });
  const reason = c
    ? t('classification.summary', {
        reasons: c.reasons.map((r) => t(r.key)).join(t('classification.reasonSeparator')),
        result: t(`classification.result.${c.result}`),
      })
    : t('report.notClassified');
  const s = a?.round.summary;
  const unconsidered = a ? a.items.filter((i) => i.state === 'unconsidered') : [];

  const cover = `<header class="report-cover">
  <p class="report-kind">${esc(t('report.kind'))}</p>
  <h1>${esc(site.name)}</h1>
  ${dl([
    [t('report.period'), period],
    [t('sites.form.fields.address'), site.address],
    [t('sites.form.fields.ownerName'), site.ownerName],
    [t('sites.form.fields.contractorName'), site.contractorName],
    [t('sites.detail.office'), t('report.officeValue', { office: ja ? data.region.officeJa : data.region.officeEn, phone: data.region.phone })],
    [t('report.classification'), reason],
    [t('report.round'), a ? t('report.roundValue', { title: a.round.title, started: day(a.round.startedAt), state: a.round.completedAt ? t('report.completedOn', { date: day(a.round.completedAt) }) : t('report.notCompleted') }) : t('report.noRound')],
    ...(a ? [[t('report.catalogue'), catalogueCoverText(a.round.catalogue, locale)] as [string, string]] : []),
    [t('report.provision'), data.provision ? t('report.provisionAdopted', { date: day(data.provision.adoptedOn) }) : t('report.noProvision')],
    [t('report.generatedAt'), time(data.generatedAt)],
  ])}
  ${
    s
      ? `<h2>${esc(t('report.summaryHeading'))}</h2>${table(
          [t('report.count'), ...ITEM_STATES.map((k) => t(`checklist.state.${k}`))].map(words),
          [{ cells: [String(s.total), ...ITEM_STATES.map((k) => String(s.byState[k]))] }],
          '',
        )}
  <h2>${esc(t('report.conformityHeading'))}</h2>${table(
    [t('report.kankokuItems'), ...KANKOKU_JUDGEMENTS.map((k) => t(`checklist.conformity.${k}`))].map(words),
    [{ cells: [String(s.kankoku.total), String(s.kankoku.compliant), String(s.kankoku.nonconforming), String(s.kankoku.undetermined)] }],
    '',
  )}
  <p>${esc(t('report.conformityNote', { count: s.total - s.kankoku.total }))}</p>
  <p>${esc(t('checklist.summary.overdue', { count: s.overdue }))}</p>`
      : ''
  }
  <h3>${esc(t('report.unconsideredHeading', { count: unconsidered.length }))}</h3>
  ${unconsidered.length > 0 ? `<p>${unconsidered.map((i) => `<span class="word">${esc(i.id)}</span> ${esc(i.title[locale])}`).join(esc(t('report.listSeparator')))}</p>` : `<p class="report-empty">${esc(t('report.none'))}</p>`}
  <h3>${esc(t('report.exceptionsHeading', { count: data.media.exceptions.length }))}</h3>
  ${exceptionCounts(data, t)}
  ${table([when(t('report.media.at')), token(t('report.media.medium')), t('report.media.person'), words(t('report.media.covers')), t('report.media.approver'), t('report.media.reason')], data.media.exceptions.map((e) => ({ cells: [time(e.at), e.controlNo, t('report.personCompany', { person: e.person, company: e.company }), t(`media.exceptionCovers.${exceptionCoversOf(e)!}`), e.approver, e.exceptionReason] })), t('report.none'))}
</header>`;

  const checklist = `<section class="report-section"><h2>${esc(t('report.checklistHeading'))}</h2>${
    a
      ? table(
          [title(t('report.checklist.item')), words(t('report.checklist.level')), words(t('report.checklist.state')), words(t('report.checklist.conformity')), t('report.checklist.reason'), t('report.checklist.measures'), token(t('report.checklist.evidence')), when(t('report.checklist.due'))],
          a.items.map((i) => ({
            className: i.conformity === 'nonconforming' ? 'row-bad' : i.state === 'unconsidered' ? 'row-warn' : undefined,
            cells: [
              `${i.id} ${i.title[locale]}`,
              t(`checklist.level.${i.level}`),
              t(`checklist.state.${i.state}`),
              t(`checklist.conformity.${i.conformity}`),
              i.decision.reason,
              [...i.exampleMeasures.filter((m) => i.decision.exampleMeasureIds.includes(m.id)).map((m) => m.text[locale]), i.decision.measures, i.decision.remediationPlan].filter(Boolean).join('\n'),
              i.evidence.map((e) => `${e.name} sha256:${e.sha256.slice(0, 16)}…`).join('\n'),
              day(i.decision.remediationDate ?? i.decision.targetDate),
            ],
          })),
          t('report.none'),
        )
      : `<p class="report-empty">${esc(t('report.noRound'))}</p>`
  }</section>`;

  const risks = `<section class="report-section"><h2>${esc(t('report.risksHeading'))}</h2>${table(
    [t('checklist.risks.columns.asset'), t('checklist.risks.columns.threat'), words(t('checklist.risks.columns.likelihood')), words(t('checklist.risks.columns.impact')), words(t('checklist.risks.columns.score')), words(t('checklist.risks.columns.level')), words(t('checklist.risks.columns.items')), t('checklist.risks.columns.measures')],
    data.risks.map((r) => ({
      className: r.level === 'high' ? 'row-bad' : undefined,
      cells: [t('report.personCompany', { person: r.assetName, company: t(`checklist.risks.assetTypes.${r.assetType}`) }), t(`checklist.risks.threats.${r.threat}`), String(r.likelihood), String(r.weightedImpact), String(r.score), t(`checklist.risks.levels.${r.level}`), r.linkedItems.join(', '), r.plannedMeasures],
    })),
    t('report.none'),
  )}</section>`;

  const v = data.media.verify;
  const mediaHead = `<section class="report-section"><h2>${esc(t('report.mediaHeading'))}</h2>
  ${v.ok ? `<p>${esc(t('report.media.chainOk', { entries: v.entries }))}</p>` : chainTrouble(verifyText(v, t, time))}`;
  const checkInRows = function* () {
    for (const batch of data.media.checkIns.batches()) {
      for (const { entry: e } of batch) {
        yield {
          className: e.decision === 'exception' ? 'row-warn' : e.decision === 'denied' ? 'row-bad' : undefined,
          cells: [
            time(e.at),
            e.controlNo,
            t('report.personCompany', { person: e.person, company: e.company }),
            e.purpose,
            [e.method ? t(`media.methods.${e.method}`) : '', e.result ? t(`media.results.${e.result}`) : '', staleText(t, e)].filter(Boolean).join('\n'),
            // The 判定 stays one short word so seven columns fit A4; what an exception covers goes with its approver and reason.
            e.decision ? t(`media.decisions.${e.decision}`) : '',
            [exceptionCoversOf(e) ? t('report.media.coversLine', { covers: t(`media.exceptionCovers.${exceptionCoversOf(e)!}`) }) : '', e.approver, e.exceptionReason].filter(Boolean).join('\n'),
          ],
        };
      }
    }
  };
  // Seven columns, not nine: on A4 portrait each keeps room to be read.
  const mediaColumns = [when(t('report.media.at')), token(t('report.media.medium')), t('report.media.person'), t('report.media.purpose'), words(t('report.media.methodResult')), words(t('report.media.decision')), t('report.media.approverReason')];

  const devices = `<section class="report-section"><h2>${esc(t('report.inventoryHeading', { count: data.devices.length }))}</h2>${table(
    [token(t('inventory.fields.assetId')), t('inventory.fields.name'), t('inventory.fields.location'), token(t('inventory.fields.softwareVersion')), words(t('report.inventory.check')), when(t('report.inventory.checkedOn'))],
    data.devices.map((d) => ({
      className: d.lastCheck?.status === 'not_found' ? 'row-bad' : !d.lastCheck ? 'row-warn' : undefined,
      cells: [d.assetId, d.name ?? '', d.location ?? '', d.softwareVersion ?? '', t(`inventory.check.status.${d.lastCheck?.status ?? 'unchecked'}`), day(d.lastCheck?.checkedOn)],
    })),
    t('report.none'),
  )}</section>`;

  const adv = data.advisories;
  const advisoryRows = (list: typeof adv.matches) =>
    list.map((m) => ({
      className: m.overdue ? 'row-bad' : m.triage === 'open' || m.triage === 'affected' ? 'row-warn' : undefined,
      cells: [`${m.assetId}\n${m.deviceName ?? ''}`, advisoryText(m), cvssText(m), stateText(m, t), detailLines(m, t, time).join('\n'), dueText(m, t, day)],
    }));
  // Advisory ids and CVE numbers whole (words): a number broken at its dashes cannot be looked up.
  const advisoryHead = [token(t('advisories.report.columns.device')), words(t('advisories.report.columns.advisory')), words(t('advisories.report.columns.cvss')), words(t('advisories.report.columns.triage')), t('advisories.report.columns.detail'), when(t('advisories.report.columns.due'))];
  const advisories = `<section class="report-section" data-section="advisories"><h2>${esc(t('advisories.report.heading'))}</h2>
  <p>${esc(t('advisories.report.countsLine', { counts: countsText(adv.glance, t) }))}</p>
  <p>${esc(highestText(adv.glance, t))}</p>
  <h3>${esc(t('advisories.report.overdueHeading', { count: adv.overdue.length }))}</h3>
  ${table(advisoryHead, advisoryRows(adv.overdue), t('report.none'))}
  <h3>${esc(t('advisories.report.matchesHeading', { count: adv.matches.length }))}</h3>
  ${table(advisoryHead, advisoryRows(adv.matches), t('report.none'))}</section>`;

  const bundles = `<section class="report-section"><h2>${esc(t('report.bundlesHeading'))}</h2>${table(
    [when(t('report.bundles.when')), words(t('report.bundles.direction')), token(t('report.bundles.signer')), words(t('report.bundles.sequence')), token(t('report.bundles.file'))],
    data.bundles.map((b) => ({ cells: [time(b.recordedAt), t(`report.bundles.${b.direction}`), `${b.signerName} ${b.signerFingerprint}`, String(b.sequence), b.fileName] })),
    t('report.none'),
  )}</section>`;

  const registers = registerSections(data.registers, figures, { t, locale, day });

  yield `<article class="report" lang="${locale}">${cover}${checklist}${risks}${mediaHead}`;
  yield* tableParts(mediaColumns, checkInRows(), t('report.none'));
  yield `</section>${devices}${advisories}${registers}${bundles}</article>`;
}

/** A whole printable page around the fragment, with Hoan's header and footer, for PDF printing outside the app: a run of parts, as reportHtmlParts. */
export function* reportDocumentParts(data: ReportData, locale: LocaleId, css: string, figures: RegisterFigures | null = null): Generator<string> {
  const title = `${translate(locale, 'report.kind')} ${data.site.name}`;
  yield `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${css}\n${runningHeadsCss(data, locale)}</style></head><body>`;
  yield* reportHtmlParts(data, locale, figures);
  yield '</body></html>';
}
