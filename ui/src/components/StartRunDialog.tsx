import { useState } from 'react';
import { useLocation } from 'wouter';
import { api, ApiError } from '../lib/api';
import type { Json } from '../lib/types';
import { ConfirmDialog } from './ConfirmDialog';
import { Problem } from './Problem';

/** Starts a run of one workflow version with a JSON input, then opens it. */
export function StartRunDialog({ workflow, version, onClose }: { workflow: string; version?: number; onClose: () => void }) {
  const [input, setInput] = useState('{\n  \n}');
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [, navigate] = useLocation();

  const start = async () => {
    let parsed: Json;
    try {
      parsed = input.trim() ? (JSON.parse(input) as Json) : {};
    } catch (e) {
      setError(new ApiError(400, 'The input is not valid JSON', e instanceof Error ? e.message : String(e)));
      return;
    }
    setBusy(true);
    try {
      const started = await api.start(workflow, parsed, key.trim() || undefined, version);
      navigate(`/runs/${started.runId}`);
    } catch (e) {
      setError(e as ApiError);
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog title={`Start a run of ${workflow}${version ? ` v${version}` : ''}`} confirmLabel="Start run" cancelLabel="Close" busy={busy} onCancel={onClose} onConfirm={() => void start()}>
      <label className="field field-block">
        <span className="field-label">Input (JSON, checked against the workflow's input schema)</span>
        <textarea className="mono" rows={8} value={input} onChange={(e) => setInput(e.target.value)} spellCheck={false} aria-label="Run input" />
      </label>
      <label className="field field-block">
        <span className="field-label">Idempotency key (optional: the same key again returns the same run)</span>
        <input value={key} onChange={(e) => setKey(e.target.value)} aria-label="Idempotency key" />
      </label>
      {error && (
        <div className="field-block">
          <Problem error={error} title={`Could not start the run: ${error.title}`} />
        </div>
      )}
    </ConfirmDialog>
  );
}
