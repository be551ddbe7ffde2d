/**
 * A small YAML highlighter for workflow files: keys, strings, numbers, booleans, comments,
 * `${ … }` expressions and flow punctuation, line by line. Not a parser: it only colours.
 */

export type TokenKind = 'key' | 'string' | 'number' | 'bool' | 'comment' | 'expr' | 'punct' | 'plain' | 'space';

export interface Token {
  kind: TokenKind;
  text: string;
}

const KEY = /^(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s#"'{}[\],:][^#{}[\],:]*?)(?=\s*:(?:\s|$))/;
const NUMBER = /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+|0x[0-9a-fA-F]+|\.inf|\.nan)$/;
const BOOL = /^(?:true|false|null|~|True|False|Null|TRUE|FALSE|NULL|yes|no|on|off)$/;

function scalar(text: string): TokenKind {
  if (NUMBER.test(text)) return 'number';
  if (BOOL.test(text)) return 'bool';
  return 'plain';
}

export function highlightLine(line: string): Token[] {
  const out: Token[] = [];
  const push = (kind: TokenKind, text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.kind === kind && (kind === 'space' || kind === 'plain')) last.text += text;
    else out.push({ kind, text });
  };
  let i = 0;
  const indent = /^\s*/.exec(line)![0];
  push('space', indent);
  i = indent.length;
  if (line.startsWith('---', i) || line.startsWith('...', i)) {
    push('punct', line.slice(i));
    return out;
  }
  // Sequence dashes, possibly several ("- - a").
  while (line[i] === '-' && (line[i + 1] === ' ' || i + 1 === line.length)) {
    push('punct', '-');
    const sp = /^\s*/.exec(line.slice(i + 1))![0];
    push('space', sp);
    i += 1 + sp.length;
  }
  let expectKey = true;
  while (i < line.length) {
    const rest = line.slice(i);
    const c = line[i];
    if (c === ' ' || c === '\t') {
      const sp = /^\s+/.exec(rest)![0];
      push('space', sp);
      i += sp.length;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      push('comment', rest);
      break;
    }
    if (expectKey) {
      const key = KEY.exec(rest);
      if (key) {
        push('key', key[0]);
        i += key[0].length;
        const colon = /^\s*:/.exec(line.slice(i))![0];
        push('punct', colon);
        i += colon.length;
        expectKey = false;
        continue;
      }
    }
    expectKey = false;
    if (rest.startsWith('${')) {
      const close = rest.indexOf('}', 2);
      const text = close < 0 ? rest : rest.slice(0, close + 1);
      push('expr', text);
      i += text.length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < line.length && line[j] !== c) j += line[j] === '\\' && c === '"' ? 2 : 1;
      push('string', line.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if ('{}[],'.includes(c)) {
      push('punct', c);
      i += 1;
      // Inside flow collections a key may follow an opening brace or a comma.
      expectKey = c === '{' || c === ',';
      continue;
    }
    if ((c === '|' || c === '>') && /^[|>][-+0-9]*\s*(#.*)?$/.test(rest)) {
      const m = /^[|>][-+0-9]*/.exec(rest)![0];
      push('punct', m);
      i += m.length;
      continue;
    }
    // A plain scalar runs to a flow indicator, a comment, or an expression.
    let j = i;
    while (j < line.length) {
      const d = line[j];
      if ('{}[],'.includes(d)) break;
      if (d === '#' && /\s/.test(line[j - 1] ?? ' ')) break;
      if (d === '$' && line[j + 1] === '{') break;
      j += 1;
    }
    const text = line.slice(i, j);
    const trimmed = text.trimEnd();
    push(scalar(trimmed), trimmed);
    push('space', text.slice(trimmed.length));
    i = j;
  }
  return out;
}

export function highlightYaml(source: string): Token[][] {
  return source.replace(/\n$/, '').split('\n').map(highlightLine);
}
