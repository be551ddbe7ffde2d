import { useState } from 'react';
import { Link } from 'wouter';
import { CopyButton } from '../components/CopyButton';
import { Icon } from '../components/Icon';
import { Problem } from '../components/Problem';
import { StartRunDialog } from '../components/StartRunDialog';
import { Card, EmptyState, Facts, Loading } from '../components/ui';
import { WorkflowGraph } from '../components/WorkflowGraph';
import { YamlView } from '../components/YamlView';
import { api } from '../lib/api';
import { formatDateTime, formatRelative } from '../lib/format';
import { useAsync } from '../lib/useAsync';

/** One workflow: its versions, and the chosen version's YAML beside its diagram. */
export function WorkflowPage({ name, version }: { name: string; version?: number }) {
  const versions = useAsync(() => api.workflow(name), [name]);
  const latest = versions.data ? Math.max(...versions.data.versions.map((v) => v.version)) : undefined;
  const chosen = version ?? latest;
  const detail = useAsync(() => (chosen ? api.version(name, chosen) : Promise.resolve(undefined)), [name, chosen]);
  const base = `/workflows/${encodeURIComponent(name)}`;
  const [starting, setStarting] = useState(false);

  return (
    <div className="page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/workflows">Workflows</Link>
        <Icon name="chevronRight" size={12} />
        <span aria-current="page">{name}</span>
      </nav>
      {versions.error?.status === 404 ? (
        <EmptyState title="No such workflow" icon="alert">
          {versions.error.detail} <Link href="/workflows">Back to workflows</Link>
        </EmptyState>
      ) : versions.error ? (
        <Problem error={versions.error} title="Could not load the workflow" />
      ) : !versions.data ? (
        <Loading what="the workflow" />
      ) : (
        <>
          <div className="page-header">
            <div className="page-header-main">
              <div className="run-title">
                <h1 className="page-title">{name}</h1>
                <CopyButton value={name} label="workflow name" />
              </div>
              {detail.data?.description && <div className="page-subtitle">{detail.data.description}</div>}
            </div>
            <div className="page-actions">
              <Link href={`/runs?workflow=${encodeURIComponent(name)}`} className="btn btn-sm">
                View runs <Icon name="arrowRight" size={14} />
              </Link>
              <Link href="/deploy" className="btn btn-sm">
                <Icon name="upload" size={14} /> Deploy a new version
              </Link>
              <button type="button" className="btn btn-primary btn-sm" onClick={() => setStarting(true)}>
                <Icon name="play" size={14} /> Start run
              </button>
            </div>
          </div>
          <nav className="versions" aria-label="Versions">
            {[...versions.data.versions]
              .sort((a, b) => b.version - a.version)
              .map((v) => (
                <Link
                  key={v.version}
                  href={`${base}/versions/${v.version}`}
                  aria-current={v.version === chosen ? 'page' : undefined}
                  className={v.version === chosen ? 'version-tab active' : 'version-tab'}
                  title={`deployed ${formatDateTime(v.createdAt)}`}
                >
                  <span className="version-tab-name">v{v.version}</span>
                  {v.version === latest && <span className="tag">latest</span>}
                  <span className="version-tab-date">{formatRelative(v.createdAt)}</span>
                </Link>
              ))}
          </nav>
          {detail.error && <Problem error={detail.error} title="Could not load this version" />}
          {detail.data && (
            <div className="split">
              <Card
                title={`workflow.yaml · v${detail.data.version}`}
                flush
                className="split-code"
                actions={
                  <>
                    <span className="muted small">{detail.data.yaml.replace(/\n$/, '').split('\n').length} lines</span>
                    <CopyButton value={detail.data.yaml} label={`${name} v${detail.data.version} YAML`} text="Copy YAML" />
                  </>
                }
              >
                <YamlView source={detail.data.yaml} label={`${name} v${detail.data.version} YAML`} toolbar={false} />
              </Card>
              <div className="split-side">
                <Card title="Diagram">
                  <WorkflowGraph graph={detail.data.graph} orientation="vertical" />
                </Card>
                <Card title="About this version">
                  <Facts
                    items={[
                      ['Version', `v${detail.data.version}${detail.data.version === latest ? ' (latest)' : ''}`],
                      ['Deployed', formatDateTime(detail.data.createdAt)],
                      ['Steps', String(detail.data.graph.nodes.filter((n) => !['start', 'end', 'compensation'].includes(n.kind)).length)],
                      ['Compensations', String(detail.data.graph.nodes.filter((n) => n.kind === 'compensation').length)],
                    ]}
                  />
                </Card>
              </div>
            </div>
          )}
          {!detail.data && !detail.error && <Loading what="the version" />}
          {starting && <StartRunDialog workflow={name} version={chosen} onClose={() => setStarting(false)} />}
        </>
      )}
    </div>
  );
}
