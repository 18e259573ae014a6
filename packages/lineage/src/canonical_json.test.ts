import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical_json.js';

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units as RFC 8785 section 3.2.3 shows', () => {
    // The RFC's own sorting example; the expected order is the one printed in the RFC.
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Object.keys would put the integer-like key '1' first, so the expected text is spelled out.
    const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'] as const;
    const expected = `{${order.map((k) => `${JSON.stringify(k)}:${JSON.stringify(input[k])}`).join(',')}}`;
    expect(canonicalJson(input)).toBe(expected);
  });

  it('writes numbers as RFC 8785 appendix B expects', () => {
    // Pairs from the RFC's number serialization table (IEEE-754 input -> expected JSON text).
    const table: [number, string][] = [
      [0, '0'],
      [-0, '0'],
      [1e30, '1e+30'],
      [4.5, '4.5'],
      [0.002, '0.002'],
      [1e-7, '1e-7'],
      [333333333.3333333, '333333333.3333333'],
      [9007199254740992, '9007199254740992'],
      [295147905179352830000, '295147905179352830000'],
      [1e21, '1e+21'],
      [-5e-324, '-5e-324'],
    ];
    for (const [n, text] of table) expect(canonicalJson(n)).toBe(text);
  });

  it('reproduces the RFC 8785 section 3.2.2 example', () => {
    const input = {
      // The RFC writes the first number with more digits than a double holds; parse it as JSON would.
      numbers: [Number('333333333.33333329'), 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000f\nA\'B"\\\\"/',
      literals: [null, true, false],
    };
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('ignores key order and leaves out undefined properties', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: undefined } })).toBe('{"a":{"d":[1,"x"]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('names the path of what JSON cannot carry', () => {
    expect(() => canonicalJson({ params: { lr: Number.NaN } })).toThrow('value.params.lr is NaN');
    expect(() => canonicalJson({ a: [1, undefined] })).toThrow('value.a[1] is undefined');
    expect(() => canonicalJson({ when: new Date(0) })).toThrow('value.when is a Date');
    expect(() => canonicalJson({ n: 10n })).toThrow('value.n is a bigint');
    expect(() => canonicalJson({ s: '\ud800' })).toThrow('lone UTF-16 surrogate');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow('cycle');
  });

  it('does not print string contents in errors (they may be PII)', () => {
    try {
      canonicalJson({ email: 'alice@example.com', bad: () => 1 });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain('alice');
    }
  });
});
