import type { ReactNode } from 'react';
import { Icon } from './Icon';

export function Card({ title, actions, children, className, id, flush }: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  id?: string;
  flush?: boolean;
}) {
  return (
    <section className={`card${className ? ` ${className}` : ''}`} id={id} aria-label={typeof title === 'string' ? title : undefined}>
      {(title || actions) && (
        <header className="card-header">
          {title && <h2 className="card-title">{title}</h2>}
          {actions && <div className="card-actions">{actions}</div>}
        </header>
      )}
      <div className={flush ? 'card-body flush' : 'card-body'}>{children}</div>
    </section>
  );
}

export function EmptyState({ title, children, icon = 'search' }: { title: string; children?: ReactNode; icon?: 'search' | 'alert' | 'play' }) {
  return (
    <div className="empty">
      <div className="empty-icon">
        <Icon name={icon} size={20} />
      </div>
      <div className="empty-title">{title}</div>
      {children && <div className="empty-text">{children}</div>}
    </div>
  );
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <span className="spinner" role="status" aria-label={label}>
      <span className="spinner-ring" aria-hidden="true" />
    </span>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <div className="loading">
      <Spinner label={`Loading ${what}`} /> <span className="muted">Loading {what}…</span>
    </div>
  );
}

export function PageHeader({ title, subtitle, actions, children }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-header">
      <div className="page-header-main">
        <h1 className="page-title">{title}</h1>
        {subtitle && <div className="page-subtitle">{subtitle}</div>}
        {children}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

/** A term and its value, for the facts about a run or a workflow. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {items.map(([term, value]) => (
        <div key={term} className="fact">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function LiveIndicator({ mode }: { mode: 'stream' | 'poll' | 'idle' | 'on' }) {
  if (mode === 'idle') return null;
  const text = mode === 'stream' ? 'Live' : mode === 'poll' ? 'Live (polling)' : 'Auto-refresh';
  return (
    <span className="live" title={mode === 'stream' ? 'Updates stream from the server' : 'Refreshes every few seconds'}>
      <span className="live-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
