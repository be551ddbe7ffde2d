import { useState } from 'react';
import { CopyButton } from '../components/CopyButton';
import { Problem } from '../components/Problem';
import { EmptyState, LiveIndicator, Loading, PageHeader } from '../components/ui';
import { api } from '../lib/api';
import { formatDuration, formatNumber, formatPercent } from '../lib/format';
import type { FunctionUsage } from '../lib/types';
import { useAsync } from '../lib/useAsync';

type SortKey = 'function' | 'invocations' | 'failureRate' | 'retries' | 'inFlight' | 'p50Millis' | 'p99Millis' | 'computeSeconds';

const COLUMNS: { key: SortKey; label: string; title?: string }[] = [
  { key: 'function', label: 'Function' },
  { key: 'invocations', label: 'Invocations', title: 'Attempts dispatched to workers' },
  { key: 'failureRate', label: 'Failures', title: 'Failed or timed-out attempts, and their share of invocations' },
  { key: 'retries', label: 'Retries', title: 'Attempts after the first' },
  { key: 'inFlight', label: 'In flight', title: 'Dispatched and not yet reported' },
  { key: 'p50Millis', label: 'p50', title: 'Median attempt duration (upper bound of its histogram bucket)' },
  { key: 'p99Millis', label: 'p99', title: '99th percentile attempt duration (upper bound of its histogram bucket)' },
  { key: 'computeSeconds', label: 'Compute', title: 'Sum of attempt durations workers reported' },
];

function sortValue(f: FunctionUsage, key: SortKey): number | string {
  if (key === 'function') return f.function;
  if (key === 'failureRate') return f.invocations ? f.failures / f.invocations : 0;
  return f[key];
}

/** Per-function metering: what each function costs and how reliable it is. */
export function FunctionsPage() {
  const usage = useAsync(() => api.functions(), [], 5000);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'invocations', desc: true });
  const missing = usage.error?.isMissingEndpoint;
  const rows = [...(usage.data ?? [])].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    const c = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number);
    return sort.desc ? -c : c;
  });
  const totals = rows.reduce(
    (t, f) => ({
      invocations: t.invocations + f.invocations,
      failures: t.failures + f.failures,
      inFlight: t.inFlight + f.inFlight,
      compute: t.compute + f.computeSeconds,
    }),
    { invocations: 0, failures: 0, inFlight: 0, compute: 0 },
  );

  return (
    <div className="page">
      <PageHeader title="Functions" subtitle="Every step function workers run: how often, how reliably, how fast, and the compute it used." actions={usage.data ? <LiveIndicator mode="on" /> : undefined} />
      {usage.error && !missing && <Problem error={usage.error} title="Could not load function metrics" />}
      {usage.data && usage.data.length > 0 && (
        <div className="stats">
          <Stat label="Invocations" value={formatNumber(totals.invocations)} />
          <Stat label="Failure rate" value={formatPercent(totals.failures, totals.invocations)} tone={totals.failures ? 'danger' : undefined} />
          <Stat label="In flight" value={formatNumber(totals.inFlight)} />
          <Stat label="Compute" value={formatDuration(totals.compute * 1000)} />
        </div>
      )}
      <div className="table-card">
        {!usage.data && !usage.error && <Loading what="function metrics" />}
        {(missing || usage.data?.length === 0) && (
          <EmptyState title="No function metrics yet" icon="play">
            {missing
              ? 'This Ordo does not report per-function metrics yet (GET /api/v1/functions is not there).'
              : 'Metrics appear here once runs have dispatched steps to workers.'}
          </EmptyState>
        )}
        {rows.length > 0 && (
          <table className="table functions-table">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.key} scope="col" className={c.key === 'function' ? '' : 'num'} aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'} title={c.title}>
                    <button type="button" className="th-sort" onClick={() => setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : c.key !== 'function' }))}>
                      {c.label}
                      <span className="sort-mark" aria-hidden="true">{sort.key === c.key ? (sort.desc ? '↓' : '↑') : ''}</span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((f) => {
                const rate = f.invocations ? f.failures / f.invocations : 0;
                return (
                  <tr key={f.function} data-function={f.function}>
                    <td>
                      <span className="run-id-cell">
                        <span className="mono">{f.function}</span>
                        <CopyButton value={f.function} label="function name" />
                      </span>
                    </td>
                    <td className="num mono-num">{formatNumber(f.invocations)}</td>
                    <td className="num">
                      <span className="rate">
                        <span className="mono-num">{formatNumber(f.failures)}</span>
                        <span className={rate > 0 ? 'rate-pct danger' : 'rate-pct'}>{formatPercent(f.failures, f.invocations)}</span>
                        <span className="rate-bar" aria-hidden="true">
                          <span style={{ width: `${Math.min(rate * 100, 100)}%` }} />
                        </span>
                      </span>
                    </td>
                    <td className="num mono-num">{formatNumber(f.retries)}</td>
                    <td className="num mono-num">{f.inFlight > 0 ? <span className="inflight">{formatNumber(f.inFlight)}</span> : '0'}</td>
                    <td className="num mono-num">{f.p50Millis > 0 ? formatDuration(f.p50Millis) : '—'}</td>
                    <td className="num mono-num">{f.p99Millis > 0 ? formatDuration(f.p99Millis) : '—'}</td>
                    <td className="num mono-num">{formatDuration(f.computeSeconds * 1000)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      {rows.length > 0 && <p className="footnote">p50 and p99 are the upper bounds of the histogram buckets the percentiles fall in (exact to a factor of two). Compute is the sum of the durations workers reported.</p>}
    </div>
  );
}

function Stat({ label, value, tone }: { label: string; value: string; tone?: 'danger' }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className={tone ? `stat-value ${tone}` : 'stat-value'}>{value}</div>
    </div>
  );
}
