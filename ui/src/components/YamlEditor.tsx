import { forwardRef, useImperativeHandle, useRef, useState } from 'react';
import { highlightYaml } from '../lib/yamlHighlight';

export interface YamlEditorHandle {
  /** Put the caret at a line and column (1-based) and scroll it into view. */
  goTo: (line: number, column?: number) => void;
}

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** Messages by line number (1-based), drawn at the end of their line. */
  errors: Map<number, string[]>;
  label: string;
}

const LINE_HEIGHT = 20;

/**
 * A plain textarea over a highlighted copy of its text: typing, selection, undo and paste are the
 * browser's own, the colours and the error marks come from the layer beneath.
 */
export const YamlEditor = forwardRef<YamlEditorHandle, Props>(function YamlEditor({ value, onChange, errors, label }, ref) {
  const area = useRef<HTMLTextAreaElement>(null);
  const tabEscaped = useRef(false);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const lines = highlightYaml(value.endsWith('\n') ? `${value} ` : value);

  useImperativeHandle(ref, () => ({
    goTo(line, column = 1) {
      const el = area.current;
      if (!el) return;
      const starts = [0];
      for (let i = 0; i < value.length; i++) if (value[i] === '\n') starts.push(i + 1);
      const start = starts[Math.min(line - 1, starts.length - 1)] ?? 0;
      const end = value.indexOf('\n', start);
      const pos = Math.min(start + Math.max(column - 1, 0), end < 0 ? value.length : end);
      el.focus();
      el.setSelectionRange(pos, pos);
      el.scrollTop = Math.max((line - 4) * LINE_HEIGHT, 0);
    },
  }));

  return (
    <div className="editor mono">
      <div className="editor-gutter" aria-hidden="true">
        <div style={{ transform: `translateY(${-scroll.top}px)` }}>
          {lines.map((_, i) => (
            <div key={i} className={errors.has(i + 1) ? 'editor-num has-error' : 'editor-num'}>
              {i + 1}
            </div>
          ))}
        </div>
      </div>
      <div className="editor-main">
        <pre className="editor-layer" aria-hidden="true" style={{ transform: `translate(${-scroll.left}px, ${-scroll.top}px)` }}>
          {lines.map((tokens, i) => (
            <div key={i} className={errors.has(i + 1) ? 'editor-line has-error' : 'editor-line'}>
              {tokens.map((t, j) =>
                t.kind === 'space' || t.kind === 'plain' ? t.text : (
                  <span key={j} className={`y-${t.kind}`}>
                    {t.text}
                  </span>
                ),
              )}
              {errors.has(i + 1) && <span className="editor-lens">{errors.get(i + 1)!.join(' · ')}</span>}
              {'\n'}
            </div>
          ))}
        </pre>
        <textarea
          ref={area}
          className="editor-input"
          aria-label={label}
          value={value}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          autoCorrect="off"
          wrap="off"
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, left: e.currentTarget.scrollLeft })}
          onKeyDown={(e) => {
            // Tab indents by two spaces (YAML has no tabs); Escape then Tab leaves the editor.
            if (e.key === 'Tab' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && !tabEscaped.current) {
              e.preventDefault();
              const el = e.currentTarget;
              const { selectionStart: s, selectionEnd: end } = el;
              const next = `${value.slice(0, s)}  ${value.slice(end)}`;
              onChange(next);
              requestAnimationFrame(() => el.setSelectionRange(s + 2, s + 2));
            }
            tabEscaped.current = e.key === 'Escape';
          }}
        />
      </div>
    </div>
  );
});
