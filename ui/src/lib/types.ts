/** The shapes the Ordo REST API (/api/v1) answers with. Null fields are omitted by the server. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const RUN_STATUSES = [
  'RUNNING',
  'COMPLETED',
  'FAILED',
  'COMPENSATING',
  'COMPENSATED',
  'COMPENSATION_FAILED',
  'CANCELLED',
  'TIMED_OUT',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * A step across its attempts. ACTIVE while it works (an attempt in flight, a branch running, a
 * timer or a signal awaited); RECOVERING while a `catch` runs for it, RECOVERED when the catch
 * saved it; SKIPPED when its `if` was false.
 */
export type StepStatus =
  | 'ACTIVE'
  | 'BACKING_OFF'
  | 'RECOVERING'
  | 'COMPLETED'
  | 'RECOVERED'
  | 'SKIPPED'
  | 'FAILED'
  | 'CANCELLED';

/** The DSL's step kinds. */
export type StepType = 'function' | 'switch' | 'parallel' | 'forEach' | 'wait' | 'waitForSignal' | 'workflow' | 'fail' | 'succeed';
export type AttemptStatus = 'SCHEDULED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'TIMED_OUT' | 'CANCELLED';

export interface Failure {
  type: string;
  message: string;
  retryable: boolean;
  stepId?: string;
}

export interface Attempt {
  number: number;
  status: AttemptStatus;
  input: Json;
  output?: Json;
  error?: Failure;
  /** `run:<childRunId>` for the attempt of a child `workflow` step. */
  workerId?: string;
  scheduledAt: string;
  /** Absent for an attempt without a timeout (a child run). */
  deadline?: string;
  startedAt?: string;
  finishedAt?: string;
}

/**
 * One execution of a step. A step inside a forEach runs once per item, so its id carries the
 * iteration (`reserveEach[3].reserveOne`); `parent` is the execution id of the enclosing composite
 * step and `lane` the block of it (`case:0`, `default`, `branch:1`, `body:4`, `catch:0`).
 */
export interface StepExecution {
  stepId: string;
  definitionId: string;
  kind: 'FORWARD' | 'COMPENSATION';
  /** Absent from servers older than the nested workflow language: read it as `function`. */
  type?: StepType | string;
  /** The function it calls; absent for steps that call none. */
  function?: string | null;
  parent?: string | null;
  lane?: string | null;
  status: StepStatus;
  attempts: Attempt[];
  attemptsBefore?: number;
  output?: Json;
  /** Why it failed, or what its catch is recovering from. */
  error?: Failure | null;
  nextAttemptAt?: string;
  /** forEach: the list it iterates over, the iterations started, and those finished. */
  items?: Json[] | null;
  started?: number;
  finished?: number;
  startedAt?: string;
  completedAt?: string;
}

/** The parent's step (and its attempt) that waits for a child run. */
export interface ParentLink {
  runId: string;
  stepId: string;
  attempt: number;
}

/** A signal that arrived before any step waited for it; the first step to wait for it takes it. */
export interface PendingSignal {
  name: string;
  payload?: Json;
  receivedAt: string;
}

export interface Run {
  runId: string;
  workflow: string;
  version: number;
  status: RunStatus;
  input: Json;
  output?: Json;
  error?: Failure;
  cause?: 'FAILURE' | 'CANCEL' | 'TIMEOUT' | 'PARENT';
  steps: StepExecution[];
  /** The run's durable timers: timer key (`ATTEMPT_TIMEOUT:pay:1`, `RUN_TIMEOUT`) → when it fires. */
  timers?: Record<string, string>;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  /** For a child run: the parent run's step that waits for it. */
  parent?: ParentLink | null;
  /** For a completed child run the parent asked to undo itself. */
  compensationFor?: ParentLink | null;
  /** Signals kept, not yet taken by a step. */
  signals?: PendingSignal[];
}

export interface RunSummary {
  runId: string;
  workflow: string;
  version: number;
  status: RunStatus;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  parentRunId?: string;
}

export interface RunPage {
  runs: RunSummary[];
  nextCursor?: string;
}

export type RunCounts = Partial<Record<RunStatus, number>>;

export interface HistoryEvent {
  seq: number;
  type: string;
  at: string;
  data: Json;
}

export interface WorkflowSummary {
  name: string;
  description?: string;
  latestVersion: number;
  updatedAt: string;
}

export interface WorkflowVersions {
  name: string;
  versions: { version: number; createdAt: string }[];
}

/** A DSL step kind, or one of the graph's own: start, end, compensation. */
export type NodeKind = 'start' | 'end' | 'compensation' | StepType;

export interface GraphNode {
  id: string;
  kind: NodeKind | string;
  /** What it does: the function, the signal's name, `wait 10s`, the child workflow, … */
  label: string;
  /** The composite step this node is nested in (absent at the top level). */
  parent?: string | null;
  /** The block of `parent`: `case:0`, `default`, `branch:1`, `body`, `catch:0`. */
  lane?: string | null;
}

export type EdgeKind = 'next' | 'case' | 'default' | 'branch' | 'body' | 'catch' | 'join' | 'compensation';

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind | string;
  /** Into a block: `case 1`, the branch's name, `for each item`, the error types caught. */
  label?: string | null;
}

export interface WorkflowVersion {
  name: string;
  version: number;
  description?: string;
  createdAt: string;
  yaml: string;
  graph: { nodes: GraphNode[]; edges: GraphEdge[] };
}

export interface Deployment {
  name: string;
  version: number;
  created: boolean;
}

export interface SignalAccepted {
  runId: string;
  signal: string;
}

export interface StartedRun {
  runId: string;
  workflow: string;
  version: number;
  created: boolean;
}

export interface FunctionUsage {
  function: string;
  invocations: number;
  completed?: number;
  failures: number;
  retries: number;
  inFlight: number;
  p50Millis: number;
  p99Millis: number;
  computeSeconds: number;
}

/** One located violation in a workflow definition (the 400 answer to a deploy). */
export interface DefinitionError {
  path?: string;
  line?: number;
  column?: number;
  message: string;
}
