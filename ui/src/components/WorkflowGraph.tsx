import { useEffect, useMemo, useRef, useState } from 'react';
import { GROUP_HEADER, layoutGraph, type GraphLayout, type LaidNode, type Orientation } from '../lib/graphLayout';
import { progressText } from '../lib/runTree';
import { labelOf, toneOf, type NodeState } from '../lib/status';
import type { GraphEdge, GraphNode, Run } from '../lib/types';

interface Props {
  graph: { nodes: GraphNode[]; edges: GraphEdge[] };
  run?: Run;
  selected?: string;
  onSelect?: (stepId: string) => void;
  orientation?: Orientation;
}

/**
 * The workflow as a diagram: composite steps as containers with their blocks side by side, catch
 * blocks in a dashed region, compensations on their own lane; for a run, every step coloured by its
 * state and every forEach with how far its iterations got.
 */
export function WorkflowGraph({ graph, run, selected, onSelect, orientation = 'horizontal' }: Props) {
  const layout = useMemo(() => layoutGraph(graph, run, orientation), [graph, run, orientation]);
  const [fit, setFit] = useState(false);
  const { ref, fades } = useRevealing(layout, selected, fit);
  const groups = layout.nodes.filter((n) => n.shape === 'group');
  const compensationEdges = layout.edges.filter((e) => e.kind === 'compensation');
  const flowEdges = layout.edges.filter((e) => e.kind !== 'compensation');
  return (
    <div className={`graph-frame${fades.left ? ' fade-left' : ''}${fades.right ? ' fade-right' : ''}`}>
      {(fit || fades.left || fades.right) && (
        <button type="button" className="btn btn-xs graph-fit" aria-pressed={fit} onClick={() => setFit((f) => !f)}>
          {fit ? 'Actual size' : 'Fit to width'}
        </button>
      )}
      <div className="graph-scroll" ref={ref}>
        <svg
          className={fit ? 'graph fit' : 'graph'}
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="group"
          aria-label={run ? `Workflow graph of run ${run.runId}` : 'Workflow graph'}
        >
          <defs>
            <marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0 0 L8 4 L0 8 z" className="graph-arrowhead" />
            </marker>
            <marker id="arrow-comp" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0 0 L8 4 L0 8 z" className="graph-arrowhead-comp" />
            </marker>
            <marker id="arrow-catch" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0 0 L8 4 L0 8 z" className="graph-arrowhead-catch" />
            </marker>
          </defs>
          {layout.hasCompensation && layout.orientation === 'horizontal' && (
            <g className="graph-lanes">
              <rect x={8} y={layout.compensationY - 30} width={layout.width - 16} height={layout.height - layout.compensationY + 22} rx={10} className="graph-lane-bg" />
              <text x={20} y={layout.forwardY - 10} className="graph-lane-label">Forward</text>
              <text x={20} y={layout.compensationY - 12} className="graph-lane-label comp">Compensation</text>
            </g>
          )}
          {layout.hasCompensation && layout.orientation === 'vertical' && (
            <g className="graph-lanes">
              <rect x={layout.compensationX - 14} y={8} width={layout.compensationExtent + 28} height={layout.height - 16} rx={10} className="graph-lane-bg" />
              <text x={24} y={layout.forwardY - 10} className="graph-lane-label">Forward</text>
              <text x={layout.compensationX} y={layout.forwardY - 10} className="graph-lane-label comp">Compensation</text>
            </g>
          )}
          {groups.map((g) => (
            <rect
              key={`bg-${g.id}`}
              x={g.x}
              y={g.y}
              width={g.w}
              height={g.h}
              rx={12}
              data-group={g.id}
              className={`graph-group depth-${g.depth % 2} tone-${g.state ? toneOf(g.state) : 'definition'}${isFaded(g.state) ? ' faded' : ''}`}
            />
          ))}
          {layout.regions.map((r) => (
            <rect key={r.id} x={r.x} y={r.y} width={r.w} height={r.h} rx={10} className="graph-catch-region" data-catch={r.owner} />
          ))}
          {compensationEdges.map((e) => (
            <path key={e.key} d={e.path} className={`graph-edge edge-compensation${e.taken ? ' taken' : ''}`} markerEnd="url(#arrow-comp)" />
          ))}
          {flowEdges.map((e) => (
            <path
              key={e.key}
              d={e.path}
              data-edge={`${e.from}->${e.to}`}
              className={`graph-edge edge-${e.kind}${e.recovery ? ' edge-recovery' : ''}${e.taken ? ' taken' : ''}`}
              markerEnd={e.arrow ? `url(#${e.recovery ? 'arrow-catch' : 'arrow'})` : undefined}
            />
          ))}
          {layout.labels.map((l, i) => (
            <g key={`label-${i}`} className={`graph-lane-pill pill-${l.kind}`}>
              <rect x={l.x} y={l.y} width={l.w} height={16} rx={8} />
              <text x={l.x + l.w / 2} y={l.y + 11.5} textAnchor="middle">
                {l.text}
              </text>
            </g>
          ))}
          {layout.nodes.map((n) =>
            n.shape === 'group' ? (
              <GroupHeader key={n.id} node={n} selected={selected === n.id} onSelect={onSelect} />
            ) : (
              <Node key={n.id} node={n} selected={selected === n.id} onSelect={onSelect} />
            ),
          )}
        </svg>
      </div>
    </div>
  );
}

