import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compensatedRun, graph } from '../test/fixtures';
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
    await screen.findByRole('img', { name: /Workflow graph/ });
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
