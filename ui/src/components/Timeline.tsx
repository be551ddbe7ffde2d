import { useMemo, useState } from 'react';
import { formatDuration } from '../lib/format';
import { labelOf, toneOf } from '../lib/status';
import { buildTimeline, ITERATION_PAGE, place, ticks, type Segment, type TimelineRow } from '../lib/timelineLayout';
import { indexRun, type StepLabels } from '../lib/runTree';
import type { Run } from '../lib/types';
import { Icon } from './Icon';

/**
 * A Gantt chart of the run: every attempt (queued and running time, backoff gaps between), the
 * span of every wait and composite step, nested steps indented under their parent. A forEach's
 * iterations are one row each, folded into the forEach's row when there are many.
 */
export function Timeline({ run, now, onSelect, labels }: { run: Run; now: number; onSelect?: (stepId: string) => void; labels?: StepLabels }) {
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  const [shown, setShown] = useState<ReadonlyMap<string, number>>(new Map());
  const timeline = useMemo(() => buildTimeline(run, now, { toggled, shown }), [run, now, toggled, shown]);
  const span = timeline.end - timeline.start;
  const marks = ticks(span);
  if (timeline.rows.length === 0) {
    return <p className="muted">No step has been scheduled yet.</p>;
  }
  const toggle = (id: string) =>
    setToggled((t) => {
      const next = new Set(t);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const showMore = (id: string, current: number) => setShown((m) => new Map(m).set(id, current + ITERATION_PAGE));
  const hasWaits = timeline.rows.some((r) => r.segments.some((s) => s.kind === 'wait'));
  const hasSpans = timeline.rows.some((r) => r.segments.some((s) => s.kind === 'span'));
  const hasDensity = timeline.rows.some((r) => r.segments.some((s) => s.kind === 'density'));
  return (
    <div className="timeline" role="group" aria-label="Timeline of the run">
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
      {timeline.rows.map((row) =>
        row.more ? (
          <div key={row.key} className="timeline-row timeline-more">
            <div className="timeline-label-cell" style={{ paddingLeft: row.depth * 14 }}>
              <button type="button" className="link-btn small" onClick={() => showMore(row.more!.forEach, row.more!.shown)}>
                Show {Math.min(ITERATION_PAGE, row.more.total - row.more.shown)} more of {row.more.total.toLocaleString()} iterations
              </button>
            </div>
            <div className="timeline-track" />
          </div>
        ) : (
          <Row key={row.key} row={row} what={what(run, row, labels)} marks={marks} span={span} t0={timeline.start} t1={timeline.end} onSelect={onSelect} onToggle={toggle} />
        ),
      )}
      <ul className="legend timeline-legend" aria-label="Legend">
        <li><span className="legend-bar queued" />Queued (dispatched, waiting for a worker)</li>
        <li><span className="legend-bar running tone-success" />Running, by outcome</li>
        <li><span className="legend-bar backoff" />Backoff before the next attempt</li>
        {hasWaits && <li><span className="legend-bar wait" />Waiting (a timer or a signal)</li>}
        {hasSpans && <li><span className="legend-bar span" />A composite step, start to end</li>}
        {hasDensity && <li><span className="legend-bar density" />Iterations running (darker: more at once)</li>}
      </ul>
    </div>
  );
}

const KIND_WORDS: Record<string, string> = { waitForSignal: 'signal', wait: 'wait', workflow: 'child run', fail: 'fail' };

/** The second line of a row: the function, or for a step that calls none what it does (`signal approval`, `wait 10s`). */
function what(run: Run, row: TimelineRow, labels?: StepLabels): string {
  if (row.row !== 'step') return row.function;
  const step = indexRun(run).byId.get(row.stepId);
  if (!step || step.function) return row.function;
  const label = labels?.steps.get(step.definitionId);
  const word = KIND_WORDS[row.function];
  if (!label || !word) return row.function;
  return label.startsWith(word) ? label : `${word} ${label}`;
}

function Row({ row, what, marks, span, t0, t1, onSelect, onToggle }: {
  row: TimelineRow;
  what: string;
  marks: number[];
  span: number;
  t0: number;
  t1: number;
  onSelect?: (stepId: string) => void;
  onToggle: (id: string) => void;
}) {
  const name = row.lane === 'compensation' ? `↶ ${row.label.replace(/\.compensate$/, '')}` : row.label;
  return (
    <div className={`timeline-row lane-${row.lane} row-${row.row}${row.depth ? ' nested' : ''}`} data-step={row.row === 'step' ? row.stepId : undefined} data-row={row.key}>
      <div className="timeline-label-cell" style={{ paddingLeft: row.depth * 14 }}>
        {row.iterations && row.iterations.count > 0 ? (
          <button
            type="button"
            className="timeline-toggle"
            aria-expanded={row.iterations.expanded}
            aria-label={`${row.iterations.expanded ? 'Hide' : 'Show'} the ${row.iterations.count} iterations of ${row.stepId}`}
            onClick={() => onToggle(row.stepId)}
          >
            <Icon name={row.iterations.expanded ? 'chevronDown' : 'chevronRight'} size={12} />
          </button>
        ) : (
          row.depth > 0 && <span className="timeline-toggle-space" />
        )}
        <button type="button" className="timeline-label" onClick={() => onSelect?.(row.stepId)} title={`${row.key} — ${what}`}>
          <span className="timeline-step">{name}</span>
          <span className="timeline-fn mono">
            {row.iterations ? `${row.iterations.count.toLocaleString()} iteration${row.iterations.count === 1 ? '' : 's'}` : what}
          </span>
        </button>
      </div>
      <div className="timeline-track">
        {marks.map((t) => (
          <span key={t} className="timeline-grid" style={{ left: `${(t / Math.max(span, 1)) * 100}%` }} />
        ))}
        {row.segments.map((s, i) => (
          <Bar key={i} segment={s} t0={t0} t1={t1} />
        ))}
      </div>
    </div>
  );
}

function Bar({ segment, t0, t1 }: { segment: Segment; t0: number; t1: number }) {
  const { left, width } = place(segment, t0, t1);
  const duration = formatDuration(segment.end - segment.start);
  const who = segment.stepId ? `${segment.stepId}: ` : '';
  const what =
    segment.kind === 'backoff'
      ? `${who}backoff before attempt ${segment.attempt}: ${duration}${segment.ongoing ? ' (waiting)' : ''}`
      : segment.kind === 'wait'
        ? `${who}waited ${duration}${segment.ongoing ? ' so far' : ''} — ${labelOf(segment.status)}`
        : segment.kind === 'span'
          ? `${who}${duration} — ${labelOf(segment.status)}`
          : segment.kind === 'density'
            ? `${segment.count} iteration${segment.count === 1 ? '' : 's'} running${segment.status === 'FAILED' ? ', one or more failed' : ''}`
          : `${who}attempt ${segment.attempt} ${segment.kind}: ${duration} — ${labelOf(segment.status)}`;
  const tone = segment.kind === 'running' || segment.kind === 'span' || segment.kind === 'density' ? ` tone-${toneOf(segment.status)}` : '';
  return (
    <span
      className={`timeline-bar ${segment.kind}${tone}${segment.ongoing ? ' ongoing' : ''}${segment.status === 'SKIPPED' ? ' skipped' : ''}`}
      style={{ left: `${left}%`, width: `${width}%`, ...(segment.level !== undefined ? { opacity: 0.25 + 0.75 * segment.level } : {}) }}
      title={what}
      data-attempt={segment.attempt || undefined}
      data-kind={segment.kind}
    >
      {segment.kind === 'backoff' && width > 8 && <span className="timeline-bar-text">backoff {duration}</span>}
      {segment.kind === 'running' && !segment.stepId && width > 8 && <span className="timeline-bar-text">#{segment.attempt} · {duration}</span>}
      {segment.kind === 'wait' && width > 10 && <span className="timeline-bar-text">{segment.ongoing ? 'waiting' : 'waited'} {duration}</span>}
      {segment.status === 'SKIPPED' && <span className="timeline-bar-note">skipped</span>}
    </span>
  );
}
