import { describe, expect, it } from 'vitest';
import { toFts5 } from './fts5.js';
import { parseSearch, type SearchTerm, type SearchTree } from '../../../mail/search.js';

const term = (text: string, field: SearchTerm['field'] = null): SearchTerm => ({ kind: 'term', text, field });
const tree = (all: [SearchTerm, ...SearchTerm[]], none: SearchTerm[] = []): SearchTree => ({ all, none });

describe('toFts5', () => {
  it('quotes a term, a phrase and a prefix, the * of a prefix outside the quotes', () => {
    expect(toFts5(tree([term('invoice')]))).toBe('"invoice"');
    expect(toFts5(tree([{ kind: 'phrase', text: 'Acme Bank', field: null }]))).toBe('"Acme Bank"');
    expect(toFts5(tree([{ kind: 'prefix', text: 'renew', field: null }]))).toBe('"renew" *');
  });

  it('writes each field as its index column', () => {
    expect(
      toFts5(
        tree([term('acme', 'from'), term('bob', 'to'), { kind: 'prefix', text: 'renew', field: 'subject' }]),
      ),
    ).toBe('sender : ("acme") AND recipients : ("bob") AND subject : ("renew" *)');
  });

  it('joins the terms to find by AND and puts each to leave out after a NOT', () => {
    expect(toFts5(tree([term('a'), term('b')], [term('c'), term('d', 'from')]))).toBe(
      '"a" AND "b" NOT "c" NOT sender : ("d")',
    );
  });

  it('doubles the quotes inside a term, so it stays one string', () => {
    expect(toFts5(tree([term('a"b')]))).toBe('"a""b"');
    expect(toFts5(tree([term('") OR sender : ("x')]))).toBe('""") OR sender : (""x"');
  });

  it('writes a term given twice once, among those to find and those to leave out alike', () => {
    expect(
      toFts5(
        tree(
          [term('a'), { kind: 'phrase', text: 'a', field: null }, term('a', 'from'), term('a')],
          [term('b'), term('b')],
        ),
      ),
    ).toBe('"a" AND sender : ("a") NOT "b"');
  });

  it('keeps FTS5 operators and punctuation as text inside the quotes', () => {
    expect(toFts5(tree([term('NEAR(a'), term('b)'), term('OR'), term('x:y'), term('^z')]))).toBe(
      '"NEAR(a" AND "b)" AND "OR" AND "x:y" AND "^z"',
    );
  });

  it('renders what parseSearch reads as the expression the index was always given', () => {
    const cases: [string, string][] = [
      ['invoice', '"invoice"'],
      ['invoice from:acme after:2025-01-01', '"invoice" AND sender : ("acme")'],
      ['"Acme Bank" -spam', '"Acme Bank" NOT "spam"'],
      ['renew* subject:"your renewal"', '"renew" * AND subject : ("your renewal")'],
      ['to:alex+acme@x.example', 'recipients : ("alex+acme@x.example")'],
      ['-from:acme invoice', '"invoice" NOT sender : ("acme")'],
      ['a a "a"', '"a"'],
      ['a"b', '"a""b"'],
      ['"unclosed phrase', '"unclosed phrase"'],
      ['NEAR(a b)', '"NEAR(a" AND "b)"'],
      ['x OR y', '"x" AND "OR" AND "y"'],
      ['AND NOT', '"AND" AND "NOT"'],
      ['ab*', '"ab" *'],
      ['"ab*"', '"ab*"'],
      ['éa*', '"éa" *'],
      ['subject:abc* -subject:abc', 'subject : ("abc" *) NOT subject : ("abc")'],
      ['FROM:acme', 'sender : ("acme")'],
      ['x:y', '"x:y"'],
      ['foo-bar', '"foo-bar"'],
      ['日本*', '"日本" *'],
      ['"x""y"', '"x" AND "y"'],
      ['col:"a" b', '"col:""a""" AND "b"'],
    ];
    for (const [query, expected] of cases) {
      const match = parseSearch(query).match;
      expect(match, query).not.toBeNull();
      if (match !== null) expect(toFts5(match), query).toBe(expected);
    }
  });
});
