import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StatusBadge } from './StatusBadge';

describe('StatusBadge', () => {
  it.each([
    ['COMPLETED', 'Completed', 'tone-success'],
    ['FAILED', 'Failed', 'tone-danger'],
    ['COMPENSATION_FAILED', 'Compensation failed', 'tone-danger'],
    ['TIMED_OUT', 'Timed out', 'tone-danger'],
    ['COMPENSATING', 'Compensating', 'tone-warning'],
    ['COMPENSATED', 'Compensated', 'tone-warning'],
    ['RUNNING', 'Running', 'tone-info'],
    ['CANCELLED', 'Cancelled', 'tone-neutral'],
    ['BACKING_OFF', 'Backing off', 'tone-warning'],
    ['RECOVERING', 'Recovering', 'tone-warning'],
    ['RECOVERED', 'Recovered', 'tone-warning'],
    ['SKIPPED', 'Skipped', 'tone-neutral'],
  ])('shows %s as "%s" in %s', (status, label, tone) => {
    render(<StatusBadge status={status} />);

    const badge = screen.getByText(label).closest('.badge')!;

    expect(badge.classList.contains(tone)).toBe(true);
    expect(badge.getAttribute('data-status')).toBe(status);
  });

  it('pulses only while something is in flight', () => {
    const { container, rerender } = render(<StatusBadge status="RUNNING" />);
    expect(container.querySelector('.badge-dot.pulse')).not.toBeNull();

    rerender(<StatusBadge status="COMPLETED" />);

    expect(container.querySelector('.badge-dot.pulse')).toBeNull();
    rerender(<StatusBadge status="RECOVERING" />);
    expect(container.querySelector('.badge-dot.pulse')).not.toBeNull();
  });
});
