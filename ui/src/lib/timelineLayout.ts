import { parseTime } from './format';
import type { AttemptStatus, Run } from './types';

/**
 * The run's attempts on one time axis: per attempt a "queued" segment (dispatched, not yet picked
 * up by a worker) and a "running" segment (the worker's start to finish), and between attempts the
 * "backoff" gap the retry policy waited. Pure math, tested without a browser.
 */

export type SegmentKind = 'queued' | 'running' | 'backoff';

export interface Segment {
  kind: SegmentKind;
  start: number;
  end: number;
  attempt: number;
  status: AttemptStatus | 'BACKOFF';
  /** Still growing: the attempt is in flight or the backoff has not elapsed. */
  ongoing: boolean;
}

export interface TimelineRow {
  stepId: string;
  function: string;
  lane: 'forward' | 'compensation';
  segments: Segment[];
}

export interface Timeline {
  start: number;
  end: number;
  rows: TimelineRow[];
}

export function buildTimeline(run: Run, now: number): Timeline {
  const start = parseTime(run.startedAt) ?? now;
  let end = parseTime(run.finishedAt) ?? now;
  const rows: TimelineRow[] = [];

  for (const step of run.steps) {
    const segments: Segment[] = [];
    let previousEnd: number | undefined;
    for (const a of step.attempts) {
      const scheduled = parseTime(a.scheduledAt) ?? start;
      const started = parseTime(a.startedAt);
      const finished = parseTime(a.finishedAt);
      const inFlight = a.status === 'SCHEDULED' || a.status === 'RUNNING';
      if (previousEnd !== undefined && scheduled > previousEnd) {
        segments.push({ kind: 'backoff', start: previousEnd, end: scheduled, attempt: a.number, status: 'BACKOFF', ongoing: false });
      }
      if (started !== undefined) {
        if (started > scheduled) {
          segments.push({ kind: 'queued', start: scheduled, end: started, attempt: a.number, status: a.status, ongoing: false });
        }
        const stop = finished ?? (inFlight ? now : started);
        segments.push({ kind: 'running', start: started, end: Math.max(stop, started), attempt: a.number, status: a.status, ongoing: finished === undefined && inFlight });
        previousEnd = Math.max(stop, started);
      } else {
        // Never picked up: queued until it ended (a timeout, a cancel) or until now.
        const stop = finished ?? (inFlight ? now : scheduled);
        segments.push({ kind: 'queued', start: scheduled, end: Math.max(stop, scheduled), attempt: a.number, status: a.status, ongoing: finished === undefined && inFlight });
        previousEnd = Math.max(stop, scheduled);
      }
    }
    const next = parseTime(step.nextAttemptAt);
    if (step.status === 'BACKING_OFF' && next !== undefined && previousEnd !== undefined) {
      segments.push({ kind: 'backoff', start: previousEnd, end: next, attempt: step.attempts.length + 1, status: 'BACKOFF', ongoing: true });
    }
    for (const s of segments) end = Math.max(end, s.end);
    rows.push({
      stepId: step.stepId,
      function: step.function,
      lane: step.kind === 'COMPENSATION' ? 'compensation' : 'forward',
      segments,
    });
  }
  return { start, end: Math.max(end, start + 1), rows };
}

/** Where a segment sits on the track, in percent of its width. */
export function place(segment: { start: number; end: number }, t0: number, t1: number): { left: number; width: number } {
  const span = Math.max(t1 - t0, 1);
  const left = ((segment.start - t0) / span) * 100;
  const width = ((segment.end - segment.start) / span) * 100;
  const clampedLeft = Math.min(Math.max(left, 0), 100);
  return { left: clampedLeft, width: Math.max(Math.min(width, 100 - clampedLeft), 0) };
}

/** Round tick steps (1, 2, 5 × 10ⁿ ms) giving about `target` ticks over the span. */
export function ticks(spanMs: number, target = 6): number[] {
  if (spanMs <= 0) return [0];
  const raw = spanMs / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const out: number[] = [];
  for (let t = 0; t <= spanMs + 1e-9; t += step) out.push(Math.round(t * 1000) / 1000);
  return out;
}
