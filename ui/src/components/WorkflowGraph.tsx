import { layoutGraph, NODE_W, type LaidNode, type Orientation } from '../lib/graphLayout';
import { labelOf, toneOf } from '../lib/status';
import type { GraphEdge, GraphNode, Run } from '../lib/types';

interface Props {
  graph: { nodes: GraphNode[]; edges: GraphEdge[] };
  run?: Run;
  selected?: string;
  onSelect?: (stepId: string) => void;
  orientation?: Orientation;
}

/** The workflow as a diagram; for a run, every step coloured by its state. */
export function WorkflowGraph({ graph, run, selected, onSelect, orientation = 'horizontal' }: Props) {
  const layout = layoutGraph(graph, run, orientation);
  return (
    <div className="graph-scroll">
      <svg
        className="graph"
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-label={run ? `Workflow graph of run ${run.runId}` : 'Workflow graph'}
      >
        <defs>
          <marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0 0 L8 4 L0 8 z" className="graph-arrowhead" />
          </marker>
          <marker id="arrow-comp" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0 0 L8 4 L0 8 z" className="graph-arrowhead-comp" />
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
            <rect x={layout.compensationX - 14} y={8} width={NODE_W + 28} height={layout.height - 16} rx={10} className="graph-lane-bg" />
            <text x={24} y={layout.forwardY - 10} className="graph-lane-label">Forward</text>
            <text x={layout.compensationX} y={layout.forwardY - 10} className="graph-lane-label comp">Compensation</text>
          </g>
        )}
        {layout.edges.map((e) => (
          <path
            key={`${e.from}-${e.to}`}
            d={e.path}
            className={`graph-edge edge-${e.kind}${e.taken ? ' taken' : ''}`}
            markerEnd={`url(#${e.kind === 'compensation' ? 'arrow-comp' : 'arrow'})`}
          />
        ))}
        {layout.nodes.map((n) => (
          <Node key={n.id} node={n} selected={selected === n.id} onSelect={onSelect} />
        ))}
      </svg>
    </div>
  );
}

function Node({ node, selected, onSelect }: { node: LaidNode; selected: boolean; onSelect?: (id: string) => void }) {
  const tone = node.state ? toneOf(node.state) : 'definition';
  const faded = node.state === 'PENDING' || node.state === 'NOT_RUN';
  const className = `graph-node kind-${node.kind} tone-${tone}${faded ? ' faded' : ''}${selected ? ' selected' : ''}`;
  if (node.kind === 'start' || node.kind === 'end') {
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
  const clickable = Boolean(onSelect);
  const name = node.kind === 'compensation' ? `undo ${node.id.replace(/\.compensate$/, '')}` : node.id;
  return (
    <g
      className={className}
      data-node={node.id}
      data-state={node.state}
      tabIndex={clickable ? 0 : undefined}
      role={clickable ? 'button' : undefined}
      aria-label={`${name} (${node.label})${node.state ? `: ${labelOf(node.state)}` : ''}`}
      onClick={clickable ? () => onSelect?.(node.id) : undefined}
      onKeyDown={
        clickable
          ? (e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onSelect?.(node.id);
              }
            }
          : undefined
      }
    >
      <title>{`${name} — ${node.label}${node.state ? ` — ${labelOf(node.state)}` : ''}`}</title>
      <rect x={node.x} y={node.y} width={node.w} height={node.h} rx={10} className="graph-node-box" />
      <rect x={node.x} y={node.y + 10} width={3} height={node.h - 20} rx={1.5} className="graph-node-accent" />
      <text x={node.x + 14} y={node.y + 24} className="graph-node-title">
        {truncate(name, 22)}
      </text>
      <text x={node.x + 14} y={node.y + 43} className="graph-node-sub">
        {truncate(node.label, 24)}
      </text>
      {node.state && (
        <g className="graph-node-glyph">
          <circle cx={node.x + node.w - 18} cy={node.y + 19} r={8} />
          <text x={node.x + node.w - 18} y={node.y + 22.5} textAnchor="middle">
            {GLYPHS[node.state]}
          </text>
        </g>
      )}
      {node.attempts > 1 && (
        <g className="graph-node-attempts">
          <rect x={node.x + node.w - 40} y={node.y + 32} width={30} height={17} rx={8.5} />
          <text x={node.x + node.w - 25} y={node.y + 44.5} textAnchor="middle">
            ×{node.attempts}
          </text>
        </g>
      )}
    </g>
  );
}

const GLYPHS: Record<string, string> = {
  PENDING: '',
  NOT_RUN: '',
  RUNNING: '•',
  RETRYING: '↻',
  COMPLETED: '✓',
  FAILED: '✕',
  CANCELLED: '–',
  COMPENSATED: '↶',
};

/** What the colours of the graph mean. */
export function GraphLegend({ compensation }: { compensation: boolean }) {
  const items: [string, string][] = [
    ['COMPLETED', 'Completed'],
    ['RUNNING', 'Running'],
    ['RETRYING', 'Waiting to retry'],
    ['FAILED', 'Failed'],
    ...(compensation ? ([['COMPENSATED', 'Compensated (undone)']] as [string, string][]) : []),
    ['CANCELLED', 'Cancelled'],
    ['NOT_RUN', 'Not run'],
  ];
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
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
