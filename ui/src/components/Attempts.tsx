import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { durationBetween, formatClock, formatDuration, parseTime } from '../lib/format';
import { childRunOf } from '../lib/runTree';
import type { Attempt, Json, StepExecution } from '../lib/types';
import { Icon } from './Icon';
import { JsonView } from './JsonView';
import { StatusBadge } from './StatusBadge';

/** A step's attempts as a table: status, worker (a child run, linked), timings; each opens to its input, output and error. */
export function Attempts({ step, now, selected }: { step: StepExecution; now: number; selected: boolean }) {
  return (
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
  );
}

function Worker({ workerId }: { workerId?: string }) {
  const child = childRunOf(workerId);
  if (child) {
    return (
      <Link href={`/runs/${child}`} className="mono small truncate" title={`child run ${child}`} onClick={(e) => e.stopPropagation()}>
        run {child.slice(0, 8)}…
      </Link>
    );
  }
  return (
    <span className="mono small truncate" title={workerId}>
      {workerId ?? '—'}
    </span>
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
          if (e.target !== e.currentTarget) return;
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
        <span role="cell" className="truncate">
          <Worker workerId={a.workerId} />
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
            <span className="muted small">{inFlight ? (a.deadline ? `deadline ${formatClock(a.deadline)}` : 'no deadline') : '—'}</span>
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
            <div><dt>Deadline</dt><dd className="mono small">{a.deadline ?? 'none'}</dd></div>
          </dl>
        </div>
      )}
    </div>
  );
}
