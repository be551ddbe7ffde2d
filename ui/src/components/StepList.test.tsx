import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { labelsOf } from '../lib/runTree';
import { at, nestedGraph, nestedRun } from '../test/fixtures';
import { ITERATIONS_PER_PAGE, StepList } from './StepList';
import { Timeline } from './Timeline';

const now = Date.parse(at(60_000));
const labels = labelsOf(nestedGraph);

describe('StepList', () => {
  it('nests steps under their parent: blocks by name, iterations by index, steps without attempts with their type', () => {
    const { container } = render(<StepList run={nestedRun()} now={now} labels={labels} />);
    const step = (id: string) => container.querySelector<HTMLElement>(`[data-step="${id}"]`)!;

    expect(within(step('fulfil')).getByText('parallel')).toBeTruthy();
    expect(step('fulfil').querySelector('[data-lane="branch:0"] .step-lane-title')!.textContent).toBe('branch stock');
    expect(step('fulfil').querySelector('[data-lane="branch:1"] [data-step="notifyWarehouse"]')).not.toBeNull();
    expect([...step('reserveEach').querySelectorAll('[data-iteration]')].map((e) => e.getAttribute('data-iteration'))).toEqual(['0', '1', '2']);
    expect(step('reserveEach').querySelector('[data-step="reserveEach[2].reserveOne"]')).not.toBeNull();
    expect(within(step('reserveEach')).getAllByText('3/3 done').length).toBeGreaterThan(0);
    expect(step('notifyWarehouse').querySelector('[data-status="SKIPPED"]')?.textContent).toBe('Skipped');
    expect(step('charge').querySelector(':scope > .step-header [data-status="RECOVERED"]')?.textContent).toBe('Recovered');
    expect(step('charge').textContent).toContain('Recovered by its catch from CardDeclined');
    expect(step('charge').querySelector('[data-lane="catch:0"] .step-lane-title')!.textContent).toBe('catch CardDeclined');
    expect(step('approve').textContent).toContain('Waiting for the signal approval');
    expect(step('askAgain').textContent).toContain('"card"');
  });

  it('shows a thousand iterations a page at a time, and only the failed ones when asked', () => {
    const run = nestedRun(1000);
    run.steps = run.steps.map((s) => (s.stepId === 'reserveEach[640].reserveOne' ? { ...s, status: 'FAILED' } : s));
    const { container } = render(<StepList run={run} now={now} labels={labels} />);
    const iterations = () => [...container.querySelectorAll('[data-iteration]')].map((e) => Number(e.getAttribute('data-iteration')));

    expect(iterations()).toHaveLength(ITERATIONS_PER_PAGE);
    expect(container.querySelectorAll('[data-step^="reserveEach["]')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Next iterations' }));
    expect(iterations()[0]).toBe(ITERATIONS_PER_PAGE);

    fireEvent.click(screen.getByRole('button', { name: 'Failed 1' }));
    expect(iterations()).toEqual([640]);
  });

  it('opens the page, the iteration and the step a selection points at', () => {
    render(<StepList run={nestedRun(1000)} now={now} labels={labels} selected="reserveEach[734].reserveOne" />);

    const iteration = document.querySelector('[data-iteration="734"]')!;
    expect(iteration.querySelector('[data-step="reserveEach[734].reserveOne"]')).not.toBeNull();
    expect(document.querySelector('.step.selected')?.getAttribute('data-step')).toBe('reserveEach[734].reserveOne');
  });
});

describe('Timeline', () => {
  it('folds a thousand iterations into their forEach until asked, then shows them a page at a time', () => {
    const { container } = render(<Timeline run={nestedRun(1000)} now={now} labels={labels} />);

    expect(container.querySelectorAll('.row-iteration')).toHaveLength(0);
    expect(container.querySelector('[data-step="approve"]')!.textContent).toContain('signal approval');
    expect(container.querySelector('[data-step="pause"] [data-kind="wait"]')).not.toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Show the 1000 iterations of reserveEach' }));
    expect(container.querySelectorAll('.row-iteration')).toHaveLength(50);

    fireEvent.click(screen.getByRole('button', { name: /Show 50 more of 1,000 iterations/ }));
    expect(container.querySelectorAll('.row-iteration')).toHaveLength(100);
  });
});
