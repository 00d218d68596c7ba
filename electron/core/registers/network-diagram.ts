import type Database from 'better-sqlite3';
import type { LocaleId } from '../../../renderer/locales';
import { translate } from '../i18n/translate';
import { diagramModel, GROUP_THRESHOLD, type Box, type PointModel, type PointState } from './network-diagram-model';
import { BOX_H, BOX_W, GRID_GAP, gridSize, layoutDiagram, PEER_W, PORT, type Placed } from './network-diagram-layout';
import { siteRegisters, zonedDevices } from './register-read';
import { INSIDE_ZONES, type SiteRegisters, type Zone, type ZonedDevice } from './register-types';
import { fitText, svgText } from './svg-text';

export interface NetworkDiagramInput {
  registers: SiteRegisters;
  devices: readonly ZonedDevice[];
}

/**
 * The network diagram (issue 14, 6-2-2 and 6-2-3) as one self-contained SVG:
 * zones 外部, 監視, 制御, 事業場LAN as labelled areas, the inventory's devices
 * inside their zones, each connection point a numbered marker on its inside
 * zone's border with lines to the devices it names, a legend and the list of
 * points with their defences. Layout in network-diagram-layout.ts (elkjs),
 * what is shown in network-diagram-model.ts (grouping past 24 devices).
 *
 * A point's state shows three ways, so it survives black-and-white printing:
 * colour (green / amber / red), marker shape (circle / diamond / square) and
 * line (solid / dashed / dotted). A device named on a point but absent from
 * the inventory is dashed and marked 台帳になし. The markup holds no script,
 * no foreignObject, no link and no remote font (a local font list ending in
 * sans-serif); every user text goes through svgText. Classes (`point
 * undefended`, `device missing`, …) name what each shape means, for tests
 * and for anyone reading the file.
 */

/** A site's diagram as the screens, the report and the CLI draw it (getSite throws for an unknown site). */
export function siteNetworkDiagramSvg(db: Database.Database, resourcesDir: string, siteId: string, locale: LocaleId): Promise<string> {
  return networkDiagramSvg({ registers: siteRegisters(db, resourcesDir, siteId), devices: zonedDevices(db, siteId) }, locale);
}

const FONT = "'Yu Gothic UI', 'Yu Gothic', Meiryo, 'Hiragino Sans', 'Noto Sans CJK JP', 'Noto Sans JP', sans-serif";
const MARGIN = 20;
const HEADER = 16;
const LINE = 18;

const STATE: Record<PointState, { colour: string; dash: string; shape: 'circle' | 'diamond' | 'square'; text: string }> = {
  defended: { colour: '#1b7a3a', dash: '', shape: 'circle', text: '#fff' },
  reasoned: { colour: '#b86e00', dash: '9 5', shape: 'diamond', text: '#fff' },
  undefended: { colour: '#c62828', dash: '2 4', shape: 'square', text: '#fff' },
};
const ZONE_FILL: Record<Zone, string> = { external: '#f1f1f1', monitoring: '#eaf2fb', control: '#fbf1e6', office: '#f1ecf8' };

