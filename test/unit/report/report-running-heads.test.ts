import { describe, expect, it } from 'vitest';
import type { ReportData } from '../../../electron/core/report/report-data';
import { cssString, runningHeadsCss } from '../../../electron/core/report/report-running-heads';

const data = (name: string) =>
  ({
    site: { name },
    input: { from: '2025-04-01', to: '2025-06-30' },
    generatedAt: '2025-06-30T15:30:00.000Z',
    dateStyle: { language: 'ja', calendar: 'gregorian', timeZone: 'Asia/Tokyo' },
  }) as unknown as ReportData;

describe("the PDF's running heads", () => {
  it('[#11.2] keep a site name as text inside the CSS and the <style> element', () => {
    const css = runningHeadsCss(data('A"B\\C</style><script>&\n'), 'ja');
    const head = /@top-left \{ content: ("(?:[^"\\]|\\.)*");/.exec(css)![1]!;
    expect(head).not.toMatch(/[<>&\n]/);
    expect(head).toBe(cssString('サイバーセキュリティ対策 立入検査用報告書　A"B\\C</style><script>&\n'));
    expect(cssString('"\\<')).toBe('"\\22 \\5c \\3c "');
  });

  it('[#11.2] count pages with CSS counters and say when the report was made in Japan time, in either language', () => {
    const ja = runningHeadsCss(data('発電所'), 'ja');
    expect(ja).toContain('@bottom-right { content: counter(page) " / " counter(pages) " ページ";');
    // The cover's own format for the time the report was made: 15:30 UTC is the next morning in Japan.
    expect(ja).toContain('@bottom-left { content: "作成日時 2025年7月1日 00:30";');
    expect(ja).toContain('@top-right { content: "対象期間 2025年4月1日 〜 2025年6月30日";');
    const en = runningHeadsCss(data('Plant'), 'en');
    expect(en).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages);');
    expect(en).toContain('@bottom-left { content: "Generated 2025-07-01 00:30";');
    expect(en).toContain('@top-right { content: "Period 2025-04-01 to 2025-06-30";');
  });

  it('cut a long site name in the head (the cover has it whole)', () => {
    const css = runningHeadsCss(data('発'.repeat(100)), 'ja');
    expect(css).toContain(`${'発'.repeat(59)}…`);
    expect(css).not.toContain('発'.repeat(60));
  });
});
