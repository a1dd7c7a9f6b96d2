import { describe, expect, it } from 'vitest';
import { fold, snippet, type HighlightWord } from './snippet.js';

const word = (w: string, prefix = false): HighlightWord => ({ word: w, prefix });

describe('fold', () => {
  it('lower-cases and removes accents, as the index compares words', () => {
    expect(fold('Crème BRÛLÉE Ångström')).toBe('creme brulee angstrom');
    expect(fold('ﬁne')).toBe('fine');
  });
});

describe('snippet', () => {
  it('marks the hits of a short text and keeps the rest as it is', () => {
    expect(snippet('Your renewal is due', [word('renewal')])).toEqual([
      { text: 'Your ', hit: false },
      { text: 'renewal', hit: true },
      { text: ' is due', hit: false },
    ]);
  });

  it('says null with no words to mark, or when none of them occurs', () => {
    expect(snippet('Your renewal is due', [])).toBeNull();
    expect(snippet('Your renewal is due', [word('invoice')])).toBeNull();
    expect(snippet('', [word('invoice')])).toBeNull();
  });

  it('compares whole words, folded, and the start of a word for a prefix', () => {
    expect(snippet('Renewals: CAFÉ, renew', [word('renew'), word('cafe')])).toEqual([
      { text: 'Renewals: ', hit: false },
      { text: 'CAFÉ', hit: true },
      { text: ', ', hit: false },
      { text: 'renew', hit: true },
    ]);
    expect(snippet('Renewals: CAFÉ, renew', [word('renew', true)])).toEqual([
      { text: 'Renewals', hit: true },
      { text: ': CAFÉ, ', hit: false },
      { text: 'renew', hit: true },
    ]);
  });

  it('shows the first stretch of `size` words with the most hits, with … where text is left out', () => {
    const text = 'a hit b c d e hit hit f g h i';
    expect(snippet(text, [word('hit')], 3)).toEqual([
      { text: '…', hit: false },
      { text: 'e ', hit: false },
      { text: 'hit', hit: true },
      { text: ' ', hit: false },
      { text: 'hit', hit: true },
      { text: '…', hit: false },
    ]);
    // One hit in each of two places: the first place wins.
    expect(snippet('x hit y z w v hit', [word('hit')], 2)).toEqual([
      { text: 'x ', hit: false },
      { text: 'hit', hit: true },
      { text: '…', hit: false },
    ]);
  });

  it('ends the stretch at the last hit that made it the best', () => {
    expect(snippet('a b c d e f g h', [word('f')], 3)).toEqual([
      { text: '…', hit: false },
      { text: 'd e ', hit: false },
      { text: 'f', hit: true },
      { text: '…', hit: false },
    ]);
  });

  it('collapses line breaks and runs of space outside the hits', () => {
    expect(snippet('Dear Alex,\n\n  your   renewal\tis due', [word('renewal')])).toEqual([
      { text: 'Dear Alex, your ', hit: false },
      { text: 'renewal', hit: true },
      { text: ' is due', hit: false },
    ]);
  });

  it('keeps letters and digits of any script as words', () => {
    expect(snippet('Rechnung Nr. 2025 für Müller', [word('2025'), word('muller')])).toEqual([
      { text: 'Rechnung Nr. ', hit: false },
      { text: '2025', hit: true },
      { text: ' für ', hit: false },
      { text: 'Müller', hit: true },
    ]);
  });
});