export async function networkDiagramSvg(input: NetworkDiagramInput, locale: LocaleId): Promise<string> {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, `registers.diagram.svg.${key}`, params);
  const zoneName = (zone: Zone) => translate(locale, `registers.zones.${zone}`);
  const model = diagramModel(input.registers, input.devices);
  const layout = await layoutDiagram(model);

  const out: string[] = [];
  const ox = MARGIN;
  const oy = MARGIN + HEADER;
  const text = (x: number, y: number, value: string, attrs = '') => out.push(`<text x="${r(x)}" y="${r(y)}"${attrs}>${svgText(value)}</text>`);

  for (const zone of ['external', ...INSIDE_ZONES] as Zone[]) {
    const z = layout.zones[zone];
    out.push(`<g class="zone zone-${zone}">`);
    out.push(`<rect x="${r(ox + z.x)}" y="${r(oy + z.y)}" width="${r(z.width)}" height="${r(z.height)}" rx="8" fill="${ZONE_FILL[zone]}" stroke="#555" stroke-width="1.2"/>`);
    text(ox + z.x + 12, oy + z.y + 22, zoneName(zone), ' font-size="15" font-weight="bold" fill="#222"');
    out.push('</g>');
  }

  for (const p of model.points) {
    const s = STATE[p.state];
    for (const line of layout.lines.get(p.point.id) ?? []) {
      const d = line.map((pt, i) => `${i === 0 ? 'M' : 'L'}${r(ox + pt.x)} ${r(oy + pt.y)}`).join(' ');
      out.push(`<path class="link ${p.state}" d="${d}" fill="none" stroke="${s.colour}" stroke-width="2.2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    }
  }

  for (const zone of ['external', ...INSIDE_ZONES] as Zone[]) {
    const m = model.zones[zone];
    for (const box of m.linked) drawBox(out, box, layout.boxes.get(box.id)!, ox, oy, t);
    const grid = layout.boxes.get(`o:${zone}`);
    if (grid) {
      const { columns } = gridSize(m.others.length);
      m.others.forEach((box, i) => {
        const x = grid.x + (i % columns) * (BOX_W + GRID_GAP);
        const y = grid.y + Math.floor(i / columns) * (BOX_H + GRID_GAP);
        drawBox(out, box, { x, y, width: BOX_W, height: BOX_H }, ox, oy, t);
      });
    }
  }

  for (const p of model.points) {
    const port = layout.ports.get(p.point.id)!;
    marker(out, p, ox + port.inside.x + PORT / 2, oy + port.inside.y + PORT / 2, PORT);
    for (const o of port.others) marker(out, p, ox + o.x + PORT / 2, oy + o.y + PORT / 2, PORT);
  }

  const width = Math.max(layout.width + 2 * MARGIN, 720);
  let y = oy + layout.height + 28;
  if (model.points.length === 0 && model.deviceCount === 0) {
    text(MARGIN, y, t('empty'), ' font-size="13" fill="#444"');
    y += LINE + 6;
  }
  y = legend(out, t, MARGIN, y, width, model, text);
  y = pointList(out, t, zoneName, locale, MARGIN, y, width, model.points, text);

  const height = y + MARGIN;
  const title = translate(locale, 'registers.diagram.title');
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${r(width)}" height="${r(height)}" viewBox="0 0 ${r(width)} ${r(height)}" font-family="${svgText(FONT)}" font-size="12" role="img">`,
    `<title>${svgText(title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${MARGIN}" y="${MARGIN + 18}" font-size="18" font-weight="bold" fill="#111">${svgText(title)}</text>`,
    ...out,
    '</svg>',
    '',
  ].join('\n');
}

const r = (v: number) => String(Math.round(v * 10) / 10);

type T = (key: string, params?: Record<string, string | number>) => string;
type TextFn = (x: number, y: number, value: string, attrs?: string) => void;

function drawBox(out: string[], box: Box, at: Placed, ox: number, oy: number, t: T): void {
  const x = ox + at.x;
  const y = oy + at.y;
  const w = box.kind === 'peer' ? PEER_W : BOX_W;
  const title = box.kind === 'group' ? t('group', { kind: box.otherKinds ? t('otherKinds') : box.title || t('noKind'), count: box.count ?? 0 }) : box.title;
  const detail = box.kind === 'missing' ? t('missingMark') : box.kind === 'peer' && box.detail ? t('peerPoints', { numbers: box.detail }) : box.detail;
  const cls = { device: 'device', missing: 'device missing', group: 'device group', peer: 'peer' }[box.kind];
  out.push(`<g class="${cls}">`);
  if (box.kind === 'group') out.push(`<rect x="${r(x + 4)}" y="${r(y - 4)}" width="${w}" height="${BOX_H}" rx="3" fill="#fff" stroke="#333"/>`);
  const rx = box.kind === 'peer' ? 14 : 3;
  const dash = box.kind === 'missing' ? ' stroke-dasharray="5 3" stroke-width="1.6"' : '';
  out.push(`<rect x="${r(x)}" y="${r(y)}" width="${w}" height="${BOX_H}" rx="${rx}" fill="#fff" stroke="${box.kind === 'missing' ? '#c62828' : '#333'}"${dash}/>`);
  const room = box.kind === 'missing' ? w - 34 : w - 14;
  out.push(`<text x="${r(x + 7)}" y="${r(y + 16)}" font-size="12" font-weight="bold" fill="#111">${svgText(fitText(title, room / 12))}</text>`);
  if (detail) {
    const attrs = box.kind === 'missing' ? ' fill="#c62828" font-style="italic"' : ' fill="#333"';
    out.push(`<text x="${r(x + 7)}" y="${r(y + 32)}" font-size="11"${attrs}>${svgText(fitText(detail, room / 11))}</text>`);
  }
  if (box.kind === 'missing') {
    out.push(`<circle cx="${r(x + w - 14)}" cy="${r(y + 14)}" r="9" fill="#c62828"/>`);
    out.push(`<text x="${r(x + w - 14)}" y="${r(y + 18.5)}" font-size="13" font-weight="bold" fill="#fff" text-anchor="middle">?</text>`);
  }
  out.push('</g>');
}

function shape(kind: 'circle' | 'diamond' | 'square', cx: number, cy: number, size: number, fill: string): string {
  const h = size / 2;
  if (kind === 'circle') return `<circle cx="${r(cx)}" cy="${r(cy)}" r="${r(h)}" fill="${fill}" stroke="#000" stroke-width="1"/>`;
  if (kind === 'square') return `<rect x="${r(cx - h + 1)}" y="${r(cy - h + 1)}" width="${r(size - 2)}" height="${r(size - 2)}" fill="${fill}" stroke="#000" stroke-width="1"/>`;
  const d = h + 2;
  return `<polygon points="${r(cx)},${r(cy - d)} ${r(cx + d)},${r(cy)} ${r(cx)},${r(cy + d)} ${r(cx - d)},${r(cy)}" fill="${fill}" stroke="#000" stroke-width="1"/>`;
}

function marker(out: string[], p: PointModel, cx: number, cy: number, size: number): void {
  const s = STATE[p.state];
  const label = String(p.number);
  out.push(`<g class="point ${p.state}">`);
  out.push(shape(s.shape, cx, cy, size, s.colour));
  out.push(`<text x="${r(cx)}" y="${r(cy + 4)}" font-size="${label.length > 2 ? 9 : 11}" font-weight="bold" fill="${s.text}" text-anchor="middle">${label}</text>`);
  out.push('</g>');
}

function legend(out: string[], t: T, x: number, y: number, width: number, model: ReturnType<typeof diagramModel>, text: TextFn): number {
  text(x, y, t('legend'), ' font-size="13" font-weight="bold"');
  y += 10;
  const column = Math.max(260, (width - 2 * MARGIN) / 2);
  const items: ((cx: number, cy: number) => string)[] = (['defended', 'reasoned', 'undefended'] as PointState[]).map((state) => (cx, cy) => {
    const s = STATE[state];
    out.push(`<g class="legend legend-${state}"><path d="M${r(cx)} ${r(cy)} H${r(cx + 44)}" stroke="${s.colour}" stroke-width="2.2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>${shape(s.shape, cx + 10, cy, 16, s.colour)}</g>`);
    return t(state);
  });
  items.push((cx, cy) => {
    out.push(`<rect class="legend legend-missing" x="${r(cx)}" y="${r(cy - 8)}" width="44" height="16" rx="2" fill="#fff" stroke="#c62828" stroke-dasharray="5 3" stroke-width="1.6"/>`);
    return t('missing');
  });
  items.forEach((draw, i) => {
    const cx = x + (i % 2) * column;
    const cy = y + 12 + Math.floor(i / 2) * 22;
    const label = draw(cx, cy);
    text(cx + 54, cy + 4, fitText(label, (column - 60) / 12));
  });
  y += 12 + Math.ceil(items.length / 2) * 22;
  if (INSIDE_ZONES.some((z) => model.zones[z].grouped)) {
    text(x, y + 4, fitText(t('groupNote', { threshold: GROUP_THRESHOLD }), (width - 2 * MARGIN) / 11), ' font-size="11" fill="#333"');
    y += LINE;
  }
  return y + 10;
}

function pointList(out: string[], t: T, zoneName: (z: Zone) => string, locale: LocaleId, x: number, y: number, width: number, points: readonly PointModel[], text: TextFn): number {
  if (points.length === 0) return y;
  text(x, y + 4, t('points'), ' font-size="13" font-weight="bold"');
  y += LINE + 4;
  const room = (width - 2 * MARGIN - 30) / 12;
  for (const p of points) {
    const s = STATE[p.state];
    out.push(`<g class="point-row ${p.state}">`);
    out.push(shape(s.shape, x + 9, y - 4, 16, s.colour));
    out.push(`<text x="${r(x + 9)}" y="${r(y)}" font-size="${p.number > 99 ? 7 : 9}" font-weight="bold" fill="#fff" text-anchor="middle">${p.number}</text>`);
    const head = t('pointLine', { number: p.number, name: p.point.name, outside: zoneName(p.point.outsideZone), inside: zoneName(p.point.insideZone) });
    text(x + 26, y, fitText(head, room), ' font-size="12" font-weight="bold"');
    const defences =
      p.state === 'defended'
        ? p.point.defences.map((d) => translate(locale, `registers.defenceKinds.${d.kind}`) + (d.note ? `（${d.note}）` : '')).join(locale === 'ja' ? '、' : '; ')
        : p.state === 'reasoned'
          ? `${t('reasoned')} — ${t('reason', { reason: p.point.noDefenceReason })}`
          : t('undefended');
    text(x + 26, y + 16, fitText(defences, room * (12 / 11)), ` font-size="11" fill="${p.state === 'defended' ? '#333' : s.colour}"`);
    out.push('</g>');
    y += 36;
  }
  return y;
}
