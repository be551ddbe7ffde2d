import type { AttemptStatus, RunStatus, StepStatus } from './types';

/** The five colours a status can have: green, red, amber, blue, grey. */
export type Tone = 'success' | 'danger' | 'warning' | 'info' | 'neutral';

export type AnyStatus = RunStatus | StepStatus | AttemptStatus | NodeState;

/** How a node of the workflow graph looks for one run. */
export type NodeState =
  | 'PENDING'
  | 'RUNNING'
  | 'RETRYING'
  | 'RECOVERING'
  | 'COMPLETED'
  | 'RECOVERED'
  | 'SKIPPED'
  | 'FAILED'
  | 'CANCELLED'
  | 'COMPENSATED'
  | 'NOT_RUN';

const TONES: Record<string, Tone> = {
  // runs
  RUNNING: 'info',
  COMPLETED: 'success',
  FAILED: 'danger',
  COMPENSATING: 'warning',
  COMPENSATED: 'warning',
  COMPENSATION_FAILED: 'danger',
  CANCELLED: 'neutral',
  TIMED_OUT: 'danger',
  // steps and attempts
  ACTIVE: 'info',
  BACKING_OFF: 'warning',
  // a catch recovering a failed step, and the step it saved: amber, as something went wrong
  RECOVERING: 'warning',
  RECOVERED: 'warning',
  SKIPPED: 'neutral',
  SCHEDULED: 'info',
  // graph nodes
  PENDING: 'neutral',
  RETRYING: 'warning',
  NOT_RUN: 'neutral',
};

const LABELS: Record<string, string> = {
  COMPENSATION_FAILED: 'Compensation failed',
  TIMED_OUT: 'Timed out',
  BACKING_OFF: 'Backing off',
  NOT_RUN: 'Not run',
};

export function toneOf(status: string): Tone {
  return TONES[status] ?? 'neutral';
}

export function labelOf(status: string): string {
  return LABELS[status] ?? status.charAt(0) + status.slice(1).toLowerCase().replaceAll('_', ' ');
}

/** A run that can still change by itself; the UI follows it live. */
export function isLive(status: RunStatus): boolean {
  return status === 'RUNNING' || status === 'COMPENSATING';
}

export function canCancel(status: RunStatus): boolean {
  return status === 'RUNNING';
}

/** Only a running run takes signals (the API answers 409 otherwise). */
export function canSignal(status: RunStatus): boolean {
  return status === 'RUNNING';
}

export function canRetry(status: RunStatus): boolean {
  return status === 'FAILED' || status === 'COMPENSATION_FAILED';
}

/** Whether a status is still in flight, to animate its badge. */
export function isInFlight(status: string): boolean {
  return ['RUNNING', 'COMPENSATING', 'ACTIVE', 'SCHEDULED', 'RETRYING', 'RECOVERING'].includes(status);
}
