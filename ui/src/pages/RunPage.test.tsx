import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Run } from '../lib/types';
import { compensatedRun, graph, nestedGraph, nestedRun } from '../test/fixtures';
import { RunPage } from './RunPage';

function api(routes: Record<string, unknown>) {
  return vi.fn(async (url: string) => {
    const body = routes[url];
    if (body === undefined) return new Response(JSON.stringify({ title: 'Not Found', status: 404 }), { status: 404 });
    return new Response(JSON.stringify(body), { status: 200 });
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('RunPage', () => {
  it('shows a compensated run: status, error, graph, attempts and events', async () => {
    vi.stubGlobal(
      'fetch',
      api({
        [`/api/v1/runs/${compensatedRun.runId}`]: compensatedRun,
        [`/api/v1/runs/${compensatedRun.runId}/events`]: [{ seq: 1, type: 'RunStarted', at: compensatedRun.startedAt, data: { workflow: 'order-fulfillment', version: 1 } }],
        '/api/v1/workflows/order-fulfillment/versions/1': { name: 'order-fulfillment', version: 1, createdAt: compensatedRun.startedAt, yaml: '', graph },
      }),
    );

    const { container } = render(<RunPage id={compensatedRun.runId} />);

    expect(await screen.findByText('The run failed and every completed step was compensated')).toBeTruthy();
    const banner = screen.getByTestId('run-error');
    expect(within(banner).getByText('OutOfStock')).toBeTruthy();
    expect(container.querySelector('.page-header [data-status="COMPENSATED"]')).not.toBeNull();
    await screen.findByRole('group', { name: /Workflow graph/ });
    expect(container.querySelector('[data-node="reserveInventory"]')?.getAttribute('data-state')).toBe('FAILED');
    expect(container.querySelectorAll('.step')).toHaveLength(3);
    expect(await screen.findByText('RunStarted')).toBeTruthy();
    // At rest: neither cancel nor retry is offered.
    expect(screen.queryByRole('button', { name: /Cancel run/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Retry run/ })).toBeNull();
  });

  it('offers a retry for a failed run', async () => {
    const failed = { ...compensatedRun, status: 'FAILED' };
    vi.stubGlobal('fetch', api({ [`/api/v1/runs/${failed.runId}`]: failed, [`/api/v1/runs/${failed.runId}/events`]: [] }));

    render(<RunPage id={failed.runId} />);

    expect(await screen.findByRole('button', { name: /Retry run/ })).toBeTruthy();
  });

  it('says so when there is no such run', async () => {
    vi.stubGlobal('fetch', api({}));

    render(<RunPage id="00000000-0000-0000-0000-000000000000" />);

    expect(await screen.findByText('No such run')).toBeTruthy();
  });
});

/** The API of a running nested run, recording what is posted; a signal is answered with `signal`. */
/** The graph is drawn once the run and its workflow's version are loaded. */
const graphShown = () => waitFor(() => expect(document.querySelector('svg.graph[aria-label^="Workflow graph"]')).not.toBeNull(), { timeout: 5000 });

function nestedApi(run: Run, signal: { status: number; body: unknown } = { status: 202, body: { runId: run.runId, signal: 'approval' } }) {
  const posts: { url: string; body: unknown }[] = [];
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    if (init?.method === 'POST') {
      posts.push({ url, body: init.body === undefined ? undefined : JSON.parse(String(init.body)) });
      return new Response(JSON.stringify(signal.body), { status: signal.status, headers: { 'Content-Type': 'application/problem+json' } });
    }
    const routes: Record<string, unknown> = {
      [`/api/v1/runs/${run.runId}`]: run,
      [`/api/v1/runs/${run.runId}/events`]: [],
      '/api/v1/workflows/order-nested/versions/2': { name: 'order-nested', version: 2, createdAt: run.startedAt, yaml: '', graph: nestedGraph },
    };
    const body = routes[url];
    return body === undefined ? new Response('{}', { status: 404 }) : new Response(JSON.stringify(body), { status: 200 });
  });
  vi.stubGlobal('fetch', fetch);
  return posts;
}

describe('RunPage of a nested run', () => {
  it('shows a parallel with a forEach, a skipped and a recovered step, in the graph and the step list', async () => {
    nestedApi(nestedRun());

    const { container } = render(<RunPage id={nestedRun().runId} />);

    await graphShown();
    expect(container.querySelector('[data-node="reserveEach"]')!.textContent).toContain('3/3 done');
    expect(container.querySelector('[data-node="notifyWarehouse"]')!.getAttribute('data-state')).toBe('SKIPPED');
    expect(container.querySelector('[data-node="charge"]')!.getAttribute('data-state')).toBe('RECOVERED');
    expect(container.querySelector('.steps [data-step="notifyWarehouse"] [data-status="SKIPPED"]')).not.toBeNull();
    expect(container.querySelector('.steps [data-step="charge"] [data-status="RECOVERED"]')).not.toBeNull();
    expect(container.querySelectorAll('.steps [data-iteration]')).toHaveLength(3);
    expect(screen.getByText('Skipped (its if was false)')).toBeTruthy();
    expect(screen.getByText('Recovered by a catch')).toBeTruthy();
  });

  it('opens the step a graph node stands for, the most telling of its iterations', async () => {
    const run = nestedRun(40);
    run.steps = run.steps.map((s) => (s.stepId === 'reserveEach[33].reserveOne' ? { ...s, status: 'FAILED' } : s));
    nestedApi(run);
    const { container } = render(<RunPage id={run.runId} />);
    await graphShown();

    fireEvent.click(container.querySelector('[data-node="reserveOne"]')!);

    await waitFor(() => expect(container.querySelector('.step.selected')?.getAttribute('data-step')).toBe('reserveEach[33].reserveOne'));
    expect(container.querySelector('[data-node="reserveOne"]')!.classList.contains('selected')).toBe(true);
  });

  it('links a child run to its parent', async () => {
    const run = { ...nestedRun(), parent: { runId: '11111111-2222-4333-8444-555555555555', stepId: 'shipAll', attempt: 1 } };
    nestedApi(run);

    render(<RunPage id={run.runId} />);

    expect((await screen.findByTestId('parent-run')).getAttribute('href')).toBe('/runs/11111111-2222-4333-8444-555555555555');
  });
});

describe('sending a signal', () => {
  it('prefills the awaited signal, refuses a payload that is not JSON, then posts it and says so', async () => {
    const run = nestedRun();
    const posts = nestedApi(run);
    render(<RunPage id={run.runId} />);
    await graphShown();

    fireEvent.click(await screen.findByRole('button', { name: /Send signal/ }));
    const dialog = screen.getByRole('dialog');
    expect((within(dialog).getByLabelText('Signal name') as HTMLInputElement).value).toBe('approval');
    expect(dialog.textContent).toContain('approve waits for approval');

    fireEvent.change(within(dialog).getByLabelText('Signal payload'), { target: { value: '{"approved": yes}' } });
    expect(within(dialog).getByTestId('payload-error').textContent).toMatch(/This is not JSON/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send signal' }));
    expect(posts).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText('Signal payload'), { target: { value: '{"approved": true}' } });
    expect(within(dialog).queryByTestId('payload-error')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send signal' }));

    expect(await screen.findByText(/Signal “approval” delivered: the step waiting for it/)).toBeTruthy();
    expect(posts).toEqual([{ url: `/api/v1/runs/${run.runId}/signals/approval`, body: { approved: true } }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows the problem when Ordo refuses the signal', async () => {
    const run = nestedRun();
    nestedApi(run, { status: 409, body: { title: 'Conflict', status: 409, detail: 'run is COMPLETED; signal needs RUNNING' } });
    render(<RunPage id={run.runId} />);
    await graphShown();

    fireEvent.click(await screen.findByRole('button', { name: /Send signal/ }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Send signal' }));

    const problem = await within(screen.getByRole('dialog')).findByText('run is COMPLETED; signal needs RUNNING');
    expect(problem.closest('[role="alert"]')!.textContent).toContain('Could not send the signal: Conflict');
  });

  it('is offered only while the run is running', async () => {
    nestedApi({ ...nestedRun(), status: 'COMPLETED' });

    render(<RunPage id={nestedRun().runId} />);

    await graphShown();
    expect(screen.queryByRole('button', { name: /Send signal/ })).toBeNull();
  });
});