const IN_FLIGHT: (NodeState | undefined)[] = ['RUNNING', 'RETRYING', 'RECOVERING'];

/**
 * A graph wider than its card scrolls: once, it scrolls to the step worth a look (the selected
 * one, else the innermost one in flight, else the one that failed), and fades the edges where
 * there is more to see.
 */
function useRevealing(layout: GraphLayout, selected: string | undefined, fit: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  const revealed = useRef<string | undefined>(undefined);
  const [fades, setFades] = useState({ left: false, right: false });
  const steps = layout.nodes.filter((n) => n.shape !== 'terminal');
  const leaves = steps.filter((n) => n.shape === 'box');
  const target =
    selected ??
    (leaves.find((n) => IN_FLIGHT.includes(n.state)) ?? steps.find((n) => IN_FLIGHT.includes(n.state)) ?? leaves.find((n) => n.state === 'FAILED'))?.id;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setFades({ left: el.scrollLeft > 2, right: el.scrollLeft + el.clientWidth < el.scrollWidth - 2 });
    update();
    el.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      el.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, [layout.width, fit]);

  useEffect(() => {
    const el = ref.current;
    const node = layout.nodes.find((n) => n.id === target);
    if (!el || !node || revealed.current === target || layout.orientation !== 'horizontal') return;
    revealed.current = target;
    if (node.x >= el.scrollLeft && node.x + Math.min(node.w, el.clientWidth) <= el.scrollLeft + el.clientWidth) return;
    el.scrollTo?.({ left: Math.max(0, node.x + Math.min(node.w, el.clientWidth) / 2 - el.clientWidth / 2), behavior: 'smooth' });
  }, [target, layout]);

  return { ref, fades };
}

function isFaded(state: NodeState | undefined): boolean {
  return state === 'PENDING' || state === 'NOT_RUN';
}

function nodeClass(node: LaidNode, selected: boolean, extra = ''): string {
  const tone = node.state ? toneOf(node.state) : 'definition';
  return `graph-node kind-${node.kind} tone-${tone}${isFaded(node.state) ? ' faded' : ''}${node.state === 'SKIPPED' ? ' skipped' : ''}${selected ? ' selected' : ''}${extra}`;
}

/** Enter or Space chooses, as on a button. */
function interactive(id: string, onSelect?: (id: string) => void) {
  if (!onSelect) return {};
  return {
    tabIndex: 0,
    role: 'button',
    onClick: () => onSelect(id),
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onSelect(id);
      }
    },
  };
}

const KIND_TAGS: Record<string, string> = { parallel: 'parallel', switch: 'switch', forEach: 'for each' };

