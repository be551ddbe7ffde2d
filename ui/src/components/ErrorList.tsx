import type { DefinitionError } from '../lib/types';

/** A definition's errors, each at its line and column; choosing one jumps to the line. */
export function ErrorList({ errors, onSelect }: { errors: DefinitionError[]; onSelect?: (e: DefinitionError) => void }) {
  const sorted = [...errors].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
  return (
    <ol className="error-list" aria-label={`${errors.length} error${errors.length === 1 ? '' : 's'}`}>
      {sorted.map((e, i) => {
        const where = e.line !== undefined ? `${e.line}:${e.column ?? 1}` : '—';
        const body = (
          <>
            <span className="error-where mono" title={e.line !== undefined ? `line ${e.line}, column ${e.column ?? 1}` : 'no location'}>
              {e.line !== undefined ? `Ln ${where}` : '—'}
            </span>
            <span className="error-main">
              <span className="error-message">{e.message}</span>
              {e.path && <span className="error-path mono">{e.path}</span>}
            </span>
          </>
        );
        return (
          <li key={i} className="error-item" data-line={e.line}>
            {onSelect && e.line !== undefined ? (
              <button type="button" className="error-button" onClick={() => onSelect(e)}>
                {body}
              </button>
            ) : (
              <div className="error-button static">{body}</div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
