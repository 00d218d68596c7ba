import type { Locator, Page } from '@playwright/test';

/** One table cell as laid out: its text, the text of each line it occupies, and whether its box clips it. */
export interface CellLayout {
  column: string;
  text: string;
  lines: string[];
  clipped: boolean;
}

/**
 * Every cell of the tables (or ARIA grids) under `root`, with the lines its
 * text was laid out on: each character's box is measured with a Range, and
 * characters whose boxes share a top are one line. A header cell is reported
 * under its own text as the column.
 */
export async function tableCells(root: Locator): Promise<CellLayout[]> {
  return root.evaluate((el) => {
    const linesOf = (cell: Element): string[] => {
      const tops: { top: number; text: string }[] = [];
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // A <br> is a break the text asks for, like a space.
        if (node.nodeName === 'BR') {
          const last = tops.at(-1);
          if (last) last.text += ' ';
          continue;
        }
        if (node.nodeType !== Node.TEXT_NODE) continue;
        const value = node.nodeValue ?? '';
        for (let i = 0; i < value.length; i++) {
          // A space belongs to the line it follows: a line ending in one was broken there.
          if (/\s/.test(value[i]!)) {
            const last = tops.at(-1);
            if (last) last.text += ' ';
            continue;
          }
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getBoundingClientRect();
          if (rect.width === 0 && rect.height === 0) continue;
          const line = tops.find((l) => Math.abs(l.top - rect.top) < rect.height / 2);
          if (line) line.text += value[i];
          else tops.push({ top: rect.top, text: value[i]! });
        }
      }
      return tops.sort((a, b) => a.top - b.top).map((l) => l.text.replace(/ +/g, ' '));
    };
    const clipped = (cell: Element) => cell.scrollWidth > cell.clientWidth + 1;
    /** The root itself when it is one, and those inside it. */
    const all = (selector: string) => [...(el.matches(selector) ? [el] : []), ...el.querySelectorAll(selector)];
    const out: { column: string; text: string; lines: string[]; clipped: boolean }[] = [];
    for (const table of all('table')) {
      const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
      for (const th of table.querySelectorAll('thead th')) out.push({ column: '(header)', text: th.textContent?.trim() ?? '', lines: linesOf(th), clipped: clipped(th) });
      for (const row of table.querySelectorAll('tbody tr')) {
        [...row.children].forEach((cell, i) => {
          if (cell.getAttribute('colspan')) return;
          out.push({ column: heads[i] ?? '', text: cell.textContent?.trim() ?? '', lines: linesOf(cell), clipped: clipped(cell) });
        });
      }
    }
    for (const grid of all('[role="grid"]')) {
      const heads = [...grid.querySelectorAll('[role="columnheader"]')].map((h) => h.textContent?.trim() ?? '');
      for (const h of grid.querySelectorAll('[role="columnheader"]')) out.push({ column: '(header)', text: h.textContent?.trim() ?? '', lines: linesOf(h), clipped: clipped(h) });
      for (const row of grid.querySelectorAll('[role="row"]')) {
        const cells = [...row.querySelectorAll('[role="gridcell"]')];
        cells.forEach((cell, i) => out.push({ column: heads[i] ?? '', text: cell.textContent?.trim() ?? '', lines: linesOf(cell), clipped: clipped(cell) }));
      }
    }
    return out;
  });
}

/**
 * Where a label, status or date may break: at a space, slash or middle dot,
 * or around a bracket. Anywhere else, a break splits a word (発生/可能/性,
 * リス/ク値, 不/適/合, 2027-/03-31).
 */
export function brokenInsideWord(lines: string[]): boolean {
  for (let i = 1; i < lines.length; i++) {
    const before = lines[i - 1]!.at(-1) ?? '';
    const after = lines[i]![0] ?? '';
    const allowed = /[\s/・、）)」】]/.test(before) || /[（(「【]/.test(after);
    if (!allowed) return true;
  }
  return false;
}

/** The layout viewport of A4 portrait less the report's @page margins (12 mm each side), in CSS px. */
export const A4_PRINTABLE_PX = Math.round(((210 - 24) / 25.4) * 96);

/** Loads a whole report document (as the CLI prints it) into the page at A4 width, for print. */
export async function loadReportAtA4(page: Page, html: string): Promise<void> {
  await page.setViewportSize({ width: A4_PRINTABLE_PX, height: 1123 });
  await page.emulateMedia({ media: 'print' });
  await page.setContent(html, { waitUntil: 'load' });
}
