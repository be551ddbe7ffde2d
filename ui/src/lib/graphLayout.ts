import { Colouring, reached } from './graphState';
import { isGroup, isTerminal, LANE_EDGE_KINDS, structure, type Lane, type Unit } from './graphStructure';
import { forEachProgress, type Progress } from './runTree';
import type { NodeState } from './status';
import type { GraphEdge, GraphNode, Run } from './types';

export { nodeState } from './graphState';

/**
 * Lays out a workflow graph by hand. The workflow language is structured (every composite step is
 * a fork and a join), so the layout is too: a block of steps is a row (or a column), a composite
 * step is a labelled container holding its blocks side by side with a fork into them and a join out
 * of them, a step's `catch` blocks hang in a dashed region under it (beside it when vertical), and
 * each compensation sits on a lane of its own, lined up with the step it undoes. Pure and
 * deterministic, so it is tested without a browser.
 */

export const NODE_W = 208;
export const NODE_H = 60;
export const TERMINAL = 30;
/** Between consecutive steps of a block, along the flow. */
const GAP = 48;
const GAP_V = 36;
const MARGIN = 24;
const LANE_GAP = 64;
const LANE_LABEL = 22;
/** Inside a container: padding, the header (kind, id, state, progress), the room of a fork or join, a lane's label row. */
const PAD = 14;
export const GROUP_HEADER = 46;
const FORK = 34;
const LABEL = 24;
/** Between blocks stacked in a container. */
const STACK = 14;
const MIN_GROUP_W = NODE_W + 2 * PAD + 40;
/** A catch region: how far below (or beside) its step, indented, and the room its join needs. */
const CATCH_GAP = 28;
const CATCH_INDENT = 40;
const TAIL = 28;
const REGION_TOP = 6;
/** The length of an empty block (a switch case with no steps): a line straight through. */
const EMPTY = 96;
const COMP_ROW = NODE_H + 16;


export type Orientation = 'horizontal' | 'vertical';

export interface LaidNode extends GraphNode {
  x: number;
  y: number;
  w: number;
  h: number;
  /** terminal: start and end; box: a step; group: a composite step's container (its header is the step). */
  shape: 'terminal' | 'box' | 'group';
  track: 'forward' | 'compensation';
  /** How deep in containers (0 at the top level). */
  depth: number;
  /** Undefined when the graph is drawn for a definition rather than for a run. */
  state?: NodeState;
  /** The attempts of its execution (of the last one, for a step that ran many times). */
  attempts: number;
  /** How many times it ran: more than one for a step inside a forEach. */
  executions: number;
  /** For a step that ran many times: how many ended in each state. */
  counts?: Partial<Record<NodeState, number>>;
  /** For a forEach on a run page: how far its iterations got. */
  progress?: Progress;
  /** A short description of a container's blocks: `3 branches`, `2 cases + default`. */
  detail?: string;
}

