import { describe, expect, it } from 'vitest';
import { at, compensatedRun, retriedRun } from '../test/fixtures';
import type { Run } from './types';
import { buildTimeline, place, ticks } from './timelineLayout';

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
