import type { ConnectionPoint, SiteRegisters, Zone, ZonedDevice } from './register-types';
import { INSIDE_ZONES } from './register-types';

/**
 * What the network diagram shows, before layout: per zone the boxes to draw
 * and the connection points with their state. network-diagram.ts lays it out
 * with elkjs and writes the SVG.
 *
 * GROUP_THRESHOLD: a zone whose devices not named on any point number more
 * than 24 shows them as one box per kind ("PLC ×120"); the devices a point
 * names stay drawn one by one, since those are what the diagram is about.
 * 24 boxes at three across are eight rows: with the other zones the diagram
 * still fits an A4 page at a type size that can be read. Past that a box per
 * device only shrinks the page; the inventory is where they are listed.
 * At most 24 kind boxes too, the rest in one "other kinds" box.
 */
export const GROUP_THRESHOLD = 24;

/** 防御策あり, 防御策なし（理由あり）, 防御策なし: the point's colour and shape. */
export type PointState = 'defended' | 'reasoned' | 'undefended';

export function pointState(point: ConnectionPoint): PointState {
  if (point.defences.length > 0) return 'defended';
  return point.noDefenceReason.trim() ? 'reasoned' : 'undefended';
}

export interface Box {
  /** Unique in the diagram; the layout's node id. */
  id: string;
  kind: 'device' | 'missing' | 'group' | 'peer';
  /** Asset id, kind label or peer name (bold line), and the second line. */
  title: string;
  detail: string;
  /** Group boxes: how many devices; a kind of '' is "no kind". */
  count?: number;
  /** The group box of the kinds past the 24th. */
  otherKinds?: boolean;
}

export interface ZoneModel {
  zone: Zone;
  /** Boxes edges reach (named devices, devices missing from the inventory, peers): laid out by elk. */
  linked: Box[];
  /** The rest of the zone's devices (or their groups), placed in a grid by the drawer. */
  others: Box[];
  grouped: boolean;
}

export interface PointModel {
  point: ConnectionPoint;
  number: number;
  state: PointState;
  /** Box ids on the outside (a peer in 外部, devices, or none when the outside zone is only marked). */
  outside: string[];
  /** Box ids on the inside. */
  inside: string[];
}

export interface DiagramModel {
  zones: Record<Zone, ZoneModel>;
  points: PointModel[];
  /** Devices of the inventory in the diagram, for the empty check. */
  deviceCount: number;
}

export function diagramModel(registers: SiteRegisters, devices: readonly ZonedDevice[]): DiagramModel {
  const zones = Object.fromEntries(
    (['external', ...INSIDE_ZONES] as Zone[]).map((zone) => [zone, { zone, linked: [], others: [], grouped: false }]),
  ) as unknown as Record<Zone, ZoneModel>;
  const byAsset = new Map(devices.map((d) => [d.assetId, d]));
  const boxes = new Map<string, Box>();
  const place = (zone: Zone, box: Box): string => {
    if (!boxes.has(box.id)) {
      boxes.set(box.id, box);
      zones[zone].linked.push(box);
    }
    return box.id;
  };
  const endBox = (assetId: string, zone: Zone): string => {
    const device = byAsset.get(assetId);
    if (device) return place(device.zone, { id: `d:${device.id}`, kind: 'device', title: device.assetId, detail: device.name });
    // Named on a point but not among the inventory's current devices: drawn
    // in the zone the point says it is in, dashed and marked.
    return place(zone, { id: `m:${zone}:${assetId}`, kind: 'missing', title: assetId, detail: '' });
  };

  const points = registers.points.map((point, i): PointModel => {
    const outside: string[] = [];
    const inside: string[] = [];
    for (const end of point.ends) {
      if (end.side === 'inside') inside.push(endBox(end.assetId, point.insideZone));
      else outside.push(endBox(end.assetId, point.outsideZone));
    }
    if (point.outsideZone === 'external') {
      const peer = point.peer.trim() || point.name;
      outside.unshift(place('external', { id: `p:${peer}`, kind: 'peer', title: peer, detail: '' }));
    }
    return { point, number: i + 1, state: pointState(point), outside, inside };
  });
  for (const box of zones.external.linked) {
    if (box.kind !== 'peer') continue;
    const numbers = points.filter((p) => p.outside[0] === box.id && p.point.outsideZone === 'external').map((p) => p.number);
    box.detail = numbers.join(', ');
  }

  for (const zone of INSIDE_ZONES) {
    const rest = devices.filter((d) => d.zone === zone && !boxes.has(`d:${d.id}`));
    const model = zones[zone];
    if (rest.length <= GROUP_THRESHOLD) {
      model.others = rest.map((d) => ({ id: `d:${d.id}`, kind: 'device', title: d.assetId, detail: d.name }));
      continue;
    }
    model.grouped = true;
    const kinds = new Map<string, number>();
    for (const d of rest) kinds.set(d.kind.trim(), (kinds.get(d.kind.trim()) ?? 0) + 1);
    const sorted = [...kinds].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'ja'));
    const shown = sorted.length > GROUP_THRESHOLD ? sorted.slice(0, GROUP_THRESHOLD - 1) : sorted;
    model.others = shown.map(([kind, count], i) => ({ id: `g:${zone}:${i}`, kind: 'group', title: kind, detail: '', count }));
    if (shown.length < sorted.length) {
      const count = sorted.slice(shown.length).reduce((n, [, c]) => n + c, 0);
      model.others.push({ id: `g:${zone}:other`, kind: 'group', title: '', detail: '', count, otherKinds: true });
    }
  }
  return { zones, points, deviceCount: devices.length };
}
