/** The report's HTML tables: every value escaped, each column wrapping as its content reads (report.css). */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every value in the report is escaped: site names and reasons are user text. */
export const esc = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * How a column's cells wrap (report.css): prose between phrases (the
 * default); Hoan's vocabulary (状況, 区分, 判定), numbers, dates and item
 * numbers only between their space-separated words, each word kept whole
 * (words: a date from its time, "Not implemented" in English); a hash,
 * identifier, path or file name anywhere it must (token); an item's number
 * and title as prose in a column wide enough to read (title).
 */
export type Wrap = 'words' | 'when' | 'token' | 'title';
export type Column = string | { label: string; wrap: Wrap };
export const words = (label: string): Column => ({ label, wrap: 'words' });
/** A date, or a date and its time: the date is one word whatever spaces it holds ("Reiwa 8 (2026)-12-02"). */
export const when = (label: string): Column => ({ label, wrap: 'when' });
export const token = (label: string): Column => ({ label, wrap: 'token' });
export const title = (label: string): Column => ({ label, wrap: 'title' });

function cell(value: string, wrap: Wrap | undefined): string {
  const spans = (parts: string[]) => parts.map((w) => `<span class="word">${esc(w)}</span>`).join(' ');
  const line = (text: string) => {
    if (wrap === 'words') return spans(text.split(' ').filter(Boolean));
    if (wrap === 'when') {
      const m = /^(.+) (\d{2}:\d{2})$/.exec(text);
      return text ? spans(m ? [m[1]!, m[2]!] : [text]) : '';
    }
    return esc(text);
  };
  return `<td${wrap ? ` class="${wrap}"` : ''}>${value.split('\n').map(line).join('<br>')}</td>`;
}

export function table(head: Column[], rows: { cells: string[]; className?: string }[], empty: string): string {
  if (rows.length === 0) return `<p class="report-empty">${esc(empty)}</p>`;
  const wrap = head.map((h) => (typeof h === 'string' ? undefined : h.wrap));
  return `<table><thead><tr>${head.map((h) => `<th scope="col">${esc(typeof h === 'string' ? h : h.label)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr${r.className ? ` class="${r.className}"` : ''}>${r.cells.map((c, i) => cell(c, wrap[i])).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

