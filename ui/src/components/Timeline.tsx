import { formatDuration } from '../lib/format';
import { labelOf, toneOf } from '../lib/status';
import { buildTimeline, place, ticks, type Segment } from '../lib/timelineLayout';
import type { Run } from '../lib/types';

/** A Gantt chart of every attempt: queued and running time per attempt, backoff gaps between. */
export function Timeline({ run, now, onSelect }: { run: Run; now: number; onSelect?: (stepId: string) => void }) {
  const timeline = buildTimeline(run, now);
  const span = timeline.end - timeline.start;
  const marks = ticks(span);
  if (timeline.rows.length === 0) {
    return <p className="muted">No step has been scheduled yet.</p>;
  }
  return (
    <div className="timeline" role="group" aria-label="Timeline of attempts">
      <div className="timeline-row timeline-axis" aria-hidden="true">
        <div className="timeline-label" />
        <div className="timeline-track">
          {marks.map((t) => (
            <span key={t} className="timeline-tick" style={{ left: `${(t / Math.max(span, 1)) * 100}%` }}>
              {t === 0 ? '0' : `+${formatDuration(t)}`}
            </span>
          ))}
        </div>
      </div>
      {timeline.rows.map((row) => (
        <div key={row.stepId} className={`timeline-row lane-${row.lane}`} data-step={row.stepId}>
          <button type="button" className="timeline-label" onClick={() => onSelect?.(row.stepId)} title={`${row.stepId} — ${row.function}`}>
            <span className="timeline-step">{row.lane === 'compensation' ? `↶ ${row.stepId.replace(/\.compensate$/, '')}` : row.stepId}</span>
            <span className="timeline-fn mono">{row.function}</span>
          </button>
          <div className="timeline-track">
            {marks.map((t) => (
              <span key={t} className="timeline-grid" style={{ left: `${(t / Math.max(span, 1)) * 100}%` }} />
            ))}
            {row.segments.map((s, i) => (
              <Bar key={i} segment={s} t0={timeline.start} t1={timeline.end} />
            ))}
          </div>
        </div>
      ))}
      <ul className="legend timeline-legend" aria-label="Legend">
        <li><span className="legend-bar queued" />Queued (dispatched, waiting for a worker)</li>
        <li><span className="legend-bar running tone-success" />Running, by outcome</li>
        <li><span className="legend-bar backoff" />Backoff before the next attempt</li>
      </ul>
    </div>
  );
}

function Bar({ segment, t0, t1 }: { segment: Segment; t0: number; t1: number }) {
  const { left, width } = place(segment, t0, t1);
  const duration = formatDuration(segment.end - segment.start);
  const what =
    segment.kind === 'backoff'
      ? `backoff before attempt ${segment.attempt}: ${duration}${segment.ongoing ? ' (waiting)' : ''}`
      : `attempt ${segment.attempt} ${segment.kind}: ${duration} — ${labelOf(segment.status)}`;
  const tone = segment.kind === 'running' ? ` tone-${toneOf(segment.status)}` : '';
  return (
    <span
      className={`timeline-bar ${segment.kind}${tone}${segment.ongoing ? ' ongoing' : ''}`}
      style={{ left: `${left}%`, width: `${width}%` }}
      title={what}
      data-attempt={segment.attempt}
      data-kind={segment.kind}
    >
      {segment.kind === 'backoff' && width > 8 && <span className="timeline-bar-text">backoff {duration}</span>}
      {segment.kind === 'running' && width > 8 && <span className="timeline-bar-text">#{segment.attempt} · {duration}</span>}
    </span>
  );
}
