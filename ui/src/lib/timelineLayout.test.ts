import { describe, expect, it } from 'vitest';
import { at, compensatedRun, nestedRun, retriedRun } from '../test/fixtures';
import type { Run } from './types';
import { buildTimeline, ITERATION_PAGE, place, ticks } from './timelineLayout';

const t0 = Date.parse(at(0));

describe('buildTimeline', () => {
  it('splits an attempt into queued and running time', () => {
    const timeline = buildTimeline(compensatedRun, t0 + 5_000);

    const [validate] = timeline.rows;
    expect(validate.segments.map((s) => [s.kind, s.start - t0, s.end - t0])).toEqual([
      ['queued', 0, 100],
      ['running', 100, 110],
    ]);
  });

  it('puts compensations on their own lane', () => {
    const timeline = buildTimeline(compensatedRun, t0);

    expect(timeline.rows.map((r) => r.lane)).toEqual(['forward', 'forward', 'compensation']);
  });

  it('shows the backoff gap between a failed attempt and its retry', () => {
    const [email] = buildTimeline(retriedRun, t0).rows;

    expect(email.segments.map((s) => [s.kind, s.attempt, s.start - t0, s.end - t0])).toEqual([
      ['queued', 1, 0, 100],
      ['running', 1, 100, 200],
      ['backoff', 2, 200, 1200],
      ['queued', 2, 1200, 1250],
      ['running', 2, 1250, 1300],
    ]);
    expect(email.segments[1].status).toBe('FAILED');
  });

  it('grows an attempt in flight up to now, and a pending backoff up to its next attempt', () => {
    const now = t0 + 4_000;
    const run: Run = {
      ...retriedRun,
      status: 'RUNNING',
      finishedAt: undefined,
      steps: [
        { ...retriedRun.steps[0], status: 'ACTIVE', attempts: [{ ...retriedRun.steps[0].attempts[1], status: 'RUNNING', finishedAt: undefined }] },
        {
          ...retriedRun.steps[0],
          stepId: 'other',
          status: 'BACKING_OFF',
          nextAttemptAt: at(6_000),
          attempts: [retriedRun.steps[0].attempts[0]],
        },
      ],
    };

    const timeline = buildTimeline(run, now);

    const running = timeline.rows[0].segments.find((s) => s.kind === 'running')!;
    expect(running.end).toBe(now);
    expect(running.ongoing).toBe(true);
    const backoff = timeline.rows[1].segments.at(-1)!;
    expect([backoff.kind, backoff.end - t0, backoff.ongoing]).toEqual(['backoff', 6_000, true]);
    expect(timeline.end).toBe(t0 + 6_000);
  });

  it('shows an attempt never picked up as queued until now', () => {
    const run: Run = {
      ...compensatedRun,
      status: 'RUNNING',
      finishedAt: undefined,
      steps: [{ ...compensatedRun.steps[0], status: 'ACTIVE', attempts: [{ number: 1, status: 'SCHEDULED', input: {}, scheduledAt: at(0), deadline: at(60_000) }] }],
    };

    const [row] = buildTimeline(run, t0 + 2_000).rows;

    expect(row.segments).toHaveLength(1);
    expect([row.segments[0].kind, row.segments[0].end - t0, row.segments[0].ongoing]).toEqual(['queued', 2_000, true]);
  });
});

describe('buildTimeline for nested steps', () => {
  it('nests steps under their parent and draws spans for the steps without attempts', () => {
    const timeline = buildTimeline(nestedRun(), t0 + 20_000);
    const row = (key: string) => timeline.rows.find((r) => r.key === key)!;

    expect(timeline.rows.map((r) => [r.key, r.depth])).toEqual([
      ['validate', 0],
      ['route', 0],
      ['standardShip', 1],
      ['fulfil', 0],
      ['reserveEach', 1],
      ['reserveEach[0]', 2],
      ['reserveEach[1]', 2],
      ['reserveEach[2]', 2],
      ['notifyWarehouse', 1],
      ['charge', 0],
      ['askAgain', 1],
      ['chargeAgain', 1],
      ['pause', 0],
      ['approve', 0],
    ]);
    expect(row('fulfil').segments.map((s) => s.kind)).toEqual(['span']);
    expect(row('pause').segments.map((s) => [s.kind, s.end - s.start])).toEqual([['wait', 10_000]]);
    const waiting = row('approve').segments[0];
    expect([waiting.kind, waiting.ongoing, waiting.end]).toEqual(['wait', true, t0 + 20_000]);
    expect(row('reserveEach[1]').segments.map((s) => [s.kind, s.stepId])).toEqual([
      ['queued', 'reserveEach[1].reserveOne'],
      ['running', 'reserveEach[1].reserveOne'],
    ]);
  });

  it('folds the iterations of a big forEach into its row until expanded, then shows a page of them', () => {
    const run = nestedRun(1000);

    const folded = buildTimeline(run, t0 + 60_000);
    const each = folded.rows.find((r) => r.key === 'reserveEach')!;
    expect(each.iterations).toEqual({ count: 1000, expanded: false });
    expect(folded.rows.filter((r) => r.row === 'iteration')).toHaveLength(0);
    const density = each.segments.filter((s) => s.kind === 'density');
    expect(density.length).toBeGreaterThan(10);
    expect(Math.max(...density.map((s) => s.level!))).toBe(1);

    const open = buildTimeline(run, t0 + 60_000, { toggled: new Set(['reserveEach']) });
    expect(open.rows.filter((r) => r.row === 'iteration')).toHaveLength(ITERATION_PAGE);
    expect(open.rows.find((r) => r.row === 'more')?.more).toEqual({ forEach: 'reserveEach', shown: ITERATION_PAGE, total: 1000 });

    const more = buildTimeline(run, t0 + 60_000, { toggled: new Set(['reserveEach']), shown: new Map([['reserveEach', 2 * ITERATION_PAGE]]) });
    expect(more.rows.filter((r) => r.row === 'iteration')).toHaveLength(2 * ITERATION_PAGE);
  });
});

describe('place', () => {
  it('gives left and width in percent of the span', () => {
    expect(place({ start: 250, end: 500 }, 0, 1000)).toEqual({ left: 25, width: 25 });
  });

  it('clamps to the track', () => {
    expect(place({ start: 900, end: 1500 }, 0, 1000)).toEqual({ left: 90, width: 10 });
    expect(place({ start: -100, end: 50 }, 0, 1000).left).toBe(0);
  });

  it('survives an empty span', () => {
    expect(place({ start: 5, end: 5 }, 5, 5)).toEqual({ left: 0, width: 0 });
  });
});

describe('ticks', () => {
  it('picks round steps', () => {
    expect(ticks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(ticks(567)).toEqual([0, 100, 200, 300, 400, 500]);
    expect(ticks(28_500)).toEqual([0, 5000, 10000, 15000, 20000, 25000]);
  });
});
