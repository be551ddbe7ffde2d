import { indexRun, type RunIndex } from './runTree';
import type { NodeState } from './status';
import type { GraphNode, Run, StepExecution } from './types';

/**
 * The state each node of a workflow graph shows for one run: from its executions (all of them, for
 * a step inside a forEach), else from where the run is (a case not taken, a catch not needed, a
 * block still to come).
 */

export function stateOfExecution(step: StepExecution, index: RunIndex): NodeState {
  switch (step.status) {
    case 'ACTIVE':
      return 'RUNNING';
    case 'BACKING_OFF':
      return 'RETRYING';
    case 'COMPLETED':
      return step.kind === 'FORWARD' && index.byId.get(`${step.stepId}.compensate`)?.status === 'COMPLETED' ? 'COMPENSATED' : 'COMPLETED';
    case 'RECOVERING':
    case 'RECOVERED':
    case 'SKIPPED':
    case 'FAILED':
    case 'CANCELLED':
      return step.status;
  }
  return 'PENDING';
}

const AGGREGATE_ORDER: NodeState[] = ['RUNNING', 'RECOVERING', 'RETRYING', 'FAILED', 'CANCELLED', 'COMPENSATED', 'RECOVERED', 'COMPLETED', 'SKIPPED'];

/** One state for a step that ran many times: the most pressing of its executions'. */
function aggregate(states: NodeState[]): NodeState {
  if (states.every((s) => s === 'SKIPPED')) return 'SKIPPED';
  for (const s of AGGREGATE_ORDER) if (states.includes(s)) return s;
  return states[0];
}

const AT_REST: NodeState[] = ['COMPLETED', 'FAILED', 'CANCELLED', 'COMPENSATED', 'RECOVERED', 'SKIPPED', 'NOT_RUN'];

export function reached(state: NodeState | undefined): boolean {
  return state !== undefined && state !== 'PENDING' && state !== 'NOT_RUN';
}

function endState(run: Run): NodeState {
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
}

/** Works out the state of every node of one graph for one run, each parent before its children. */
export class Colouring {
  private readonly memo = new Map<string, NodeState>();
  readonly index: RunIndex;

  constructor(
    private readonly run: Run,
    private readonly byId: Map<string, GraphNode>,
  ) {
    this.index = indexRun(run);
  }

  executions(node: GraphNode): StepExecution[] {
    if (node.kind === 'compensation') return this.index.compensationsByDefinition.get(node.id.replace(/\.compensate$/, '')) ?? [];
    return this.index.byDefinition.get(node.id) ?? [];
  }

  state(node: GraphNode, compensationOf?: string): NodeState {
    const known = this.memo.get(node.id);
    if (known) return known;
    this.memo.set(node.id, 'PENDING'); // a parent cycle in a malformed graph ends here
    const state = this.compute(node, compensationOf);
    this.memo.set(node.id, state);
    return state;
  }

  private compute(node: GraphNode, compensationOf?: string): NodeState {
    const run = this.run;
    if (node.kind === 'start') return 'COMPLETED';
    if (node.kind === 'end') return endState(run);
    const executions = this.executions(node);
    if (executions.length > 0) return aggregate(executions.map((s) => stateOfExecution(s, this.index)));
    if (node.kind === 'compensation') {
      const forward = compensationOf ?? node.id.replace(/\.compensate$/, '');
      // A completed step that declares how to undo it waits for its compensation.
      const due = run.steps.some(
        (s) =>
          s.kind === 'FORWARD' &&
          s.status === 'COMPLETED' &&
          (s.stepId === forward || s.stepId.endsWith(`.${forward}`)),
      );
      return run.status === 'COMPENSATING' && due ? 'PENDING' : 'NOT_RUN';
    }
    if (run.status !== 'RUNNING') return 'NOT_RUN';
    const parent = node.parent ? this.byId.get(node.parent) : undefined;
    if (!parent) return 'PENDING';
    const parentState = this.state(parent);
    if (parentState === 'PENDING') return 'PENDING';
    if (AT_REST.includes(parentState)) return 'NOT_RUN';
    const lane = node.lane ?? '';
    const inside = this.executions(parent).flatMap((p) => this.index.children.get(p.stepId) ?? []);
    if (lane.startsWith('catch')) {
      return parentState === 'RECOVERING' && inside.some((s) => s.lane === lane) ? 'PENDING' : 'NOT_RUN';
    }
    if (lane.startsWith('case') || lane === 'default') {
      // The switch chose another case.
      return inside.some((s) => s.lane !== lane && !s.lane?.startsWith('catch')) ? 'NOT_RUN' : 'PENDING';
    }
    return 'PENDING';
  }

  counts(node: GraphNode): Partial<Record<NodeState, number>> | undefined {
    const executions = this.executions(node);
    if (executions.length < 2) return undefined;
    const counts: Partial<Record<NodeState, number>> = {};
    for (const s of executions) {
      const state = stateOfExecution(s, this.index);
      counts[state] = (counts[state] ?? 0) + 1;
    }
    return counts;
  }
}

/** The state a node of the graph shows for one run. */
export function nodeState(node: GraphNode, run: Run, compensationOf?: string, graph?: { nodes: GraphNode[] }): NodeState {
  return new Colouring(run, new Map((graph?.nodes ?? [node]).map((n) => [n.id, n]))).state(node, compensationOf);
}
