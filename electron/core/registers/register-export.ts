import type { LocaleId } from '../../../renderer/locales';
import type { Core } from '../core';
import { translate } from '../i18n/translate';
import { addRegisterSheets } from '../report/register-sheets';
import { gatherRegisters } from '../report/register-tables';
import { documentDates } from '../settings/settings-repository';
import { getSite } from '../sites/site-repository';
import { formatDate, type DateStyle } from '../time/format-date';
import { dayIn } from '../time/time-zone';
import { exceljs } from '../xlsx/exceljs-module';

/**
 * The registers alone as a workbook (`hoan registers export`): the report's
 * own sheets 体制, 連絡体制 and 接続点, written by the same code, with the
 * site and the day in each page header.
 */
export async function registersWorkbook(core: Core, siteId: string, locale: LocaleId): Promise<Buffer> {
  const site = getSite(core.db, siteId);
  const dates: DateStyle = { ...documentDates(core.db, locale), language: locale };
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const day = (value: string) => formatDate(value, dates);
  const wb = new (exceljs().Workbook)();
  wb.creator = 'Hoan';
  wb.created = core.now();
  const footer = t('registers.export.footer', { site: site.name, date: day(dayIn(core.now(), dates.timeZone)) });
  addRegisterSheets(wb, gatherRegisters(core, site.id).registers, footer, { t, locale, day });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