/** A step's catch blocks, drawn as a dashed region. */
export interface LaidRegion {
  id: string;
  owner: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The name of a block (`case 1`, a branch's name, `for each item`, `catch OutOfStock`), drawn as a pill where the flow enters it. */
export interface LaidLabel {
  x: number;
  y: number;
  w: number;
  text: string;
  kind: string;
}

export interface LaidEdge extends GraphEdge {
  key: string;
  path: string;
  /** Whether the run went along this edge. */
  taken: boolean;
  /** Drawn with an arrowhead at its end (edges into a container's join have none). */
  arrow: boolean;
  /** Into, through or out of a catch region: drawn dashed, in red. */
  recovery?: boolean;
}

export interface GraphLayout {
  nodes: LaidNode[];
  edges: LaidEdge[];
  regions: LaidRegion[];
  labels: LaidLabel[];
  width: number;
  height: number;
  hasCompensation: boolean;
  forwardY: number;
  compensationY: number;
  compensationX: number;
  /** The width (vertical) or height (horizontal) of the compensation lane's rows or columns. */
  compensationExtent: number;
  orientation: Orientation;
}

// ---------- geometry ----------

interface Size {
  w: number;
  h: number;
  /** Where the flow enters and leaves, across it: a y offset when horizontal, an x offset when vertical. */
  a: number;
}

/** Roughly how wide a lane label is at 11px. */
function labelWidth(text: string): number {
  return Math.ceil(text.length * 6.3) + 14;
}

function truncateLabel(text: string, max: number): string {
  const chars = Math.max(4, Math.floor((max - 14) / 6.3));
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

function curve(x1: number, y1: number, x2: number, y2: number, vertical: boolean): string {
  if (vertical) {
    if (x1 === x2) return `M ${x1} ${y1} L ${x2} ${y2}`;
    const my = (y1 + y2) / 2;
    return `M ${x1} ${y1} C ${x1} ${my} ${x2} ${my} ${x2} ${y2}`;
  }
  if (y1 === y2) return `M ${x1} ${y1} L ${x2} ${y2}`;
  const mx = (x1 + x2) / 2;
  return `M ${x1} ${y1} C ${mx} ${y1} ${mx} ${y2} ${x2} ${y2}`;
}

class Layouter {
  readonly nodes: LaidNode[] = [];
  readonly edges: LaidEdge[] = [];
  readonly regions: LaidRegion[] = [];
  readonly labels: LaidLabel[] = [];
  /** Where each step sits with its catch region (its whole unit), by step id. */
  readonly units = new Map<string, { x: number; y: number; w: number; h: number }>();
  private readonly sizes = new Map<Unit | Lane[], Size>();
  private readonly v: boolean;

  constructor(orientation: Orientation) {
    this.v = orientation === 'vertical';
  }

  private edge(e: Omit<LaidEdge, 'key' | 'taken' | 'arrow'> & { arrow?: boolean }) {
    if (e.recovery === undefined) delete e.recovery;
    this.edges.push({ ...e, label: e.label ?? undefined, arrow: e.arrow ?? true, taken: false, key: `${e.kind}:${e.from}->${e.to}:${this.edges.length}` });
  }

  leafSize(node: GraphNode): Size {
    if (isTerminal(node)) return { w: TERMINAL, h: TERMINAL, a: TERMINAL / 2 };
    return { w: NODE_W, h: NODE_H, a: this.v ? NODE_W / 2 : NODE_H / 2 };
  }

  seqSize(units: Unit[]): Size {
    if (units.length === 0) return this.v ? { w: 120, h: EMPTY / 2, a: 60 } : { w: EMPTY, h: 16, a: 8 };
    const sizes = units.map((u) => this.unitSize(u));
    const a = Math.max(...sizes.map((s) => s.a));
    const beyond = Math.max(...sizes.map((s) => (this.v ? s.w : s.h) - s.a));
    const along = sizes.reduce((n, s) => n + (this.v ? s.h : s.w), 0) + (this.v ? GAP_V : GAP) * (units.length - 1);
    return this.v ? { w: a + beyond, h: along, a } : { w: along, h: a + beyond, a };
  }

  unitSize(u: Unit): Size {
    const known = this.sizes.get(u);
    if (known) return known;
    const core = this.coreSize(u);
    let size = core;
    if (u.catches.length > 0) {
      const region = this.lanesSize(u.catches, REGION_TOP, 0);
      size = this.v
        ? { w: core.w + CATCH_GAP + region.w, h: Math.max(core.h, this.catchDrop(core) + region.h) + TAIL, a: core.a }
        : { w: Math.max(core.w, CATCH_INDENT + region.w) + TAIL, h: core.h + CATCH_GAP + region.h, a: core.a };
    }
    this.sizes.set(u, size);
    return size;
  }

  private coreSize(u: Unit): Size {
    return isGroup(u) ? this.lanesSize(u.lanes, GROUP_HEADER, MIN_GROUP_W) : this.leafSize(u.node);
  }

  /** Vertical: how far down its step a catch region starts (below the line into it). */
  private catchDrop(core: Size): number {
    return Math.min(core.h / 2, NODE_H / 2) + CATCH_GAP;
  }

  /** A container of blocks: header, then the blocks side by side (stacked rows when horizontal). */
  lanesSize(lanes: Lane[], header: number, minWidth: number): Size {
    const known = this.sizes.get(lanes);
    if (known) return known;
    const sizes = lanes.map((l) => this.seqSize(l.units));
    let size: Size;
    if (this.v) {
      const across = sizes.reduce((n, s) => n + s.w, 0) + STACK * Math.max(lanes.length - 1, 0);
      const w = Math.max(minWidth, PAD + across + PAD);
      const inner = Math.max(0, ...sizes.map((s) => s.h));
      const h = lanes.length ? header + FORK + LABEL + inner + FORK + PAD : header + PAD;
      const flows = this.laneOffsets(sizes, (w - across) / 2).map((o, i) => o + sizes[i].a);
      size = { w, h, a: flows.length ? (flows[0] + flows[flows.length - 1]) / 2 : w / 2 };
    } else {
      const inner = Math.max(0, ...sizes.map((s) => s.w));
      const w = Math.max(minWidth, PAD + FORK + inner + FORK + PAD);
      const h = header + sizes.reduce((n, s) => n + LABEL + s.h, 0) + STACK * Math.max(lanes.length - 1, 0) + PAD;
      const flows = this.laneOffsets(sizes, header).map((o, i) => o + LABEL + sizes[i].a);
      size = { w, h, a: flows.length ? (flows[0] + flows[flows.length - 1]) / 2 : h / 2 };
    }
    this.sizes.set(lanes, size);
    return size;
  }

  /** Where each block starts across the container: x offsets when vertical, y offsets when horizontal. */
  private laneOffsets(sizes: Size[], start: number): number[] {
    const out: number[] = [];
    let at = start;
    for (const s of sizes) {
      out.push(at);
      at += (this.v ? s.w : LABEL + s.h) + STACK;
    }
    return out;
  }

  /** A block at (x, y): each step lined up on the block's flow line, chained by `next` edges. */
  placeSeq(units: Unit[], x: number, y: number): void {
    const seq = this.seqSize(units);
    let at = this.v ? y : x;
    units.forEach((u, i) => {
      const s = this.unitSize(u);
      if (this.v) this.placeUnit(u, x + seq.a - s.a, at);
      else this.placeUnit(u, at, y + seq.a - s.a);
      if (i > 0) {
        const prev = units[i - 1];
        const path = this.v ? `M ${x + seq.a} ${at - GAP_V} L ${x + seq.a} ${at}` : `M ${at - GAP} ${y + seq.a} L ${at} ${y + seq.a}`;
        this.edge({ from: prev.node.id, to: u.node.id, kind: 'next', path });
      }
      at += (this.v ? s.h : s.w) + (this.v ? GAP_V : GAP);
    });
  }

  placeUnit(u: Unit, x: number, y: number): void {
    const size = this.unitSize(u);
    this.units.set(u.node.id, { x, y, w: size.w, h: size.h });
    const core = this.coreSize(u);
    if (isGroup(u)) {
      this.push(u, x, y, core, 'group');
      this.placeLanes(u, u.lanes, x, y, core, GROUP_HEADER, false);
    } else {
      this.push(u, x, y, core, isTerminal(u.node) ? 'terminal' : 'box');
    }
    if (u.catches.length === 0) return;
    const region = this.lanesSize(u.catches, REGION_TOP, 0);
    const id = u.node.id;
    if (this.v) {
      const rx = x + core.w + CATCH_GAP;
      const ry = y + this.catchDrop(core);
      const dy = y + Math.min(core.h / 2, NODE_H / 2);
      this.regions.push({ id: `${id}:catch`, owner: id, x: rx, y: ry, w: region.w, h: region.h });
      this.edge({ recovery: true, from: id, to: `${id}:catch`, kind: 'catch', path: `M ${x + core.w} ${dy} L ${rx + region.a} ${dy} L ${rx + region.a} ${ry}`, arrow: false });
      this.placeLanes(u, u.catches, rx, ry, region, REGION_TOP, true);
      const joinY = y + size.h - TAIL / 2;
      this.edge({ recovery: true, from: `${id}:catch`, to: id, kind: 'join', path: `M ${rx + region.a} ${ry + region.h} L ${rx + region.a} ${joinY} L ${x + size.a} ${joinY}`, arrow: false });
      this.edge({ from: id, to: id, kind: 'next', path: `M ${x + size.a} ${y + core.h} L ${x + size.a} ${y + size.h}`, arrow: false });
    } else {
      const rx = x + CATCH_INDENT;
      const ry = y + core.h + CATCH_GAP;
      this.regions.push({ id: `${id}:catch`, owner: id, x: rx, y: ry, w: region.w, h: region.h });
      this.edge({ recovery: true, from: id, to: `${id}:catch`, kind: 'catch', path: `M ${x + CATCH_INDENT / 2} ${y + core.h} L ${x + CATCH_INDENT / 2} ${ry + region.a} L ${rx} ${ry + region.a}`, arrow: false });
      this.placeLanes(u, u.catches, rx, ry, region, REGION_TOP, true);
      const joinX = x + size.w - TAIL / 2;
      this.edge({ recovery: true, from: `${id}:catch`, to: id, kind: 'join', path: `M ${rx + region.w} ${ry + region.a} L ${joinX} ${ry + region.a} L ${joinX} ${y + size.a}`, arrow: false });
      this.edge({ from: id, to: id, kind: 'next', path: `M ${x + core.w} ${y + size.a} L ${x + size.w} ${y + size.a}`, arrow: false });
    }
  }

  private push(u: Unit, x: number, y: number, size: Size, shape: LaidNode['shape']) {
    this.nodes.push({ ...u.node, x, y, w: size.w, h: size.h, shape, track: 'forward', depth: u.depth, attempts: 0, executions: 0, detail: shape === 'group' ? describe(u) : undefined });
  }

  /** The blocks of a container (or a catch region) at (x, y), with the fork into each and the join out. */
  private placeLanes(u: Unit, lanes: Lane[], x: number, y: number, box: Size, header: number, recovery: boolean) {
    const sizes = lanes.map((l) => this.seqSize(l.units));
    const id = u.node.id;
    const mark = recovery ? { recovery: true } : {};
    if (this.v) {
      const across = sizes.reduce((n, s) => n + s.w, 0) + STACK * Math.max(lanes.length - 1, 0);
      const offsets = this.laneOffsets(sizes, (box.w - across) / 2);
      const top = y + header + FORK + LABEL;
      const inner = Math.max(0, ...sizes.map((s) => s.h));
      const forkY = y + header;
      const joinY = top + inner;
      lanes.forEach((lane, i) => {
        const lx = x + offsets[i];
        const flow = lx + sizes[i].a;
        const text = truncateLabel(lane.label, Math.max(sizes[i].w, 60));
        const w = labelWidth(text);
        this.labels.push({ x: flow - w / 2, y: top - LABEL + 2, w, text, kind: lane.kind });
        if (lane.units.length === 0) {
          this.edge({ ...mark, from: id, to: id, kind: lane.kind, label: lane.label, path: `${curve(x + box.a, forkY, flow, top, true)} L ${flow} ${joinY} ${curve(flow, joinY, x + box.a, y + box.h, true).replace(/^M [^ ]+ [^ ]+/, '')}`, arrow: false });
          return;
        }
        this.placeSeq(lane.units, lx, top);
        const first = lane.units[0];
        const last = lane.units[lane.units.length - 1];
        this.edge({ ...mark, from: id, to: first.node.id, kind: lane.kind, label: lane.label, path: curve(x + box.a, forkY, flow, top, true) });
        const end = top + sizes[i].h;
        this.edge({ ...mark, from: last.node.id, to: id, kind: 'join', path: `M ${flow} ${end} L ${flow} ${joinY} ${curve(flow, joinY, x + box.a, y + box.h, true).replace(/^M [^ ]+ [^ ]+/, '')}`, arrow: false });
      });
    } else {
      const offsets = this.laneOffsets(sizes, header);
      const left = x + PAD + FORK;
      const joinX = x + box.w - PAD - FORK;
      lanes.forEach((lane, i) => {
        const laneTop = y + offsets[i];
        const top = laneTop + LABEL;
        const flow = top + sizes[i].a;
        const text = truncateLabel(lane.label, Math.max(box.w - PAD - FORK - 8, 60));
        this.labels.push({ x: left, y: laneTop + 3, w: labelWidth(text), text, kind: lane.kind });
        const into = curve(x, y + box.a, left, flow, false);
        const out = curve(joinX, flow, x + box.w, y + box.a, false).replace(/^M [^ ]+ [^ ]+/, '');
        if (lane.units.length === 0) {
          this.edge({ ...mark, from: id, to: id, kind: lane.kind, label: lane.label, path: `${into} L ${joinX} ${flow} ${out}`, arrow: false });
          return;
        }
        this.placeSeq(lane.units, left, top);
        const first = lane.units[0];
        const last = lane.units[lane.units.length - 1];
        this.edge({ ...mark, from: id, to: first.node.id, kind: lane.kind, label: lane.label, path: into });
        this.edge({ ...mark, from: last.node.id, to: id, kind: 'join', path: `M ${left + sizes[i].w} ${flow} L ${joinX} ${flow} ${out}`, arrow: false });
      });
    }
  }
}

/** A container's second line: `2 branches`, `1 case + default`, `for each item`. */
function describe(u: Unit): string {
  const count = (kind: string) => u.lanes.filter((l) => l.kind === kind).length;
  switch (u.node.kind) {
    case 'parallel': {
      const n = count('branch');
      return `${n} branch${n === 1 ? '' : 'es'}`;
    }
    case 'switch': {
      const n = count('case');
      return `${n} case${n === 1 ? '' : 's'}${count('default') ? ' + default' : ''}`;
    }
    default:
      return u.node.label;
  }
}

/**
 * Horizontal: the flow left to right, a container's blocks stacked as rows, compensations on a lane
 * below (the run page, full width). Vertical: top to bottom, blocks side by side as columns,
 * compensations on a lane to the right (beside a YAML file).
 */
export function layoutGraph(graph: { nodes: GraphNode[]; edges: GraphEdge[] }, run?: Run, orientation: Orientation = 'horizontal'): GraphLayout {
  const vertical = orientation === 'vertical';
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const start = graph.nodes.find((n) => n.kind === 'start');
  const end = graph.nodes.find((n) => n.kind === 'end');
  const units: Unit[] = [
    ...(start ? [{ node: start, lanes: [], catches: [], depth: 0 }] : []),
    ...structure(graph),
    ...(end ? [{ node: end, lanes: [], catches: [], depth: 0 }] : []),
  ];
  const compensations = graph.nodes.filter((n) => n.kind === 'compensation');
  const hasCompensation = compensations.length > 0;
  const forwardY = MARGIN + (hasCompensation ? LANE_LABEL : 0);

  const layouter = new Layouter(orientation);
  layouter.placeSeq(units, MARGIN, forwardY);
  const forward = layouter.seqSize(units);
  const laid = new Map(layouter.nodes.map((n) => [n.id, n]));

  // Each compensation lined up with its step, in the first row (column) of the lane it fits in.
  const compensationOf = new Map<string, string>();
  for (const e of graph.edges) if (e.kind === 'compensation') compensationOf.set(e.to, e.from);
  const compensationY = vertical ? forwardY : forwardY + forward.h + LANE_GAP + LANE_LABEL;
  const compensationX = MARGIN + forward.w + LANE_GAP;
  const rows: [number, number][][] = [];
  let tail = MARGIN;
  for (const node of compensations) {
    const parent = laid.get(compensationOf.get(node.id) ?? node.id.replace(/\.compensate$/, ''));
    const at = parent ? (vertical ? parent.y : parent.x) : tail;
    const extent = vertical ? NODE_H : NODE_W;
    let row = rows.findIndex((r) => r.every(([a, b]) => at + extent + 12 <= a || at >= b + 12));
    if (row < 0) {
      rows.push([]);
      row = rows.length - 1;
    }
    rows[row].push([at, at + extent]);
    tail = Math.max(tail, at + extent + GAP);
    const x = vertical ? compensationX + row * (NODE_W + 16) : at;
    const y = vertical ? at : compensationY + row * COMP_ROW;
    const comp: LaidNode = { ...node, x, y, w: NODE_W, h: NODE_H, shape: 'box', track: 'compensation', depth: 0, attempts: 0, executions: 0 };
    layouter.nodes.push(comp);
    if (parent) {
      // From the edge of the outermost container (or catch region) holding the step, so that the
      // line crosses no other step on its way to the lane.
      const outer = layouter.units.get(outermost(parent.id, byId)) ?? parent;
      const path = vertical
        ? `M ${outer.x + outer.w} ${parent.y + parent.h / 2} L ${x} ${y + NODE_H / 2}`
        : `M ${parent.x + parent.w / 2} ${outer.y + outer.h} L ${x + NODE_W / 2} ${y}`;
      layouter.edges.push({ from: parent.id, to: node.id, kind: 'compensation', path, taken: false, arrow: true, key: `compensation:${parent.id}->${node.id}` });
    }
  }

  const nodes = layouter.nodes;
  if (run) colour(nodes, layouter.edges, run, byId, compensationOf);

  const compensationExtent = rows.length * (vertical ? NODE_W + 16 : COMP_ROW) - 16;
  const width = Math.max(MARGIN + forward.w, ...nodes.map((n) => n.x + n.w), ...layouter.labels.map((l) => l.x + l.w)) + MARGIN;
  const height = Math.max(forwardY + forward.h, ...nodes.map((n) => n.y + n.h)) + MARGIN;
  return {
    nodes,
    edges: layouter.edges,
    regions: layouter.regions,
    labels: layouter.labels,
    width,
    height,
    hasCompensation,
    forwardY,
    compensationY,
    compensationX,
    compensationExtent,
    orientation,
  };
}

/** The top-level step a (nested) step is inside of. */
function outermost(id: string, byId: Map<string, GraphNode>): string {
  let current = id;
  const seen = new Set<string>();
  for (let parent = byId.get(current)?.parent; parent && byId.has(parent) && !seen.has(parent); parent = byId.get(current)?.parent) {
    seen.add(parent);
    current = parent;
  }
  return current;
}

function colour(nodes: LaidNode[], edges: LaidEdge[], run: Run, byId: Map<string, GraphNode>, compensationOf: Map<string, string>) {
  const colouring = new Colouring(run, byId);
  const states = new Map<string, NodeState>();
  for (const n of nodes) {
    n.state = colouring.state(n, compensationOf.get(n.id));
    states.set(n.id, n.state);
    const executions = colouring.executions(n);
    n.executions = executions.length;
    n.attempts = executions.at(-1)?.attempts.length ?? 0;
    n.counts = colouring.counts(n);
    if (n.kind === 'forEach' && executions.length > 0) n.progress = forEachProgress(colouring.index, executions);
  }
  const done = (id: string) => {
    const s = states.get(id);
    return reached(s) && s !== 'RUNNING' && s !== 'RETRYING' && s !== 'RECOVERING';
  };
  for (const e of edges) {
    const a = states.get(e.from);
    const b = states.get(e.to);
    if (e.kind === 'catch' && e.to.endsWith(':catch')) e.taken = states.get(e.from) === 'RECOVERING' || states.get(e.from) === 'RECOVERED';
    else if (e.kind === 'join' && e.from.endsWith(':catch')) e.taken = states.get(e.to) === 'RECOVERED';
    else if (e.kind === 'join') e.taken = done(e.from) && done(e.to);
    else if (e.from === e.to) e.taken = e.kind === 'next' ? done(e.from) : false;
    else if (LANE_EDGE_KINDS.has(e.kind)) e.taken = reached(b);
    else e.taken = reached(a) && reached(b);
  }
}
