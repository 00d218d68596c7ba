import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode, ElkPoint } from 'elkjs/lib/elk-api';
import { INSIDE_ZONES, type Zone } from './register-types';
import type { Box, DiagramModel } from './network-diagram-model';

/**
 * The network diagram's layout, by elkjs (the Eclipse Layout Kernel compiled
 * to JavaScript; EPL-2.0, kept by the Eclipse project and TypeFox, no
 * dependencies, no network, pure computation in-process).
 *
 * Why elk and not dagre or a hand layout: the diagram is nested — devices
 * inside zones, and each connection point is a *port on the zone's border*
 * with lines crossing from outside the zone to devices inside. ELK's layered
 * algorithm lays out compound nodes with hierarchical ports and routes
 * orthogonal edges across the hierarchy in one pass (hierarchyHandling
 * INCLUDE_CHILDREN), ordering the ports on a border to cut crossings. dagre
 * has compound nodes but no ports and no edges routed into a cluster, and is
 * no longer maintained; by hand, keeping 100 points' lines from crossing
 * through each other is the layout engine we would be writing.
 *
 * The graph: one compound node per zone (外部 left, the inside zones to its
 * right, since every line runs outside → inside, direction RIGHT); the
 * boxes a line reaches (devices named on a point, devices missing from the
 * inventory, the peers in 外部) are elk nodes; the zone's other devices are
 * one opaque node placed as a grid here (they have no lines, and elk would
 * put them all in one column). A point is a port on the west border of its
 * inside zone; a point between two inside zones that names no device on its
 * outside gets a second port on the east border of the outside zone.
 */

export const BOX_W = 168;
export const BOX_H = 40;
export const PEER_W = 200;
export const GRID_GAP = 10;
const GRID_COLUMNS = 3;
export const PORT = 22;
export const ZONE_TOP = 34;

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
  /** Port markers by point id: the inside one and, if any, the outside one. */
  ports: Map<string, { inside: Placed; outside: Placed | null }>;
  /** Lines by point id, each a polyline. */
  lines: Map<string, ElkPoint[][]>;
}

export function gridSize(count: number): { columns: number; width: number; height: number } {
  const columns = Math.min(GRID_COLUMNS, count);
  const rows = Math.ceil(count / columns);
  return { columns, width: columns * BOX_W + (columns - 1) * GRID_GAP, height: rows * BOX_H + (rows - 1) * GRID_GAP };
}

const boxWidth = (box: Box) => (box.kind === 'peer' ? PEER_W : BOX_W);

export async function layoutDiagram(model: DiagramModel): Promise<Layout> {
  const zoneOf = new Map<string, Zone>();
  const zoneNodes = new Map<Zone, ElkNode & { edges: ElkExtendedEdge[] }>();
  for (const zone of ['external', ...INSIDE_ZONES] as Zone[]) {
    const { linked, others } = model.zones[zone];
    const children: ElkNode[] = linked.map((b) => ({ id: b.id, width: boxWidth(b), height: BOX_H }));
    for (const b of linked) zoneOf.set(b.id, zone);
    if (others.length > 0) children.push({ id: `o:${zone}`, ...gridSize(others.length) });
    zoneNodes.set(zone, {
      id: `z:${zone}`,
      children,
      ports: [],
      edges: [],
      layoutOptions: {
        'elk.padding': `[top=${ZONE_TOP + 8},left=${PORT + 8},bottom=16,right=${PORT + 8}]`,
        'elk.portConstraints': 'FIXED_SIDE',
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': '(220, 90)',
        'elk.spacing.portPort': '18',
      },
    });
  }
  const rootEdges: ElkExtendedEdge[] = [];
  const edgeIds = new Map<string, string>();
  let n = 0;
  const edge = (pointId: string, container: Zone | null, source: string, target: string) => {
    const id = `e${n++}`;
    edgeIds.set(id, pointId);
    (container ? zoneNodes.get(container)!.edges : rootEdges).push({ id, sources: [source], targets: [target] });
  };
  for (const p of model.points) {
    const inside = p.point.insideZone;
    const port = `pt:${p.point.id}`;
    zoneNodes.get(inside)!.ports!.push({ id: port, width: PORT, height: PORT, layoutOptions: { 'elk.port.side': 'WEST', 'elk.port.borderOffset': `${-PORT / 2}` } });
    const outside = [...p.outside];
    if (outside.length === 0 && p.point.outsideZone !== 'external') {
      const far = `po:${p.point.id}`;
      zoneNodes.get(p.point.outsideZone)!.ports!.push({ id: far, width: PORT, height: PORT, layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.borderOffset': `${-PORT / 2}` } });
      outside.push(far);
    }
    for (const o of outside) edge(p.point.id, zoneOf.get(o) === inside ? inside : null, o, port);
    for (const i of p.inside) edge(p.point.id, zoneOf.get(i) === inside ? inside : null, port, i);
  }

  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.spacing.nodeNode': '22',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.edgeNode': '14',
      'elk.spacing.edgeEdge': '8',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.json.shapeCoords': 'ROOT',
      'elk.json.edgeCoords': 'ROOT',
    },
    children: [...zoneNodes.values()],
    edges: rootEdges,
  };
  const laid = await new ELK().layout(graph);

  const at = (s: { x?: number; y?: number; width?: number; height?: number }): Placed => ({ x: s.x ?? 0, y: s.y ?? 0, width: s.width ?? 0, height: s.height ?? 0 });
  const zones = {} as Record<Zone, Placed>;
  const boxes = new Map<string, Placed>();
  const ports = new Map<string, { inside: Placed; outside: Placed | null }>();
  const lines = new Map<string, ElkPoint[][]>();
  const collectEdges = (edges: ElkExtendedEdge[] | undefined) => {
    for (const e of edges ?? []) {
      const pointId = edgeIds.get(e.id)!;
      const list = lines.get(pointId) ?? [];
      for (const s of e.sections ?? []) list.push([s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
      lines.set(pointId, list);
    }
  };
  collectEdges(laid.edges);
  for (const z of laid.children ?? []) {
    const zone = z.id.slice(2) as Zone;
    zones[zone] = at(z);
    for (const c of z.children ?? []) boxes.set(c.id, at(c));
    for (const port of z.ports ?? []) {
      const pointId = port.id.slice(3);
      const entry = ports.get(pointId) ?? { inside: at(port), outside: null };
      if (port.id.startsWith('po:')) entry.outside = at(port);
      else entry.inside = at(port);
      ports.set(pointId, entry);
    }
    collectEdges(z.edges);
  }
  return { width: laid.width ?? 0, height: laid.height ?? 0, zones, boxes, ports, lines };
}