function GroupHeader({ node, selected, onSelect }: { node: LaidNode; selected: boolean; onSelect?: (id: string) => void }) {
  const tag = KIND_TAGS[node.kind] ?? node.kind;
  const tagW = Math.ceil(tag.length * 6.6) + 14;
  const progress = node.progress;
  // On a run page a forEach tells its progress; its body's pill already says what it iterates over.
  const detail = progress ? progressText(progress) : (node.detail ?? '');
  const stateText = node.state ? labelOf(node.state) : undefined;
  const bar = progress && progress.total > 0 ? progress : undefined;
  const barX = node.x + 12;
  const barW = node.w - 24;
  return (
    <g
      className={nodeClass(node, selected, ' graph-group-header')}
      data-node={node.id}
      data-state={node.state}
      aria-label={`${node.id} (${tag}${detail ? `, ${detail}` : ''})${stateText ? `: ${stateText}` : ''}`}
      {...interactive(node.id, onSelect)}
    >
      <title>{`${node.id} — ${tag}${detail ? ` — ${detail}` : ''}${stateText ? ` — ${stateText}` : ''}`}</title>
      <rect x={node.x} y={node.y} width={node.w} height={GROUP_HEADER} rx={12} className="graph-group-hit" />
      <rect x={node.x + 12} y={node.y + 9} width={tagW} height={17} rx={4} className="graph-kind-tag" />
      <text x={node.x + 12 + tagW / 2} y={node.y + 21.5} textAnchor="middle" className="graph-kind-tag-text">
        {tag}
      </text>
      <text x={node.x + 20 + tagW} y={node.y + 22} className="graph-node-title">
        {truncate(node.id, Math.floor((node.w - tagW - 60) / 7.4))}
      </text>
      <text x={node.x + 12} y={node.y + 38} className="graph-node-sub">
        {truncate(detail, Math.floor((node.w - 24) / 6.9))}
      </text>
      {node.state && <Glyph x={node.x + node.w - 20} y={node.y + 18} state={node.state} />}
      {bar && (
        <g className="graph-progress" aria-hidden="true">
          <rect x={barX} y={node.y + GROUP_HEADER - 3} width={barW} height={3} rx={1.5} className="graph-progress-track" />
          <rect x={barX} y={node.y + GROUP_HEADER - 3} width={(barW * bar.done) / bar.total} height={3} className="graph-progress-done" />
          <rect x={barX + (barW * bar.done) / bar.total} y={node.y + GROUP_HEADER - 3} width={(barW * bar.failed) / bar.total} height={3} className="graph-progress-failed" />
          <rect x={barX + (barW * (bar.done + bar.failed)) / bar.total} y={node.y + GROUP_HEADER - 3} width={(barW * bar.running) / bar.total} height={3} className="graph-progress-running" />
        </g>
      )}
      <line x1={node.x + 1} x2={node.x + node.w - 1} y1={node.y + GROUP_HEADER} y2={node.y + GROUP_HEADER} className="graph-group-rule" />
    </g>
  );
}

function Glyph({ x, y, state }: { x: number; y: number; state: NodeState }) {
  return (
    <g className="graph-node-glyph">
      <circle cx={x} cy={y} r={8} />
      <text x={x} y={y + 3.5} textAnchor="middle">
        {GLYPHS[state]}
      </text>
    </g>
  );
}

/** What a step does, for the second line of its box. */
function subLabel(node: GraphNode): string {
  switch (node.kind) {
    case 'waitForSignal':
      return `signal ${node.label}`;
    case 'workflow':
      return `child run: ${node.label}`;
    case 'fail':
      return `fail: ${node.label}`;
    case 'succeed':
      return 'succeed';
    default:
      return node.label;
  }
}

