import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CopyButton } from '../components/CopyButton';
import { EventList } from '../components/EventList';
import { Icon } from '../components/Icon';
import { JsonView } from '../components/JsonView';
import { Problem } from '../components/Problem';
import { SignalDialog } from '../components/SignalDialog';
import { StatusBadge } from '../components/StatusBadge';
import { StepList } from '../components/StepList';
import { Timeline } from '../components/Timeline';
import { Card, EmptyState, Facts, LiveIndicator, Loading } from '../components/ui';
import { GraphLegend, WorkflowGraph } from '../components/WorkflowGraph';
import { api, ApiError } from '../lib/api';
import { durationBetween, formatClock, formatDateTime, formatDuration, formatRelative, parseTime } from '../lib/format';
import { awaitedSignals, indexRun, labelsOf, resolveSelection } from '../lib/runTree';
import { canCancel, canRetry, canSignal, isLive, labelOf } from '../lib/status';
import type { Run } from '../lib/types';
import { useAsync } from '../lib/useAsync';
import { useLiveRun } from '../lib/useLiveRun';
import { useNow } from '../lib/useNow';

type Action = 'cancel' | 'retry' | 'signal';

const EVENTS_EVERY_MS = 3000;
type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; error: ApiError; action: Action };

export function RunPage({ id }: { id: string }) {
  const { run, error, mode, refresh } = useLiveRun(id);
  const live = run ? isLive(run.status) : false;
  const now = useNow(live);
  const [selected, setSelected] = useState<string>();
  const [asking, setAsking] = useState<Action>();
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<Outcome>();
  // While the run is live its history is read again at most every few seconds of its progress.
  const eventsKey = !run ? '' : live ? `live:${Math.floor((parseTime(run.updatedAt) ?? 0) / EVENTS_EVERY_MS)}` : `rest:${run.updatedAt}`;
  const events = useAsync(() => api.events(id), [id, eventsKey]);
  const version = useAsync(
    () => (run ? api.version(run.workflow, run.version) : Promise.resolve(undefined)),
    [run?.workflow, run?.version],
  );
  const graph = version.data?.graph;
  const labels = useMemo(() => (graph ? labelsOf(graph) : undefined), [graph]);

  if (!run) {
    if (error) {
      return (
        <div className="page">
          <Breadcrumb id={id} />
          {error.status === 404 ? (
            <EmptyState title="No such run" icon="alert">
              {error.detail || `There is no run with id ${id}.`} <Link href="/runs">Back to runs</Link>
            </EmptyState>
          ) : (
            <Problem error={error} title="Could not load the run" />
          )}
        </div>
      );
    }
    return (
      <div className="page">
        <Breadcrumb id={id} />
        <Loading what="the run" />
      </div>
    );
  }

  const act = async (action: 'cancel' | 'retry') => {
    setBusy(true);
    try {
      const result = action === 'cancel' ? await api.cancel(run.runId, reason.trim() || undefined) : await api.retry(run.runId);
      setOutcome({
        kind: 'ok',
        text:
          action === 'cancel'
            ? `Cancellation accepted (the run was ${labelOf(result.status).toLowerCase()} when Ordo answered). Completed steps with a compensation are undone before it ends Cancelled.`
            : `Retry accepted (the run was ${labelOf(result.status).toLowerCase()} when Ordo answered): it resumes from where it failed, with a fresh retry budget.`,
      });
    } catch (e) {
      setOutcome({ kind: 'error', error: e as ApiError, action });
    } finally {
      setBusy(false);
      setAsking(undefined);
      setReason('');
      refresh();
    }
  };

  const signalSent = (name: string) => {
    const waiting = awaitedSignals(run, labels).some((a) => a.name === name);
    setAsking(undefined);
    setOutcome({
      kind: 'ok',
      text: waiting
        ? `Signal “${name}” delivered: the step waiting for it takes its payload as output and the run goes on.`
        : `Signal “${name}” delivered: no step waits for it yet, so the run keeps it for the first step that does.`,
    });
    refresh();
  };

  const end = run.finishedAt ?? (live ? new Date(now).toISOString() : run.updatedAt);
  const index = indexRun(run);
  const chosen = resolveSelection(run, selected);
  const chosenStep = chosen ? index.byId.get(chosen) : undefined;
  const graphSelected = chosenStep ? (chosenStep.kind === 'COMPENSATION' ? `${chosenStep.definitionId}.compensate` : chosenStep.definitionId) : selected;
  const states = [...new Set(run.steps.map((s) => s.status))];
  const attempts = run.steps.reduce((n, s) => n + s.attempts.length, 0);

  return (
    <div className="page">
      <Breadcrumb id={run.runId} />
      <div className="page-header">
        <div className="page-header-main">
          <div className="run-title">
            <h1 className="page-title">
              <span className="mono">{run.runId}</span>
            </h1>
            <CopyButton value={run.runId} label="run id" />
            <StatusBadge status={run.status} />
            <LiveIndicator mode={mode} />
          </div>
          <Facts
            items={[
              [
                'Workflow',
                <Link href={`/workflows/${encodeURIComponent(run.workflow)}/versions/${run.version}`} className="wf-link">
                  {run.workflow} <span className="version">v{run.version}</span>
                </Link>,
              ],
              ['Started', <span title={run.startedAt}>{formatDateTime(run.startedAt)} <span className="muted">· {formatRelative(run.startedAt, now)}</span></span>],
              ['Duration', <span className="mono-num">{formatDuration(durationBetween(run.startedAt, end))}{live ? ' so far' : ''}</span>],
              ['Ended', run.finishedAt ? <span title={run.finishedAt}>{formatDateTime(run.finishedAt)}</span> : <span className="muted">—</span>],
              ...(run.parent
                ? ([
                    [
                      'Parent run',
                      <span>
                        <Link href={`/runs/${run.parent.runId}`} className="mono" data-testid="parent-run">{run.parent.runId.slice(0, 8)}…</Link>{' '}
                        <span className="muted">step <span className="mono">{run.parent.stepId}</span></span>
                      </span>,
                    ],
                  ] as [string, React.ReactNode][])
                : []),
            ]}
          />
        </div>
        <div className="page-actions">
          <button type="button" className="btn btn-sm" onClick={refresh} aria-label="Reload the run">
            <Icon name="refresh" size={14} /> Reload
          </button>
          {canRetry(run.status) && (
            <button type="button" className="btn btn-primary btn-sm" onClick={() => setAsking('retry')}>
              <Icon name="play" size={14} /> Retry run
            </button>
          )}
          {canSignal(run.status) && (
            <button type="button" className="btn btn-sm" onClick={() => setAsking('signal')}>
              <Icon name="send" size={14} /> Send signal
            </button>
          )}
          {canCancel(run.status) && (
            <button type="button" className="btn btn-danger btn-sm" onClick={() => setAsking('cancel')}>
              <Icon name="stop" size={14} /> Cancel run
            </button>
          )}
        </div>
      </div>

      {outcome?.kind === 'ok' && (
        <div className="callout callout-success" role="status">
          <Icon name="check" className="callout-icon" />
          <div className="callout-body">
            <div className="callout-text">{outcome.text}</div>
          </div>
          <button type="button" className="icon-btn" aria-label="Dismiss" onClick={() => setOutcome(undefined)}>
            <Icon name="x" size={14} />
          </button>
        </div>
      )}
      {outcome?.kind === 'error' && (
        <Problem error={outcome.error} title={`Could not ${outcome.action} the run: ${outcome.error.title}`} onDismiss={() => setOutcome(undefined)} />
      )}
      {error && <Problem error={error} title="Lost touch with the run; showing what was last seen" />}
      <RunErrorBanner run={run} onSelect={setSelected} />

      <Card title="Graph" actions={<GraphLegend compensation={Boolean(graph?.nodes.some((n) => n.kind === 'compensation'))} states={states} />}>
        {graph ? (
          <WorkflowGraph graph={graph} run={run} selected={graphSelected} onSelect={setSelected} />
        ) : version.error ? (
          <Problem error={version.error} title="Could not load the workflow's graph" />
        ) : (
          <Loading what="the graph" />
        )}
      </Card>

      <Card title="Timeline" actions={<span className="muted small">{plural(run.steps.length, 'step')}, {plural(attempts, 'attempt')} over {formatDuration(durationBetween(run.startedAt, end))}</span>}>
        <Timeline run={run} now={parseTime(end) ?? now} onSelect={setSelected} labels={labels} />
      </Card>

      <Card title="Steps and attempts" flush>
        <StepList run={run} selected={chosen} now={now} labels={labels} />
      </Card>

      {run.signals && run.signals.length > 0 && (
        <Card title={`Signals kept (${run.signals.length})`} flush actions={<span className="muted small">no step has taken them yet; the first step to wait for one takes it</span>}>
          <table className="table signals-table">
            <thead>
              <tr>
                <th>Signal</th>
                <th>Received</th>
                <th>Payload</th>
              </tr>
            </thead>
            <tbody>
              {run.signals.map((sig, i) => (
                <tr key={`${sig.name}-${i}`} data-signal={sig.name}>
                  <td className="mono">{sig.name}</td>
                  <td className="mono-num small" title={sig.receivedAt}>{formatClock(sig.receivedAt)}</td>
                  <td>
                    <JsonView value={sig.payload ?? null} label={`payload of signal ${sig.name}`} openDepth={1} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}

      <div className="grid-2">
        <Card title="Input">
          <JsonView value={run.input} label="run input" openDepth={3} />
        </Card>
        <Card title="Output">
          <JsonView value={run.output} label="run output" openDepth={3} empty={live ? 'The run has not finished yet.' : 'This run has no output.'} />
        </Card>
      </div>

      <Card title={`Events${events.data ? ` (${events.data.length})` : ''}`} flush>
        {events.data ? <EventList events={events.data} startedAt={run.startedAt} /> : events.error ? <Problem error={events.error} title="Could not load the events" /> : <Loading what="events" />}
      </Card>

      {asking === 'cancel' && (
        <ConfirmDialog title="Cancel this run?" confirmLabel="Cancel run" tone="danger" busy={busy} onCancel={() => setAsking(undefined)} onConfirm={() => void act('cancel')}>
          <p>
            The run stops going forward. Steps that completed and have a <code>compensate</code> are undone, most recent first; the run
            ends <strong>Cancelled</strong>.
          </p>
          <label className="field field-block">
            <span className="field-label">Reason (optional, kept in the run's history)</span>
            <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="cancelled by an operator" />
          </label>
        </ConfirmDialog>
      )}
      {asking === 'signal' && (
        <SignalDialog runId={run.runId} awaited={awaitedSignals(run, labels)} onClose={() => setAsking(undefined)} onSent={signalSent} />
      )}
      {asking === 'retry' && (
        <ConfirmDialog title="Retry this run?" confirmLabel="Retry run" busy={busy} onCancel={() => setAsking(undefined)} onConfirm={() => void act('retry')}>
          <p>
            {run.status === 'COMPENSATION_FAILED'
              ? 'The compensation that gave up is tried again, with a fresh retry budget; the run then goes on compensating.'
              : `The run resumes from the step that failed${run.error?.stepId ? ` (${run.error.stepId})` : ''}, with a fresh retry budget. Completed steps are not run again.`}
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function Breadcrumb({ id }: { id: string }) {
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link href="/runs">Runs</Link>
      <Icon name="chevronRight" size={12} />
      <span className="mono" aria-current="page">{id}</span>
    </nav>
  );
}

function RunErrorBanner({ run, onSelect }: { run: Run; onSelect: (stepId: string) => void }) {
  if (!run.error) return null;
  const e = run.error;
  const compensated = run.status === 'COMPENSATED' || run.status === 'COMPENSATING';
  const compensations = run.steps.filter((s) => s.kind === 'COMPENSATION');
  const headline =
    run.status === 'COMPENSATED'
      ? 'The run failed and every completed step was compensated'
      : run.status === 'COMPENSATING'
        ? 'The run failed; completed steps are being compensated'
        : run.status === 'COMPENSATION_FAILED'
          ? 'A compensation gave up: the run waits for an operator to retry it'
          : run.status === 'CANCELLED'
            ? 'The run was cancelled'
            : run.status === 'TIMED_OUT'
              ? 'The run timed out'
              : 'The run failed';
  return (
    <div className={`callout ${run.status === 'CANCELLED' ? 'callout-neutral' : compensated ? 'callout-warning' : 'callout-danger'}`} data-testid="run-error">
      <Icon name="alert" className="callout-icon" />
      <div className="callout-body">
        <div className="callout-title">{headline}</div>
        <div className="callout-text">
          <span className="error-type">{e.type}</span> {e.message}
        </div>
        <div className="callout-meta">
          {e.stepId && (
            <button type="button" className="link-btn" onClick={() => onSelect(e.stepId!)}>
              in step <span className="mono">{e.stepId}</span>
            </button>
          )}
          <span>{e.retryable ? 'retryable' : 'not retryable'}</span>
          {compensations.length > 0 && (
            <span>
              compensations: {compensations.filter((s) => s.status === 'COMPLETED').length} of {compensations.length}{' '}
              done
            </span>
          )}
        </div>
      </div>
    </div>
  );
}
