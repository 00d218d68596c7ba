import type { LocaleId } from '../../../renderer/locales';
import { translate } from '../i18n/translate';
import type { Party, SiteRegisters } from './register-types';
import { fitText, svgText } from './svg-text';

/**
 * The 体制図 (2-1, 2-2) as a self-contained SVG: no script, no external
 * reference, no remote font (local fonts, then sans-serif). Every piece of
 * text goes through `fitText` then `svgText`, so a name holding markup or any
 * Unicode is shown as text.
 *
 * A tree by `reportsTo`, roots at the top in the register's order, each box:
 * role, title, person, organisation and department, phone. The layout is a
 * tidy tree written here, not elkjs: a tree has one parent per node, so each
 * subtree is a block placed beside its siblings and its parent centred over
 * them — a few lines, deterministic, and no engine to load. To keep it
 * readable at A4 width with about ten parties, a parent with four or more
 * leaf children hangs them in a column (two columns from seven) beside its
 * other subtrees instead of spreading them sideways.
 *
 * A reporting line that loops (the writers refuse it; a bundle from an older
 * version might still hold one) cannot hang under anyone: the first party of
 * the loop in the register's order is drawn as a root.
 */

const W = 200;
const H = 104;
const GAP_X = 20;
const GAP_Y = 36;
const STACK_GAP = 12;
const STACK_INDENT = 24;
const MARGIN = 16;
const FONT = 11;
const LINE = 15;
const HEADER = 20;
const FONT_FAMILY = "'Noto Sans CJK JP', 'Noto Sans JP', 'Yu Gothic UI', 'Yu Gothic', Meiryo, 'Hiragino Sans', sans-serif";

interface Node {
  party: Party;
  children: Node[];
}

interface Block {
  width: number;
  height: number;
  /** Where the line from the parent comes in, from the block's left. */
  anchor: number;
  /** Draws the block with its top-left at (x, y); returns the SVG. */
  draw(x: number, y: number): string;
}

function forest(parties: readonly Party[]): Node[] {
  const nodes = new Map(parties.map((p) => [p.id, { party: p, children: [] as Node[] }]));
  const placed = new Set<string>();
  const roots: Node[] = [];
  const attach = (node: Node) => {
    placed.add(node.party.id);
    for (const p of parties) {
      if (p.reportsTo === node.party.id && !placed.has(p.id)) {
        const child = nodes.get(p.id)!;
        node.children.push(child);
        attach(child);
      }
    }
  };
  for (const p of parties) {
    if (placed.has(p.id) || (p.reportsTo !== null && nodes.has(p.reportsTo))) continue;
    roots.push(nodes.get(p.id)!);
    attach(nodes.get(p.id)!);
  }
  // Whatever no root reaches sits in a loop: its first party becomes a root.
  for (const p of parties) {
    if (placed.has(p.id)) continue;
    roots.push(nodes.get(p.id)!);
    attach(nodes.get(p.id)!);
  }
  return roots;
}

function box(party: Party, locale: LocaleId, x: number, y: number): string {
  const role = translate(locale, `registers.roles.${party.role}`);
  const header = party.role === 'other' && party.title ? party.title : role;
  const title = party.role === 'other' ? '' : party.title;
  const phone = party.phone ? `${translate(locale, 'registers.organisation.chart.phone')} ${party.phone}` : '';
  const lines: { text: string; bold?: boolean }[] = [
    { text: title },
    { text: party.personName, bold: true },
    { text: party.organisation, bold: !party.personName },
    { text: party.department },
    { text: phone },
  ].filter((l) => l.text !== '');
  const maxEm = (W - 12) / FONT;
  const text = (t: string, tx: number, ty: number, extra = '') =>
    `<text x="${tx}" y="${ty}"${extra}>${svgText(fitText(t, maxEm))}</text>`;
  return [
    `<g class="party">`,
    `<rect x="${x}" y="${y}" width="${W}" height="${H}" rx="4" fill="#ffffff" stroke="#1f3a5f" stroke-width="1.2"/>`,
    `<rect x="${x}" y="${y}" width="${W}" height="${HEADER}" rx="4" fill="#1f3a5f"/>`,
    text(header, x + 6, y + 14, ' fill="#ffffff" font-weight="bold"'),
    ...lines.map((l, i) => text(l.text, x + 6, y + HEADER + 15 + i * LINE, l.bold ? ' font-weight="bold"' : '')),
    `</g>`,
  ].join('');
}

