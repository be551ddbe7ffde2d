import type {
  DefinitionError,
  Deployment,
  FunctionUsage,
  HistoryEvent,
  Json,
  Run,
  RunCounts,
  RunPage,
  SignalAccepted,
  StartedRun,
  WorkflowSummary,
  WorkflowVersion,
  WorkflowVersions,
} from './types';

const BASE = '/api/v1';

/** An RFC 9457 problem the API answered with, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors: DefinitionError[];

  constructor(status: number, title: string, detail: string, errors: DefinitionError[] = []) {
    super(detail || title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
  }

  /** The endpoint does not exist on this server (yet): pages show an empty state, not an error. */
  get isMissingEndpoint(): boolean {
    return this.status === 404 || this.status === 405 || this.status === 501;
  }
}

/** Problem `errors` are either located violations or plain strings (such as the valid statuses). */
export function normalizeErrors(raw: unknown): DefinitionError[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((e): DefinitionError => {
    if (typeof e === 'string') return { message: e };
    if (e && typeof e === 'object') {
      const o = e as Record<string, unknown>;
      return {
        path: typeof o.path === 'string' ? o.path : undefined,
        line: typeof o.line === 'number' ? o.line : undefined,
        column: typeof o.column === 'number' ? o.column : undefined,
        message: typeof o.message === 'string' ? o.message : JSON.stringify(o),
      };
    }
    return { message: String(e) };
  });
}

export async function problemFrom(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let body: Record<string, unknown> | null = null;
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    body = null;
  }
  const title = (body?.title as string) || response.statusText || `HTTP ${response.status}`;
  const detail = (body?.detail as string) || (body ? '' : text.slice(0, 300));
  return new ApiError(response.status, title, detail, normalizeErrors(body?.errors));
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(BASE + path, {
      ...init,
      headers: { Accept: 'application/json, application/problem+json', ...init?.headers },
    });
  } catch (e) {
    throw new ApiError(0, 'Ordo is not reachable', e instanceof Error ? e.message : String(e));
  }
  if (!response.ok) throw await problemFrom(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface RunFilter {
  workflow?: string;
  status?: string;
  since?: string;
  until?: string;
  limit?: number;
  cursor?: string;
}

const enc = encodeURIComponent;

export const api = {
  runs: (f: RunFilter) => request<RunPage>(`/runs${query({ ...f })}`),
  counts: (workflow?: string) => request<RunCounts>(`/runs/counts${query({ workflow })}`),
  run: (id: string) => request<Run>(`/runs/${enc(id)}`),
  events: (id: string) => request<HistoryEvent[]>(`/runs/${enc(id)}/events`),
  cancel: (id: string, reason?: string) =>
    request<{ runId: string; status: string }>(`/runs/${enc(id)}/cancel`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(reason ? { reason } : {}),
    }),
  /** Delivers signal `name` to a running run; the payload (any JSON; none for null) becomes the waiting step's output. */
  signal: (id: string, name: string, payload?: Json) =>
    request<SignalAccepted>(`/runs/${enc(id)}/signals/${enc(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    }),
  retry: (id: string) =>
    request<{ runId: string; status: string }>(`/runs/${enc(id)}/retry`, { method: 'POST' }),
  workflows: () => request<WorkflowSummary[]>('/workflows'),
  workflow: (name: string) => request<WorkflowVersions>(`/workflows/${enc(name)}`),
  version: (name: string, version: number) =>
    request<WorkflowVersion>(`/workflows/${enc(name)}/versions/${version}`),
  deploy: (yaml: string) =>
    request<Deployment>('/workflows', {
      method: 'POST',
      headers: { 'Content-Type': 'application/yaml' },
      body: yaml,
    }),
  start: (name: string, input: Json, idempotencyKey?: string, version?: number) =>
    request<StartedRun>(`/workflows/${enc(name)}/runs${query({ version })}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
      },
      body: JSON.stringify(input),
    }),
  functions: () => request<FunctionUsage[]>('/functions'),
  streamUrl: (id: string) => `${BASE}/runs/${enc(id)}/stream`,
};
