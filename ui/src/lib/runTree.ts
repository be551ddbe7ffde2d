import type { GraphEdge, GraphNode, Run, StepExecution, StepStatus } from './types';

/**
 * A run's step executions as the tree the workflow language makes of them: each composite step
 * (switch, parallel, forEach, a step with a catch) holds its blocks ("lanes"), a forEach one lane
 * per iteration. Built once per run object and shared by the graph, the step list and the timeline,
 * so a run with thousands of iterations is indexed in one pass.
 */

export interface RunIndex {
  byId: Map<string, StepExecution>;
  /** Forward executions by the step's id in the definition (a forEach body step has many). */
  byDefinition: Map<string, StepExecution[]>;
  /** Compensation executions by the id of the step they undo, in the definition. */
  compensationsByDefinition: Map<string, StepExecution[]>;
  /** Forward executions at the top level, in the order they started. */
  top: StepExecution[];
  /** Forward executions by their parent's execution id, in the order they started. */
  children: Map<string, StepExecution[]>;
  compensations: StepExecution[];
  /** forEach iterations and each parent's lanes, computed on first use. */
  iterations: Map<string, Iteration[]>;
  lanes: Map<string, LaneGroup[]>;
}

const cache = new WeakMap<Run, RunIndex>();

export function indexRun(run: Run): RunIndex {
  const cached = cache.get(run);
  if (cached) return cached;
  const index: RunIndex = {
    byId: new Map(),
    byDefinition: new Map(),
    compensationsByDefinition: new Map(),
    top: [],
    children: new Map(),
    compensations: [],
    iterations: new Map(),
    lanes: new Map(),
  };
  for (const step of run.steps) index.byId.set(step.stepId, step);
  for (const step of run.steps) {
    if (step.kind === 'COMPENSATION') {
      index.compensations.push(step);
      push(index.compensationsByDefinition, step.definitionId, step);
      continue;
    }
    push(index.byDefinition, step.definitionId, step);
    if (step.parent && index.byId.has(step.parent)) push(index.children, step.parent, step);
    else index.top.push(step);
  }
  cache.set(run, index);
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function typeOf(step: StepExecution): string {
  return step.type ?? 'function';
}

/** The iteration a `body:4` lane stands for, else undefined. */
export function iterationOf(lane: string | null | undefined): number | undefined {
  const m = /^body:(\d+)$/.exec(lane ?? '');
  return m ? Number(m[1]) : undefined;
}

export interface LaneGroup {
  lane: string;
  steps: StepExecution[];
}

/** A parent's children grouped by lane, lanes in their natural order (case 0 before case 1, iteration 2 before 10). */
export function lanesOf(index: RunIndex, parentId: string): LaneGroup[] {
  const cached = index.lanes.get(parentId);
  if (cached) return cached;
  const groups = new Map<string, StepExecution[]>();
  for (const step of index.children.get(parentId) ?? []) push(groups, step.lane ?? '', step);
  const out = [...groups.entries()].map(([lane, steps]) => ({ lane, steps, order: splitLane(lane) }));
  out.sort((a, b) => LANE_ORDER.indexOf(a.order[0]) - LANE_ORDER.indexOf(b.order[0]) || a.order[1] - b.order[1]);
  const lanes = out.map(({ lane, steps }) => ({ lane, steps }));
  index.lanes.set(parentId, lanes);
  return lanes;
}

const LANE_ORDER = ['case', 'default', 'branch', 'body', 'catch'];

function splitLane(lane: string): [string, number] {
  const [kind, index] = lane.split(':');
  return [kind, index === undefined ? -1 : Number(index)];
}

/** `case 1`, `default`, `branch 2`, `iteration 4`, `catch 1`: a lane for people (numbers from 1, iterations from 0 as in ids). */
export function laneText(lane: string | null | undefined): string {
  if (!lane) return '';
  const [kind, index] = splitLane(lane);
  if (index < 0) return kind;
  if (kind === 'body') return `iteration ${index}`;
  return `${kind} ${index + 1}`;
}

export function isInFlightStatus(status: StepStatus): boolean {
  return status === 'ACTIVE' || status === 'BACKING_OFF' || status === 'RECOVERING';
}

/** One status standing for several (the steps of an iteration, every iteration of a body step). */
export function summaryStatus(statuses: StepStatus[]): StepStatus | undefined {
  if (statuses.length === 0) return undefined;
  for (const s of ['ACTIVE', 'RECOVERING', 'BACKING_OFF', 'FAILED', 'CANCELLED'] as StepStatus[]) {
    if (statuses.includes(s)) return s;
  }
  if (statuses.every((s) => s === 'SKIPPED')) return 'SKIPPED';
  if (statuses.includes('RECOVERED')) return 'RECOVERED';
  return 'COMPLETED';
}

export interface Iteration {
  index: number;
  steps: StepExecution[];
  status: StepStatus | undefined;
  startedAt?: string;
  completedAt?: string;
}

/** The iterations of a forEach execution, in index order; each with the steps run directly in it. */
export function iterationsOf(index: RunIndex, forEach: StepExecution): Iteration[] {
  const cached = index.iterations.get(forEach.stepId);
  if (cached) return cached;
  const out: Iteration[] = [];
  for (const group of lanesOf(index, forEach.stepId)) {
    const i = iterationOf(group.lane);
    if (i === undefined) continue;
    const status = summaryStatus(group.steps.map((s) => s.status));
    out.push({
      index: i,
      steps: group.steps,
      status,
      startedAt: earliest(group.steps.map((s) => s.startedAt ?? s.attempts[0]?.scheduledAt)),
      completedAt: status && !isInFlightStatus(status) ? latest(group.steps.map((s) => s.completedAt)) : undefined,
    });
  }
  index.iterations.set(forEach.stepId, out);
  return out;
}

function earliest(times: (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const t of times) if (t && (best === undefined || Date.parse(t) < Date.parse(best))) best = t;
  return best;
}

function latest(times: (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const t of times) if (t && (best === undefined || Date.parse(t) > Date.parse(best))) best = t;
  return best;
}

export interface Progress {
  total: number;
  started: number;
  done: number;
  failed: number;
  running: number;
}

/** How far a forEach execution (or all executions of one forEach step) got. */
export function forEachProgress(index: RunIndex, executions: StepExecution[]): Progress {
  const p: Progress = { total: 0, started: 0, done: 0, failed: 0, running: 0 };
  for (const each of executions) {
    const iterations = iterationsOf(index, each);
    p.total += Array.isArray(each.items) ? each.items.length : Math.max(each.started ?? 0, iterations.length);
    p.started += Math.max(each.started ?? 0, iterations.length);
    for (const it of iterations) {
      if (it.status === 'FAILED') p.failed++;
      else if (it.status && isInFlightStatus(it.status)) p.running++;
      else if (it.status && it.status !== 'CANCELLED') p.done++;
    }
  }
  return p;
}

/** "37/100 done · 2 failed · 3 running" */
export function progressText(p: Progress): string {
  const parts = [`${p.done.toLocaleString()}/${p.total.toLocaleString()} done`];
  if (p.failed) parts.push(`${p.failed.toLocaleString()} failed`);
  if (p.running) parts.push(`${p.running.toLocaleString()} running`);
  return parts.join(' · ');
}

/** The child run a `workflow` step's attempt started, from its worker id `run:<childRunId>`. */
export function childRunOf(workerId: string | undefined | null): string | undefined {
  return workerId?.startsWith('run:') ? workerId.slice(4) : undefined;
}

/** The execution ids from the top down to `stepId` (its ancestors, then itself). */
export function pathTo(index: RunIndex, stepId: string): string[] {
  const path: string[] = [];
  let current = index.byId.get(stepId);
  const seen = new Set<string>();
  while (current && !seen.has(current.stepId)) {
    seen.add(current.stepId);
    path.unshift(current.stepId);
    current = current.parent ? index.byId.get(current.parent) : undefined;
  }
  return path;
}

const PICK_ORDER: StepStatus[] = ['FAILED', 'RECOVERING', 'ACTIVE', 'BACKING_OFF', 'RECOVERED', 'CANCELLED', 'COMPLETED', 'SKIPPED'];

/**
 * The execution a selection means: the execution itself, or for a step of the definition that ran
 * many times (a forEach body), the one most worth a look: failed first, then in flight.
 */
export function resolveSelection(run: Run, id: string | undefined): string | undefined {
  if (!id) return undefined;
  const index = indexRun(run);
  if (index.byId.has(id)) return id;
  const comp = /^(.*)\.compensate$/.exec(id);
  const candidates = comp ? index.compensationsByDefinition.get(comp[1]) : index.byDefinition.get(id);
  if (!candidates?.length) return id;
  const best = [...candidates].sort((a, b) => PICK_ORDER.indexOf(a.status) - PICK_ORDER.indexOf(b.status))[0];
  return best.stepId;
}

/** What the step list and the signal dialog take from the workflow's graph. */
export interface StepLabels {
  /** By step id in the definition: the function, the signal's name, `wait 10s`, … */
  steps: Map<string, string>;
  /** By `<definition id>|<lane>` (`fulfil|branch:0`): the branch's name, the errors a catch takes. */
  lanes: Map<string, string>;
}

export function labelsOf(graph: { nodes: GraphNode[]; edges: GraphEdge[] }): StepLabels {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const lanes = new Map<string, string>();
  for (const e of graph.edges) {
    const target = byId.get(e.to);
    if (e.label && target?.parent === e.from && target.lane) lanes.set(`${e.from}|${target.lane}`, e.label);
  }
  return { steps: new Map(graph.nodes.map((n) => [n.id, n.label])), lanes };
}

/** The signals the run's waitForSignal steps wait for now (their graph label is the signal's name). */
export function awaitedSignals(run: Run, labels?: StepLabels): { name: string; stepId: string }[] {
  const out: { name: string; stepId: string }[] = [];
  for (const s of run.steps) {
    if (typeOf(s) !== 'waitForSignal' || s.status !== 'ACTIVE' || s.kind !== 'FORWARD') continue;
    const name = labels?.steps.get(s.definitionId);
    if (name && !out.some((o) => o.name === name)) out.push({ name, stepId: s.stepId });
  }
  return out;
}
