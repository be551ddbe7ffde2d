import { useState } from 'react';
import { durationBetween, formatClock, formatDuration } from '../lib/format';
import type { HistoryEvent, Json } from '../lib/types';
import { CopyButton } from './CopyButton';

function toneOfEvent(type: string): string {
  if (/Fail|TimedOut|Timeout|Dead/.test(type)) return 'danger';
  if (/Compensat/.test(type)) return 'warning';
  if (/Cancel/.test(type)) return 'neutral';
  if (/Completed|Succeeded/.test(type)) return 'success';
  if (/Retry/.test(type)) return 'warning';
  return 'info';
}

function show(value: Json): string {
  if (value === null) return 'null';
  // A list of names (the steps to compensate, in order) reads better without JSON's quotes.
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return value.map(String).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Rows drawn at first; a run with a thousand iterations has thousands of events. */
export const EVENTS_SHOWN = 200;

/** The run's history, in order: what happened, when (after the run started), and its details. */
export function EventList({ events, startedAt }: { events: HistoryEvent[]; startedAt: string }) {
  const [limit, setLimit] = useState(EVENTS_SHOWN);
  if (events.length === 0) return <p className="muted pad">No events yet.</p>;
  return (
    <>
      <table className="table events-table">
        <thead>
          <tr>
            <th scope="col" className="num">#</th>
            <th scope="col">Time</th>
            <th scope="col" className="num">After start</th>
            <th scope="col">Event</th>
            <th scope="col">Details</th>
            <th scope="col" className="actions-col"><span className="sr-only">Copy</span></th>
          </tr>
        </thead>
        <tbody>
          {events.slice(0, limit).map((e) => {
            const data = e.data && typeof e.data === 'object' && !Array.isArray(e.data) ? Object.entries(e.data) : [];
            return (
              <tr key={e.seq} data-event={e.type}>
                <td className="num mono-num muted">{e.seq}</td>
                <td className="mono-num small" title={e.at}>{formatClock(e.at)}</td>
                <td className="num mono-num small muted">+{formatDuration(durationBetween(startedAt, e.at))}</td>
                <td>
                  <span className={`event-type tone-${toneOfEvent(e.type)}`}>{e.type}</span>
                </td>
                <td>
                  <div className="event-data">
                  {data.length === 0 && e.data !== null && typeof e.data !== 'object' ? <span className="mono small">{show(e.data)}</span> : null}
                  {data.map(([k, v]) => (
                    <span key={k} className="kv" title={show(v)}>
                      <span className="kv-key">{k}</span>
                      <span className="kv-value mono">{show(v)}</span>
                    </span>
                  ))}
                  </div>
                </td>
                <td className="actions-col">
                  <CopyButton value={JSON.stringify(e, null, 2)} label={`event ${e.seq}`} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {events.length > limit && (
        <div className="table-more">
          <span className="muted small">
            {limit.toLocaleString()} of {events.length.toLocaleString()} events shown
          </span>
          <button type="button" className="btn btn-sm" onClick={() => setLimit((n) => n + EVENTS_SHOWN * 5)}>
            Show {Math.min(EVENTS_SHOWN * 5, events.length - limit).toLocaleString()} more
          </button>
        </div>
      )}
    </>
  );
}
