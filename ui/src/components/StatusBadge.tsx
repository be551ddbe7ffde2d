import { isInFlight, labelOf, toneOf } from '../lib/status';

/** A status as a coloured pill: green completed, red failed, amber compensation, blue running, grey the rest. */
export function StatusBadge({ status, size = 'md' }: { status: string; size?: 'sm' | 'md' }) {
  const tone = toneOf(status);
  const pulse = isInFlight(status);
  return (
    <span className={`badge badge-${size} tone-${tone}`} data-status={status} title={status}>
      <span className={pulse ? 'badge-dot pulse' : 'badge-dot'} aria-hidden="true" />
      {labelOf(status)}
    </span>
  );
}
