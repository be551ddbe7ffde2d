import { describe, expect, it } from 'vitest';
import { formatDuration, formatPercent, formatRelative } from './format';

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [0.05, '0.05 ms'],
    [3.2, '3.2 ms'],
    [42, '42 ms'],
    [1240, '1.24 s'],
    [12_400, '12.4 s'],
    [184_000, '3m 04s'],
    [7_500_000, '2h 05m'],
    [undefined, '—'],
  ])('formats %s ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatRelative', () => {
  it('says how long ago, or how long until', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(formatRelative('2026-01-01T11:59:58Z', now)).toBe('just now');
    expect(formatRelative('2026-01-01T11:59:18Z', now)).toBe('42s ago');
    expect(formatRelative('2026-01-01T09:00:00Z', now)).toBe('3h ago');
    expect(formatRelative('2026-01-01T12:00:30Z', now)).toBe('in 30s');
  });
});

describe('formatPercent', () => {
  it('rounds sensibly', () => {
    expect(formatPercent(1, 12)).toBe('8.3%');
    expect(formatPercent(0, 12)).toBe('0%');
    expect(formatPercent(1, 0)).toBe('—');
  });
});
