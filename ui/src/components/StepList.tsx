import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { durationBetween, formatClock, formatDuration, formatRelative, parseTime } from '../lib/format';
import {
  childRunOf,
  forEachProgress,
  indexRun,
  isInFlightStatus,
  iterationsOf,
  laneText,
  lanesOf,
  pathTo,
  progressText,
  typeOf,
  type Iteration,
  type RunIndex,
  type StepLabels,
} from '../lib/runTree';
import { EXPAND_UP_TO, itemPreview } from '../lib/timelineLayout';
import type { Json, Run, StepExecution } from '../lib/types';
import { Attempts } from './Attempts';
import { Icon } from './Icon';
import { JsonView } from './JsonView';
import { StatusBadge } from './StatusBadge';

interface Context {
  index: RunIndex;
  selected?: string;
  /** The selected execution and its ancestors, opened so that it can be seen. */
  path: Set<string>;
  now: number;
  labels?: StepLabels;
}

export const ITERATIONS_PER_PAGE = 25;

/**
 * Every step of a run, nested as the workflow nests them: a composite step holds its blocks, a
 * forEach its iterations (a page at a time, filterable), each step its attempts with input, output
 * and error. Compensations follow, in the order they ran.
 */
export function StepList({ run, selected, now, labels }: { run: Run; selected?: string; now: number; labels?: StepLabels }) {
  const index = indexRun(run);
  const path = useMemo(() => new Set(selected ? pathTo(index, selected) : []), [index, selected]);
  if (run.steps.length === 0) return <p className="muted pad">No step has been scheduled yet.</p>;
  const ctx: Context = { index, selected, path, now, labels };
  return (
    <div className="steps">
      {index.top.map((s) => (
        <StepPanel key={s.stepId} step={s} ctx={ctx} depth={0} />
      ))}
      {index.compensations.length > 0 && (
        <>
          <div className="steps-section lane-compensation">Compensation, in the order it ran</div>
          {index.compensations.map((s) => (
            <StepPanel key={s.stepId} step={s} ctx={ctx} depth={0} />
          ))}
        </>
      )}
    </div>
  );
}

function stepDuration(step: StepExecution, now: number): number | undefined {
  const first = step.startedAt ?? step.attempts[0]?.scheduledAt;
  const last = step.attempts[step.attempts.length - 1];
  const end = step.completedAt ?? last?.finishedAt;
  if (end) return durationBetween(first, end);
  if (!isInFlightStatus(step.status)) return step.status === 'SKIPPED' ? 0 : undefined;
  const t = parseTime(first);
  return t === undefined ? undefined : now - t;
}

const TYPE_TAGS: Record<string, string> = {
  switch: 'switch',
  parallel: 'parallel',
  forEach: 'for each',
  wait: 'wait',
  waitForSignal: 'signal',
  workflow: 'child run',
  fail: 'fail',
  succeed: 'succeed',
};

/** What the step does, beside its name. */
function whatItDoes(step: StepExecution, labels?: StepLabels): string | undefined {
  if (step.function) return step.function;
  const label = labels?.steps.get(step.definitionId);
  const type = typeOf(step);
  if (type === 'waitForSignal' && label) return label;
  if (type === 'wait' || type === 'workflow' || type === 'fail') return label;
  return undefined;
}

/** A block's title: its kind, then its name (a branch's name, the errors a catch takes) as written. */
function LaneTitle({ parent, lane, labels }: { parent: StepExecution; lane: string; labels?: StepLabels }) {
  const named = labels?.lanes.get(`${parent.definitionId}|${lane}`);
  const kind = lane.split(':')[0];
  if (!named || (kind !== 'branch' && kind !== 'catch')) return <div className="step-lane-title">{named ?? laneText(lane)}</div>;
  return (
    <div className="step-lane-title">
      {kind} <span className="step-lane-name">{named}</span>
    </div>
  );
}

