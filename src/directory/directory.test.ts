import { afterEach, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../test/store.js';
import {
  authorities,
  authoritiesFor,
  bestDirectoryMatch,
  directoryEntry,
  providerFieldsFrom,
  searchDirectory,
} from './directory.js';

let t: TestStore | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

describe('searchDirectory', () => {
  it('finds an organisation by name, ranking names that start with the text first', () => {
    const results = searchDirectory('vodafone');
    expect(results[0]?.slug).toBe('vodafone-de');
    expect(results.every((r) => /vodafone/i.test([r.name, ...(r.runs ?? []), r.web ?? ''].join(' ')))).toBe(
      true,
    );
  });

  it('ignores case and accents, and finds brands an organisation runs', () => {
    const byBrand = searchDirectory('1&1 internet');
    expect(byBrand.map((r) => r.slug)).toContain('1and1-gb');
    expect(searchDirectory('ZAHNARZTLICHES RECHENZENTRUM').map((r) => r.slug)).toContain('abz-zr');
    expect(searchDirectory('zahnärztliches').map((r) => r.slug)).toContain('abz-zr');
  });

  it('keeps to organisations relevant in a country, and to the limit', () => {
    const results = searchDirectory('bank', { country: 'GB', limit: 5 });
    expect(results.length).toBeLessThanOrEqual(5);
    for (const r of results) expect(r.countries?.some((c) => c === 'gb' || c === 'all') ?? true).toBe(true);
  });

  it('refuses a search shorter than two characters, and names an unknown entry', () => {
    expect(() => searchDirectory('x')).toThrow(/at least 2 characters/);
    expect(() => directoryEntry('no-such-organisation')).toThrow(/no organisation "no-such-organisation"/);
  });
});

describe('bestDirectoryMatch', () => {
  it('finds through the index what a search ranks first by name, brand or domain', () => {
    // Words and beginnings of words from the directory's own names, brands and web sites.
    const words = new Set<string>();
    const entries = ['er', 'en', 'an', 'de', 'co'].flatMap((q) => searchDirectory(q, { limit: 10_000 }));
    for (const entry of entries)
      for (const text of [entry.name, ...(entry.runs ?? []), entry.web ?? ''])
        for (const w of text.toLowerCase().split(/[^a-z0-9]+/))
          if (w.length >= 3) words.add(words.size % 2 ? w : w.slice(0, 3));
    // Every seventh: enough to meet every rank and tie, few enough to stay quick.
    const sample = [...words].filter((_, i) => i % 7 === 0);
    expect(sample.length).toBeGreaterThan(300);
    let found = 0;
    for (const word of sample) {
      const best = bestDirectoryMatch(word);
      if (best) {
        found++;
        expect(best.slug, word).toBe(searchDirectory(word, { limit: 1 })[0]?.slug);
      }
    }
    expect(found).toBeGreaterThan(sample.length * 0.8);
  });

  it('finds nothing for a text only found inside names, or too short to search', () => {
    expect(searchDirectory('ndesre', { limit: 1 })).not.toEqual([]);
    expect(bestDirectoryMatch('ndesre')).toBeUndefined();
    expect(bestDirectoryMatch('x')).toBeUndefined();
    expect(bestDirectoryMatch('Vodafone')?.slug).toBe('vodafone-de');
  });
});

describe('a provider from the directory', () => {
  it('is filled in from its entry and stays linked to it', async () => {
    t = await freshStore();
    const fields = providerFieldsFrom(directoryEntry('1and1-gb'));
    const provider = await t.services.providers.add({ ...fields, category: 'telecom' });
    expect(provider).toMatchObject({
      name: 'IONOS Cloud Ltd.',
      directorySlug: '1and1-gb',
      privacyEmail: 'privacypolicy@ionos.co.uk',
      country: 'GB',
      domains: ['ionos.co.uk'],
    });
    await expect(
      t.services.providers.add({ name: 'Other', directorySlug: 'no-such-organisation' }),
    ).rejects.toThrow(/no organisation/);
  });
});

describe('what the directory says about requests and complaints', () => {
  it('keeps how an organisation takes requests and what identifies the person', () => {
    const gmx = directoryEntry('1und1-gmx');
    expect(gmx).toMatchObject({
      medium: 'email',
      language: 'de',
      needsIdDocument: false,
      requiredElements: [{ type: 'name' }, { type: 'email' }],
    });
  });

  it('lists the 57 supervisory authorities, one for the UK and one per German Land and more', () => {
    expect(authorities()).toHaveLength(57);
    expect(authoritiesFor('GB').map((a) => a.name)).toEqual(['The Information Commissioner’s Office']);
    const german = authoritiesFor('de');
    expect(german.length).toBeGreaterThanOrEqual(16);
    expect(german.map((a) => a.slug)).toContain('debaylda');
    expect(authoritiesFor('AT')[0]).toMatchObject({ slug: 'atdsb', language: 'de', email: 'dsb@dsb.gv.at' });
    expect(authoritiesFor('ZZ')).toEqual([]);
  });
});