function line(x1: number, y1: number, x2: number, y2: number): string {
  return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#1f3a5f" stroke-width="1.2"/>`;
}

/** Leaf children hung in a column (two from seven) on a trunk, entered from the top at `anchor`. */
function stack(leaves: readonly Node[], locale: LocaleId): Block {
  const cols = leaves.length >= 7 ? 2 : 1;
  const rows = Math.ceil(leaves.length / cols);
  const anchor = cols === 1 ? STACK_INDENT / 2 : W + GAP_X;
  return {
    width: cols === 1 ? STACK_INDENT + W : 2 * W + 2 * GAP_X,
    height: rows * H + (rows - 1) * STACK_GAP,
    anchor,
    draw(x, y) {
      const parts: string[] = [];
      let lastMid = y;
      leaves.forEach((leaf, i) => {
        const col = cols === 1 ? 0 : i % 2;
        const row = cols === 1 ? i : Math.floor(i / 2);
        const bx = cols === 1 ? x + STACK_INDENT : x + col * (W + 2 * GAP_X);
        const by = y + row * (H + STACK_GAP);
        lastMid = by + H / 2;
        parts.push(line(x + anchor, lastMid, col === 0 && cols === 2 ? bx + W : bx, lastMid), box(leaf.party, locale, bx, by));
      });
      parts.push(line(x + anchor, y, x + anchor, lastMid));
      return parts.join('');
    },
  };
}

function layout(node: Node, locale: LocaleId): Block {
  const self = (x: number, y: number) => box(node.party, locale, x, y);
  if (node.children.length === 0) return { width: W, height: H, anchor: W / 2, draw: self };

  // Four or more leaves side by side would make the chart too wide for A4: they hang in a column instead.
  const leaves = node.children.filter((c) => c.children.length === 0);
  const stacked = leaves.length >= 4;
  const blocks = [...node.children.filter((c) => !stacked || c.children.length > 0).map((c) => layout(c, locale)), ...(stacked ? [stack(leaves, locale)] : [])];
  const childrenWidth = blocks.reduce((sum, b) => sum + b.width, 0) + GAP_X * (blocks.length - 1);
  const width = Math.max(W, childrenWidth);
  const height = H + GAP_Y + Math.max(...blocks.map((b) => b.height));
  return {
    width,
    height,
    anchor: width / 2,
    draw(x, y) {
      const parts = [self(x + (width - W) / 2, y)];
      const barY = y + H + GAP_Y / 2;
      const top = y + H + GAP_Y;
      let cx = x + (width - childrenWidth) / 2;
      const anchors: number[] = [];
      for (const b of blocks) {
        parts.push(b.draw(cx, top));
        anchors.push(cx + b.anchor);
        cx += b.width + GAP_X;
      }
      parts.push(line(x + width / 2, y + H, x + width / 2, barY), line(Math.min(...anchors, x + width / 2), barY, Math.max(...anchors, x + width / 2), barY));
      for (const a of anchors) parts.push(line(a, barY, a, top));
      return parts.join('');
    },
  };
}

/** The 体制図 of a site's registers, in `locale`. An empty register draws a one-line note. */
export function orgChartSvg(registers: SiteRegisters, locale: LocaleId): string {
  const title = svgText(translate(locale, 'registers.organisation.chart.title'));
  const blocks = forest(registers.parties).map((root) => layout(root, locale));
  let body: string;
  let width: number;
  let height: number;
  if (blocks.length === 0) {
    const empty = translate(locale, 'registers.organisation.chart.empty');
    width = 360;
    height = 60;
    body = `<text x="${MARGIN}" y="34" fill="#555555">${svgText(fitText(empty, (width - 2 * MARGIN) / FONT))}</text>`;
  } else {
    width = blocks.reduce((sum, b) => sum + b.width, 0) + GAP_X * 2 * (blocks.length - 1) + 2 * MARGIN;
    height = Math.max(...blocks.map((b) => b.height)) + 2 * MARGIN;
    let x = MARGIN;
    const parts: string[] = [];
    for (const b of blocks) {
      parts.push(b.draw(x, MARGIN));
      x += b.width + GAP_X * 2;
    }
    body = parts.join('');
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<g font-family="${FONT_FAMILY}" font-size="${FONT}" fill="#111111">`,
    body,
    '</g>',
    '</svg>',
  ].join('\n');
}
