import { describe, expect, it } from 'vitest';
import { compensatedRun, graph } from '../test/fixtures';
import type { Run } from './types';
import { layoutGraph, nodeState } from './graphLayout';

const stateOf = (run: Run) => Object.fromEntries(layoutGraph(graph, run).nodes.map((n) => [n.id, n.state]));

describe('graph colouring', () => {
  it('colours a compensated run: undone step, failed step, refund done, the rest not run', () => {
    expect(stateOf(compensatedRun)).toEqual({
      start: 'COMPLETED',
      validatePayment: 'COMPENSATED',
      reserveInventory: 'FAILED',
      sendConfirmation: 'NOT_RUN',
      end: 'COMPENSATED',
      'validatePayment.compensate': 'COMPLETED',
      'reserveInventory.compensate': 'NOT_RUN',
    });
  });

  it('shows steps still to come as pending while the run goes on', () => {
    const running: Run = { ...compensatedRun, status: 'RUNNING', error: undefined, finishedAt: undefined, steps: [{ ...compensatedRun.steps[0], status: 'ACTIVE' }] };

    const states = stateOf(running);

    expect(states.validatePayment).toBe('RUNNING');
    expect(states.reserveInventory).toBe('PENDING');
    expect(states.end).toBe('PENDING');
  });

  it('shows a step waiting for its next attempt as retrying', () => {
    const run: Run = { ...compensatedRun, status: 'RUNNING', steps: [{ ...compensatedRun.steps[0], status: 'BACKING_OFF' }] };

    expect(nodeState(graph.nodes[1], run)).toBe('RETRYING');
  });

  it('shows a compensation due next as pending while compensating', () => {
    const run: Run = { ...compensatedRun, status: 'COMPENSATING', steps: compensatedRun.steps.slice(0, 2) };

    expect(stateOf(run)['validatePayment.compensate']).toBe('PENDING');
  });

  it('leaves a definition uncoloured', () => {
    expect(layoutGraph(graph).nodes.every((n) => n.state === undefined)).toBe(true);
  });
});

describe('graph layout', () => {
  it('puts each compensation on its own lane, below its step', () => {
    const layout = layoutGraph(graph, compensatedRun);
    const node = (id: string) => layout.nodes.find((n) => n.id === id)!;

    expect(node('validatePayment.compensate').x).toBe(node('validatePayment').x);
    expect(node('validatePayment.compensate').y).toBeGreaterThan(node('validatePayment').y + node('validatePayment').h);
    expect(node('reserveInventory').x).toBeGreaterThan(node('validatePayment').x);
    expect(layout.hasCompensation).toBe(true);
  });

  it('stacks steps top to bottom with compensations to the right when vertical', () => {
    const layout = layoutGraph(graph, undefined, 'vertical');
    const node = (id: string) => layout.nodes.find((n) => n.id === id)!;

    expect(node('reserveInventory').y).toBeGreaterThan(node('validatePayment').y);
    expect(node('reserveInventory').x).toBe(node('validatePayment').x);
    expect(node('validatePayment.compensate').y).toBe(node('validatePayment').y);
    expect(node('validatePayment.compensate').x).toBeGreaterThan(node('validatePayment').x + node('validatePayment').w);
  });

  it('marks the edges the run went along', () => {
    const taken = layoutGraph(graph, compensatedRun).edges.filter((e) => e.taken).map((e) => `${e.from}->${e.to}`);

    expect(taken).toEqual(['start->validatePayment', 'validatePayment->validatePayment.compensate', 'validatePayment->reserveInventory']);
  });
});
