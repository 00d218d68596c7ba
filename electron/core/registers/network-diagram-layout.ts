import type ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode, ElkPoint, ElkPort } from 'elkjs/lib/elk-api';
import { INSIDE_ZONES, type InsideZone, type Zone } from './register-types';
import type { DiagramModel } from './network-diagram-model';

/**
 * The network diagram's layout, by elkjs (the Eclipse Layout Kernel compiled
 * to JavaScript; EPL-2.0, kept by the Eclipse project and TypeFox, no
 * dependencies, no network, pure computation in-process).
 *
 * Why elk and not dagre or a hand layout: the diagram is nested — devices
 * inside zones, each connection point a *port on the zone's border* with
 * lines from outside to devices inside. ELK's layered algorithm lays out
 * compound nodes with ports on their borders, orders the ports to cut
 * crossings and routes orthogonal edges, all in one well-tested library.
 * dagre has clusters but no ports and is no longer maintained; by hand,
 * keeping 100 points' lines apart is the layout engine we would be writing.
 *
 * The graph (direction RIGHT: every line runs outside → inside): the peers
 * and anything else in 外部 are top-level nodes (layer 0; the drawer puts the
 * 外部 area around them); each inside zone is a compound node laid out on its
 * own (SEPARATE_CHILDREN: twice as fast at 500 devices as one hierarchical
 * pass, and the zones stack in one column instead of spreading right). In a
 * zone, the boxes a line reaches (devices named on a point, devices missing
 * from the inventory) are elk nodes; the zone's other devices are one
 * opaque node placed as a grid here (they have no lines, and elk would put
 * them all in one column). A point is a port on the west border of its
 * inside zone (the border facing 外部). A point that also reaches another
 * inside zone (its outside zone, or a device of another zone) gets a port
 * there too, and the two are joined by a line in a lane of its own left of
 * the zones: elk edges between zones would put one zone a layer after the
 * other and double the width.
 */

/**
 * elkjs is 1.7 MB of compiled Java: loaded at the first diagram, not when a
 * host starts (the report handlers import this file; issue 15's start-up).
 */
function elk(): typeof ELK {
  return require('elkjs/lib/elk.bundled.js') as typeof ELK;
}

export const BOX_W = 168;
export const BOX_H = 40;
export const PEER_W = 200;
export const GRID_GAP = 10;
const GRID_COLUMNS = 3;
export const PORT = 22;
export const ZONE_TOP = 34;
const WEST_PORT = { 'elk.port.side': 'WEST', 'elk.port.borderOffset': `${-PORT / 2}` };

export interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  width: number;
  height: number;
  zones: Record<Zone, Placed>;
  boxes: Map<string, Placed>;
  /** Markers by point id: the one on the inside zone, and one on each other inside zone the point reaches. */
  ports: Map<string, { inside: Placed; others: Placed[] }>;
  /** Lines by point id, each a polyline. */
  lines: Map<string, ElkPoint[][]>;
}

export function gridSize(count: number): { columns: number; width: number; height: number } {
  const columns = Math.min(GRID_COLUMNS, count);
  const rows = Math.ceil(count / columns);
  return { columns, width: columns * BOX_W + (columns - 1) * GRID_GAP, height: rows * BOX_H + (rows - 1) * GRID_GAP };
}


