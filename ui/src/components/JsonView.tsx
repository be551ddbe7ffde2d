import { useState } from 'react';
import type { Json } from '../lib/types';
import { CopyButton } from './CopyButton';
import { Icon } from './Icon';

interface Props {
  value: Json | undefined;
  /** What is copied, for the copy button's label: "input", "output" … */
  label?: string;
  /** Levels open at first; deeper objects start folded. */
  openDepth?: number;
  /** Shown when the value is absent. */
  empty?: string;
}

/** JSON as a foldable tree with its own copy button: readable where a raw dump is not. */
export function JsonView({ value, label = 'JSON', openDepth = 2, empty = 'none' }: Props) {
  const [view, setView] = useState({ depth: openDepth, generation: 0 });
  if (value === undefined) {
    return <div className="json json-empty">{empty}</div>;
  }
  const foldable = value !== null && typeof value === 'object' && Object.keys(value).length > 0;
  return (
    <div className="json" data-testid={`json-${label}`}>
      <div className="json-toolbar">
        {foldable && (
          <>
            <button
              type="button"
              className="btn btn-ghost btn-xs"
              onClick={() => setView((v) => ({ depth: Infinity, generation: v.generation + 1 }))}
            >
              Expand all
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-xs"
              onClick={() => setView((v) => ({ depth: 1, generation: v.generation + 1 }))}
            >
              Collapse
            </button>
          </>
        )}
        <CopyButton value={JSON.stringify(value, null, 2)} label={label} />
      </div>
      <div className="json-body mono" key={view.generation}>
        <JsonNode value={value} depth={0} openDepth={view.depth} last />
      </div>
    </div>
  );
}

function summary(value: Json[] | { [k: string]: Json }): string {
  const n = Array.isArray(value) ? value.length : Object.keys(value).length;
  if (Array.isArray(value)) return `${n} item${n === 1 ? '' : 's'}`;
  return `${n} key${n === 1 ? '' : 's'}`;
}

function Key({ name }: { name: string | number | undefined }) {
  if (name === undefined) return null;
  if (typeof name === 'number') return <span className="jn-index">{name}: </span>;
  return (
    <>
      <span className="jn-key">{JSON.stringify(name)}</span>
      <span className="jn-punct">: </span>
    </>
  );
}

/** Entries of one array or object drawn at first (a forEach's list can hold thousands). */
const ENTRIES_SHOWN = 100;

function JsonNode(props: {
  name?: string | number;
  value: Json;
  depth: number;
  openDepth: number;
  last: boolean;
}) {
  const { name, value, depth, openDepth, last } = props;
  const [open, setOpen] = useState(depth < openDepth);
  const [limit, setLimit] = useState(ENTRIES_SHOWN);
  const comma = last ? null : <span className="jn-punct">,</span>;

  if (value === null || typeof value !== 'object') {
    const type = value === null ? 'null' : typeof value;
    return (
      <div className="jn jn-leaf">
        <Key name={name} />
        <span className={`jn-${type}`}>{JSON.stringify(value)}</span>
        {comma}
      </div>
    );
  }

  const isArray = Array.isArray(value);
  const entries: [string | number, Json][] = isArray
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  const [openBrace, closeBrace] = isArray ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div className="jn jn-leaf">
        <Key name={name} />
        <span className="jn-punct">{openBrace + closeBrace}</span>
        {comma}
      </div>
    );
  }
  return (
    <div className="jn">
      <button
        type="button"
        className="jn-toggle"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name={open ? 'chevronDown' : 'chevronRight'} size={12} className="jn-chevron" />
        <Key name={name} />
        <span className="jn-punct">{openBrace}</span>
        {!open && (
          <>
            <span className="jn-summary">{summary(value)}</span>
            <span className="jn-punct">{closeBrace}</span>
            {comma}
          </>
        )}
      </button>
      {open && (
        <>
          <div className="jn-children">
            {entries.slice(0, limit).map(([k, v], i) => (
              <JsonNode
                key={k}
                name={isArray ? undefined : k}
                value={v}
                depth={depth + 1}
                openDepth={openDepth}
                last={i === entries.length - 1}
              />
            ))}
            {entries.length > limit && (
              <button type="button" className="btn btn-ghost btn-xs jn-more" onClick={() => setLimit((n) => n + ENTRIES_SHOWN)}>
                Show {Math.min(ENTRIES_SHOWN, entries.length - limit)} more of {entries.length.toLocaleString()} {isArray ? 'items' : 'keys'}
              </button>
            )}
          </div>
          <div className="jn-close">
            <span className="jn-punct">{closeBrace}</span>
            {comma}
          </div>
        </>
      )}
    </div>
  );
}
