import { useRef, useState } from 'react';
import { Link } from 'wouter';
import { ErrorList } from '../components/ErrorList';
import { Icon } from '../components/Icon';
import { Problem } from '../components/Problem';
import { Card, PageHeader } from '../components/ui';
import { YamlEditor, type YamlEditorHandle } from '../components/YamlEditor';
import { api, ApiError } from '../lib/api';
import type { Deployment } from '../lib/types';

const STARTER = `name: hello-world
description: Echo the input back
timeout: 10m
defaults:
  timeout: 30s
  retry: {maxAttempts: 3, initialInterval: 1s, multiplier: 2.0}
steps:
  - id: echo
    function: demo.echo
    input:
      message: \${ input.message }
output:
  echoed: \${ steps.echo.output }
`;

type Result = { kind: 'deployed'; deployment: Deployment } | { kind: 'invalid'; error: ApiError; source: string } | { kind: 'failed'; error: ApiError };

export function DeployPage() {
  const [yaml, setYaml] = useState(STARTER);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>();
  const editor = useRef<YamlEditorHandle>(null);
  const file = useRef<HTMLInputElement>(null);

  const deploy = async () => {
    setBusy(true);
    try {
      setResult({ kind: 'deployed', deployment: await api.deploy(yaml) });
    } catch (e) {
      const error = e as ApiError;
      setResult(error.status === 400 ? { kind: 'invalid', error, source: yaml } : { kind: 'failed', error });
    } finally {
      setBusy(false);
    }
  };

  const errors = result?.kind === 'invalid' ? result.error.errors : [];
  const byLine = new Map<number, string[]>();
  for (const e of errors) if (e.line) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e.message]);
  const stale = result?.kind === 'invalid' && result.source !== yaml;

  return (
    <div className="page">
      <PageHeader
        title="Deploy a workflow"
        subtitle={
          <>
            Paste or load a workflow's YAML. A new name deploys version 1; changed content under a known name deploys the next version; the same
            content again changes nothing.
          </>
        }
        actions={
          <>
            <input
              ref={file}
              type="file"
              accept=".yaml,.yml,application/yaml,text/yaml"
              className="sr-only"
              tabIndex={-1}
              onChange={async (e) => {
                const f = e.target.files?.[0];
                if (f) setYaml(await f.text());
                e.target.value = '';
              }}
            />
            <button type="button" className="btn btn-sm" onClick={() => file.current?.click()}>
              Open file…
            </button>
            <button type="button" className="btn btn-primary btn-sm" onClick={() => void deploy()} disabled={busy || !yaml.trim()}>
              <Icon name="upload" size={14} /> {busy ? 'Deploying…' : 'Deploy'}
            </button>
          </>
        }
      />
      <div className="deploy">
        <Card title="workflow.yaml" flush className="deploy-editor" actions={<span className="muted small">Tab indents · Esc then Tab leaves the editor</span>}>
          <YamlEditor ref={editor} value={yaml} onChange={setYaml} errors={stale ? new Map() : byLine} label="Workflow YAML" />
        </Card>
        <div className="deploy-side">
          {!result && (
            <Card title="Result">
              <p className="muted">Deploy to check the definition. Every error comes back at once, each at its line and column.</p>
            </Card>
          )}
          {result?.kind === 'deployed' && (
            <div className="callout callout-success" role="status" data-testid="deploy-success">
              <Icon name="check" className="callout-icon" />
              <div className="callout-body">
                <div className="callout-title">
                  {result.deployment.created ? `Deployed ${result.deployment.name} v${result.deployment.version}` : `No change: ${result.deployment.name} v${result.deployment.version} has this content`}
                </div>
                <div className="callout-meta">
                  <Link href={`/workflows/${encodeURIComponent(result.deployment.name)}/versions/${result.deployment.version}`}>Open the workflow</Link>
                </div>
              </div>
            </div>
          )}
          {result?.kind === 'failed' && <Problem error={result.error} title={`Could not deploy: ${result.error.title}`} />}
          {result?.kind === 'invalid' && (
            <Card title={errors.length ? `${errors.length} error${errors.length === 1 ? '' : 's'}` : 'Invalid definition'} className="deploy-errors">
              <p className="callout-text small" role="alert">
                {result.error.detail}
                {stale && <span className="muted"> · from the last deploy; the text has changed since</span>}
              </p>
              {errors.length > 0 && <ErrorList errors={errors} onSelect={(e) => editor.current?.goTo(e.line ?? 1, e.column)} />}
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}
