import { describe, expect, it } from 'vitest';
import { passphraseStrength } from './strength.js';

describe('passphraseStrength', () => {
  it('calls a passphrase under 8 characters too short, saying how long it must be', () => {
    expect(passphraseStrength('abc12')).toMatchObject({ level: 'too short', hint: /at least 8/ });
  });

  it('calls common words, digits in a row and keyboard rows weak, and says to add words', () => {
    for (const weak of ['password', 'Password1!', '12345678', 'qwertzuiop', 'Tr0ub4dor&3']) {
      expect(passphraseStrength(weak), weak).toMatchObject({ level: 'weak', hint: 'weak: add words' });
    }
  });

  it('does not count a repeated word or character more than once, and says to avoid repeats', () => {
    const repeated = passphraseStrength('password password password password');
    expect(repeated).toMatchObject({ level: 'weak', hint: 'weak: avoid repeats, add words' });
    expect(passphraseStrength('aaaaaaaaaaaaaaaaaaaa').level).toBe('weak');
    expect(passphraseStrength('lantern lantern lantern lantern').bits).toBeLessThan(
      passphraseStrength('lantern meadow copper violin').bits,
    );
  });

  it('calls a few uncommon words fair and four or more strong, without digits or capitals', () => {
    expect(passphraseStrength('purple mountain river').level).toBe('fair');
    expect(passphraseStrength('correct horse battery staple')).toMatchObject({
      level: 'strong',
      hint: 'strong',
    });
    expect(passphraseStrength('wie geht es dir heute mein freund').level).toBe('strong');
  });

  it('counts every class of character in a random string', () => {
    expect(passphraseStrength('xKqZmWpTrBvN').level).toBe('strong');
    expect(passphraseStrength('x7#Kp2!qZ9mW').bits).toBeGreaterThan(passphraseStrength('x7kp2qz9').bits);
  });

  it('grows with every word added', () => {
    const words = ['lantern', 'meadow', 'copper', 'violin', 'harbour'];
    const bits = words.map((_, i) => passphraseStrength(words.slice(0, i + 1).join(' ')).bits);
    expect(bits).toEqual([...bits].sort((a, b) => a - b));
    expect(new Set(bits).size).toBe(bits.length);
  });
});
