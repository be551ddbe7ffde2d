import { describe, expect, it } from 'vitest';
import { normalizeErrors, problemFrom } from './api';

describe('problemFrom', () => {
  it('reads a problem+json answer with located errors', async () => {
    const body = {
      title: 'Bad Request',
      status: 400,
      detail: 'the workflow definition has 1 error(s)',
      errors: [{ path: 'steps[0].id', line: 6, column: 9, message: 'id must match …' }],
    };
    const response = new Response(JSON.stringify(body), { status: 400, headers: { 'Content-Type': 'application/problem+json' } });

    const problem = await problemFrom(response);

    expect(problem.status).toBe(400);
    expect(problem.title).toBe('Bad Request');
    expect(problem.detail).toBe('the workflow definition has 1 error(s)');
    expect(problem.errors).toEqual([{ path: 'steps[0].id', line: 6, column: 9, message: 'id must match …' }]);
  });

  it('keeps a body that is not JSON as the detail', async () => {
    const problem = await problemFrom(new Response('upstream broke', { status: 502, statusText: 'Bad Gateway' }));

    expect(problem.title).toBe('Bad Gateway');
    expect(problem.detail).toBe('upstream broke');
  });

  it('tells a missing endpoint apart', async () => {
    expect((await problemFrom(new Response('', { status: 404 }))).isMissingEndpoint).toBe(true);
    expect((await problemFrom(new Response('', { status: 409 }))).isMissingEndpoint).toBe(false);
  });
});

describe('normalizeErrors', () => {
  it('turns plain strings into messages', () => {
    expect(normalizeErrors(['RUNNING', 'FAILED'])).toEqual([{ message: 'RUNNING' }, { message: 'FAILED' }]);
  });

  it('ignores anything that is not a list', () => {
    expect(normalizeErrors(undefined)).toEqual([]);
  });
});
