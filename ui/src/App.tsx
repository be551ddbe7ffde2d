import { Link, Route, Switch, useLocation } from 'wouter';
import { EmptyState } from './components/ui';
import { Icon } from './components/Icon';
import { DeployPage } from './pages/DeployPage';
import { FunctionsPage } from './pages/FunctionsPage';
import { RunPage } from './pages/RunPage';
import { RunsPage } from './pages/RunsPage';
import { WorkflowPage } from './pages/WorkflowPage';
import { WorkflowsPage } from './pages/WorkflowsPage';

/**
 * Path routes (`/runs/<id>`, `/workflows/<name>/versions/<v>` …): the server answers every such
 * path with index.html, so links can be shared and pages reloaded.
 */
export function App() {
  return (
    <div className="app">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <TopBar />
      <main id="main" className="main" tabIndex={-1}>
        <Switch>
          <Route path="/" component={RunsPage} />
          <Route path="/runs" component={RunsPage} />
          <Route path="/runs/:id">{(p) => <RunPage key={p.id} id={decodeURIComponent(p.id)} />}</Route>
          <Route path="/workflows" component={WorkflowsPage} />
          <Route path="/workflows/:name">{(p) => <WorkflowPage key={p.name} name={decodeURIComponent(p.name)} />}</Route>
          <Route path="/workflows/:name/versions/:version">
            {(p) => <WorkflowPage key={p.name} name={decodeURIComponent(p.name)} version={Number(p.version)} />}
          </Route>
          <Route path="/functions" component={FunctionsPage} />
          <Route path="/deploy" component={DeployPage} />
          <Route>
            <EmptyState title="Nothing here" icon="alert">
              This page does not exist. <Link href="/runs">Go to runs</Link>.
            </EmptyState>
          </Route>
        </Switch>
      </main>
    </div>
  );
}

function NavLink({ href, children }: { href: string; children: string }) {
  const [location] = useLocation();
  const active = location === href || location.startsWith(`${href}/`) || (href === '/runs' && location === '/');
  return (
    <Link href={href} className={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

function TopBar() {
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link href="/runs" className="brand" aria-label="Ordo home">
          <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="8" fill="var(--accent)" />
            <circle cx="10" cy="16" r="3.2" fill="#fff" />
            <circle cx="22" cy="10" r="3.2" fill="#fff" opacity=".8" />
            <circle cx="22" cy="22" r="3.2" fill="#fff" opacity=".8" />
            <path d="M12.8 14.6 19.2 11.4M12.8 17.4l6.4 3.2" stroke="#fff" strokeWidth="1.8" />
          </svg>
          <span>Ordo</span>
        </Link>
        <nav className="nav" aria-label="Main">
          <NavLink href="/runs">Runs</NavLink>
          <NavLink href="/workflows">Workflows</NavLink>
          <NavLink href="/functions">Functions</NavLink>
        </nav>
        <div className="topbar-right">
          <a className="topbar-link" href="/api-docs" target="_blank" rel="noreferrer">
            API <Icon name="external" size={12} />
          </a>
          <Link href="/deploy" className="btn btn-primary btn-sm">
            <Icon name="upload" size={14} />
            Deploy workflow
          </Link>
        </div>
      </div>
    </header>
  );
}
