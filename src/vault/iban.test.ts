import { describe, expect, it } from 'vitest';
import { formatIban, ibanProblem, normaliseIban } from './iban.js';

// Examples from the SWIFT IBAN registry, one per layout: letters in the BBAN (GB, FR), a long one
// (MT) and a short one (NO).
const VALID = [
  'DE89 3704 0044 0532 0130 00',
  'GB29 NWBK 6016 1331 9268 19',
  'FR14 2004 1010 0505 0001 3M02 606',
  'MT84 MALT 0110 0001 2345 MTLC AST0 01S',
  'NO93 8601 1117 947',
  'AT61 1904 3002 3457 3201',
];

describe('ibanProblem', () => {
  it('accepts the registry examples', () => {
    for (const iban of VALID) expect(ibanProblem(normaliseIban(iban)), iban).toBeNull();
  });

  it('catches every single-digit typo and every swap of two neighbours in an example', () => {
    const iban = normaliseIban(VALID[0] ?? '');
    for (let i = 4; i < iban.length; i++) {
      const digit = Number(iban[i]);
      const typo = `${iban.slice(0, i)}${(digit + 1) % 10}${iban.slice(i + 1)}`;
      expect(ibanProblem(typo), typo).toBe('the check digits do not match (a typo?)');
      if (iban[i] !== iban[i + 1] && i + 1 < iban.length) {
        const swapped = `${iban.slice(0, i)}${iban[i + 1] ?? ''}${iban[i] ?? ''}${iban.slice(i + 2)}`;
        expect(ibanProblem(swapped), swapped).toBe('the check digits do not match (a typo?)');
      }
    }
  });

  it('names what is wrong with the shape, the country or the length', () => {
    expect(ibanProblem('1234')).toBe('must start with a country code and two check digits');
    expect(ibanProblem('XX89370400440532013000')).toBe('XX does not issue IBANs');
    expect(ibanProblem('DE8937040044053201300')).toBe('a DE IBAN has 22 characters, this one has 21');
  });
});

describe('normaliseIban and formatIban', () => {
  it('strip spaces and dashes, upper-case, and print in groups of four', () => {
    expect(normaliseIban('gb29-nwbk 6016 1331 9268 19')).toBe('GB29NWBK60161331926819');
    expect(formatIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
    expect(formatIban(normaliseIban(VALID[2] ?? ''))).toBe(VALID[2]);
  });
});
