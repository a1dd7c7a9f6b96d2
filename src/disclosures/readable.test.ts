import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../test/store.js';

/**
 * Signed things as a person reads them (issue 14, point 11): a package's claims carry the vault's
 * labels, and the audit log says what was signed for whom, without the signed token.
 */
describe('readable signed packages', () => {
  let t: TestStore;

  beforeEach(async () => {
    t = await freshStore();
    const { providers, vault, policies } = t.services;
    await providers.add({
      name: 'Acme Insurance',
      category: 'insurance',
      country: 'GB',
      privacyEmail: 'dpo@acme.example',
      phone: '020 7946 0000',
    });
    await vault.add({
      kind: 'postal_address',
      label: 'home',
      value: { lines: ['12 Cotham Hill', 'Flat 2'], locality: 'Bristol', postcode: 'BS6 6LA', country: 'GB' },
    });
    await vault.add({ kind: 'email', label: 'personal', value: { address: 'alex@example.org' } });
    await vault.add({ kind: 'name', label: 'legal', value: { given: 'Alex', family: 'Morgan' } });
    await policies.add({ facts: ['*'], allow: ['service'] });
  });
  afterEach(async () => {
    await t.dispose();
  });

  it("names each claim by the fact's label and kind, and each part of an address by the part", async () => {
    const pkg = await t.services.packages.issue({
      provider: 'Acme Insurance',
      facts: [1, 2, 3],
      terms: 'SD-BASE',
      purposes: ['service'],
    });
    const labels = Object.fromEntries(pkg.claims.map((c) => [c.claim, c.label]));
    expect(labels).toMatchObject({
      email: 'personal e-mail',
      name: 'legal name',
      given_name: 'legal name: given name',
      'address.street_address': 'home address: street',
      'address.locality': 'home address: town or city',
      'address.postal_code': 'home address: postcode',
    });
    expect((await t.services.packages.list())[0]?.claims.map((c) => c.label)).toEqual(
      pkg.claims.map((c) => c.label),
    );
  });

  it('says in the audit log what was signed for whom, and keeps the token only in the raw values', async () => {
    await t.services.packages.issue({
      provider: 'Acme Insurance',
      facts: [1, 2],
      terms: 'SD-BASE',
      purposes: ['service'],
    });
    const entries = await t.services.audit.list({ limit: 50 });
    const signed = entries.find((e) => e.entity === 'disclosure_packages');
    expect(signed?.summary).toBe('Signed a package for Acme Insurance: home address, personal e-mail');
    expect(JSON.stringify(signed?.newValues)).toMatch(/~/);
    expect(entries.find((e) => e.entity === 'consent_receipts')?.summary).toBe(
      'Issued a consent receipt for Acme Insurance: home address, personal e-mail',
    );
    expect(entries.find((e) => e.entity === 'providers')?.summary).toBe('Added provider Acme Insurance');
    // No summary repeats a signed token, a key or any other long value.
    for (const entry of entries) {
      expect(entry.summary.length, entry.summary).toBeLessThan(200);
      expect(entry.summary).not.toMatch(/eyJ|~/);
    }
  });
});
