import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LocaleId } from '../../../renderer/locales';
import { HoanError } from '../errors';
import { resourceFile } from '../resources';
import type { ReportData } from './report-data';
import { reportDocumentParts } from './report-html';
import { registerFigures } from './register-section';

/** The report's stylesheet, shared with the app (resources/report/report.css). */
export function reportCss(resourcesDir: string): string {
  return fs.readFileSync(resourceFile(resourcesDir, 'reportCss'), 'utf8');
}

/**
 * How long the browser may take: two minutes and 20 ms a listed row. A year
 * of 50,000 check-ins is some 3,500 pages, which Chromium printed in 7
 * minutes on a loaded 2-CPU machine (about 9 ms a row); a fixed two minutes
 * killed it half-way.
 */
function printTimeoutMs(data: ReportData): number {
  return 120_000 + 20 * (data.media.checkIns.count + data.devices.length + data.advisories.matches.length);
}

/**
 * Prints the report to an A4 PDF with a headless Chromium-family browser.
 * Outside Electron this is the only PDF engine to hand on a closed network.
 * The browser's own header and footer (its date in US format, the file://
 * address of the temporary page) are switched off; the page carries Hoan's
 * own in its margins (report-running-heads.ts).
 */
export async function printReportPdf(data: ReportData, locale: LocaleId, resourcesDir: string, browser: string | undefined, target: string): Promise<void> {
  if (!browser) throw new HoanError('io', 'errors.report.pdfNeedsBrowser');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-report-'));
  try {
    const html = path.join(dir, 'report.html');
    const figures = await registerFigures(data.registers, locale);
    // Written part by part: a year's check-ins make a page of tens of MB, never held whole.
    const fd = fs.openSync(html, 'w');
    try {
      for (const part of reportDocumentParts(data, locale, reportCss(resourcesDir), figures)) fs.writeSync(fd, part);
    } finally {
      fs.closeSync(fd);
    }
    const partial = `${target}.partial`;
    await promisify(execFile)(
      browser,
      [
        '--headless',
        '--disable-gpu',
        // Chromium refuses to run as root with its sandbox; only then is it switched off.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // The browser's language as the report's: its fallback fonts follow it.
        `--lang=${locale}`,
        // No browser header and footer; both names, since Chromium renamed the switch (unknown ones are ignored).
        '--no-pdf-header-footer',
        '--print-to-pdf-no-header',
        `--user-data-dir=${path.join(dir, 'profile')}`,
        `--print-to-pdf=${partial}`,
        `file://${html}`,
      ],
      { timeout: printTimeoutMs(data) },
    );
    if (!fs.existsSync(partial) || fs.statSync(partial).size === 0) throw new Error('no PDF written');
    fs.renameSync(partial, target);
  } catch (err) {
    fs.rmSync(`${target}.partial`, { force: true });
    if (err instanceof HoanError) throw err;
    throw new HoanError('io', 'errors.report.pdfFailed', { reason: (err as Error).message.slice(0, 300) });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
