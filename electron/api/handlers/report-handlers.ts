import { gatherReport } from '../../core/report/report-data';
import { reportHtml } from '../../core/report/report-html';
import { registerFigures } from '../../core/report/register-section';
import { reportWorkbook } from '../../core/report/report-xlsx';
import type { Handlers } from './handler-types';

/** A file name safe on every file system. */
function fileName(siteName: string, from: string, to: string): string {
  const safe = siteName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim().slice(0, 60);
  return `${safe}_立入検査報告書_${from}_${to}.xlsx`;
}

export const reportHandlers: Handlers<'report:html' | 'report:xlsx'> = {
  'report:html': async (core, input) => {
    const data = gatherReport(core, input);
    return { html: reportHtml(data, input.language, await registerFigures(data.registers, input.language)) };
  },
  'report:xlsx': async (core, input) => {
    const data = gatherReport(core, input);
    const bytes = await reportWorkbook(data, input.language);
    return { fileName: fileName(data.site.name, input.from, input.to), base64: bytes.toString('base64') };
  },
};
