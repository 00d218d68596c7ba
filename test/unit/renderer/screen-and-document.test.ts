import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { gatherReport } from '../../../electron/core/report/report-data';
import { reportHtml } from '../../../electron/core/report/report-html';
import { reportInputSchema } from '../../../electron/core/report/report-schema';
import { updateSettings } from '../../../electron/core/settings/settings-repository';
import { formatDateTime } from '../../../renderer/src/lib/format';
import { openTestCore, siteWithRound } from '../checklist/checklist-fixture';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-screen-document-');
let opened: Core | undefined;
afterEach(() => {
  opened?.close();
  dirs.cleanup();
});

describe('[#11.5] a time on screen and the same time in a document read alike', () => {
  it('the report shows its made-at time exactly as the app shows that time, in 和暦 and in a chosen zone', () => {
    const now = new Date('2026-12-02T23:30:00.000Z');
    opened = openTestCore(dirs.make(), () => now);
    const { site } = siteWithRound(opened, 'A');
    for (const settings of [
      { language: 'ja', calendar: 'japanese', timeZone: 'Asia/Tokyo' },
      { language: 'en', calendar: 'japanese', timeZone: 'Asia/Tokyo' },
      { language: 'ja', calendar: 'gregorian', timeZone: 'America/New_York' },
    ] as const) {
      updateSettings(opened.db, settings, now);
      const data = gatherReport(opened, reportInputSchema.parse({ siteId: site.id, from: '2026-04-01', to: '2026-12-03', language: settings.language }));
      const html = reportHtml(data, settings.language);
      expect(html).toContain(`<dd>${formatDateTime(data.generatedAt, settings)}</dd>`);
    }
    expect(formatDateTime(now.toISOString(), { language: 'ja', calendar: 'japanese', timeZone: 'Asia/Tokyo' })).toBe('令和8年12月3日 08:30');
  });
});
