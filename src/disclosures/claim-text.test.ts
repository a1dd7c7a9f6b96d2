import { describe, expect, it } from 'vitest';
import { claimText, claimWords, readableClaims } from './claim-text.js';

describe('claimText', () => {
  it('writes an address as the lines of an envelope, not as JSON', () => {
    expect(
      claimText({
        street_address: '12 Cotham Hill\nFlat 2',
        locality: 'Bristol',
        postal_code: 'BS6 6LA',
        country: 'GB',
      }),
    ).toBe('12 Cotham Hill\nFlat 2\nBS6 6LA Bristol\nGB');
  });

  it('writes other objects part by part in words, and plain values as they are', () => {
    expect(claimText({ number: 'C01X00T47', expires_on: '2031-01-01' })).toBe(
      'number: C01X00T47\nexpires on: 2031-01-01',
    );
    expect(claimText('alex@example.org')).toBe('alex@example.org');
    expect(claimText(null)).toBe('');
  });
});

describe('claimWords and readableClaims', () => {
  it('names claims in words', () => {
    expect(claimWords('given_name')).toBe('given name');
    expect(claimWords('address.postal_code')).toBe('address: postcode');
    expect(claimWords('email_2')).toBe('email 2');
  });

  it('puts the parts of one claim back together, in lines', () => {
    expect(
      readableClaims({ email: 'a@b.example', 'address.locality': 'Bristol', 'address.country': 'GB' }),
    ).toEqual([
      ['email', 'a@b.example'],
      ['address', 'Bristol\nGB'],
    ]);
  });
});
