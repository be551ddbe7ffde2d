import { highlightYaml } from '../lib/yamlHighlight';
import { CopyButton } from './CopyButton';

/** A workflow file, highlighted, with line numbers; lines with errors are marked. */
export function YamlView({ source, errorLines, label = 'YAML', toolbar = true }: { source: string; errorLines?: Set<number>; label?: string; toolbar?: boolean }) {
  const lines = highlightYaml(source);
  return (
    <div className="code">
      {toolbar && (
        <div className="code-toolbar">
          <span className="muted small">{lines.length} lines</span>
          <CopyButton value={source} label={label} text="Copy" />
        </div>
      )}
      <pre className="code-body mono" aria-label={label}>
        {lines.map((tokens, i) => (
          <div key={i} className={errorLines?.has(i + 1) ? 'code-line has-error' : 'code-line'} data-line={i + 1}>
            <span className="code-gutter" aria-hidden="true">
              {i + 1}
            </span>
            <span className="code-text">
              {tokens.map((t, j) =>
                t.kind === 'space' || t.kind === 'plain' ? (
                  t.text
                ) : (
                  <span key={j} className={`y-${t.kind}`}>
                    {t.text}
                  </span>
                ),
              )}
              {tokens.length === 0 && '\u200b'}
            </span>
          </div>
        ))}
      </pre>
    </div>
  );
}
