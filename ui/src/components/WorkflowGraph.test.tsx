import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { compensatedRun, graph, nestedGraph, nestedRun } from '../test/fixtures';
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

describe('WorkflowGraph of nested steps', () => {
  it('draws composite steps as containers with their state, and a forEach with its progress', () => {
    const { container } = render(<WorkflowGraph graph={nestedGraph} run={nestedRun()} />);
    const node = (id: string) => container.querySelector(`[data-node="${id}"]`)!;

    expect(container.querySelector('[data-group="fulfil"]')).not.toBeNull();
    expect(node('fulfil').getAttribute('data-state')).toBe('COMPLETED');
    expect(node('reserveEach').textContent).toContain('3/3 done');
    expect(node('notifyWarehouse').getAttribute('data-state')).toBe('SKIPPED');
    expect(node('charge').getAttribute('data-state')).toBe('RECOVERED');
    expect(node('approve').textContent).toContain('signal approval');
    expect(node('reserveOne').textContent).toContain('×3');
    expect(container.querySelector('[data-catch="charge"]')).not.toBeNull();
    expect(container.querySelectorAll('.graph-lane-pill')).toHaveLength(6);
  });

  it('lets a container be chosen with the keyboard', () => {
    const onSelect = vi.fn();
    const { container } = render(<WorkflowGraph graph={nestedGraph} run={nestedRun()} onSelect={onSelect} />);

    fireEvent.keyDown(container.querySelector('[data-node="reserveEach"]')!, { key: 'Enter' });

    expect(onSelect).toHaveBeenCalledWith('reserveEach');
  });
});
