import { useEffect, useRef, useState } from 'react';
import { durationBetween, formatClock, formatDuration, formatRelative, parseTime } from '../lib/format';
import type { Attempt, Json, StepExecution } from '../lib/types';
import { Icon } from './Icon';
import { JsonView } from './JsonView';
import { StatusBadge } from './StatusBadge';

/** Every step of a run with every attempt: status, worker, timings, and input/output/error. */
export function StepList({ steps, selected, now }: { steps: StepExecution[]; selected?: string; now: number }) {
  if (steps.length === 0) return <p className="muted pad">No step has been scheduled yet.</p>;
  return (
    <div className="steps">
      {steps.map((s) => (
        <StepPanel key={s.stepId} step={s} selected={selected === s.stepId} now={now} />
      ))}
    </div>
  );
}

function stepDuration(step: StepExecution, now: number): number | undefined {
  const first = step.attempts[0]?.scheduledAt;
  const last = step.attempts[step.attempts.length - 1];
  const end = step.completedAt ?? last?.finishedAt;
  if (end) return durationBetween(first, end);
  const t = parseTime(first);
  return t === undefined ? undefined : now - t;
}

function StepPanel({ step, selected, now }: { step: StepExecution; selected: boolean; now: number }) {
  const [open, setOpen] = useState(true);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selected) {
      setOpen(true);
      ref.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    }
  }, [selected]);
  const compensation = step.kind === 'COMPENSATION';
  return (
    <div ref={ref} className={`step${selected ? ' selected' : ''}${compensation ? ' compensation' : ''}`} id={`step-${step.stepId}`} data-step={step.stepId}>
      <button type="button" className="step-header" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <Icon name={open ? 'chevronDown' : 'chevronRight'} size={14} className="step-chevron" />
        <span className="step-name">
          {compensation && <span className="lane-tag">compensation</span>}
          {compensation ? step.definitionId : step.stepId}
        </span>
        <span className="step-fn mono">{step.function}</span>
        <span className="step-spacer" />
        {step.status === 'BACKING_OFF' && step.nextAttemptAt && (
          <span className="step-next" title={formatClock(step.nextAttemptAt)}>
            next attempt {formatRelative(step.nextAttemptAt, now)}
          </span>
        )}
        <span className="step-meta">
          {step.attempts.length} attempt{step.attempts.length === 1 ? '' : 's'}
        </span>
        <span className="step-meta mono-num">{formatDuration(stepDuration(step, now))}</span>
        <StatusBadge status={step.status} size="sm" />
      </button>
      {open && (
        <div className="attempts" role="table" aria-label={`Attempts of ${step.stepId}`}>
          <div className="attempt-row attempt-head" role="row">
            <span role="columnheader" />
            <span role="columnheader">Attempt</span>
            <span role="columnheader">Status</span>
            <span role="columnheader">Worker</span>
            <span role="columnheader">Scheduled</span>
            <span role="columnheader" className="num">Queued</span>
            <span role="columnheader" className="num">Ran</span>
            <span role="columnheader">Result</span>
          </div>
          {step.attempts.map((a, i) => (
            <AttemptRow key={a.number} attempt={a} now={now} defaultOpen={selected && i === step.attempts.length - 1} stepId={step.stepId} />
          ))}
        </div>
      )}
    </div>
  );
}

function AttemptRow({ attempt: a, now, defaultOpen, stepId }: { attempt: Attempt; now: number; defaultOpen: boolean; stepId: string }) {
  const [open, setOpen] = useState(defaultOpen);
  useEffect(() => {
    if (defaultOpen) setOpen(true);
  }, [defaultOpen]);
  const inFlight = a.status === 'SCHEDULED' || a.status === 'RUNNING';
  const queued = a.startedAt ? durationBetween(a.scheduledAt, a.startedAt) : inFlight ? now - (parseTime(a.scheduledAt) ?? now) : undefined;
  const ran = a.startedAt ? (a.finishedAt ? durationBetween(a.startedAt, a.finishedAt) : inFlight ? now - (parseTime(a.startedAt) ?? now) : undefined) : undefined;
  return (
    <div className={`attempt${open ? ' open' : ''}`} role="rowgroup" data-attempt={a.number}>
      <div
        className="attempt-row"
        role="row"
        tabIndex={0}
        aria-expanded={open}
        aria-label={`Attempt ${a.number} of ${stepId}: ${a.status}`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            setOpen((o) => !o);
          }
        }}
      >
        <span role="cell">
          <Icon name={open ? 'chevronDown' : 'chevronRight'} size={12} className="muted" />
        </span>
        <span role="cell" className="mono-num">#{a.number}</span>
        <span role="cell">
          <StatusBadge status={a.status} size="sm" />
        </span>
        <span role="cell" className="mono small truncate" title={a.workerId}>
          {a.workerId ?? '—'}
        </span>
        <span role="cell" className="mono-num small" title={a.scheduledAt}>
          {formatClock(a.scheduledAt)}
        </span>
        <span role="cell" className="num mono-num small">{formatDuration(queued)}</span>
        <span role="cell" className="num mono-num small">{formatDuration(ran)}</span>
        <span role="cell" className="attempt-result truncate">
          {a.error ? (
            <span className="error-inline" title={a.error.message}>
              <span className={a.status === 'CANCELLED' ? 'error-type neutral' : 'error-type'}>{a.error.type}</span> {a.error.message}
            </span>
          ) : a.output !== undefined ? (
            <span className="muted mono small truncate">{JSON.stringify(a.output)}</span>
          ) : (
            <span className="muted small">{inFlight ? `deadline ${formatClock(a.deadline)}` : '—'}</span>
          )}
        </span>
      </div>
      {open && (
        <div className="attempt-detail">
          <div className="attempt-io">
            <div>
              <div className="io-label">Input</div>
              <JsonView value={a.input} label={`input of ${stepId} attempt ${a.number}`} />
            </div>
            <div>
              <div className="io-label">Output</div>
              <JsonView value={a.output} label={`output of ${stepId} attempt ${a.number}`} empty={inFlight ? 'not yet' : 'no output'} />
            </div>
            {a.error && (
              <div>
                <div className="io-label">Error</div>
                <JsonView value={a.error as unknown as Json} label={`error of ${stepId} attempt ${a.number}`} />
              </div>
            )}
          </div>
          <dl className="attempt-times">
            <div><dt>Scheduled</dt><dd className="mono small">{a.scheduledAt}</dd></div>
            <div><dt>Started</dt><dd className="mono small">{a.startedAt ?? '—'}</dd></div>
            <div><dt>Finished</dt><dd className="mono small">{a.finishedAt ?? '—'}</dd></div>
            <div><dt>Deadline</dt><dd className="mono small">{a.deadline}</dd></div>
          </dl>
        </div>
      )}
    </div>
  );
}
