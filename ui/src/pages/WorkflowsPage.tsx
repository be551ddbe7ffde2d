import { Link, useLocation } from 'wouter';
import { CopyButton } from '../components/CopyButton';
import { Icon } from '../components/Icon';
import { Problem } from '../components/Problem';
import { EmptyState, Loading, PageHeader } from '../components/ui';
import { api } from '../lib/api';
import { formatDateTime, formatRelative } from '../lib/format';
import { useAsync } from '../lib/useAsync';

export function WorkflowsPage() {
  const workflows = useAsync(() => api.workflows(), []);
  const [, navigate] = useLocation();
  return (
    <div className="page">
      <PageHeader
        title="Workflows"
        subtitle="Deployed workflow definitions. Deploying changed YAML under the same name makes a new version."
        actions={
          <Link href="/deploy" className="btn btn-sm">
            <Icon name="upload" size={14} /> Deploy workflow
          </Link>
        }
      />
      {workflows.error && <Problem error={workflows.error} title="Could not load workflows" />}
      <div className="table-card">
        {!workflows.data && workflows.loading && <Loading what="workflows" />}
        {workflows.data?.length === 0 && (
          <EmptyState title="No workflows yet" icon="play">
            <Link href="/deploy">Deploy your first workflow</Link> from its YAML.
          </EmptyState>
        )}
        {workflows.data && workflows.data.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Description</th>
                <th scope="col">Latest</th>
                <th scope="col">Updated</th>
                <th scope="col"><span className="sr-only">Runs</span></th>
              </tr>
            </thead>
            <tbody>
              {workflows.data.map((w) => (
                <tr key={w.name} className="row-link" onClick={() => navigate(`/workflows/${encodeURIComponent(w.name)}`)} data-workflow={w.name}>
                  <td>
                    <span className="run-id-cell">
                      <Link href={`/workflows/${encodeURIComponent(w.name)}`} className="strong-link" onClick={(e) => e.stopPropagation()}>
                        {w.name}
                      </Link>
                      <CopyButton value={w.name} label="workflow name" />
                    </span>
                  </td>
                  <td className="muted">{w.description ?? '—'}</td>
                  <td>
                    <span className="version">v{w.latestVersion}</span>
                  </td>
                  <td title={formatDateTime(w.updatedAt)}>{formatRelative(w.updatedAt)}</td>
                  <td className="num">
                    <Link href={`/runs?workflow=${encodeURIComponent(w.name)}`} className="btn btn-ghost btn-xs" onClick={(e) => e.stopPropagation()}>
                      Runs <Icon name="arrowRight" size={12} />
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
