import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { exposuresIn, fold, secretsOf } from './exposure.js';

const facts = [
  {
    id: 1,
    kind: 'name' as const,
    label: 'Name',
    value: { full: 'Alex Müller', given: 'Alex', family: 'Müller' },
  },
  { id: 2, kind: 'email' as const, label: 'Mail', value: { address: 'Alex.Mueller@example.org' } },
  { id: 3, kind: 'phone' as const, label: 'Mobile', value: { number: '+447400123456' } },
  {
    id: 4,
    kind: 'postal_address' as const,
    label: 'Home',
    value: { lines: ['14 Quay Street'], locality: 'Bristol', postcode: 'BS1 4DJ', country: 'GB' },
  },
  { id: 5, kind: 'bank_account' as const, label: 'Current', value: { iban: 'GB33BUKB20201555555555' } },
  {
    id: 6,
    kind: 'identity_document' as const,
    label: 'Licence',
    value: { document_type: 'driving_licence', number: 'MULLE801234AB9CD', issuer: 'DVLA' },
  },
  { id: 7, kind: 'date' as const, label: 'Born', value: { date: '1985-09-12' } },
];
const secrets = secretsOf({ facts, addresses: ['dentist.x7k2@alex.example'] });
const found = (text: string) => exposuresIn(text, secrets).map((e) => e.factId ?? e.what);

describe('what gives the person away', () => {
  it('finds each kind of fact in the forms it is written in', () => {
    expect(found('Yours sincerely, ALEX MÜLLER')).toEqual([1]);
    expect(found('Dear Mr Mueller,')).toEqual([1]);
    expect(found('Dear Mr Muller,')).toEqual([1]);
    expect(found('Müller, Alex')).toEqual([1]);
    // The address holds the family name too: both are given away.
    expect(found('write to alex.mueller@EXAMPLE.org')).toEqual([1, 2]);
    expect(found('mailto:alex.mueller%40example.org')).toEqual([1, 2]);
    expect(found('call 07400 123456 after six')).toEqual([3]);
    expect(found('call +44 (0)7400-123-456')).toEqual([3]);
    expect(found('call 0044 7400 123456')).toEqual([3]);
    expect(found('I live at 14 quay  street')).toEqual([4]);
    expect(found('postcode BS14DJ')).toEqual([4]);
    expect(found('postcode bs1 4dj')).toEqual([4]);
    expect(found('IBAN GB33 BUKB 2020 1555 5555 55')).toEqual([5]);
    expect(found('licence MULLE 801234 AB9CD')).toEqual([6]);
    expect(found('my other address: dentist.x7k2@alex.example')).toEqual([
      'your e-mail address dentist.x7k2@alex.example',
    ]);
  });

  it('does not cry wolf at what only looks alike', () => {
    expect(found('Alex, a driver since 2012, postcode area BS1, a phone number in GB')).toEqual([]);
    // A postcode inside a longer code, digits of another number, a street of another town.
    expect(found('ref XBS14DJ9 and 0740012345 and 14 Quay')).toEqual([]);
    // Dates are stated as the person words them: not a secret of their own.
    expect(found('born 1985-09-12')).toEqual([]);
  });

  it('finds the main key and its thumbprint, also inside a signed document', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const thumbprint = await calculateJwkThumbprint(jwk);
    const withKey = secretsOf({ facts: [], keys: [{ jwk, thumbprint }] });
    expect(exposuresIn(`kid ${thumbprint}`, withKey)).toHaveLength(1);
    const jws = await new SignJWT({ cnf: { jwk }, note: 'a quote, please' })
      .setProtectedHeader({ alg: 'ES256' })
      .sign(privateKey);
    expect(exposuresIn(`Offer: ${jws}`, withKey)).toEqual([
      expect.objectContaining({ kind: 'key', where: 'in part 2 of a signed document' }),
    ]);
    // The person's name inside a signed payload is found too.
    const named = await new SignJWT({ name: 'Alex Müller' })
      .setProtectedHeader({ alg: 'ES256' })
      .sign(privateKey);
    expect(exposuresIn(named, secrets)).toEqual([
      expect.objectContaining({ factId: 1, where: 'in part 2 of a signed document' }),
    ]);
  });

  it('folds case, accents and spacing, and German umlauts written out', () => {
    expect(fold('  Grüße\n aus   KÖLN ')).toBe('gruße aus koln');
    expect(fold('Grüße aus Köln', true)).toBe('gruesse aus koeln');
  });
});
