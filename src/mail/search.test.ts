import { describe, expect, it } from 'vitest';
import { VrmError } from '../platform/errors.js';
import { parseSearch, type SearchTerm } from './search.js';

const term = (text: string, field: SearchTerm['field'] = null): SearchTerm => ({ kind: 'term', text, field });
const phrase = (text: string, field: SearchTerm['field'] = null): SearchTerm => ({
  kind: 'phrase',
  text,
  field,
});
const prefix = (text: string, field: SearchTerm['field'] = null): SearchTerm => ({
  kind: 'prefix',
  text,
  field,
});

/** The `invalid_input` message a query is refused with (and fails the test if it is accepted). */
function refusal(text: string): string {
  try {
    parseSearch(text);
  } catch (error) {
    expect(error).toBeInstanceOf(VrmError);
    expect((error as VrmError).code).toBe('invalid_input');
    return (error as VrmError).message;
  }
  throw new Error(`"${text}" was accepted`);
}

describe('parseSearch', () => {
  it('reads words as terms that must all appear, in the order written, and marks them', () => {
    expect(parseSearch('invoice  Renewal')).toEqual({
      match: { all: [term('invoice'), term('Renewal')], none: [] },
      highlight: [
        { word: 'invoice', prefix: false },
        { word: 'renewal', prefix: false },
      ],
    });
  });

  it('reads a quoted text as one phrase without its quotes, and marks each of its words', () => {
    expect(parseSearch('"Acme Bank" invoice')).toEqual({
      match: { all: [phrase('Acme Bank'), term('invoice')], none: [] },
      highlight: [
        { word: 'acme', prefix: false },
        { word: 'bank', prefix: false },
        { word: 'invoice', prefix: false },
      ],
    });
  });

  it('reads an unclosed quote as a phrase to the end of the query', () => {
    expect(parseSearch('x "acme bank').match).toEqual({ all: [term('x'), phrase('acme bank')], none: [] });
  });

  it('reads a trailing * as a prefix and marks its word as one', () => {
    expect(parseSearch('renew* café')).toEqual({
      match: { all: [prefix('renew'), term('café')], none: [] },
      highlight: [
        { word: 'renew', prefix: true },
        { word: 'cafe', prefix: false },
      ],
    });
  });

  it('keeps a * inside quotes as text, not a prefix', () => {
    expect(parseSearch('"ab*"').match).toEqual({ all: [phrase('ab*')], none: [] });
  });

  it('puts words after a dash among those to leave out, and does not mark them', () => {
    expect(parseSearch('invoice -spam -from:acme')).toEqual({
      match: { all: [term('invoice')], none: [term('spam'), term('acme', 'from')] },
      highlight: [{ word: 'invoice', prefix: false }],
    });
  });

  it('limits from:, to: and subject: to their field, with words, phrases or prefixes', () => {
    expect(parseSearch('from:"Acme Bank" to:alex+acme@x.example subject:renew*').match).toEqual({
      all: [phrase('Acme Bank', 'from'), term('alex+acme@x.example', 'to'), prefix('renew', 'subject')],
      none: [],
    });
  });

  it('marks the words of subject: but not those of from: or to:', () => {
    expect(parseSearch('from:acme to:bob subject:"your renewal"').highlight).toEqual([
      { word: 'your', prefix: false },
      { word: 'renewal', prefix: false },
    ]);
  });

  it('reads operator names in any case', () => {
    expect(parseSearch('FROM:acme Subject:Hi').match).toEqual({
      all: [term('acme', 'from'), term('Hi', 'subject')],
      none: [],
    });
  });

  it('keeps a term given twice twice in the tree (the renderer writes it once)', () => {
    expect(parseSearch('a a "a"').match).toEqual({ all: [term('a'), term('a'), phrase('a')], none: [] });
  });

  it('reads provider:, before:, after:, has:attachment and is:leak as filters, with no text', () => {
    expect(
      parseSearch('provider:"Acme Bank" before:2025-01-01 after:2024-06-01 has:Attachment is:LEAK'),
    ).toEqual({
      match: null,
      provider: 'Acme Bank',
      before: '2025-01-01',
      after: '2024-06-01',
      hasAttachment: true,
      leak: true,
      highlight: [],
    });
  });

  it('answers an empty or blank query with no text and no filters', () => {
    expect(parseSearch('')).toEqual({ match: null, highlight: [] });
    expect(parseSearch('   \t ')).toEqual({ match: null, highlight: [] });
  });

  it('skips terms with no letter or digit', () => {
    expect(parseSearch('- ( "" *** x -')).toEqual({
      match: { all: [term('x')], none: [] },
      highlight: [{ word: 'x', prefix: false }],
    });
    expect(parseSearch('( ) ""').match).toBeNull();
  });

  it('reads unknown operators and FTS5 syntax as plain text', () => {
    expect(parseSearch('NEAR(a b) x OR y AND NOT z').match).toEqual({
      all: ['NEAR(a', 'b)', 'x', 'OR', 'y', 'AND', 'NOT', 'z'].map((t) => term(t)),
      none: [],
    });
    expect(parseSearch('x:y http://acme.example').match).toEqual({
      all: [term('x:y'), term('http://acme.example')],
      none: [],
    });
  });

  it('reads a name of the object prototype as text, not as a field', () => {
    expect(parseSearch('constructor:foo').match).toEqual({ all: [term('constructor:foo')], none: [] });
  });

  it('keeps quotes inside a word as text', () => {
    expect(parseSearch('a"b').match).toEqual({ all: [term('a"b')], none: [] });
  });

  it('refuses a prefix of fewer than two letters, naming the term', () => {
    expect(refusal('b*')).toBe('search: b*: a prefix search needs at least 2 letters before the *');
    expect(refusal('x-é*')).toBe('search: x-é*: a prefix search needs at least 2 letters before the *');
    expect(refusal('subject:a*')).toBe('search: a*: a prefix search needs at least 2 letters before the *');
    expect(parseSearch('日本*').match).toEqual({ all: [prefix('日本')], none: [] });
  });

  it('refuses a search of only what to leave out', () => {
    expect(refusal('-spam -from:acme')).toBe('search: say what to look for, not only what to leave out');
    expect(refusal('-spam has:attachment')).toBe('search: say what to look for, not only what to leave out');
  });

  it('refuses dates not written YYYY-MM-DD, and days that do not exist', () => {
    expect(refusal('before:2025-1-1')).toBe(
      'search: before: must be a date written YYYY-MM-DD, got "2025-1-1"',
    );
    expect(refusal('after:2025-02-30')).toBe(
      'search: after: must be a date written YYYY-MM-DD, got "2025-02-30"',
    );
  });

  it('refuses has: and is: values it does not know', () => {
    expect(refusal('has:pdf')).toBe('search: has:pdf: only has:attachment is known');
    expect(refusal('is:spam')).toBe('search: is:spam: only is:leak is known');
  });

  it('refuses a query over 500 characters or 32 terms', () => {
    expect(parseSearch('x'.repeat(500)).match).toEqual({ all: [term('x'.repeat(500))], none: [] });
    expect(refusal('x'.repeat(501))).toBe(
      'search: the query is 501 characters long; at most 500 are searched',
    );
    expect(parseSearch(Array(32).fill('ab').join(' ')).match?.all).toHaveLength(32);
    expect(refusal(Array(33).fill('ab').join(' '))).toBe(
      'search: the query has 33 terms; at most 32 are searched',
    );
  });

  it('never throws anything but a VrmError on hostile input', () => {
    const pieces = [
      '"',
      '-',
      '*',
      ':',
      '(',
      ')',
      'from:',
      'subject:',
      'NEAR',
      '^',
      '\\',
      '\n',
      'é',
      'ab',
      ' ',
    ];
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: random(24) }, () => pieces[random(pieces.length)]).join('');
      try {
        const query = parseSearch(text);
        for (const t of [...(query.match?.all ?? []), ...(query.match?.none ?? [])]) {
          expect(t.text).toMatch(/[\p{L}\p{N}]/u);
        }
      } catch (error) {
        expect(error).toBeInstanceOf(VrmError);
      }
    }
  });
});
