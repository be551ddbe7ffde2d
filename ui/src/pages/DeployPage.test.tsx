import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeployPage } from './DeployPage';

function answer(status: number, body: unknown) {
  return vi.fn().mockResolvedValue(
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } }),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('DeployPage', () => {
  it('posts the YAML and shows every error at its line', async () => {
    const fetch = answer(400, {
      title: 'Bad Request',
      status: 400,
      detail: 'the workflow definition has 2 error(s)',
      errors: [
        { path: 'steps[0].retry.maxAttempts', line: 5, column: 26, message: "maxAttempts must be a whole number ≥ 1, got 'lots'" },
        { path: 'steps[1].id', line: 6, column: 9, message: "id must match [A-Za-z_][A-Za-z0-9_]*, got '1b'" },
      ],
    });
    vi.stubGlobal('fetch', fetch);
    const { container } = render(<DeployPage />);
    fireEvent.change(screen.getByLabelText('Workflow YAML'), { target: { value: 'name: bad\nsteps:\n  - id: a\n    function: x.y\n    retry: {maxAttempts: lots}\n  - id: 1b\n' } });

    fireEvent.click(screen.getByRole('button', { name: /Deploy$/ }));

    expect(await screen.findByText('2 errors')).toBeTruthy();
    expect(screen.getByText('Ln 5:26')).toBeTruthy();
    expect(screen.getByText('Ln 6:9')).toBeTruthy();
    expect([...container.querySelectorAll('.editor-num.has-error')].map((e) => e.textContent)).toEqual(['5', '6']);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/v1/workflows');
    expect(init.headers['Content-Type']).toBe('application/yaml');
  });

  it('says which version was deployed', async () => {
    vi.stubGlobal('fetch', answer(201, { name: 'hello-world', version: 2, created: true }));
    render(<DeployPage />);

    fireEvent.click(screen.getByRole('button', { name: /Deploy$/ }));

    expect(await screen.findByText('Deployed hello-world v2')).toBeTruthy();
  });
});
