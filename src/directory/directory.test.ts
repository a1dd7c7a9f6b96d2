import { afterEach, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../test/store.js';
import { directoryEntry, providerFieldsFrom, searchDirectory } from './directory.js';

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
