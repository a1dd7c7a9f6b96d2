import { describe, expect, it } from 'vitest';
import { domainsIn, nameKey, normalisePayee, wordPrefixes } from './normalise.js';

describe('normalisePayee', () => {
  it.each([
    ['PAYPAL *NETFLIX', 'NETFLIX'],
    ['PayPal *Netflix.com', 'NETFLIX.COM'],
    ['SQ *CAFE', 'CAFE'],
    ['SQ *CAFE LUNA', 'CAFE LUNA'],
    ['SumUp *Bäckerei Schmidt', 'BACKEREI SCHMIDT'],
    ['AMZN Mktp DE*2K3L45', 'AMZN MKTP'],
    ['NETFLIX.COM 866-579-7172', 'NETFLIX.COM'],
    ['NETFLIX.COM 866-579-7172 CA', 'NETFLIX.COM'],
    ['Spotify P1A2B3C4 Stockholm', 'SPOTIFY P1A2B3C4'],
    ['REWE Markt 01.03.2024 14:02 Karte XXXX1234', 'REWE MARKT KARTE'],
    ['Streamline TV Ltd 4711000123', 'STREAMLINE TV LTD'],
    ['  ', ''],
  ])('%s → %s', (raw, expected) => {
    expect(normalisePayee(raw)).toBe(expected);
  });

  it('keeps a name that is only a town', () => {
    expect(normalisePayee('Berlin')).toBe('BERLIN');
  });

  it('reads the same merchant the same way on every statement', () => {
    expect(normalisePayee('PAYPAL *SPOTIFY 35314369001 LU')).toBe(normalisePayee('Spotify'));
  });
});

describe('nameKey', () => {
  it('leaves the legal form out', () => {
    expect(nameKey('Streamline TV Ltd')).toBe('STREAMLINE TV');
    expect(nameKey('Müller GmbH')).toBe('MULLER');
    expect(nameKey('Netflix International B.V.')).toBe('NETFLIX INTERNATIONAL');
  });
});

describe('domainsIn', () => {
  it('finds web domains, not amounts', () => {
    expect(domainsIn('NETFLIX.COM 866-579-7172 12.99')).toEqual(['netflix.com']);
    expect(domainsIn('www.Spotify.com/de')).toEqual(['spotify.com']);
  });
});

describe('wordPrefixes', () => {
  it('lists the longest first', () => {
    expect(wordPrefixes('NETFLIX INTL BV')).toEqual(['NETFLIX INTL BV', 'NETFLIX INTL', 'NETFLIX']);
  });
});
