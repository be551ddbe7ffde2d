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

export type StepStatus = 'ACTIVE' | 'BACKING_OFF' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
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
  workerId?: string;
  scheduledAt: string;
  deadline: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface StepExecution {
  stepId: string;
  definitionId: string;
  kind: 'FORWARD' | 'COMPENSATION';
  function: string;
  status: StepStatus;
  attempts: Attempt[];
  attemptsBefore?: number;
  output?: Json;
  nextAttemptAt?: string;
  completedAt?: string;
}

export interface Run {
  runId: string;
  workflow: string;
  version: number;
  status: RunStatus;
  input: Json;
  output?: Json;
  error?: Failure;
  cause?: 'FAILURE' | 'CANCEL' | 'TIMEOUT';
  steps: StepExecution[];
  compensationOrder: string[];
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
}

export interface RunSummary {
  runId: string;
  workflow: string;
  version: number;
  status: RunStatus;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
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

export type NodeKind = 'start' | 'function' | 'compensation' | 'end';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: 'next' | 'compensation';
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
