import type { LocaleId } from '../../../renderer/locales';
import { translate } from '../i18n/translate';
import { formatDate, formatDateTime, type DateStyle } from '../time/format-date';
import type { ReportData } from './report-data';

/** A site name longer than this is cut in the running head; the cover carries it whole. */
const HEAD_SITE_MAX = 60;

/**
 * Text as a CSS string literal. Every character that could end the string,
 * the declaration or the <style> element it sits in (quotes, backslash,
 * controls, `<`, `>`, `&`) becomes a hex escape, so a site name is only ever
 * text here, as it is escaped HTML everywhere else in the report.
 */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"'<>&\u0000-\u001f\u007f]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`;
}

/** A translated text whose {{page}} and {{pages}} are the page counters of CSS paged media. */
function withCounters(locale: LocaleId, key: string): string {
  const marker = '\u0001';
  return translate(locale, key, { page: `${marker}page${marker}`, pages: `${marker}pages${marker}` })
    .split(marker)
    .map((part, i) => (i % 2 === 1 ? `counter(${part})` : part ? cssString(part) : ''))
    .filter(Boolean)
    .join(' ');
}

const cut = (text: string, max: number) => (Array.from(text).length > max ? `${Array.from(text).slice(0, max - 1).join('')}…` : text);

/**
 * Hoan's own header and footer on every page of the PDF, drawn in the page
 * margins by CSS paged-media margin boxes (Chromium 131 and later): the
 * report's title and site, the period, when it was made (in the installation's zone and
 * calendar, as on the cover) and page N / M. The browser's own header and footer (its date
 * and the file:// address) are switched off by the print command.
 */
export function runningHeadsCss(data: ReportData, locale: LocaleId): string {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const dates: DateStyle = { ...data.dateStyle, language: locale };
  const box = 'font-family: "Noto Sans JP", "Noto Sans CJK JP", "Yu Gothic", "Meiryo", sans-serif; font-size: 7.5pt; color: #556070;';
  const heads: [string, string][] = [
    ['top-left', cssString(t('report.runningHead.title', { title: t('report.kind'), site: cut(data.site.name, HEAD_SITE_MAX) }))],
    ['top-right', cssString(t('report.runningHead.period', { from: formatDate(data.input.from, dates), to: formatDate(data.input.to, dates) }))],
    ['bottom-left', cssString(t('report.runningHead.madeAt', { at: formatDateTime(data.generatedAt, dates) }))],
    ['bottom-right', withCounters(locale, 'report.runningHead.page')],
  ];
  return `@page {\n${heads.map(([where, content]) => `  @${where} { content: ${content}; ${box} }`).join('\n')}\n}`;
}
