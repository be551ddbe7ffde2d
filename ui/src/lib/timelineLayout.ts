import { parseTime } from './format';
import { indexRun, isInFlightStatus, iterationsOf, lanesOf, typeOf, type RunIndex } from './runTree';
import type { AttemptStatus, Json, Run, StepExecution, StepStatus } from './types';

/**
 * The run on one time axis. Per attempt a "queued" segment (dispatched, not yet picked up by a
 * worker) and a "running" segment (the worker's start to finish), and between attempts the
 * "backoff" gap the retry policy waited. A step without attempts draws its span instead: a "wait"
 * for wait and waitForSignal, a "span" for a composite step. Nested steps are rows under their
 * parent; a forEach's iterations are one row each, collapsed into the forEach's row when there are
 * many unless expanded, and shown a page at a time. Pure math, tested without a browser.
 */

export type SegmentKind = 'queued' | 'running' | 'backoff' | 'span' | 'wait' | 'density';

export interface Segment {
  kind: SegmentKind;
  start: number;
  end: number;
  /** The attempt number; 0 for a span or a wait. */
  attempt: number;
  status: AttemptStatus | StepStatus | 'BACKOFF';
  /** Still growing: the attempt is in flight, the backoff has not elapsed, the wait goes on. */
  ongoing: boolean;
  /** The step it belongs to, on an iteration's row (which gathers several steps). */
  stepId?: string;
  /** A folded forEach's row: how many of its iterations ran in this slice of time, 0–1 of the most at once. */
  level?: number;
  /** A density slice: how many iterations ran in it. */
  count?: number;
}

export interface TimelineRow {
  /** Unique among the rows. */
  key: string;
  /** The execution a click on the row selects. */
  stepId: string;
  label: string;
  /** The function, or the step's kind for a step that calls none. */
  function: string;
  depth: number;
  lane: 'forward' | 'compensation';
  row: 'step' | 'iteration' | 'more';
  status?: StepStatus;
  segments: Segment[];
  /** A forEach: its iterations, and whether they are shown as rows. */
  iterations?: { count: number; expanded: boolean };
  /** The "show more" row after a page of iterations. */
  more?: { forEach: string; shown: number; total: number };
}

export interface Timeline {
  start: number;
  end: number;
  rows: TimelineRow[];
}

export interface TimelineOptions {
  /** forEach executions whose iterations are shown (or hidden) against the default. */
  toggled?: ReadonlySet<string>;
  /** How many iterations of each forEach are shown; ITERATION_PAGE unless more were asked for. */
  shown?: ReadonlyMap<string, number>;
}

/** A forEach with at most this many iterations shows them unless collapsed. */
export const EXPAND_UP_TO = 10;
export const ITERATION_PAGE = 50;
/** A folded forEach's row shows how many iterations ran when, in this many slices of its span. */
export const DENSITY_SLICES = 80;

/**
 * How busy a forEach was over its span: per slice of time, the iterations running in it (a failed
 * one marks its slice FAILED). Drawn on the forEach's row while its iterations are folded.
 */
export function densityOf(iterations: { start: number; end: number; failed: boolean }[], start: number, end: number): Segment[] {
  if (iterations.length === 0 || end <= start) return [];
  const width = (end - start) / DENSITY_SLICES;
  const counts = new Array<number>(DENSITY_SLICES).fill(0);
  const failed = new Array<boolean>(DENSITY_SLICES).fill(false);
  for (const it of iterations) {
    const first = Math.max(0, Math.min(DENSITY_SLICES - 1, Math.floor((it.start - start) / width)));
    const last = Math.max(first, Math.min(DENSITY_SLICES - 1, Math.ceil((it.end - start) / width) - 1));
    for (let i = first; i <= last; i++) {
      counts[i]++;
      if (it.failed) failed[i] = true;
    }
  }
  const most = Math.max(...counts);
  const out: Segment[] = [];
  counts.forEach((count, i) => {
    if (count === 0) return;
    out.push({ kind: 'density', start: start + i * width, end: start + (i + 1) * width, attempt: 0, status: failed[i] ? 'FAILED' : 'COMPLETED', ongoing: false, level: count / most, count });
  });
  return out;
}

function attemptSegments(step: StepExecution, start: number, now: number): Segment[] {
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
  return segments;
}

/** The segments of one execution: its attempts, or the span of a step that makes none. */
export function segmentsOf(step: StepExecution, runStart: number, now: number): Segment[] {
  if (step.attempts.length > 0) return attemptSegments(step, runStart, now);
  const start = parseTime(step.startedAt);
  if (start === undefined) return [];
  const inFlight = isInFlightStatus(step.status);
  const end = parseTime(step.completedAt) ?? (inFlight ? now : start);
  const type = typeOf(step);
  const kind: SegmentKind = type === 'wait' || type === 'waitForSignal' ? 'wait' : 'span';
  return [{ kind, start, end: Math.max(end, start), attempt: 0, status: step.status, ongoing: inFlight && step.completedAt === undefined }];
}

