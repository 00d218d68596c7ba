import { afterEach, describe, expect, it } from 'vitest';
import { orgChartSvg } from '../../../electron/core/registers/org-chart';
import { siteRegisters } from '../../../electron/core/registers/register-read';
import type { Party, SiteRegisters } from '../../../electron/core/registers/register-types';
import { registersKit } from '../helpers/registers';
import { allElements, parseSvg, type SvgElement } from '../helpers/svg-tree';

const kit = registersKit('hoan-registers-chart-');
afterEach(() => kit.cleanup());

/** Parsed by a strict XML parser (saxes): anything not well-formed throws. */
const parse = parseSvg;

function texts(root: SvgElement): string[] {
  return allElements(root)
    .filter((e) => e.name === 'text')
    .map((e) => e.text);
}

/** Where each party's box is drawn: the y of the text naming it. */
function rowOf(root: SvgElement, name: string): number {
  const t = allElements(root).find((e) => e.name === 'text' && e.text === name);
  if (!t) throw new Error(`${name} is not drawn`);
  return Number(t.attributes.y);
}

function party(base: Party, i: number, fields: Partial<Party>): Party {
  return { ...base, id: `p${i}`, position: i, title: '', department: '', phone: '', ...fields };
}

describe('[#14.1] the 体制図 is a self-contained SVG', () => {
  it('draws the solar plant as a tree by reportsTo, roots at the top, each box with role, title, person, organisation and phone', async () => {
    const { core, siteId } = await kit.open();
    const doc = parse(orgChartSvg(siteRegisters(core.db, core.resourcesDir, siteId), 'ja'));
    const shown = texts(doc);
    for (const t of ['設置者', 'セキュリティ責任者', '外部委託先（電気管理技術者）', '発電所長', '佐藤 花子', '株式会社テスト', '発電事業部', 'TEL 043-111-2222', 'ソーラー監視センター株式会社']) {
      expect(shown).toContain(t);
    }
    expect(rowOf(doc, '山田 太郎')).toBeLessThan(rowOf(doc, '佐藤 花子'));
    expect(rowOf(doc, '佐藤 花子')).toBeLessThan(rowOf(doc, '鈴木 一郎'));
    expect(Math.abs(rowOf(doc, '鈴木 一郎') - rowOf(doc, '高橋 次郎'))).toBeLessThan(20); // the same row, one has a title above
    expect(rowOf(doc, '鈴木 一郎')).toBeLessThan(rowOf(doc, 'サポート窓口'));

    const enDoc = parse(orgChartSvg(siteRegisters(core.db, core.resourcesDir, siteId), 'en'));
    expect(allElements(enDoc).find((e) => e.name === 'title')?.text).toBe('Organisation chart');
    expect(texts(enDoc)).toContain('Security manager');
    expect(texts(enDoc)).not.toContain('設置者');
  });

  it('keeps names with markup, &, emoji and RTL marks as text: escaped, no script, no external reference, local fonts', async () => {
    const { core, siteId } = await kit.open();
    const registers = siteRegisters(core.db, core.resourcesDir, siteId);
    const hostile = ['<script>alert(1)</script>', 'Tom & Jerry "電気" \'保安\'', '🔥⚡ 電気室', '\u200fشركة\u200f 株式会社', '<img src=x onerror=alert(1)>', ']]><svg onload=alert(1)>'];
    const parties = registers.parties.map((p, i) => ({ ...p, personName: hostile[i % hostile.length]!, organisation: `${hostile[(i + 1) % hostile.length]!}\u0007` }));
    const svg = orgChartSvg({ ...registers, parties }, 'ja');
    const doc = parse(svg);
    const all = allElements(doc);
    expect(all.map((e) => e.name).filter((t) => !['svg', 'title', 'g', 'rect', 'text', 'line'].includes(t))).toEqual([]);
    for (const e of all) {
      for (const [name, value] of Object.entries(e.attributes)) {
        expect(name).not.toMatch(/^on|href$/i);
        if (name !== 'xmlns') expect(value).not.toMatch(/url\(|javascript:|https?:/i);
      }
    }
    expect(svg).not.toMatch(/<script|@import|@font-face|<style|<foreignObject|<image/i);
    expect(doc.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    const shown = texts(doc);
    expect(shown).toContain('<script>alert(1)</script>');
    expect(shown).toContain('🔥⚡ 電気室');
    expect(shown.some((t) => t.includes('\u200fشركة\u200f'))).toBe(true);
    expect(shown.some((t) => t.includes('\ufffd'))).toBe(true); // the BEL no XML can carry
    const fonts = all.map((e) => e.attributes['font-family']).filter((f): f is string => !!f);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/, sans-serif$/);
  });

  it('stays readable at A4 width with ten parties, and draws a reporting loop from an older bundle without hanging', async () => {
    const { core, siteId } = await kit.open();
    const registers: SiteRegisters = siteRegisters(core.db, core.resourcesDir, siteId);
    const base = registers.parties[0]!;
    const ten: Party[] = [
      party(base, 0, { role: 'owner', organisation: '株式会社テスト', reportsTo: null }),
      party(base, 1, { role: 'security_manager', personName: '佐藤 花子', reportsTo: 'p0' }),
      ...Array.from({ length: 8 }, (_, i) =>
        party(base, i + 2, { role: 'maintenance', organisation: `東芝三菱電機産業システム株式会社 ${i + 1}`, phone: '03-1234-5678', reportsTo: i === 7 ? 'p2' : 'p1' }),
      ),
    ];
    const doc = parse(orgChartSvg({ ...registers, parties: ten }, 'ja'));
    const width = Number(doc.attributes.width);
    // A4 portrait less 15 mm margins is about 680 CSS px: 11 px text scaled to fit stays at or above 7 px (about 5 pt).
    expect(11 * Math.min(1, 680 / width)).toBeGreaterThanOrEqual(7);
    expect(texts(doc).filter((t) => t.startsWith('東芝三菱電機産業システム株式会社')).length).toBe(8);

    const loop = [party(base, 0, { personName: 'A', reportsTo: 'p1' }), party(base, 1, { personName: 'B', reportsTo: 'p0' })];
    const drawn = texts(parse(orgChartSvg({ ...registers, parties: loop }, 'ja')));
    expect(drawn).toContain('A');
    expect(drawn).toContain('B');
  });

  it('says so when the register is empty', async () => {
    const { core, siteId } = await kit.open({ seed: false });
    expect(texts(parse(orgChartSvg(siteRegisters(core.db, core.resourcesDir, siteId), 'ja')))).toContain('体制がまだ登録されていません');
  });
});
