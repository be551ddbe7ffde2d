import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { compensatedRun, graph } from '../test/fixtures';
import { WorkflowGraph } from './WorkflowGraph';

describe('WorkflowGraph', () => {
  it('draws every node with the state and colour of its step', () => {
    const { container } = render(<WorkflowGraph graph={graph} run={compensatedRun} />);
    const node = (id: string) => container.querySelector(`[data-node="${id}"]`)!;

    expect(node('validatePayment').getAttribute('data-state')).toBe('COMPENSATED');
    expect(node('validatePayment').classList.contains('tone-warning')).toBe(true);
    expect(node('reserveInventory').classList.contains('tone-danger')).toBe(true);
    expect(node('validatePayment.compensate').classList.contains('tone-success')).toBe(true);
    expect(node('sendConfirmation').classList.contains('faded')).toBe(true);
  });

  it('draws a compensation lane', () => {
    const { container } = render(<WorkflowGraph graph={graph} run={compensatedRun} />);

    expect(container.querySelector('.graph-lane-label.comp')?.textContent).toBe('Compensation');
    expect(container.querySelectorAll('.edge-compensation')).toHaveLength(2);
  });

  it('lets a step be chosen with the keyboard', () => {
    const onSelect = vi.fn();
    const { container } = render(<WorkflowGraph graph={graph} run={compensatedRun} onSelect={onSelect} />);

    fireEvent.keyDown(container.querySelector('[data-node="reserveInventory"]')!, { key: 'Enter' });

    expect(onSelect).toHaveBeenCalledWith('reserveInventory');
  });
});