function StepPanel({ step, ctx, depth }: { step: StepExecution; ctx: Context; depth: number }) {
  const type = typeOf(step);
  const compensation = step.kind === 'COMPENSATION';
  const lanes = compensation ? [] : lanesOf(ctx.index, step.stepId);
  const selected = ctx.selected === step.stepId;
  const onPath = ctx.path.has(step.stepId);
  const [open, setOpen] = useState(depth === 0 || step.attempts.length === 0 || onPath);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (onPath) setOpen(true);
  }, [onPath]);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }, [selected]);
  const does = whatItDoes(step, ctx.labels);
  const tag = TYPE_TAGS[type];
  const iterations = type === 'forEach' ? forEachProgress(ctx.index, [step]) : undefined;
  const name = compensation ? (depth === 0 ? step.stepId.replace(/\.compensate$/, '') : step.definitionId) : depth === 0 ? step.stepId : step.definitionId;
  return (
    <div
      ref={ref}
      className={`step${selected ? ' selected' : ''}${compensation ? ' compensation' : ''}${depth ? ' nested' : ''}`}
      id={`step-${step.stepId}`}
      data-step={step.stepId}
      data-type={type}
    >
      <button type="button" className="step-header" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <Icon name={open ? 'chevronDown' : 'chevronRight'} size={14} className="step-chevron" />
        <span className="step-name">
          {compensation && <span className="lane-tag">compensation</span>}
          {name}
        </span>
        {tag && <span className="type-tag">{tag}</span>}
        {does && <span className="step-fn mono">{does}</span>}
        <span className="step-spacer" />
        {step.status === 'BACKING_OFF' && step.nextAttemptAt && (
          <span className="step-next" title={formatClock(step.nextAttemptAt)}>
            next attempt {formatRelative(step.nextAttemptAt, ctx.now)}
          </span>
        )}
        <span className="step-meta">{meta(step, lanes.length, iterations ? progressText(iterations) : undefined)}</span>
        <span className="step-meta mono-num">{formatDuration(stepDuration(step, ctx.now))}</span>
        <StatusBadge status={step.status} size="sm" />
      </button>
      {open && (
        <div className="step-body">
          <StepFacts step={step} ctx={ctx} />
          {step.attempts.length > 0 && <Attempts step={step} now={ctx.now} selected={selected} />}
          {type === 'forEach' && !compensation && <Iterations each={step} ctx={ctx} depth={depth} />}
          {lanes
            .filter((l) => type !== 'forEach' || !l.lane.startsWith('body'))
            .map((lane) => (
              <div key={lane.lane} className={`step-lane lane-kind-${lane.lane.split(':')[0]}`} data-lane={lane.lane}>
                <LaneTitle parent={step} lane={lane.lane} labels={ctx.labels} />
                {lane.steps.map((child) => (
                  <StepPanel key={child.stepId} step={child} ctx={ctx} depth={depth + 1} />
                ))}
              </div>
            ))}
        </div>
      )}
    </div>
  );
}

function meta(step: StepExecution, lanes: number, progress?: string): string {
  if (progress) return progress;
  if (step.attempts.length > 0) return `${step.attempts.length} attempt${step.attempts.length === 1 ? '' : 's'}`;
  const type = typeOf(step);
  if (type === 'parallel') return `${step.finished ?? 0}/${lanes} branches done`;
  return '';
}

