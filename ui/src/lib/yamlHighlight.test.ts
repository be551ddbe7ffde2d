import { describe, expect, it } from 'vitest';
import { highlightLine, highlightYaml } from './yamlHighlight';

const kinds = (line: string) => highlightLine(line).filter((t) => t.kind !== 'space').map((t) => [t.kind, t.text]);

describe('highlightLine', () => {
  it('colours a key, its value and a trailing comment', () => {
    expect(kinds('timeout: 1h   # whole run')).toEqual([
      ['key', 'timeout'],
      ['punct', ':'],
      ['plain', '1h'],
      ['comment', '# whole run'],
    ]);
  });

  it('colours a list item key and an expression', () => {
    expect(kinds('  - orderId: ${ input.orderId }')).toEqual([
      ['punct', '-'],
      ['key', 'orderId'],
      ['punct', ':'],
      ['expr', '${ input.orderId }'],
    ]);
  });

  it('colours keys, numbers and lists inside flow mappings', () => {
    expect(kinds('retry: {maxAttempts: 5, nonRetryable: [CardDeclined]}')).toEqual([
      ['key', 'retry'],
      ['punct', ':'],
      ['punct', '{'],
      ['key', 'maxAttempts'],
      ['punct', ':'],
      ['number', '5'],
      ['punct', ','],
      ['key', 'nonRetryable'],
      ['punct', ':'],
      ['punct', '['],
      ['plain', 'CardDeclined'],
      ['punct', ']'],
      ['punct', '}'],
    ]);
  });

  it('keeps quoted strings, # inside them included, whole', () => {
    expect(kinds('subject: "Order #${ input.orderId }"')).toEqual([
      ['key', 'subject'],
      ['punct', ':'],
      ['string', '"Order #${ input.orderId }"'],
    ]);
  });

  it('knows booleans and null', () => {
    expect(kinds('retryable: true').at(-1)).toEqual(['bool', 'true']);
    expect(kinds('x: null').at(-1)).toEqual(['bool', 'null']);
  });

  it('does not treat a URL colon as a key', () => {
    expect(kinds('see http://example.com')).toEqual([['plain', 'see http://example.com']]);
  });
});

describe('highlightYaml', () => {
  it('gives one token list per line and keeps the text', () => {
    const source = 'name: a\n\nsteps:\n  - id: x\n';

    const lines = highlightYaml(source);

    expect(lines).toHaveLength(4);
    expect(lines.map((l) => l.map((t) => t.text).join('')).join('\n')).toBe(source.trimEnd());
  });
});
