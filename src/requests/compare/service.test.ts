import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../../test/store.js';
import { extractFindings } from '../answer/findings.js';
import type { AnswerFile } from '../answer/types.js';
import { AnswerComparison } from './service.js';

/** A JSON export as the answer reader gives it. */
const jsonFile = (path: string, data: unknown): AnswerFile => {
  const text = JSON.stringify(data, null, 2);
  return { path, type: 'json', bytes: Buffer.from(text), text, json: data };
};

describe('AnswerComparison', () => {
  let t: TestStore;
  let comparison: AnswerComparison;
  let home: number;
  let birth: number;
  let mobile: number;
  let oldAccount: number;

  beforeEach(async () => {
    t = await freshStore();
    const { providers, vault, identities, disclosures } = t.services;
    comparison = new AnswerComparison(t.services);
    await providers.add({
      name: 'Parcelpoint',
      category: 'shop',
      country: 'DE',
      domains: ['parcelpoint.example'],
      privacyEmail: 'dsb@parcelpoint-datenschutz.example',
      phone: '030 1234567',
      postalAddress: 'Parcelpoint GmbH\nPaketstraße 5\n10115 Berlin',
    });
    home = (
      await vault.add({
        kind: 'postal_address',
        label: 'Home',
        value: { lines: ['Altweg 3'], locality: 'Berlin', postcode: '10115', country: 'DE' },
        validFrom: '2020-01-01',
      })
    ).id;
    birth = (await vault.add({ kind: 'date', label: 'Date of birth', value: { date: '1988-07-14' } })).id;
    mobile = (await vault.add({ kind: 'phone', label: 'Mobile', value: { number: '+4915123456789' } })).id;
    oldAccount = (
      await vault.add({
        kind: 'bank_account',
        label: 'Old account',
        value: { iban: 'DE89370400440532013000' },
      })
    ).id;
    await identities.addEmail({ provider: 'Parcelpoint', address: 'alex+parcel@example.org' });
    await providers.add({ name: 'Acme Insurance', category: 'insurance', country: 'GB' });
    await identities.addEmail({ provider: 'Acme Insurance', address: 'alex+acme@example.org' });
    await disclosures.record({
      provider: 'Parcelpoint',
      facts: [home, mobile, oldAccount],
      purposes: ['delivery'],
      on: '2025-02-01',
    });
    await vault.update(home, {
      value: { lines: ['Musterstraße 5'], locality: 'Musterstadt', postcode: '12345', country: 'DE' },
      validFrom: '2026-02-01',
    });
    const given = await disclosures.list({ provider: 'Parcelpoint' });
    const account = given.find((d) => d.factId === oldAccount);
    if (account) await disclosures.withdraw(account.id, '2026-01-10');
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('reads the ledger of one provider: versions given, withdrawn, its alias and domains', async () => {
    const ledger = await comparison.ledger('parcelpoint');
    expect(ledger.provider).toBe('Parcelpoint');
    expect(ledger.identities).toEqual(['alex+parcel@example.org']);
    expect(ledger.otherIdentities).toEqual([{ value: 'alex+acme@example.org', provider: 'Acme Insurance' }]);
    expect(ledger.providerDomains).toEqual(['parcelpoint.example', 'parcelpoint-datenschutz.example']);
    expect(ledger.providerPhones).toEqual(['030 1234567']);
    expect(ledger.providerCountry).toBe('DE');
    expect(
      ledger.facts
        .map((f) => [f.label, f.currentVersion, f.givenVersions, f.withdrawnVersions, f.versions.length])
        .sort(),
    ).toEqual([
      ['Date of birth', 1, [], [], 1],
      ['Home', 2, [1], [], 2],
      ['Mobile', 1, [1], [], 1],
      ['Old account', 1, [], [1], 1],
    ]);
  });

  it('compares an answer with what the provider was given, fact by fact', async () => {
    const findings = extractFindings(
      [
        jsonFile('customer.json', {
          customer: {
            email: 'alex+parcel@example.org',
            birthDate: '14.07.1988',
            iban: 'DE89 3704 0044 0532 0130 00',
            delivery: { street: 'Altweg 3', zip: '10115', city: 'Berlin' },
          },
          contact: 'service@parcelpoint.example',
          privacy: { email: 'dsb@parcelpoint-datenschutz.example', phone: '030 1234567' },
          sender: { street: 'Paketstr. 5', zip: '10115', city: 'Berlin' },
          referrer: 'alex+acme@example.org',
        }),
      ],
      { defaultCountry: 'DE' },
    );
    const result = await comparison.compare('Parcelpoint', findings);
    expect(result.matched.map((m) => m.identity ?? m.fact?.label)).toEqual(['alex+parcel@example.org']);
    expect(result.neverGiven.map((n) => [n.fact.id, n.finding.places[0]?.jsonPath, n.ask])).toEqual([
      [birth, '$.customer.birthDate', 'Ask where they got your date of birth (Art. 15(1)(g))'],
    ]);
    expect(result.stillHeld.map((s) => s.fact)).toEqual([
      { id: oldAccount, label: 'Old account', version: 1 },
    ]);
    expect(result.outdated.map((o) => o.fact)).toEqual([{ id: home, label: 'Home', version: 1, current: 2 }]);
    expect(result.leftOut.map((l) => l.fact)).toEqual([{ id: mobile, label: 'Mobile', givenVersions: [1] }]);
    expect(result.passedOn.map((p) => [p.identity, p.givenTo])).toEqual([
      ['alex+acme@example.org', 'Acme Insurance'],
    ]);
    expect(result.unknown).toEqual([]);
  });

  it('names the provider it does not know', async () => {
    await expect(comparison.ledger('Nobody Ltd')).rejects.toThrow(/Nobody Ltd/);
  });
});
