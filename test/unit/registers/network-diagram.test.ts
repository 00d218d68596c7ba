import { afterEach, describe, expect, it } from 'vitest';
import { sampleDiagramInput } from '../../../bench/registers-sample';
import { networkDiagramSvg, siteNetworkDiagramSvg } from '../../../electron/core/registers/network-diagram';
import { GROUP_THRESHOLD } from '../../../electron/core/registers/network-diagram-model';
import { registersKit, SOLAR_LEDGER } from '../helpers/registers';
import { allElements, byClass, parseSvg, textIn, type SvgElement } from '../helpers/svg-tree';

const kit = registersKit('hoan-network-diagram-');
afterEach(() => kit.cleanup());

const RED = '#c62828';
const AMBER = '#b86e00';
const GREEN = '#1b7a3a';

/** The marker groups of the point numbered `n` (on its zone's border, and on a second zone's if it reaches one). */
const markers = (svg: SvgElement, n: number) => byClass(svg, 'point').filter((g) => textIn(g) === String(n));
const fillOf = (g: SvgElement) => g.children.find((c) => ['circle', 'rect', 'polygon'].includes(c.name))?.attributes.fill;

async function solarDiagram(edit?: (core: Awaited<ReturnType<typeof kit.open>>) => void, locale: 'ja' | 'en' = 'ja') {
  const opened = await kit.open();
  edit?.(opened);
  const svg = await siteNetworkDiagramSvg(opened.core.db, opened.core.resourcesDir, opened.siteId, locale);
  return { svg, tree: parseSvg(svg), ...opened };
}

