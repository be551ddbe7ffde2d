import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from './api';
import { isLive } from './status';
import type { Run } from './types';

/** How the page keeps up with the run: server-sent events, polling (fallback), or not at all. */
export type LiveMode = 'stream' | 'poll' | 'idle';

const POLL_MS = 1000;
const THROTTLE_MS = 500;

/**
 * One run, kept up to date while it is RUNNING or COMPENSATING: first over
 * `GET /runs/{id}/stream` (server-sent events named `run`), and where that is not available or
 * breaks, by polling `GET /runs/{id}` every second until the run comes to rest.
 */
export function useLiveRun(runId: string) {
  const [run, setRun] = useState<Run>();
  const [error, setError] = useState<ApiError>();
  const [mode, setMode] = useState<LiveMode>('idle');
  const [epoch, setEpoch] = useState(0);

  useEffect(() => {
    let stopped = false;
    let source: EventSource | undefined;
    let timer: number | undefined;

    // A busy run (a forEach over thousands of items) changes many times a second, each time with
    // the whole run: draw at most every THROTTLE_MS, and at once when the run comes to rest.
    let lastDrawn = 0;
    let pending: Run | undefined;
    let drawTimer: number | undefined;
    const draw = () => {
      drawTimer = undefined;
      if (stopped || !pending) return;
      lastDrawn = Date.now();
      setRun(pending);
      setError(undefined);
      pending = undefined;
    };
    const accept = (next: Run) => {
      pending = next;
      if (!isLive(next.status) || Date.now() - lastDrawn >= THROTTLE_MS) {
        window.clearTimeout(drawTimer);
        draw();
      } else if (drawTimer === undefined) {
        drawTimer = window.setTimeout(draw, THROTTLE_MS - (Date.now() - lastDrawn));
      }
    };

    const poll = async () => {
      try {
        const next = await api.run(runId);
        if (stopped) return;
        accept(next);
        if (isLive(next.status)) {
          setMode('poll');
          timer = window.setTimeout(poll, POLL_MS);
        } else {
          setMode('idle');
        }
      } catch (e) {
        if (stopped) return;
        setError(e as ApiError);
        if ((e as ApiError).status !== 404) timer = window.setTimeout(poll, 3 * POLL_MS);
      }
    };

    const follow = (first: Run) => {
      if (!isLive(first.status)) {
        setMode('idle');
        return;
      }
      if (typeof EventSource === 'undefined') {
        setMode('poll');
        timer = window.setTimeout(poll, POLL_MS);
        return;
      }
      const stream = new EventSource(api.streamUrl(runId));
      source = stream;
      let received = false;
      setMode('stream');
      stream.addEventListener('run', (event) => {
        received = true;
        const next = JSON.parse((event as MessageEvent<string>).data) as Run;
        if (stopped) return;
        accept(next);
        if (!isLive(next.status)) {
          // The server ends the stream now; closing first stops EventSource reconnecting.
          stream.close();
          setMode('idle');
        }
      });
      stream.onerror = () => {
        stream.close();
        if (stopped) return;
        // No stream endpoint (404), or it broke: poll instead until the run is at rest.
        setMode('poll');
        timer = window.setTimeout(poll, received ? 0 : POLL_MS);
      };
    };

    api.run(runId).then(
      (first) => {
        if (stopped) return;
        accept(first);
        follow(first);
      },
      (e: unknown) => {
        if (!stopped) setError(e as ApiError);
      },
    );

    return () => {
      stopped = true;
      source?.close();
      window.clearTimeout(timer);
      window.clearTimeout(drawTimer);
    };
  }, [runId, epoch]);

  /** Read the run again and follow it if it is live again (after a cancel or a retry). */
  const refresh = useCallback(() => setEpoch((e) => e + 1), []);
  return { run, error, mode, refresh };
}
