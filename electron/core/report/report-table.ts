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

/**
 * Rows per <table>: a long list (a year of check-ins) is printed as a run of
 * tables of this many rows, each with its header, not as one table of
 * 50,000 rows — Chromium lays out and breaks into pages a table at a time,
 * and one that long makes printing slow and its memory unbounded. The
 * header row still repeats on every page a table runs over (report.css), so
 * a header also appears where one table ends and the next begins.
 */
export const ROWS_PER_TABLE = 100;

export interface TableRow {
  cells: string[];
  className?: string;
}

/** A table as a run of HTML parts, one per ROWS_PER_TABLE rows, read from `rows` as they are written. */
export function* tableParts(head: Column[], rows: Iterable<TableRow>, empty: string, perTable = ROWS_PER_TABLE): Generator<string> {
  const wrap = head.map((h) => (typeof h === 'string' ? undefined : h.wrap));
  const thead = `<thead><tr>${head.map((h) => `<th scope="col">${esc(typeof h === 'string' ? h : h.label)}</th>`).join('')}</tr></thead>`;
  const row = (r: TableRow) => `<tr${r.className ? ` class="${r.className}"` : ''}>${r.cells.map((c, i) => cell(c, wrap[i])).join('')}</tr>`;
  let part: string[] = [];
  let tables = 0;
  const flush = () => `<table${tables++ > 0 ? ' class="report-table-continued"' : ''}>${thead}<tbody>${part.join('')}</tbody></table>`;
  for (const r of rows) {
    part.push(row(r));
    if (part.length === perTable) {
      yield flush();
      part = [];
    }
  }
  if (part.length > 0) yield flush();
  else if (tables === 0) yield `<p class="report-empty">${esc(empty)}</p>`;
}

export function table(head: Column[], rows: Iterable<TableRow>, empty: string): string {
  return [...tableParts(head, rows, empty)].join('');
}
