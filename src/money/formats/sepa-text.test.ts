import { describe, expect, it } from 'vitest';
import { isCreditorId, sepaIdsInText } from './sepa-text.js';

describe('sepaIdsInText', () => {
  it('reads the SEPA structured purpose German banks write (MREF+ and CRED+)', () => {
    expect(
      sepaIdsInText('EREF+STV-778812 MREF+STV-MANDATE-000417 CRED+DE98ZZZ09999999999 SVWZ+Abo Maerz'),
    ).toEqual({ creditorId: 'DE98ZZZ09999999999', mandateReference: 'STV-MANDATE-000417' });
  });

  it('reads labelled prose (Gläubiger-ID, Mandatsreferenz) and English CI', () => {
    expect(sepaIdsInText('Beitrag 2024 Gläubiger-ID: DE98ZZZ09999999999 Mandatsreferenz: M-17.')).toEqual({
      creditorId: 'DE98ZZZ09999999999',
      mandateReference: 'M-17',
    });
    expect(sepaIdsInText('Glaeubiger-ID DE98ZZZ09999999999').creditorId).toBe('DE98ZZZ09999999999');
    expect(sepaIdsInText('Gym membership CI: de98zzz09999999999').creditorId).toBe('DE98ZZZ09999999999');
  });

  it('stops a creditor id that runs into the next tag without a space', () => {
    expect(sepaIdsInText('CRED+DE98ZZZ09999999999SVWZ+Abo MREF+M1CRED+X')).toEqual({
      creditorId: 'DE98ZZZ09999999999',
      mandateReference: 'M1',
    });
  });

  it('finds nothing in text without them', () => {
    expect(sepaIdsInText('Kartenzahlung girocard')).toEqual({ creditorId: null, mandateReference: null });
    expect(sepaIdsInText(null)).toEqual({ creditorId: null, mandateReference: null });
  });
});

describe('isCreditorId', () => {
  it('checks the mod-97 check digits over the national identifier', () => {
    expect(isCreditorId('DE98ZZZ09999999999')).toBe(true);
    expect(isCreditorId('DE97ZZZ09999999999')).toBe(false);
    expect(isCreditorId('DE98')).toBe(false);
  });
});