function countsText(node: LaidNode): string {
  const parts = Object.entries(node.counts ?? {}).map(([state, n]) => `${n} ${labelOf(state).toLowerCase()}`);
  return `ran ${node.executions} times${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

function Node({ node, selected, onSelect }: { node: LaidNode; selected: boolean; onSelect?: (id: string) => void }) {
  const className = nodeClass(node, selected);
  if (node.shape === 'terminal') {
    return (
      <g className={className} data-node={node.id} data-state={node.state}>
        <title>{node.state ? `${node.kind}: ${labelOf(node.state)}` : node.kind}</title>
        <circle cx={node.x + node.w / 2} cy={node.y + node.h / 2} r={node.w / 2} />
        <text x={node.x + node.w / 2} y={node.y + node.h / 2 + 4} textAnchor="middle" className="graph-terminal-label">
          {node.kind === 'start' ? '▶' : '■'}
        </text>
      </g>
    );
  }
  const name = node.kind === 'compensation' ? `undo ${node.id.replace(/\.compensate$/, '')}` : node.id;
  const sub = subLabel(node);
  const many = node.executions > 1;
  const badge = many ? `×${node.executions}` : node.attempts > 1 ? `×${node.attempts}` : undefined;
  const badgeW = badge ? Math.max(30, badge.length * 7 + 10) : 0;
  const stateText = node.state ? labelOf(node.state) : '';
  return (
    <g
      className={className}
      data-node={node.id}
      data-state={node.state}
      aria-label={`${name} (${sub})${stateText ? `: ${stateText}` : ''}${many ? `, ${countsText(node)}` : ''}`}
      {...interactive(node.id, onSelect)}
    >
      <title>{`${name} — ${sub}${stateText ? ` — ${stateText}` : ''}${many ? ` — ${countsText(node)}` : node.attempts > 1 ? ` — ${node.attempts} attempts` : ''}`}</title>
      <rect x={node.x} y={node.y} width={node.w} height={node.h} rx={10} className="graph-node-box" />
      <rect x={node.x} y={node.y + 10} width={3} height={node.h - 20} rx={1.5} className="graph-node-accent" />
      <text x={node.x + 14} y={node.y + 24} className="graph-node-title">
        {truncate(name, 22)}
      </text>
      <text x={node.x + 14} y={node.y + 43} className="graph-node-sub">
        {truncate(sub, badge ? 20 : 25)}
      </text>
      {node.state && <Glyph x={node.x + node.w - 18} y={node.y + 19} state={node.state} />}
      {badge && (
        <g className="graph-node-attempts" data-count={many ? 'executions' : 'attempts'}>
          <rect x={node.x + node.w - 10 - badgeW} y={node.y + 32} width={badgeW} height={17} rx={8.5} />
          <text x={node.x + node.w - 10 - badgeW / 2} y={node.y + 44.5} textAnchor="middle">
            {badge}
          </text>
        </g>
      )}
    </g>
  );
}

const GLYPHS: Record<NodeState, string> = {
  PENDING: '',
  NOT_RUN: '',
  RUNNING: '•',
  RETRYING: '↻',
  RECOVERING: '↻',
  COMPLETED: '✓',
  RECOVERED: '✓',
  SKIPPED: '»',
  FAILED: '✕',
  CANCELLED: '–',
  COMPENSATED: '↶',
};

const LEGEND: [NodeState, string][] = [
  ['COMPLETED', 'Completed'],
  ['RUNNING', 'Running'],
  ['RETRYING', 'Waiting to retry'],
  ['FAILED', 'Failed'],
  ['RECOVERED', 'Recovered by a catch'],
  ['COMPENSATED', 'Compensated (undone)'],
  ['SKIPPED', 'Skipped (its if was false)'],
  ['CANCELLED', 'Cancelled'],
  ['NOT_RUN', 'Not run'],
];

/** What the colours of the graph mean; the states only some runs have are listed when they occur. */
export function GraphLegend({ compensation, states = [] }: { compensation: boolean; states?: string[] }) {
  const optional: Partial<Record<NodeState, boolean>> = {
    COMPENSATED: compensation,
    RECOVERED: states.includes('RECOVERED') || states.includes('RECOVERING'),
    SKIPPED: states.includes('SKIPPED'),
  };
  const items = LEGEND.filter(([state]) => optional[state] ?? true);
  return (
    <ul className="legend" aria-label="Legend">
      {items.map(([state, text]) => (
        <li key={state}>
          <span className={`legend-swatch tone-${toneOf(state)}${state === 'NOT_RUN' ? ' faded' : ''}`} />
          {text}
        </li>
      ))}
    </ul>
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, Math.max(n - 1, 1))}…` : s;
}
