// How hard a passphrase is to guess, roughly: a hint for the person choosing one, never a rule.
// The store takes any passphrase of 8 characters or more (./kdf.ts); this only says how it looks.

/** A rough verdict on a passphrase, with what to do about it. */
export interface Strength {
  /** Estimated bits of entropy: what a guesser who knows these rules must try, as a power of two. */
  readonly bits: number;
  readonly level: 'too short' | 'weak' | 'fair' | 'strong';
  /** One line for the person: the level, then what would help ("weak: add words"). */
  readonly hint: string;
}

/**
 * Words guessers try first. A passphrase made only of these, or of one repeated, is found early,
 * however long it is. Kept short on purpose: the common ones, in the languages of the directory.
 */
const COMMON = new Set(
  (
    'password passwort passphrase secret geheim letmein welcome willkommen admin login qwerty qwertz ' +
    'asdf iloveyou love hallo hello monkey dragon master football sunshine princess shadow ' +
    'abc abcd abcdef test vrm store my mein meine the der die das and und'
  ).split(' '),
);

/** Sequences a keyboard or the alphabet hands out: `1234`, `abcd`, `qwer`. */
const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'qwertzuiop', 'asdfghjkl'];

/**
 * The size of the pool a character seems drawn from: the letters the passphrase uses (lower,
 * upper or both), the digits, or the symbols. Guessers try each class on its own, so a digit
 * counts as one of ten, whatever else the passphrase holds.
 */
function poolOf(c: string, letters: number): number {
  if (/\p{L}/u.test(c)) return letters;
  return /[0-9]/.test(c) ? 10 : 33;
}

/** Whether `b` follows `a` as a repeat or on a keyboard row or in the alphabet or digits. */
const predictable = (a: string, b: string): boolean =>
  a === b || SEQUENCES.some((s) => s.includes(a.toLowerCase() + b.toLowerCase()));

/** Bits of one run of letters: a common or repeated word is one early guess; a word, a pick from a big list. */
function wordBits(word: string, seen: Set<string>, letters: number): number {
  const lower = word.toLowerCase();
  if (seen.has(lower)) return 2;
  seen.add(lower);
  if (COMMON.has(lower)) return 4;
  // Mixed case inside (`xKqZ`) is random characters, not a word.
  if (/\p{Ll}\p{Lu}/u.test(word)) return charBits(word, letters);
  // A short word is one of a few hundred; a longer one about 2.5 bits a letter (English text),
  // at least a pick from a diceware list (12.9 bits).
  const asWord = word.length < 4 ? 6 : Math.max(12.9, word.length * 2.5);
  return Math.min(charBits(word, letters), asWord);
}

/** Bits of characters drawn from their pools, where a repeat or sequence counts about one bit. */
function charBits(text: string, letters: number): number {
  const chars = Array.from(text);
  return chars.reduce(
    (sum, c, i) => sum + (i > 0 && predictable(chars[i - 1] ?? '', c) ? 1 : Math.log2(poolOf(c, letters))),
    0,
  );
}

/**
 * Estimates a passphrase's strength from its length, the classes of character it uses, runs of
 * repeated or sequential characters, and words that are common or repeated. Each distinct
 * uncommon word counts as a pick from a large word list (13 bits or more, as in diceware), so
 * "correct horse battery staple" is strong without a digit or a capital, while "Password1!" is
 * weak. A long passphrase of words is never called weak for lacking digits or symbols.
 *
 * @example
 *   passphraseStrength('password').level; // 'weak'
 *   passphraseStrength('correct horse battery staple').level; // 'strong'
 */
export function passphraseStrength(passphrase: string): Strength {
  const length = Array.from(passphrase).length;
  if (length < 8) {
    return { bits: 0, level: 'too short', hint: 'too short: use at least 8 characters, better a few words' };
  }
  const letters = (/\p{Ll}/u.test(passphrase) ? 26 : 0) + (/\p{Lu}/u.test(passphrase) ? 26 : 0) || 26;
  const seen = new Set<string>();
  let repeats = false;
  let bits = 0;
  // Letters by word; spaces as separators (a bit each); other characters from the pool.
  for (const [part] of passphrase.matchAll(/\p{L}+|\s+|[^\p{L}\s]+/gu)) {
    if (/^\p{L}/u.test(part)) {
      if (seen.has(part.toLowerCase())) repeats = true;
      bits += wordBits(part, seen, letters);
    } else if (/^\s/.test(part)) bits += 1;
    else bits += charBits(part, letters);
  }
  if (/(.)\1\1/u.test(passphrase)) repeats = true;
  bits = Math.round(bits);
  if (bits < 40) {
    return { bits, level: 'weak', hint: repeats ? 'weak: avoid repeats, add words' : 'weak: add words' };
  }
  if (bits < 55) return { bits, level: 'fair', hint: 'fair: another word or two would make it strong' };
  return { bits, level: 'strong', hint: 'strong' };
}
