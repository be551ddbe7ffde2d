import { describe, expect, it } from 'vitest';
import { compensatedRun, graph, nestedGraph, nestedRun } from '../test/fixtures';
import type { Run } from './types';
import { layoutGraph, nodeState } from './graphLayout';
import { progressText } from './runTree';

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

    expect(taken.sort()).toEqual(['start->validatePayment', 'validatePayment->reserveInventory', 'validatePayment->validatePayment.compensate']);
  });
});

describe('nested graph layout', () => {
  const orientations = ['horizontal', 'vertical'] as const;
  const box = (n: { x: number; y: number; w: number; h: number }) => ({ x1: n.x, y1: n.y, x2: n.x + n.w, y2: n.y + n.h });
  const overlap = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  const inside = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.x1 >= b.x1 && a.x2 <= b.x2 && a.y1 >= b.y1 && a.y2 <= b.y2;

  it.each(orientations)('draws no two steps over each other (%s)', (orientation) => {
    const layout = layoutGraph(nestedGraph, undefined, orientation);
    const steps = layout.nodes.filter((n) => n.shape !== 'group');

    for (const a of steps) for (const b of steps) if (a !== b) expect(overlap(box(a), box(b)), `${a.id} over ${b.id}`).toBe(false);
  });

  it.each(orientations)('keeps each nested step inside its container, and containers nested or apart (%s)', (orientation) => {
    const layout = layoutGraph(nestedGraph, undefined, orientation);
    const byId = new Map(layout.nodes.map((n) => [n.id, n]));
    const groups = layout.nodes.filter((n) => n.shape === 'group');

    for (const n of layout.nodes) {
      if (!n.parent || n.track !== 'forward') continue;
      // A catch's steps are in the region under their step; the others in their composite's container.
      const around = n.lane?.startsWith('catch') ? layout.regions.find((r) => r.owner === n.parent)! : byId.get(n.parent)!;
      expect(inside(box(n), box(around)), `${n.id} inside ${n.parent}`).toBe(true);
    }
    for (const a of groups) {
      for (const b of groups) {
        if (a === b) continue;
        const nested = inside(box(a), box(b)) || inside(box(b), box(a));
        expect(nested || !overlap(box(a), box(b)), `${a.id} and ${b.id}`).toBe(true);
      }
    }
    for (const n of layout.nodes.filter((x) => x.shape !== 'group')) {
      for (const g of groups) expect(inside(box(n), box(g)) || !overlap(box(n), box(g)), `${n.id} and ${g.id}`).toBe(true);
    }
  });

  it('stacks the branches of a parallel as rows starting together when horizontal', () => {
    const layout = layoutGraph(nestedGraph);
    const node = (id: string) => layout.nodes.find((n) => n.id === id)!;

    expect(node('reserveEach').x).toBe(node('notifyWarehouse').x);
    expect(node('notifyWarehouse').y).toBeGreaterThanOrEqual(node('reserveEach').y + node('reserveEach').h);
    expect(node('standardShip').y).toBeGreaterThan(node('expressShip').y + node('expressShip').h);
  });

  it('puts the branches of a parallel side by side as columns when vertical', () => {
    const layout = layoutGraph(nestedGraph, undefined, 'vertical');
    const node = (id: string) => layout.nodes.find((n) => n.id === id)!;

    expect(node('reserveEach').y).toBe(node('notifyWarehouse').y);
    expect(node('notifyWarehouse').x).toBeGreaterThanOrEqual(node('reserveEach').x + node('reserveEach').w);
  });

  it('draws a forEach as one container around its body, and a catch as a region under its step', () => {
    const layout = layoutGraph(nestedGraph);
    const node = (id: string) => layout.nodes.find((n) => n.id === id)!;
    const region = layout.regions.find((r) => r.owner === 'charge')!;

    expect(node('reserveEach').shape).toBe('group');
    expect(layout.nodes.filter((n) => n.id === 'reserveOne')).toHaveLength(1);
    expect(region.y).toBeGreaterThan(node('charge').y + node('charge').h);
    expect(inside(box(node('askAgain')), box(region))).toBe(true);
    expect(layout.edges.filter((e) => e.recovery).length).toBeGreaterThanOrEqual(3);
    expect(layout.labels.map((l) => l.text)).toEqual(expect.arrayContaining(['case 1', 'default', 'stock', 'notify', 'for each item', 'catch CardDeclined']));
  });

  it('lines compensations up under their steps, nested ones too, on the compensation lane', () => {
    const layout = layoutGraph(nestedGraph);
    const node = (id: string) => layout.nodes.find((n) => n.id === id)!;

    expect(node('reserveOne.compensate').x).toBe(node('reserveOne').x);
    expect(node('reserveOne.compensate').y).toBe(layout.compensationY);
    expect(node('validate.compensate').y).toBe(layout.compensationY);
    const edge = layout.edges.find((e) => e.to === 'reserveOne.compensate')!;
    const fulfil = node('fulfil');
    expect(edge.path.startsWith(`M ${node('reserveOne').x + node('reserveOne').w / 2} ${fulfil.y + fulfil.h} `)).toBe(true);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(layoutGraph(nestedGraph, nestedRun()))).toBe(JSON.stringify(layoutGraph(nestedGraph, nestedRun())));
    expect(JSON.stringify(layoutGraph(nestedGraph, undefined, 'vertical'))).toBe(JSON.stringify(layoutGraph(nestedGraph, undefined, 'vertical')));
  });
});