describe('[#14.3] the network diagram', () => {
  it('[#14.3] draws the solar plant: the four zones, every device in its zone, the three points defended (green circles) with lines to their devices', async () => {
    const { tree } = await solarDiagram();
    expect(tree.name).toBe('svg');
    expect(tree.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    const zoneLabel = (zone: string) => textIn(byClass(tree, 'zone', `zone-${zone}`)[0]!);
    expect(['external', 'monitoring', 'control', 'office'].map(zoneLabel)).toEqual(['外部', '監視', '制御', '事業場LAN']);

    const devices = byClass(tree, 'device').map(textIn);
    for (const [assetId, name] of SOLAR_LEDGER.slice(1).map((r) => [r[0]!, r[1]!])) expect(devices).toContain(`${assetId}\n${name}`);
    expect(byClass(tree, 'device', 'missing')).toEqual([]);
    // The devices sit inside their zone's area.
    const zoneRect = (zone: string) => byClass(tree, `zone-${zone}`)[0]!.children.find((c) => c.name === 'rect')!.attributes;
    const boxRect = (assetId: string) => byClass(tree, 'device').find((g) => textIn(g).startsWith(`${assetId}\n`))!.children.find((c) => c.name === 'rect')!.attributes;
    const inside = (box: Record<string, string>, zone: Record<string, string>) =>
      +box.x! >= +zone.x! && +box.y! >= +zone.y! && +box.x! + +box.width! <= +zone.x! + +zone.width! && +box.y! + +box.height! <= +zone.y! + +zone.height!;
    for (const [assetId, zone] of [['RT-01', 'monitoring'], ['MON-01', 'monitoring'], ['PLC-01', 'control'], ['OCT-01', 'control'], ['PC-01', 'office']] as const) {
      expect(inside(boxRect(assetId), zoneRect(zone)), `${assetId} in ${zone}`).toBe(true);
    }
    expect(byClass(tree, 'peer').map(textIn)).toEqual(['ソーラー監視センター\n接続点 1', '太陽光メンテ株式会社\n接続点 2', '電力会社 出力制御サーバ\n接続点 3']);

    for (const n of [1, 2, 3]) {
      const [marker] = markers(tree, n);
      expect(marker!.attributes.class).toBe('point defended');
      expect(fillOf(marker!)).toBe(GREEN);
      expect(marker!.children[0]!.name).toBe('circle');
    }
    // Peer → point and point → each device named on it: LTE 1 + 2, VPN 1 + 1, output 1 + 1.
    expect(byClass(tree, 'link', 'defended')).toHaveLength(7);
    expect(byClass(tree, 'link', 'undefended')).toEqual([]);
    expect(textIn(tree)).toContain('1. 遠隔監視回線（LTE）（外部 ↔ 監視）');
    expect(textIn(tree)).toContain('ファイアウォール（ルーター内蔵FWで監視センター以外を遮断）、接続先の限定（閉域SIMの接続先を監視センターに限定）');
  });

  it('[#14.3] a point with no defence is red (square, dotted line); one with a reason recorded is amber (diamond, dashed), and both read so in the list', async () => {
    const { tree } = await solarDiagram(({ core, seeded }) => {
      core.db.prepare('DELETE FROM connection_point_defences WHERE point_id IN (?, ?)').run(seeded!.points.vpn, seeded!.points.output);
      core.db.prepare("UPDATE connection_points SET no_defence_reason = '作業日以外は電源を切る' WHERE id = ?").run(seeded!.points.vpn);
    });
    const [vpn] = markers(tree, 2);
    const [output] = markers(tree, 3);
    expect([vpn!.attributes.class, fillOf(vpn!), vpn!.children[0]!.name]).toEqual(['point reasoned', AMBER, 'polygon']);
    expect([output!.attributes.class, fillOf(output!), output!.children[0]!.name]).toEqual(['point undefended', RED, 'rect']);
    expect(byClass(tree, 'link', 'undefended').every((l) => l.attributes.stroke === RED && l.attributes['stroke-dasharray'] === '2 4')).toBe(true);
    expect(byClass(tree, 'link', 'undefended')).toHaveLength(2);
    expect(byClass(tree, 'link', 'reasoned').every((l) => l.attributes.stroke === AMBER && l.attributes['stroke-dasharray'] === '9 5')).toBe(true);
    expect(byClass(tree, 'link', 'defended').every((l) => !l.attributes['stroke-dasharray'])).toBe(true);
    const rows = byClass(tree, 'point-row').map((g) => [g.attributes.class, textIn(g)]);
    expect(rows[1]).toEqual(['point-row reasoned', '2\n2. 保守用リモートアクセス（VPN）（外部 ↔ 監視）\n防御策なし（理由を記録） — 理由: 作業日以外は電源を切る']);
    expect(rows[2]).toEqual(['point-row undefended', '3\n3. 出力制御回線（外部 ↔ 制御）\n防御策なし']);
    // The legend explains the three states and the dashed box, by shape as well as colour.
    expect(textIn(byClass(tree, 'zone')[0]!)).toBe('外部');
    expect(textIn(tree)).toMatch(/凡例[\s\S]*防御策あり[\s\S]*防御策なし（理由を記録）[\s\S]*防御策なし[\s\S]*機器台帳にない機器/);
    expect(['defended', 'reasoned', 'undefended'].map((s) => byClass(tree, 'legend', `legend-${s}`)[0]!.children.map((c) => c.name))).toEqual([
      ['path', 'circle'],
      ['path', 'polygon'],
      ['path', 'rect'],
    ]);
  });

  it('[#14.3] a device a point names that the inventory does not hold is drawn dashed in the point\'s zone and marked 台帳になし', async () => {
    const { tree } = await solarDiagram(({ core, seeded }) => {
      core.db.prepare("INSERT INTO connection_point_ends (point_id, side, asset_id) VALUES (?, 'inside', 'GW-99')").run(seeded!.points.output);
    });
    const missing = byClass(tree, 'device', 'missing');
    expect(missing.map(textIn)).toEqual(['GW-99\n台帳になし\n?']);
    const rect = missing[0]!.children.find((c) => c.name === 'rect')!.attributes;
    expect([rect.stroke, rect['stroke-dasharray']]).toEqual([RED, '5 3']);
    const zone = byClass(tree, 'zone-control')[0]!.children.find((c) => c.name === 'rect')!.attributes;
    expect(+rect.y! > +zone.y! && +rect.y! < +zone.y! + +zone.height!).toBe(true);
    expect(byClass(tree, 'link', 'defended')).toHaveLength(8);
  });

  it('[#14.3] names with any Unicode (markup, &, quotes, emoji, RTL marks, control characters written straight into the tables) give an SVG that parses as XML and holds no script', async () => {
    const hostile = '<script>alert(1)</script> & "q" \'a\' 😀 \u202Eevil\u202C \u0001\u001f ]]> <!-- x --> </text></svg>';
    const { svg, tree } = await solarDiagram(({ core, siteId, seeded }) => {
      core.db.prepare("UPDATE devices SET name = ?, kind = ? WHERE site_id = ? AND asset_id = 'RT-01'").run(`LTE${hostile}`, hostile, siteId);
      core.db.prepare('UPDATE connection_points SET name = ?, peer = ?, no_defence_reason = ? WHERE id = ?').run(hostile, hostile, hostile, seeded!.points.vpn);
      core.db.prepare('DELETE FROM connection_point_defences WHERE point_id = ?').run(seeded!.points.vpn);
      core.db.prepare('UPDATE connection_point_defences SET note = ? WHERE point_id = ?').run(hostile, seeded!.points.lte);
      core.db.prepare("INSERT INTO connection_point_ends (point_id, side, asset_id) VALUES (?, 'inside', ?)").run(seeded!.points.output, `<img onerror=alert(1)>${hostile}`);
    });
    const names = allElements(tree).map((e) => e.name.toLowerCase());
    expect(names).not.toContain('script');
    expect(names).not.toContain('foreignobject');
    expect(names.filter((n) => !['svg', 'title', 'rect', 'text', 'g', 'path', 'circle', 'polygon'].includes(n))).toEqual([]);
    expect(allElements(tree).flatMap((e) => Object.keys(e.attributes)).filter((a) => /^on|href/i.test(a))).toEqual([]);
    expect(svg).not.toMatch(/url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg")/);
    // Shown as text: markup as characters, controls as U+FFFD, the rest as written (cut to the box).
    expect(textIn(tree)).toContain('<script>alert(1)</script> & "q" \'a\' 😀 \u202Eevil\u202C \ufffd\ufffd ]]> <!-- x --> </text></svg>');
    expect(byClass(tree, 'device').map(textIn)).toContain('RT-01\nLTE<script>alert(1)</…');
    expect(byClass(tree, 'device', 'missing').map(textIn)[0]).toMatch(/^<img onerror=\w*…\n台帳になし\n\?$/);
  });

  it('[#14.3] a lone surrogate in a name (as a bundle\'s JSON can carry; SQLite would already have replaced it) is drawn as U+FFFD and the file still parses', async () => {
    const input = sampleDiagramInput(6, 2);
    input.devices[0]!.name = 'PLC\ud800 one';
    input.registers.points[0]!.name = 'point \udc00\u0000';
    const svg = await networkDiagramSvg(input, 'en');
    expect(svg).not.toMatch(/[\ud800-\udfff]/);
    const tree = parseSvg(svg);
    expect(textIn(tree)).toContain('PLC\ufffd one');
    expect(textIn(tree)).toContain('1. point \ufffd\ufffd (External ↔ Monitoring)');
  });

  it('[#14.3] 500 devices and 100 points give a diagram: every point drawn, its devices one by one, the rest of each crowded zone grouped by kind', async () => {
    const input = sampleDiagramInput(500, 100);
    const tree = parseSvg(await networkDiagramSvg(input, 'ja'));
    for (let n = 1; n <= 100; n++) expect(markers(tree, n).length, `point ${n}`).toBeGreaterThanOrEqual(1);
    const named = new Set(input.registers.points.flatMap((p) => p.ends.filter((e) => e.deviceId).map((e) => e.assetId)));
    const drawn = byClass(tree, 'device').filter((g) => !(g.attributes.class ?? '').includes('group')).map((g) => textIn(g).split('\n')[0]);
    expect(new Set(drawn.filter((a) => !a!.startsWith('GW-')))).toEqual(named);
    const groups = byClass(tree, 'device', 'group').map(textIn);
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.every((g) => /^.+ ×\d+$/.test(g))).toBe(true);
    const grouped = groups.reduce((sum, g) => sum + Number(g.split('×')[1]), 0);
    expect(grouped + named.size).toBe(500);
    expect(textIn(tree)).toContain(`${GROUP_THRESHOLD} 台を超える区域の機器は種別ごとにまとめて表示`);
    expect(byClass(tree, 'device', 'missing')).toHaveLength(10);
  });

  it('[#14.3] an empty site still draws its four zones, and says there is nothing recorded', async () => {
    const input = sampleDiagramInput(0, 0);
    const tree = parseSvg(await networkDiagramSvg(input, 'en'));
    expect(byClass(tree, 'zone').map(textIn)).toEqual(['External', 'Monitoring', 'Control', 'Site LAN']);
    expect(textIn(tree)).toContain('No connection points or devices are recorded');
  });
});
