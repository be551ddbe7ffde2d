import type { ApiError } from '../lib/api';
import { Icon } from './Icon';

/** An API error (problem+json) as a person reads it: what failed, why, and each listed error. */
export function Problem({ error, title, onDismiss }: { error: ApiError; title?: string; onDismiss?: () => void }) {
  const heading = title ?? (error.status ? `${error.title} (${error.status})` : error.title);
  return (
    <div className="callout callout-danger" role="alert">
      <Icon name="alert" className="callout-icon" />
      <div className="callout-body">
        <div className="callout-title">{heading}</div>
        {error.detail && <div className="callout-text">{error.detail}</div>}
        {error.errors.length > 0 && (
          <ul className="callout-list">
            {error.errors.map((e, i) => (
              <li key={i}>
                {e.path && <span className="mono">{e.path}: </span>}
                {e.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      {onDismiss && (
        <button type="button" className="icon-btn" aria-label="Dismiss" onClick={onDismiss}>
          <Icon name="x" size={14} />
        </button>
      )}
    </div>
  );
}
