import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { JsonView } from './JsonView';

const value = { orderId: '2', amount: 10.5, paid: true, note: null, items: [{ sku: 'OOS-1', qty: 1, tags: { a: 1 } }] };

describe('JsonView', () => {
  it('shows keys and typed values of the open levels', () => {
    const { container } = render(<JsonView value={value} label="input" />);

    expect(screen.getByText('"orderId"')).toBeTruthy();
    expect(container.querySelector('.jn-string')?.textContent).toBe('"2"');
    expect(container.querySelector('.jn-number')?.textContent).toBe('10.5');
    expect(container.querySelector('.jn-boolean')?.textContent).toBe('true');
    expect(container.querySelector('.jn-null')?.textContent).toBe('null');
  });

  it('folds levels deeper than openDepth and says how much is inside', () => {
    render(<JsonView value={value} label="input" openDepth={2} />);

    expect(screen.queryByText('"sku"')).toBeNull();
    expect(screen.getByText('3 keys')).toBeTruthy();
  });

  it('opens and closes a level when its toggle is pressed', () => {
    render(<JsonView value={value} label="input" openDepth={1} />);
    const items = screen.getByText('"items"').closest('button')!;
    expect(items.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByText('1 item')).toBeTruthy();

    fireEvent.click(items);

    expect(items.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText('3 keys')).toBeTruthy();
  });

  it('expands everything at once', () => {
    render(<JsonView value={value} label="input" openDepth={1} />);

    fireEvent.click(screen.getByText('Expand all'));

    expect(screen.getByText('"sku"')).toBeTruthy();
    expect(screen.getByText('"a"')).toBeTruthy();
  });

  it('copies the value as indented JSON', async () => {
    const execCommand = vi.fn().mockReturnValue(true);
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    let copied = '';
    execCommand.mockImplementation(() => {
      copied = document.querySelector('textarea')?.value ?? '';
      return true;
    });
    render(<JsonView value={{ a: 1 }} label="output" />);

    fireEvent.click(screen.getByRole('button', { name: 'Copy output' }));

    expect(copied).toBe('{\n  "a": 1\n}');
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy();
  });

  it('says so when there is no value', () => {
    render(<JsonView value={undefined} empty="no output" />);

    expect(screen.getByText('no output')).toBeTruthy();
  });
});
