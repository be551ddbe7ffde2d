import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { DefinitionError } from '../lib/types';
import { ErrorList } from './ErrorList';

const errors: DefinitionError[] = [
  { path: 'steps[1].function', line: 7, column: 14, message: 'function must match [a-z0-9][a-z0-9._-]*, got nothing' },
  { path: 'steps[0].retry.maxAttempts', line: 5, column: 26, message: "maxAttempts must be a whole number ≥ 1, got 'lots'" },
  { message: 'something without a place' },
];

describe('ErrorList', () => {
  it('lists every error at its line and column, in line order', () => {
    render(<ErrorList errors={errors} />);

    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(within(items[0]).getByText('Ln 5:26')).toBeTruthy();
    expect(within(items[0]).getByText('steps[0].retry.maxAttempts')).toBeTruthy();
    expect(within(items[1]).getByText('Ln 7:14')).toBeTruthy();
    expect(within(items[2]).getByText('something without a place')).toBeTruthy();
  });

  it('names how many errors there are', () => {
    render(<ErrorList errors={errors} />);

    expect(screen.getByRole('list', { name: '3 errors' })).toBeTruthy();
  });

  it('hands the chosen error back to jump to its line', () => {
    const onSelect = vi.fn();
    render(<ErrorList errors={errors} onSelect={onSelect} />);

    fireEvent.click(screen.getByText(/got 'lots'/));

    expect(onSelect).toHaveBeenCalledWith(errors[1]);
  });
});