/** What a step without attempts has to say: when it ran, what it is waiting for, its error, its output, its child runs. */
function StepFacts({ step, ctx }: { step: StepExecution; ctx: Context }) {
  const type = typeOf(step);
  const children = step.attempts.map((a) => childRunOf(a.workerId)).filter(Boolean) as string[];
  const facts: ReactNode[] = [];
  if (step.status === 'SKIPPED') facts.push(<span key="skip">Skipped: its <code>if</code> was false.</span>);
  if (type === 'waitForSignal' && step.status === 'ACTIVE') {
    const signal = ctx.labels?.steps.get(step.definitionId);
    facts.push(
      <span key="wait" className="step-waiting">
        <span className="badge-dot pulse" aria-hidden="true" /> Waiting for the signal {signal ? <code>{signal}</code> : 'it names'}
      </span>,
    );
  }
  if (type === 'wait' && step.status === 'ACTIVE') {
    facts.push(
      <span key="timer" className="step-waiting">
        <span className="badge-dot pulse" aria-hidden="true" /> Waiting on a timer{ctx.labels?.steps.get(step.definitionId) ? ` (${ctx.labels.steps.get(step.definitionId)})` : ''}
      </span>,
    );
  }
  const unique = [...new Set(children)];
  if (unique.length > 0) {
    facts.push(
      <span key="child">
        Child run{unique.length > 1 ? 's' : ''}:{' '}
        {unique.map((id, i) => (
          <span key={id}>
            {i > 0 && ', '}
            <Link href={`/runs/${id}`} className="mono">{id}</Link>
          </span>
        ))}
      </span>,
    );
  }
  const showTimes = step.attempts.length === 0;
  const showError = step.error && (step.attempts.length === 0 || step.status === 'RECOVERING' || step.status === 'RECOVERED');
  const showOutput = step.attempts.length === 0 && step.output !== undefined && step.kind === 'FORWARD';
  if (facts.length === 0 && !showTimes && !showError && !showOutput) return null;
  const composite = type === 'forEach' || type === 'parallel' || type === 'switch';
  return (
    <div className="step-facts">
      {facts.length > 0 && <div className="step-facts-line">{facts}</div>}
      {showError && step.error && (
        <div className={`step-error${step.status === 'RECOVERED' || step.status === 'RECOVERING' ? ' recovered' : ''}`}>
          {step.status === 'RECOVERED' ? 'Recovered by its catch from ' : step.status === 'RECOVERING' ? 'Its catch is recovering from ' : ''}
          <span className="error-type">{step.error.type}</span> {step.error.message}
          {step.error.stepId && step.error.stepId !== step.stepId && <span className="muted"> (in {step.error.stepId})</span>}
        </div>
      )}
      {showTimes && (
        <dl className="attempt-times">
          <div><dt>Started</dt><dd className="mono small">{step.startedAt ? formatClock(step.startedAt) : '—'}</dd></div>
          <div><dt>{step.status === 'SKIPPED' ? 'Skipped' : 'Ended'}</dt><dd className="mono small">{step.completedAt ? formatClock(step.completedAt) : isInFlightStatus(step.status) ? 'not yet' : '—'}</dd></div>
        </dl>
      )}
      {showOutput && (
        <div className="step-output">
          <div className="io-label">{type === 'waitForSignal' ? 'Output (the signal payload)' : 'Output'}</div>
          <JsonView value={step.output} label={`output of ${step.stepId}`} openDepth={composite ? 0 : 2} />
        </div>
      )}
    </div>
  );
}

type Filter = 'all' | 'failed' | 'running';