describe('nested graph colouring', () => {
  it('colours a run by its executions: the case taken, iterations, a skipped and a recovered step', () => {
    const layout = layoutGraph(nestedGraph, nestedRun());
    const state = Object.fromEntries(layout.nodes.map((n) => [n.id, n.state]));

    expect(state).toMatchObject({
      route: 'COMPLETED',
      expressShip: 'NOT_RUN',
      standardShip: 'COMPLETED',
      fulfil: 'COMPLETED',
      reserveEach: 'COMPLETED',
      reserveOne: 'COMPLETED',
      notifyWarehouse: 'SKIPPED',
      charge: 'RECOVERED',
      askAgain: 'COMPLETED',
      chargeAgain: 'COMPLETED',
      pause: 'COMPLETED',
      approve: 'RUNNING',
      end: 'PENDING',
      'reserveOne.compensate': 'NOT_RUN',
    });
    expect(layout.nodes.find((n) => n.id === 'reserveOne')!.executions).toBe(3);
  });

  it('summarises a forEach: iterations done, failed and running', () => {
    const run = nestedRun(100);
    const each = run.steps.find((s) => s.stepId === 'reserveEach')!;
    Object.assign(each, { status: 'ACTIVE', completedAt: undefined, started: 42, finished: 37 });
    run.steps = run.steps.filter((s) => !/^reserveEach\[(\d+)\]/.test(s.stepId) || Number(/\[(\d+)\]/.exec(s.stepId)![1]) < 42);
    run.steps = run.steps.map((s) => {
      const i = Number(/^reserveEach\[(\d+)\]/.exec(s.stepId)?.[1] ?? -1);
      if (i === 5 || i === 9) return { ...s, status: 'FAILED' };
      if (i >= 39) return { ...s, status: 'ACTIVE', completedAt: undefined };
      return s;
    });

    const node = layoutGraph(nestedGraph, run).nodes.find((n) => n.id === 'reserveEach')!;

    expect(node.progress).toEqual({ total: 100, started: 42, done: 37, failed: 2, running: 3 });
    expect(progressText(node.progress!)).toBe('37/100 done · 2 failed · 3 running');
    expect(node.state).toBe('RUNNING');
    expect(layoutGraph(nestedGraph, run).nodes.find((n) => n.id === 'reserveOne')!.state).toBe('RUNNING');
  });

  it('shows the steps of a running parallel as pending, and a catch as not run while its step runs', () => {
    const run = nestedRun();
    run.steps = run.steps.slice(0, 4).map((s) => (s.stepId === 'fulfil' ? { ...s, status: 'ACTIVE' as const, completedAt: undefined } : s));
    run.steps.push({ ...run.steps[0], stepId: 'charge', definitionId: 'charge', status: 'ACTIVE' });

    const state = Object.fromEntries(layoutGraph(nestedGraph, run).nodes.map((n) => [n.id, n.state]));

    expect(state.fulfil).toBe('RUNNING');
    expect(state.reserveEach).toBe('PENDING');
    expect(state.notifyWarehouse).toBe('PENDING');
    expect(state.askAgain).toBe('NOT_RUN');
    expect(state.pause).toBe('PENDING');
  });
});