function describe(step: StepExecution): string {
  return step.function ?? typeOf(step);
}

export function itemPreview(item: Json | undefined): string {
  if (item === undefined) return '';
  const text = typeof item === 'string' ? item : JSON.stringify(item);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** Whether a forEach's iterations are shown, given how many it has and what the person toggled. */
export function isExpanded(forEachId: string, count: number, toggled?: ReadonlySet<string>): boolean {
  const byDefault = count <= EXPAND_UP_TO;
  return toggled?.has(forEachId) ? !byDefault : byDefault;
}

class Builder {
  readonly rows: TimelineRow[] = [];
  end: number;

  constructor(
    private readonly index: RunIndex,
    private readonly start: number,
    private readonly now: number,
    private readonly options: TimelineOptions,
    end: number,
  ) {
    this.end = end;
  }

  private track(segments: Segment[]): Segment[] {
    for (const s of segments) this.end = Math.max(this.end, s.end);
    return segments;
  }

  step(step: StepExecution, depth: number) {
    const row: TimelineRow = {
      key: step.stepId,
      stepId: step.stepId,
      label: depth === 0 || step.kind === 'COMPENSATION' ? step.stepId : step.definitionId,
      function: describe(step),
      depth,
      lane: step.kind === 'COMPENSATION' ? 'compensation' : 'forward',
      row: 'step',
      status: step.status,
      segments: this.track(segmentsOf(step, this.start, this.now)),
    };
    this.rows.push(row);
    if (step.kind === 'COMPENSATION') return;
    const forEach = typeOf(step) === 'forEach';
    if (forEach) this.iterations(step, row, depth);
    for (const lane of lanesOf(this.index, step.stepId)) {
      if (forEach && lane.lane.startsWith('body')) continue;
      for (const child of lane.steps) this.step(child, depth + 1);
    }
  }

  private iterations(each: StepExecution, row: TimelineRow, depth: number) {
    const iterations = iterationsOf(this.index, each);
    const count = Math.max(iterations.length, Array.isArray(each.items) ? each.items.length : 0);
    const expanded = isExpanded(each.stepId, count, this.options.toggled);
    row.iterations = { count, expanded };
    if (!expanded) {
      const spans = iterations.flatMap((it) => {
        const a = parseTime(it.startedAt);
        if (a === undefined) return [];
        const b = parseTime(it.completedAt) ?? (it.status && isInFlightStatus(it.status) ? this.now : a);
        return [{ start: a, end: Math.max(a, b), failed: it.status === 'FAILED' }];
      });
      const own = row.segments[0];
      const from = own?.start ?? Math.min(...spans.map((x) => x.start));
      const to = own?.end ?? Math.max(...spans.map((x) => x.end));
      row.segments.push(...densityOf(spans, from, to));
      return;
    }
    const shown = Math.min(iterations.length, this.options.shown?.get(each.stepId) ?? ITERATION_PAGE);
    for (const it of iterations.slice(0, shown)) {
      const segments: Segment[] = [];
      const walk = (s: StepExecution) => {
        for (const seg of segmentsOf(s, this.start, this.now)) segments.push({ ...seg, stepId: s.stepId });
        for (const child of this.index.children.get(s.stepId) ?? []) walk(child);
      };
      it.steps.forEach(walk);
      const items = Array.isArray(each.items) ? each.items : [];
      this.rows.push({
        key: `${each.stepId}[${it.index}]`,
        stepId: it.steps[0].stepId,
        label: `[${it.index}]`,
        function: itemPreview(items[it.index]),
        depth: depth + 1,
        lane: 'forward',
        row: 'iteration',
        status: it.status,
        segments: this.track(segments),
      });
    }
    if (shown < iterations.length) {
      this.rows.push({
        key: `${each.stepId}:more`,
        stepId: each.stepId,
        label: `${(iterations.length - shown).toLocaleString()} more iterations`,
        function: '',
        depth: depth + 1,
        lane: 'forward',
        row: 'more',
        segments: [],
        more: { forEach: each.stepId, shown, total: iterations.length },
      });
    }
  }
}

export function buildTimeline(run: Run, now: number, options: TimelineOptions = {}): Timeline {
  const start = parseTime(run.startedAt) ?? now;
  const index = indexRun(run);
  const builder = new Builder(index, start, now, options, parseTime(run.finishedAt) ?? now);
  for (const step of index.top) builder.step(step, 0);
  for (const step of index.compensations) builder.step(step, 0);
  return { start, end: Math.max(builder.end, start + 1), rows: builder.rows };
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