/** A forEach's iterations: a page at a time, filterable to the failed or running ones. */
function Iterations({ each, ctx, depth }: { each: StepExecution; ctx: Context; depth: number }) {
  const all = iterationsOf(ctx.index, each);
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(0);
  const failed = all.filter((it) => it.status === 'FAILED');
  const running = all.filter((it) => it.status && isInFlightStatus(it.status));
  const list = filter === 'failed' ? failed : filter === 'running' ? running : all;
  const onPath = all.findIndex((it) => it.steps.some((s) => ctx.path.has(s.stepId)));
  useEffect(() => {
    if (onPath < 0) return;
    setFilter('all');
    setPage(Math.floor(onPath / ITERATIONS_PER_PAGE));
  }, [onPath]);
  const pages = Math.max(1, Math.ceil(list.length / ITERATIONS_PER_PAGE));
  const current = Math.min(page, pages - 1);
  const shown = list.slice(current * ITERATIONS_PER_PAGE, (current + 1) * ITERATIONS_PER_PAGE);
  const items = Array.isArray(each.items) ? each.items : [];
  if (all.length === 0) return <p className="muted small step-lane-empty">No iteration has started{items.length === 0 && each.status !== 'ACTIVE' ? ': the list was empty' : ' yet'}.</p>;
  const choose = (f: Filter) => {
    setFilter(f);
    setPage(0);
  };
  return (
    <div className="iterations" data-iterations={each.stepId}>
      <div className="iterations-bar">
        <span className="step-lane-title">Iterations</span>
        <div className="seg" role="group" aria-label={`Filter the iterations of ${each.stepId}`}>
          <FilterButton active={filter === 'all'} onClick={() => choose('all')} text={`All ${all.length.toLocaleString()}`} />
          <FilterButton active={filter === 'failed'} onClick={() => choose('failed')} text={`Failed ${failed.length.toLocaleString()}`} disabled={failed.length === 0} />
          <FilterButton active={filter === 'running'} onClick={() => choose('running')} text={`In flight ${running.length.toLocaleString()}`} disabled={running.length === 0} />
        </div>
        <span className="step-spacer" />
        {list.length > ITERATIONS_PER_PAGE && (
          <span className="pager">
            <span className="muted small mono-num">
              {(current * ITERATIONS_PER_PAGE + 1).toLocaleString()}–{Math.min((current + 1) * ITERATIONS_PER_PAGE, list.length).toLocaleString()} of {list.length.toLocaleString()}
            </span>
            <button type="button" className="btn btn-xs" disabled={current === 0} onClick={() => setPage(current - 1)} aria-label="Previous iterations">
              <Icon name="arrowLeft" size={12} />
            </button>
            <button type="button" className="btn btn-xs" disabled={current >= pages - 1} onClick={() => setPage(current + 1)} aria-label="Next iterations">
              <Icon name="arrowRight" size={12} />
            </button>
          </span>
        )}
      </div>
      {shown.map((it) => (
        <IterationRow key={it.index} each={each} it={it} item={items[it.index]} ctx={ctx} depth={depth} many={all.length > EXPAND_UP_TO} />
      ))}
      {shown.length === 0 && <p className="muted small step-lane-empty">No iteration is {filter === 'failed' ? 'failed' : 'in flight'}.</p>}
    </div>
  );
}

function FilterButton({ active, onClick, text, disabled }: { active: boolean; onClick: () => void; text: string; disabled?: boolean }) {
  return (
    <button type="button" className={`seg-btn${active ? ' active' : ''}`} aria-pressed={active} onClick={onClick} disabled={disabled && !active}>
      {text}
    </button>
  );
}

function IterationRow({ each, it, item, ctx, depth, many }: { each: StepExecution; it: Iteration; item: Json | undefined; ctx: Context; depth: number; many: boolean }) {
  const onPath = it.steps.some((s) => ctx.path.has(s.stepId));
  const [open, setOpen] = useState(!many || onPath);
  useEffect(() => {
    if (onPath) setOpen(true);
  }, [onPath]);
  const end = it.completedAt ? parseTime(it.completedAt) : it.status && isInFlightStatus(it.status) ? ctx.now : undefined;
  const start = parseTime(it.startedAt);
  return (
    <div className="iteration" data-iteration={it.index}>
      <button
        type="button"
        className="iteration-header"
        aria-expanded={open}
        aria-label={`Iteration ${it.index} of ${each.stepId}${it.status ? `: ${it.status}` : ''}`}
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name={open ? 'chevronDown' : 'chevronRight'} size={12} className="step-chevron" />
        <span className="iteration-index mono-num">[{it.index}]</span>
        <span className="iteration-item mono truncate" title={item === undefined ? undefined : JSON.stringify(item)}>
          {itemPreview(item)}
        </span>
        <span className="step-spacer" />
        <span className="step-meta">{it.steps.length} step{it.steps.length === 1 ? '' : 's'}</span>
        <span className="step-meta mono-num">{formatDuration(start !== undefined && end !== undefined ? end - start : undefined)}</span>
        {it.status && <StatusBadge status={it.status} size="sm" />}
      </button>
      {open && (
        <div className="iteration-steps">
          {it.steps.map((s) => (
            <StepPanel key={s.stepId} step={s} ctx={ctx} depth={depth + 1} />
          ))}
        </div>
      )}
    </div>
  );
}
