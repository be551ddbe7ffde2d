import type { NodeState } from './status';
import type { GraphEdge, GraphNode, Run, StepExecution } from './types';

/**
 * Lays out a workflow graph by hand: the forward path left to right on one lane, each step's
 * compensation straight below it on a second lane. Pure, so it is tested without a browser.
 */

export const NODE_W = 208;
export const NODE_H = 60;
export const TERMINAL = 30;
const GAP = 48;
const GAP_V = 36;
const MARGIN = 24;
const LANE_GAP = 64;
const LANE_LABEL = 22;

export interface LaidNode extends GraphNode {
  x: number;
  y: number;
  w: number;
  h: number;
  lane: 'forward' | 'compensation';
  /** Undefined when the graph is drawn for a definition rather than for a run. */
  state?: NodeState;
  attempts: number;
}

export interface LaidEdge extends GraphEdge {
  path: string;
  /** Whether the run went along this edge. */
  taken: boolean;
}

export interface GraphLayout {
  nodes: LaidNode[];
  edges: LaidEdge[];
  width: number;
  height: number;
  hasCompensation: boolean;
  forwardY: number;
  compensationY: number;
  compensationX: number;
  orientation: Orientation;
}

function stepOf(run: Run | undefined, stepId: string): StepExecution | undefined {
  return run?.steps.find((s) => s.stepId === stepId);
}

function stateOfStep(step: StepExecution): NodeState {
  switch (step.status) {
    case 'ACTIVE':
      return 'RUNNING';
    case 'BACKING_OFF':
      return 'RETRYING';
    case 'COMPLETED':
      return 'COMPLETED';
    case 'FAILED':
      return 'FAILED';
    case 'CANCELLED':
      return 'CANCELLED';
  }
}

/** The state a node of the graph shows for one run. */
export function nodeState(node: GraphNode, run: Run, compensationOf?: string): NodeState {
  const live = run.status === 'RUNNING' || run.status === 'COMPENSATING';
  switch (node.kind) {
    case 'start':
      return 'COMPLETED';
    case 'end':
      switch (run.status) {
        case 'COMPLETED':
          return 'COMPLETED';
        case 'COMPENSATED':
          return 'COMPENSATED';
        case 'CANCELLED':
          return 'CANCELLED';
        case 'RUNNING':
        case 'COMPENSATING':
          return 'PENDING';
        default:
          return 'FAILED';
      }
    case 'function': {
      const step = stepOf(run, node.id);
      if (!step) return live && run.status === 'RUNNING' ? 'PENDING' : 'NOT_RUN';
      const state = stateOfStep(step);
      if (state === 'COMPLETED' && stepOf(run, `${node.id}.compensate`)?.status === 'COMPLETED') {
        return 'COMPENSATED';
      }
      return state;
    }
    case 'compensation': {
      const step = stepOf(run, node.id);
      if (step) return stateOfStep(step);
      const forward = compensationOf ?? node.id.replace(/\.compensate$/, '');
      return run.status === 'COMPENSATING' && run.compensationOrder.includes(forward) ? 'PENDING' : 'NOT_RUN';
    }
  }
}

function reached(state: NodeState | undefined): boolean {
  return state !== undefined && state !== 'PENDING' && state !== 'NOT_RUN';
}

function isTerminal(node: GraphNode): boolean {
  return node.kind === 'start' || node.kind === 'end';
}

export type Orientation = 'horizontal' | 'vertical';

/**
 * Horizontal: the forward path left to right, compensations on a lane below (the run page, full
 * width). Vertical: top to bottom, compensations on a lane to the right (beside a YAML file).
 */
export function layoutGraph(
  graph: { nodes: GraphNode[]; edges: GraphEdge[] },
  run?: Run,
  orientation: Orientation = 'horizontal',
): GraphLayout {
  const vertical = orientation === 'vertical';
  const compensationParent = new Map<string, string>();
  for (const e of graph.edges) if (e.kind === 'compensation') compensationParent.set(e.to, e.from);
  const hasCompensation = graph.nodes.some((n) => n.kind === 'compensation');

  const label = hasCompensation ? LANE_LABEL : 0;
  const forwardY = MARGIN + label;
  const compensationY = vertical ? forwardY : forwardY + NODE_H + LANE_GAP + LANE_LABEL;
  const compensationX = MARGIN + NODE_W + LANE_GAP;
  const laid = new Map<string, LaidNode>();
  let cursor = vertical ? forwardY : MARGIN;

  for (const node of graph.nodes) {
    if (node.kind === 'compensation') continue;
    const w = isTerminal(node) ? TERMINAL : NODE_W;
    const h = isTerminal(node) ? TERMINAL : NODE_H;
    laid.set(node.id, {
      ...node,
      x: vertical ? MARGIN + (NODE_W - w) / 2 : cursor,
      y: vertical ? cursor : forwardY + (NODE_H - h) / 2,
      w,
      h,
      lane: 'forward',
      state: run ? nodeState(node, run) : undefined,
      attempts: stepOf(run, node.id)?.attempts.length ?? 0,
    });
    cursor += (vertical ? h + GAP_V : w + GAP);
  }
  for (const node of graph.nodes) {
    if (node.kind !== 'compensation') continue;
    const parent = laid.get(compensationParent.get(node.id) ?? '');
    laid.set(node.id, {
      ...node,
      x: vertical ? compensationX : parent ? parent.x : cursor,
      y: vertical ? (parent ? parent.y : cursor) : compensationY,
      w: NODE_W,
      h: NODE_H,
      lane: 'compensation',
      state: run ? nodeState(node, run, parent?.id) : undefined,
      attempts: stepOf(run, node.id)?.attempts.length ?? 0,
    });
  }

  const edges: LaidEdge[] = [];
  for (const e of graph.edges) {
    const a = laid.get(e.from);
    const b = laid.get(e.to);
    if (!a || !b) continue;
    let path: string;
    if (e.kind === 'compensation') {
      path = vertical
        ? `M ${a.x + a.w} ${a.y + a.h / 2} L ${b.x} ${b.y + b.h / 2}`
        : `M ${a.x + a.w / 2} ${a.y + a.h} L ${b.x + b.w / 2} ${b.y}`;
    } else {
      path = vertical
        ? `M ${a.x + a.w / 2} ${a.y + a.h} L ${b.x + b.w / 2} ${b.y}`
        : `M ${a.x + a.w} ${a.y + a.h / 2} L ${b.x} ${b.y + b.h / 2}`;
    }
    edges.push({ ...e, path, taken: reached(a.state) && reached(b.state) });
  }

  const nodes = [...laid.values()];
  const width = Math.max(...nodes.map((n) => n.x + n.w)) + MARGIN;
  const height = Math.max(...nodes.map((n) => n.y + n.h)) + MARGIN;
  return { nodes, edges, width, height, hasCompensation, forwardY, compensationY, compensationX, orientation };
}