export async function layoutDiagram(model: DiagramModel): Promise<Layout> {
  const zoneOf = new Map<string, Zone>();
  for (const zone of ['external', ...INSIDE_ZONES] as Zone[]) for (const b of model.zones[zone].linked) zoneOf.set(b.id, zone);
  const zoneNodes = new Map<InsideZone, ElkNode & { edges: ElkExtendedEdge[]; ports: ElkPort[] }>();
  for (const zone of INSIDE_ZONES) {
    const { linked, others } = model.zones[zone];
    const children: ElkNode[] = linked.map((b) => ({ id: b.id, width: BOX_W, height: BOX_H }));
    if (others.length > 0) children.push({ id: `o:${zone}`, ...gridSize(others.length) });
    zoneNodes.set(zone, {
      id: `z:${zone}`,
      children,
      ports: [],
      edges: [],
      layoutOptions: {
        'elk.padding': `[top=${ZONE_TOP + 8},left=${PORT + 8},bottom=16,right=16]`,
        'elk.portConstraints': 'FIXED_SIDE',
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': '(220, 90)',
        'elk.spacing.portPort': '18',
        'elk.spacing.nodeNode': '14',
        'elk.layered.spacing.nodeNodeBetweenLayers': '24',
      },
    });
  }
  const externals: ElkNode[] = model.zones.external.linked.map((b) => ({ id: b.id, width: b.kind === 'peer' ? PEER_W : BOX_W, height: BOX_H }));
  // An unseen anchor in the first column with an unseen edge to every zone
  // keeps 外部 left and the zones in the second column, whether or not a
  // line reaches a zone.
  externals.push({ id: 'anchor', width: 1, height: 1 });
  const rootEdges: ElkExtendedEdge[] = [];
  const edgeIds = new Map<string, string>();
  let n = 0;
  const edge = (pointId: string, container: InsideZone | null, source: string, target: string) => {
    const id = `e${n++}`;
    edgeIds.set(id, pointId);
    (container ? zoneNodes.get(container)!.edges : rootEdges).push({ id, sources: [source], targets: [target] });
  };
  for (const p of model.points) {
    const inside = p.point.insideZone;
    const port = `pt:${p.point.id}`;
    zoneNodes.get(inside)!.ports.push({ id: port, width: PORT, height: PORT, layoutOptions: WEST_PORT });
    const far = new Map<InsideZone, string>();
    const farPort = (zone: InsideZone) => {
      if (!far.has(zone)) {
        const id = `px:${zone}:${p.point.id}`;
        zoneNodes.get(zone)!.ports.push({ id, width: PORT, height: PORT, layoutOptions: WEST_PORT });
        far.set(zone, id);
      }
      return far.get(zone)!;
    };
    if (p.point.outsideZone !== 'external') farPort(p.point.outsideZone);
    for (const box of [...p.outside, ...p.inside]) {
      const zone = zoneOf.get(box)!;
      if (zone === 'external') edge(p.point.id, null, box, port);
      else if (zone === inside) edge(p.point.id, inside, port, box);
      else edge(p.point.id, zone, farPort(zone), box);
    }
  }

  for (const zone of INSIDE_ZONES) rootEdges.push({ id: `anchor:${zone}`, sources: ['anchor'], targets: [`z:${zone}`] });

  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'SEPARATE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.padding': `[top=${ZONE_TOP + 12},left=16,bottom=12,right=12]`,
      'elk.spacing.nodeNode': '22',
      'elk.layered.spacing.nodeNodeBetweenLayers': '64',
      'elk.spacing.edgeNode': '14',
      'elk.spacing.edgeEdge': '8',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.json.shapeCoords': 'ROOT',
      'elk.json.edgeCoords': 'ROOT',
    },
    children: [...externals, ...zoneNodes.values()],
    edges: rootEdges,
  };
  const laid = await new (elk())().layout(graph);

  const at = (s: { x?: number; y?: number; width?: number; height?: number }): Placed => ({ x: s.x ?? 0, y: s.y ?? 0, width: s.width ?? 0, height: s.height ?? 0 });
  const zones = {} as Record<Zone, Placed>;
  const boxes = new Map<string, Placed>();
  const ports = new Map<string, { inside: Placed; others: Placed[] }>();
  const lines = new Map<string, ElkPoint[][]>();
  const collectEdges = (edges: ElkExtendedEdge[] | undefined) => {
    for (const e of edges ?? []) {
      const pointId = edgeIds.get(e.id);
      if (!pointId) continue;
      const list = lines.get(pointId) ?? [];
      for (const s of e.sections ?? []) list.push([s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
      lines.set(pointId, list);
    }
  };
  collectEdges(laid.edges);
  const outer: Placed[] = [];
  for (const c of laid.children ?? []) {
    if (c.id === 'anchor') continue;
    if (!c.id.startsWith('z:')) {
      boxes.set(c.id, at(c));
      outer.push(at(c));
      continue;
    }
    zones[c.id.slice(2) as InsideZone] = at(c);
    for (const b of c.children ?? []) boxes.set(b.id, at(b));
    for (const port of c.ports ?? []) {
      const pointId = port.id.startsWith('pt:') ? port.id.slice(3) : port.id.slice(port.id.indexOf(':', 3) + 1);
      const entry = ports.get(pointId) ?? { inside: at(port), others: [] };
      if (port.id.startsWith('pt:')) entry.inside = at(port);
      else entry.others.push(at(port));
      ports.set(pointId, entry);
    }
    collectEdges(c.edges);
  }
  // 外部 is the area around its boxes (or an empty one above the zones).
  const left = Math.min(...INSIDE_ZONES.map((z) => zones[z].x));
  zones.external =
    outer.length > 0
      ? (() => {
          const x = Math.min(...outer.map((b) => b.x)) - 16;
          const y = Math.min(...outer.map((b) => b.y)) - ZONE_TOP - 8;
          const right = Math.max(...outer.map((b) => b.x + b.width)) + 16;
          const bottom = Math.max(...outer.map((b) => b.y + b.height)) + 16;
          return { x, y, width: right - x, height: bottom - y };
        })()
      : { x: 0, y: 0, width: Math.max(0, left - 40), height: 90 };

  // Lines between markers of one point on two inside zones: out to a lane of
  // their own left of the zones, along it, and in, never through a zone.
  const joined = model.points.filter((p) => (ports.get(p.point.id)?.others.length ?? 0) > 0);
  const step = Math.min(8, 40 / Math.max(1, joined.length));
  joined.forEach((p, k) => {
    const { inside, others } = ports.get(p.point.id)!;
    const lane = left - PORT - 10 - k * step;
    const a = { x: inside.x + PORT / 2, y: inside.y + PORT / 2 };
    for (const o of others) {
      const b = { x: o.x + PORT / 2, y: o.y + PORT / 2 };
      lines.set(p.point.id, [...(lines.get(p.point.id) ?? []), [b, { x: lane, y: b.y }, { x: lane, y: a.y }, a]]);
    }
  });
  return { width: laid.width ?? 0, height: laid.height ?? 0, zones, boxes, ports, lines };
}
