import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { CopyButton } from '../components/CopyButton';
import { Icon } from '../components/Icon';
import { Problem } from '../components/Problem';
import { StatusBadge } from '../components/StatusBadge';
import { EmptyState, LiveIndicator, Loading, PageHeader } from '../components/ui';
import { api, ApiError } from '../lib/api';
import { durationBetween, formatDateTime, formatDuration, formatNumber, formatRelative, UUID_PATTERN } from '../lib/format';
import { labelOf, toneOf } from '../lib/status';
import { RUN_STATUSES, type RunStatus, type RunSummary } from '../lib/types';
import { useAsync } from '../lib/useAsync';
import { useQueryState } from '../lib/useQueryState';

const PAGE_SIZE = 25;
const POLL_MS = 3000;

const RANGES: { id: string; label: string; ms?: number }[] = [
  { id: '', label: 'Any time' },
  { id: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: 'custom', label: 'Custom range…' },
];

/** datetime-local values are local wall-clock times; the API wants instants. */
function localToIso(value: string | null): string | undefined {
  if (!value) return undefined;
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

export function RunsPage() {
  const [params, setParams] = useQueryState();
  const [, navigate] = useLocation();
  const workflow = params.get('workflow') ?? '';
  const status = params.get('status') ?? '';
  const range = params.get('range') ?? '';
  const from = params.get('from');
  const to = params.get('to');
  const cursor = params.get('cursor') ?? '';
  const [newer, setNewer] = useState<string[]>([]);
  const [live, setLive] = useState(true);
  const [query, setQuery] = useState('');
  const [lookup, setLookup] = useState<{ busy: boolean; error?: ApiError }>({ busy: false });
  const searchBox = useRef<HTMLInputElement>(null);

  const filterKey = [workflow, status, range, from, to].join('|');
  useEffect(() => setNewer([]), [filterKey]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) {
        e.preventDefault();
        searchBox.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const preset = RANGES.find((r) => r.id === range);
  const runs = useAsync(
    () =>
      api.runs({
        workflow: workflow || undefined,
        status: status || undefined,
        since: preset?.ms ? new Date(Date.now() - preset.ms).toISOString() : range === 'custom' ? localToIso(from) : undefined,
        until: range === 'custom' ? localToIso(to) : undefined,
        limit: PAGE_SIZE,
        cursor: cursor || undefined,
      }),
    [workflow, status, range, from, to, cursor],
    live ? POLL_MS : undefined,
  );
  const counts = useAsync(() => api.counts(workflow || undefined), [workflow], live ? POLL_MS : undefined);
  const workflows = useAsync(() => api.workflows(), []);

  const setFilter = (changes: Record<string, string | undefined>) => setParams({ ...changes, cursor: undefined });

  const openById = async (id: string) => {
    setLookup({ busy: true });
    try {
      await api.run(id);
      navigate(`/runs/${id}`);
    } catch (e) {
      setLookup({ busy: false, error: e as ApiError });
    }
  };

  const trimmed = query.trim().toLowerCase();
  const rows: RunSummary[] | undefined = runs.data?.runs.filter((r) => !trimmed || r.runId.toLowerCase().includes(trimmed));
  const countsMissing = counts.error?.isMissingEndpoint ?? false;
  const total = counts.data ? Object.values(counts.data).reduce((a, b) => a + (b ?? 0), 0) : undefined;

  return (
    <div className="page">
      <PageHeader
        title="Runs"
        subtitle="Every run of every workflow, newest first."
        actions={
          <button type="button" className="btn btn-sm" onClick={() => setLive((l) => !l)} aria-pressed={live}>
            {live ? <LiveIndicator mode="on" /> : <span className="muted">Paused</span>}
            <span className="btn-divider" />
            {live ? 'Pause' : 'Resume'}
          </button>
        }
      />

      <div className="status-tabs" role="group" aria-label="Filter by status">
        <StatusTab active={!status} label="All" count={total} onClick={() => setFilter({ status: undefined })} />
        {RUN_STATUSES.filter((s) => countsMissing || !counts.data || (counts.data[s] ?? 0) > 0 || s === status).map((s) => (
          <StatusTab
            key={s}
            status={s}
            active={status === s}
            label={labelOf(s)}
            count={counts.data ? counts.data[s] ?? 0 : undefined}
            onClick={() => setFilter({ status: s })}
          />
        ))}
      </div>

      <div className="toolbar">
        <form
          className="search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            const id = query.trim();
            if (UUID_PATTERN.test(id)) void openById(id);
            else if (id) setLookup({ busy: false, error: new ApiError(400, 'Not a run id', `"${id}" is not a whole run id (a UUID such as 0b9c1f2e-…). Rows on this page whose id contains it are shown below.`) });
          }}
        >
          <Icon name="search" className="search-icon" />
          <input
            ref={searchBox}
            type="search"
            placeholder="Search by run id…"
            aria-label="Search by run id"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setLookup({ busy: false });
            }}
          />
          <kbd className="search-kbd" aria-hidden="true">/</kbd>
        </form>
        <label className="field">
          <span className="field-label">Workflow</span>
          <select value={workflow} onChange={(e) => setFilter({ workflow: e.target.value || undefined })} aria-label="Workflow">
            <option value="">All workflows</option>
            {workflows.data?.map((w) => (
              <option key={w.name} value={w.name}>
                {w.name}
              </option>
            ))}
            {workflow && !workflows.data?.some((w) => w.name === workflow) && <option value={workflow}>{workflow}</option>}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Started</span>
          <select value={range} onChange={(e) => setFilter({ range: e.target.value || undefined, from: undefined, to: undefined })} aria-label="Time range">
            {RANGES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        {range === 'custom' && (
          <>
            <label className="field">
              <span className="field-label">From</span>
              <input type="datetime-local" value={from ?? ''} onChange={(e) => setFilter({ from: e.target.value || undefined })} aria-label="From" />
            </label>
            <label className="field">
              <span className="field-label">To</span>
              <input type="datetime-local" value={to ?? ''} onChange={(e) => setFilter({ to: e.target.value || undefined })} aria-label="To" />
            </label>
          </>
        )}
        {(workflow || status || range) && (
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setParams({ workflow: undefined, status: undefined, range: undefined, from: undefined, to: undefined, cursor: undefined })}>
            <Icon name="x" size={14} /> Clear filters
          </button>
        )}
      </div>

      {lookup.error && <Problem error={lookup.error} onDismiss={() => setLookup({ busy: false })} />}
      {runs.error && <Problem error={runs.error} title="Could not load runs" />}

      <div className="table-card">
        {!runs.data && runs.loading && <Loading what="runs" />}
        {rows && rows.length === 0 && (
          <EmptyState title={trimmed ? 'No run on this page matches' : 'No runs match these filters'} icon="play">
            {trimmed ? 'Paste a whole run id and press Enter to open it.' : (workflow || status || range) ? 'Try a wider time range or clear the filters.' : <>Start one with <code>POST /api/v1/workflows/&lt;name&gt;/runs</code>.</>}
          </EmptyState>
        )}
        {rows && rows.length > 0 && (
          <table className="table runs-table">
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Workflow</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col" className="num">Duration</th>
                <th scope="col">Ended</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <RunRow key={r.runId} run={r} onOpen={() => navigate(`/runs/${r.runId}`)} />
              ))}
            </tbody>
          </table>
        )}
        {runs.data && (
          <div className="pager">
            <span className="muted small">
              {rows?.length ?? 0} run{rows?.length === 1 ? '' : 's'} on this page{newer.length > 0 || cursor ? ` · page ${newer.length + 1}` : ''}
            </span>
            <div className="pager-buttons">
              <button
                type="button"
                className="btn btn-sm"
                disabled={!cursor}
                onClick={() => {
                  const stack = [...newer];
                  const previous = stack.pop();
                  setNewer(stack);
                  setParams({ cursor: previous || undefined });
                }}
              >
                <Icon name="arrowLeft" size={14} /> Newer
              </button>
              <button
                type="button"
                className="btn btn-sm"
                disabled={!runs.data.nextCursor}
                onClick={() => {
                  setNewer([...newer, cursor]);
                  setParams({ cursor: runs.data?.nextCursor });
                }}
              >
                Older <Icon name="arrowRight" size={14} />
              </button>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

function StatusTab({ status, active, label, count, onClick }: { status?: RunStatus; active: boolean; label: string; count?: number; onClick: () => void }) {
  return (
    <button type="button" aria-pressed={active} className={active ? 'status-tab active' : 'status-tab'} onClick={onClick} data-status={status ?? 'ALL'}>
      {status && <span className={`dot tone-${toneOf(status)}`} aria-hidden="true" />}
      <span>{label}</span>
      {count !== undefined && <span className="status-tab-count">{formatNumber(count)}</span>}
    </button>
  );
}

function RunRow({ run, onOpen }: { run: RunSummary; onOpen: () => void }) {
  const end = run.finishedAt ?? (run.status === 'RUNNING' || run.status === 'COMPENSATING' ? new Date().toISOString() : run.updatedAt);
  return (
    <tr className="row-link" onClick={onOpen} data-run={run.runId}>
      <td>
        <span className="run-id-cell">
          <Link href={`/runs/${run.runId}`} className="mono run-id" onClick={(e) => e.stopPropagation()}>
            {run.runId}
          </Link>
          <CopyButton value={run.runId} label="run id" />
        </span>
      </td>
      <td>
        <span className="wf-cell">
          {run.workflow}
          <span className="version">v{run.version}</span>
          {run.parentRunId && (
            <Link href={`/runs/${run.parentRunId}`} className="tag child-tag" title={`a child run of ${run.parentRunId}`} onClick={(e) => e.stopPropagation()}>
              child of {run.parentRunId.slice(0, 8)}
            </Link>
          )}
        </span>
      </td>
      <td>
        <StatusBadge status={run.status} size="sm" />
      </td>
      <td title={formatDateTime(run.createdAt)}>{formatRelative(run.createdAt)}</td>
      <td className="num mono-num">{formatDuration(durationBetween(run.createdAt, end))}</td>
      <td className="muted" title={formatDateTime(run.finishedAt)}>
        {run.finishedAt ? formatDateTime(run.finishedAt) : '—'}
      </td>
    </tr>
  );
}
