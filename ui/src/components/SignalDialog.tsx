import { useId, useRef, useState } from 'react';
import { api, ApiError } from '../lib/api';
import type { Json } from '../lib/types';
import { ConfirmDialog } from './ConfirmDialog';
import { Problem } from './Problem';

/** The names Ordo accepts for a signal (RunService.SIGNAL_NAME). */
const SIGNAL_NAME = /^[A-Za-z0-9_.-]+$/;

export type Parsed = { ok: true; value: Json | undefined } | { ok: false; message: string };

/** The payload as JSON; empty means none (the step's output is then null). */
export function parsePayload(text: string): Parsed {
  if (!text.trim()) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

interface Props {
  runId: string;
  /** The signals the run's waiting steps expect, the first one prefilled. */
  awaited: { name: string; stepId: string }[];
  onClose: () => void;
  onSent: (name: string) => void;
}

/** Asks for a signal's name and JSON payload, checks both, then delivers it to the run. */
export function SignalDialog({ runId, awaited, onClose, onSent }: Props) {
  const [name, setName] = useState(awaited[0]?.name ?? '');
  const [payload, setPayload] = useState('{}');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const payloadRef = useRef<HTMLTextAreaElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const parsed = parsePayload(payload);
  const nameProblem = !name.trim()
    ? 'Give the signal a name.'
    : SIGNAL_NAME.test(name.trim())
      ? undefined
      : 'A signal name has only letters, digits, “_”, “.” and “-”.';

  const send = async () => {
    setTried(true);
    if (nameProblem) {
      nameRef.current?.focus();
      return;
    }
    if (!parsed.ok) {
      payloadRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.signal(runId, name.trim(), parsed.value);
      onSent(name.trim());
    } catch (e) {
      setError(e as ApiError);
      setBusy(false);
    }
  };

  const waiting = awaited.find((a) => a.name === name.trim());
  return (
    <ConfirmDialog title="Send a signal to this run" confirmLabel="Send signal" cancelLabel="Close" busy={busy} onCancel={onClose} onConfirm={() => void send()}>
      <p>
        {awaited.length > 0 ? (
          <>
            Step{awaited.length > 1 ? 's' : ''} {awaited.map((a, i) => (
              <span key={a.stepId}>
                {i > 0 && ', '}
                <code>{a.stepId}</code> waits for <code>{a.name}</code>
              </span>
            ))}
            . The payload becomes the waiting step's output.
          </>
        ) : (
          'No step waits for a signal right now: the run keeps it, and the first step to wait for it takes it.'
        )}
      </p>
      <label className="field field-block">
        <span className="field-label">Signal name</span>
        <input
          ref={nameRef}
          className="mono"
          value={name}
          onChange={(e) => setName(e.target.value)}
          list={awaited.length ? listId : undefined}
          aria-label="Signal name"
          aria-invalid={tried && Boolean(nameProblem)}
          spellCheck={false}
          autoComplete="off"
        />
        {awaited.length > 0 && (
          <datalist id={listId}>
            {awaited.map((a) => (
              <option key={a.name} value={a.name} />
            ))}
          </datalist>
        )}
        {tried && nameProblem && <span className="field-error" role="alert">{nameProblem}</span>}
        {!nameProblem && awaited.length > 0 && !waiting && (
          <span className="field-hint">No step waits for this signal: the run will keep it until one does.</span>
        )}
      </label>
      <label className="field field-block">
        <span className="field-label">Payload (JSON; leave empty for none)</span>
        <textarea
          ref={payloadRef}
          className="mono"
          rows={6}
          value={payload}
          onChange={(e) => setPayload(e.target.value)}
          spellCheck={false}
          aria-label="Signal payload"
          aria-invalid={!parsed.ok}
        />
        {!parsed.ok && (
          <span className="field-error" role="alert" data-testid="payload-error">
            This is not JSON: {parsed.message}
          </span>
        )}
      </label>
      {error && (
        <div className="field-block">
          <Problem error={error} title={`Could not send the signal: ${error.title}`} />
        </div>
      )}
    </ConfirmDialog>
  );
}
