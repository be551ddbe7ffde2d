/** Times and durations as people read them. */

export function parseTime(iso: string | undefined | null): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/** 0.4 ms, 12 ms, 1.24 s, 3m 04s, 2h 05m, 3d 4h */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms <= 0) return '0 ms';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(2)} s`;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

export function durationBetween(from?: string, to?: string): number | undefined {
  const a = parseTime(from);
  const b = parseTime(to);
  return a === undefined || b === undefined ? undefined : b - a;
}

/** "just now", "42s ago", "5m ago", "3h ago", "2d ago"; future times as "in 3s". */
export function formatRelative(iso: string | undefined, now: number = Date.now()): string {
  const t = parseTime(iso);
  if (t === undefined) return '—';
  const diff = now - t;
  const abs = Math.abs(diff);
  const suffix = (v: string) => (diff >= 0 ? `${v} ago` : `in ${v}`);
  if (abs < 5_000) return diff >= 0 ? 'just now' : 'in a moment';
  if (abs < 60_000) return suffix(`${Math.round(abs / 1000)}s`);
  if (abs < 3_600_000) return suffix(`${Math.round(abs / 60_000)}m`);
  if (abs < 86_400_000) return suffix(`${Math.round(abs / 3_600_000)}h`);
  return suffix(`${Math.round(abs / 86_400_000)}d`);
}

const dateTime = new Intl.DateTimeFormat(undefined, {
  hourCycle: 'h23',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const timeOnly = new Intl.DateTimeFormat(undefined, {
  hourCycle: 'h23',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
} as Intl.DateTimeFormatOptions);

export function formatDateTime(iso: string | undefined): string {
  const t = parseTime(iso);
  return t === undefined ? '—' : dateTime.format(t);
}

export function formatClock(iso: string | undefined): string {
  const t = parseTime(iso);
  return t === undefined ? '—' : timeOnly.format(t);
}

export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

export function formatNumber(n: number | undefined, digits = 0): string {
  if (n === undefined || !Number.isFinite(n)) return '—';
  return n.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function formatPercent(part: number, whole: number): string {
  if (!whole) return '—';
  const p = (part / whole) * 100;
  if (p === 0) return '0%';
  if (p < 0.1) return '<0.1%';
  return `${p < 10 ? p.toFixed(1) : Math.round(p)}%`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
