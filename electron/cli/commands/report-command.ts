import fs from 'node:fs';
import path from 'node:path';
import { reportInputSchema } from '../../core/report/report-schema';
import { gatherReport } from '../../core/report/report-data';
import { printReportPdf } from '../../core/report/report-pdf';
import { writeReportWorkbook } from '../../core/report/report-xlsx';
import { fieldErrorsFrom } from '../../api/zod-issues';
import { findBrowser } from '../../web-host/open-browser';
import { print, rejectFields, requireArg, type Command } from '../session';

/** `hoan report --site S --from DATE --to DATE --xlsx FILE [--pdf FILE]`: the inspector's report. */
export const reportCommand: Command = {
  name: 'report',
  usage: ['hoan report --site ID --from YYYY-MM-DD --to YYYY-MM-DD --xlsx FILE [--pdf FILE]'],
  options: { site: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, xlsx: { type: 'string' }, pdf: { type: 'string' } },
  async run(s, _args, values) {
    const xlsx = path.resolve(requireArg(values.xlsx as string | undefined));
    const parsed = reportInputSchema.safeParse({ siteId: values.site, from: values.from, to: values.to, language: s.locale }, { reportInput: true });
    if (!parsed.success) rejectFields(s, fieldErrorsFrom(parsed.error), (p) => (p === 'siteId' ? '--site' : `--${p}`));
    const input = parsed.data!;
    const data = gatherReport(s.core, input);
    // Streamed into a file beside the target, renamed once whole: a failed report leaves no half-written workbook.
    const partial = `${xlsx}.partial`;
    try {
      await writeReportWorkbook(data, input.language, { filename: partial });
    } catch (err) {
      fs.rmSync(partial, { force: true });
      throw err;
    }
    fs.renameSync(partial, xlsx);
    const pdf = typeof values.pdf === 'string' ? path.resolve(values.pdf) : null;
    if (pdf) await printReportPdf(data, input.language, s.core.resourcesDir, findBrowser(), pdf);
    print(s, { xlsx, pdf }, () => [xlsx, pdf].filter(Boolean).join('\n'));
  },
};
