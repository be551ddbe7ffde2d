import type { GraphEdge, GraphNode } from './types';

/**
 * A workflow graph as the tree its DSL makes: each step with its blocks (a switch's cases, a
 * parallel's branches, a forEach's body) and its catch blocks, from each node's parent and lane;
 * the order of the blocks from the edges into them.
 */

const COMPOSITE_KINDS = new Set(['switch', 'parallel', 'forEach']);
export const LANE_EDGE_KINDS = new Set(['case', 'default', 'branch', 'body', 'catch']);

export interface Unit {
  node: GraphNode;
  lanes: Lane[];
  catches: Lane[];
  depth: number;
}

export interface Lane {
  key: string;
  kind: string;
  label: string;
  units: Unit[];
}

export function isTerminal(node: GraphNode): boolean {
  return node.kind === 'start' || node.kind === 'end';
}

function defaultLaneLabel(key: string, kind: string): string {
  const index = Number(key.split(':')[1]);
  if (kind === 'body') return 'for each';
  if (kind === 'default') return 'default';
  return Number.isFinite(index) ? `${kind} ${index + 1}` : kind;
}

/** Steps into their containers, by each node's parent and lane; block order from the edges into them. */
export function structure(graph: { nodes: GraphNode[]; edges: GraphEdge[] }): Unit[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const children = new Map<string, GraphNode[]>();
  const top: GraphNode[] = [];
  for (const n of graph.nodes) {
    if (n.kind === 'compensation' || isTerminal(n)) continue;
    if (n.parent && byId.has(n.parent) && n.parent !== n.id) {
      const list = children.get(n.parent) ?? [];
      list.push(n);
      children.set(n.parent, list);
    } else {
      top.push(n);
    }
  }
  const outgoing = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    if (!LANE_EDGE_KINDS.has(e.kind)) continue;
    const list = outgoing.get(e.from) ?? [];
    list.push(e);
    outgoing.set(e.from, list);
  }
  const seen = new Set<string>();

  const unitOf = (node: GraphNode, depth: number): Unit => {
    seen.add(node.id);
    const lanes = new Map<string, Lane>();
    const inner = children.get(node.id) ?? [];
    (outgoing.get(node.id) ?? []).forEach((e, i) => {
      const target = byId.get(e.to);
      const key = target && target.parent === node.id ? (target.lane ?? e.kind) : `${e.kind}:empty:${i}`;
      if (!lanes.has(key)) lanes.set(key, { key, kind: e.kind, label: e.label || defaultLaneLabel(key, e.kind), units: [] });
    });
    for (const child of inner) {
      const key = child.lane ?? 'body';
      if (!lanes.has(key)) {
        const kind = key.split(':')[0];
        lanes.set(key, { key, kind, label: defaultLaneLabel(key, kind), units: [] });
      }
    }
    for (const child of inner) {
      if (seen.has(child.id)) continue;
      lanes.get(child.lane ?? 'body')!.units.push(unitOf(child, depth + 1));
    }
    const all = [...lanes.values()];
    const catches = all.filter((l) => l.kind === 'catch');
    for (const c of catches) if (!c.label.startsWith('catch')) c.label = `catch ${c.label}`;
    return { node, lanes: all.filter((l) => l.kind !== 'catch'), catches, depth };
  };
  return top.map((n) => unitOf(n, 0));
}

export function isGroup(u: Unit): boolean {
  return u.lanes.length > 0 || COMPOSITE_KINDS.has(u.node.kind);
}
