import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VrmError } from '../platform/errors.js';
import { freshStore, type TestStore } from '../test/store.js';

let t: TestStore;
beforeEach(async () => {
  t = await freshStore();
});
afterEach(async () => {
  await t.dispose();
});

async function rejection(promise: Promise<unknown>): Promise<VrmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VrmError);
  return error as VrmError;
}

const addProvider = (name = 'Northwind Energy', domains = ['northwind.example']) =>
  t.services.providers.add({ name, domains, category: 'Energy' });

describe('ProviderService', () => {
  it('finds a provider by id, by name in any case, or by a unique part of its name', async () => {
    const { providers } = t.services;
    const northwind = await addProvider();
    await addProvider('Contoso Mobile', ['contoso.example']);
    expect(await providers.resolve(northwind.id)).toBe(northwind.id);
    expect(await providers.resolve('NORTHWIND ENERGY')).toBe(northwind.id);
    expect(await providers.resolve('wind')).toBe(northwind.id);
    await addProvider('Northwind Bank', ['bank.northwind-bank.example']);
    expect((await rejection(providers.resolve('northwind'))).message).toMatch(/matches several providers/);
    expect((await rejection(providers.resolve('fabrikam'))).code).toBe('not_found');
  });

  it('keeps names and mail domains unique, and says who holds them', async () => {
    await addProvider();
    expect((await rejection(addProvider('northwind energy', []))).code).toBe('conflict');
    const taken = await rejection(addProvider('Other', ['northwind.example']));
    expect(taken.message).toMatch(/northwind\.example already belongs to Northwind Energy/);
  });

  it('takes a name typed composed or decomposed as one name, and refuses control and reordering characters', async () => {
    const { providers } = t.services;
    const composed = await addProvider('Caf\u00e9 R\u00f6sterei', []);
    expect(composed.name).toBe('Café Rösterei');
    // The same name as a Mac keyboard or a copied web page may give it: letters and combining accents.
    const twin = await rejection(addProvider('Cafe\u0301 Ro\u0308sterei', []));
    expect(twin.code).toBe('conflict');
    expect(await providers.resolve('Cafe\u0301 Ro\u0308sterei')).toBe(composed.id);
    const decomposed = await addProvider('Mu\u0308ller Versand', []);
    expect(decomposed.name).toBe('M\u00fcller Versand');
    for (const [name, reason] of [
      ['North\u0000wind', /a control character \(U\+0000\) at position 6/],
      ['North\twind', /a tab \(U\+0009\)/],
      ['North\nwind', /a line break \(U\+000A\)/],
      ['North\u009bwind', /a control character \(U\+009B\)/],
      ['\u202eknab', /a character that reorders text \(U\+202E\) at position 1/],
      ['Bank\u2066x\u2069', /reorders text \(U\+2066\)/],
    ] as const) {
      const error = await rejection(addProvider(name, []));
      expect(error.code, JSON.stringify(name)).toBe('invalid_input');
      expect(error.message).toMatch(/^provider: name: contains /);
      expect(error.message).toMatch(reason);
    }
    // Notes keep their lines and tabs, and lose only what no reader wants.
    const noted = await providers.add({ name: 'Fabrikam', notes: 'line one\r\n\tline two' });
    expect(noted.notes).toBe('line one\n\tline two');
    expect((await rejection(providers.add({ name: 'Other', notes: 'bell\u0007' }))).message).toMatch(
      /notes: contains a control character \(U\+0007\)/,
    );
    expect((await providers.list()).map((p) => p.name)).toEqual([
      'Café Rösterei',
      'Fabrikam',
      'Müller Versand',
    ]);
  });

  it('finds the provider behind a mail domain, including its subdomains', async () => {
    const { providers } = t.services;
    const northwind = await addProvider();
    expect((await providers.findByDomain('mail.Northwind.example'))?.id).toBe(northwind.id);
    expect(await providers.findByDomain('example')).toBeUndefined();
  });

  it('normalises what it stores: category in lower case, web addresses with a scheme', async () => {
    const provider = await t.services.providers.add({
      name: 'Fabrikam',
      category: 'Retail',
      website: 'fabrikam.example',
    });
    expect(provider).toMatchObject({
      category: 'retail',
      website: 'https://fabrikam.example',
      status: 'active',
    });
  });

  it('searches by name, category and domain, and filters by status', async () => {
    const { providers } = t.services;
    await addProvider();
    await providers.add({ name: 'Contoso 100% Mobile', domains: ['contoso.example'], status: 'former' });
    expect((await providers.list({ search: 'contoso.ex' })).map((p) => p.name)).toEqual([
      'Contoso 100% Mobile',
    ]);
    expect((await providers.list({ search: '100%' })).map((p) => p.name)).toEqual(['Contoso 100% Mobile']);
    expect((await providers.list({ search: '%' })).map((p) => p.name)).toEqual(['Contoso 100% Mobile']);
    expect((await providers.list({ status: 'active' })).map((p) => p.name)).toEqual(['Northwind Energy']);
    expect((await rejection(providers.list({ status: 'gone' }))).code).toBe('invalid_input');
  });

  it('lists one page of the providers that match, with how many match in all', async () => {
    const { providers } = t.services;
    await addProvider();
    await providers.add({ name: 'Contoso Mobile', category: 'mobile' });
    await providers.add({ name: 'Fabrikam Water' });
    await providers.add({ name: 'Adatum Energy', category: 'energy' });
    expect(await providers.page({}, { limit: 2, offset: 1 })).toMatchObject({
      total: 4,
      offset: 1,
      items: [{ name: 'Contoso Mobile' }, { name: 'Fabrikam Water' }],
    });
    const energy = await providers.page({ category: 'Energy' }, { limit: 1, offset: 1 });
    expect(energy).toMatchObject({ total: 2, offset: 1, items: [{ name: 'Northwind Energy' }] });
    expect(energy.items[0]?.domains).toEqual(['northwind.example']);
    expect(await providers.page({}, { limit: 10, offset: 10 })).toEqual({ total: 4, offset: 10, items: [] });
    expect((await providers.list({ limit: 1, offset: 3 })).map((p) => p.name)).toEqual(['Northwind Energy']);
    expect((await rejection(providers.page({ status: 'gone' }, { limit: 1, offset: 0 }))).code).toBe(
      'invalid_input',
    );
  });

  it('deletes a provider with records only with cascade, and then removes them all', async () => {
    const { providers, accounts, contracts, interactions } = t.services;
    const p = await addProvider();
    await accounts.add({ providerId: p.id, customerNumber: 'N-1' });
    await contracts.add({
      providerId: p.id,
      name: 'Gas',
      price: '40',
      currency: 'GBP',
      billingCycle: 'monthly',
      startDate: '2025-01-01',
    });
    await interactions.add({
      providerId: p.id,
      channel: 'phone',
      direction: 'inbound',
      subject: 'Welcome call',
    });
    const refused = await rejection(providers.delete(p.id));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/1 interaction, 1 contract, 1 account/);
    await providers.delete(p.id, { cascade: true });
    expect(await providers.list()).toEqual([]);
    expect(await contracts.list({ includeEnded: true })).toEqual([]);
  });
});

describe('ContractService', () => {
  it("parses the price in the currency's minor units and derives renewal and cost", async () => {
    const p = await addProvider();
    const contract = await t.services.contracts.add({
      providerId: p.id,
      name: 'Dual fuel',
      price: '1,084.50',
      currency: 'gbp',
      billingCycle: 'monthly',
      startDate: '2025-01-31',
      term: '12 months',
      noticePeriod: '1 month',
    });
    expect(contract).toMatchObject({
      priceMinor: 108_450,
      currency: 'GBP',
      term: 'P12M',
      noticePeriod: 'P1M',
      autoRenews: true,
    });
    expect(contract.derived).toEqual({
      active: true,
      nextRenewal: '2027-01-31',
      cancelBy: '2026-12-31',
      nextChance: null,
      yearlyCostMinor: 1_301_400,
    });
  });

  it("starts a contract today, by the service's clock, when no start is given", async () => {
    const p = await addProvider();
    const contract = await t.services.contracts.add({
      providerId: p.id,
      name: 'Broadband',
      price: '30',
      currency: 'GBP',
      billingCycle: 'monthly',
    });
    // The test store's clock says 2026-03-15.
    expect(contract.startDate).toBe('2026-03-15');
    expect(contract.derived.nextRenewal).toBe('2026-04-15');
  });

  it('refuses contradictory terms with the field that is wrong', async () => {
    const p = await addProvider();
    const base = {
      providerId: p.id,
      name: 'X',
      price: '1',
      currency: 'EUR',
      startDate: '2026-01-10',
    } as const;
    const { contracts } = t.services;
    expect((await rejection(contracts.add({ ...base, billingCycle: 'days' }))).message).toMatch(
      /billingIntervalDays/,
    );
    expect(
      (await rejection(contracts.add({ ...base, billingCycle: 'monthly', endDate: '2026-01-01' }))).message,
    ).toMatch(/endDate/);
    expect(
      (await rejection(contracts.add({ ...base, billingCycle: 'monthly', price: '1.2345' }))).message,
    ).toMatch(/decimal places/);
    expect(
      (await rejection(contracts.add({ ...base, billingCycle: 'monthly', currency: 'XYZ' }))).message,
    ).toMatch(/ISO 4217/);
    expect(
      (await rejection(contracts.add({ ...base, billingCycle: 'monthly', priceMinor: 100 }))).message,
    ).toMatch(/not both/);
    const other = await addProvider('Contoso', []);
    const account = await t.services.accounts.add({ providerId: other.id, customerNumber: 'C-1' });
    const wrongAccount = await rejection(
      contracts.add({ ...base, billingCycle: 'monthly', accountId: account.id }),
    );
    expect(wrongAccount.message).toMatch(/belongs to provider/);
  });

  it('lists renewals in order of the last day to cancel within the window', async () => {
    const p = await addProvider();
    const { contracts } = t.services;
    const add = (name: string, startDate: string, extra: object = {}) =>
      contracts.add({
        providerId: p.id,
        name,
        price: '10',
        currency: 'EUR',
        billingCycle: 'yearly',
        startDate,
        ...extra,
      });
    await add('Insurance', '2025-04-20', { noticePeriod: '3 months' }); // renews 2026-04-20, cancel by 2026-01-20: passed
    await add('Magazine', '2025-04-10', { noticePeriod: '2 weeks' }); // renews 2026-04-10, cancel by 2026-03-27
    await add('Fixed', '2025-04-01', { autoRenews: false });
    await add('Far', '2025-12-01');
    const renewals = await contracts.renewals({ withinDays: 60, asOf: '2026-03-15' });
    expect(renewals.map((r) => [r.contract.name, r.renewsOn, r.cancelBy, r.daysToCancel])).toEqual([
      ['Insurance', '2026-04-20', '2026-01-20', -54],
      ['Magazine', '2026-04-10', '2026-03-27', 12],
    ]);
    // Where the notice period has passed, the next chance to cancel: the renewal after, by its notice.
    expect(renewals.map((r) => r.nextChance)).toEqual([
      { renewsOn: '2027-04-20', cancelBy: '2027-01-20' },
      null,
    ]);
  });

  it('lists a renewal while its last day to cancel is in the window, even when the renewal is not', async () => {
    const p = await addProvider();
    await t.services.contracts.add({
      providerId: p.id,
      name: 'Insurance',
      price: '300',
      currency: 'GBP',
      billingCycle: 'yearly',
      startDate: '2025-06-30',
      noticePeriod: '3 months',
    });
    const renewals = await t.services.contracts.renewals({ withinDays: 60, asOf: '2026-03-15' });
    expect(renewals.map((r) => [r.renewsOn, r.cancelBy, r.daysToCancel])).toEqual([
      ['2026-06-30', '2026-03-30', 15],
    ]);
  });

  it('adds up yearly costs per provider and per currency, leaving out ended contracts', async () => {
    const northwind = await addProvider();
    const contoso = await addProvider('Contoso', []);
    const { contracts } = t.services;
    const base = { name: 'x', startDate: '2025-01-01' } as const;
    await contracts.add({
      ...base,
      providerId: northwind.id,
      price: '10',
      currency: 'GBP',
      billingCycle: 'monthly',
    });
    await contracts.add({
      ...base,
      providerId: northwind.id,
      price: '5',
      currency: 'EUR',
      billingCycle: 'weekly',
    });
    await contracts.add({
      ...base,
      providerId: contoso.id,
      price: '100',
      currency: 'GBP',
      billingCycle: 'quarterly',
    });
    await contracts.add({
      ...base,
      providerId: contoso.id,
      price: '999',
      currency: 'GBP',
      billingCycle: 'yearly',
      endDate: '2026-01-01',
    });
    // Not started yet on the day asked: not counted either.
    await contracts.add({
      ...base,
      providerId: contoso.id,
      price: '120',
      currency: 'GBP',
      billingCycle: 'yearly',
      startDate: '2027-01-01',
    });
    const costs = await contracts.yearlyCosts({ asOf: '2026-03-15' });
    expect(costs.totals).toEqual([
      { currency: 'EUR', yearlyMinor: 26_000 },
      { currency: 'GBP', yearlyMinor: 52_000 },
    ]);
    expect(costs.providers.map((p) => [p.name, p.costs])).toEqual([
      ['Contoso', [{ currency: 'GBP', yearlyMinor: 40_000 }]],
      [
        'Northwind Energy',
        [
          { currency: 'EUR', yearlyMinor: 26_000 },
          { currency: 'GBP', yearlyMinor: 12_000 },
        ],
      ],
    ]);
  });

  it('asks for the price again when the currency changes', async () => {
    const p = await addProvider();
    const c = await t.services.contracts.add({
      providerId: p.id,
      name: 'x',
      price: '10',
      currency: 'GBP',
      billingCycle: 'monthly',
      startDate: '2025-01-01',
    });
    expect((await rejection(t.services.contracts.update(c.id, { currency: 'JPY' }))).message).toMatch(
      /price again/,
    );
    expect((await t.services.contracts.update(c.id, { currency: 'JPY', price: '1500' })).priceMinor).toBe(
      1500,
    );
  });
});

describe('CaseService and InteractionService', () => {
  it('dates status changes and clears the resolution when a case reopens', async () => {
    const p = await addProvider();
    const { cases } = t.services;
    const kase = await cases.add({ providerId: p.id, title: 'Overcharged' });
    expect(kase).toMatchObject({ status: 'open', kind: 'complaint', openedOn: '2026-03-15' });
    expect(await cases.update(kase.id, { status: 'escalated' })).toMatchObject({ escalatedOn: '2026-03-15' });
    expect(await cases.update(kase.id, { status: 'resolved', resolution: 'Refund' })).toMatchObject({
      resolvedOn: '2026-03-15',
    });
    expect(await cases.update(kase.id, { status: 'open' })).toMatchObject({
      resolvedOn: null,
      escalatedOn: '2026-03-15',
    });
    const early = await rejection(cases.update(kase.id, { status: 'resolved', resolvedOn: '2026-01-01' }));
    expect(early.message).toMatch(/resolvedOn.*before the day the case opened/);
  });

  it('links interactions to a case of the same provider only, and keeps them when the case is deleted', async () => {
    const p = await addProvider();
    const other = await addProvider('Contoso', []);
    const { cases, interactions } = t.services;
    const kase = await cases.add({ providerId: p.id, title: 'Overcharged' });
    const wrong = await rejection(
      interactions.add({
        providerId: other.id,
        caseId: kase.id,
        channel: 'email',
        direction: 'outbound',
        subject: 'x',
      }),
    );
    expect(wrong.message).toMatch(/case \d+ belongs to provider/);
    const call = await interactions.add({
      providerId: p.id,
      caseId: kase.id,
      channel: 'phone',
      direction: 'outbound',
      subject: 'Called',
    });
    await cases.delete(kase.id);
    expect((await interactions.get(call.id)).caseId).toBeNull();
  });

  it("gives a case's detail with its interactions, newest first, and none of another case", async () => {
    const p = await addProvider();
    const { cases, interactions } = t.services;
    const kase = await cases.add({ providerId: p.id, title: 'Overcharged' });
    const other = await cases.add({ providerId: p.id, title: 'Late delivery' });
    const call = (caseId: number, subject: string, occurredAt: string) =>
      interactions.add({
        providerId: p.id,
        caseId,
        channel: 'phone',
        direction: 'outbound',
        subject,
        occurredAt,
      });
    await call(kase.id, 'First call', '2026-03-01T09:00:00Z');
    await call(kase.id, 'Second call', '2026-03-10T09:00:00Z');
    await call(other.id, 'About the parcel', '2026-03-05T09:00:00Z');
    const detail = await cases.detail(kase.id);
    expect(detail).toMatchObject({ id: kase.id, title: 'Overcharged', status: 'open' });
    expect(detail.interactions.map((i) => i.subject)).toEqual(['Second call', 'First call']);
    expect((await rejection(cases.detail(9999))).code).toBe('not_found');
  });

  it('lists due follow-ups, overdue first, until they are done', async () => {
    const p = await addProvider();
    const { interactions } = t.services;
    const add = (subject: string, followUpOn: string) =>
      interactions.add({ providerId: p.id, channel: 'email', direction: 'outbound', subject, followUpOn });
    await add('later', '2026-04-30');
    const overdue = await add('overdue', '2026-03-01');
    await add('soon', '2026-03-18');
    const due = await interactions.followUps({ asOf: '2026-03-15' });
    expect(due.map((f) => [f.interaction.subject, f.overdue])).toEqual([
      ['overdue', true],
      ['soon', false],
    ]);
    await interactions.completeFollowUp(overdue.id);
    expect((await interactions.followUps({ asOf: '2026-03-15' })).map((f) => f.interaction.subject)).toEqual([
      'soon',
    ]);
  });

  it('keeps the timeline newest first and filters it by time', async () => {
    const p = await addProvider();
    const { interactions } = t.services;
    for (const at of ['2026-01-05T10:00:00Z', '2026-03-01T09:00:00+01:00', '2026-02-10']) {
      await interactions.add({
        providerId: p.id,
        channel: 'letter',
        direction: 'inbound',
        subject: at,
        occurredAt: at,
      });
    }
    const timeline = await interactions.list({ provider: p.id });
    expect(timeline.map((i) => i.occurredAt)).toEqual([
      '2026-03-01T08:00:00.000Z',
      '2026-02-10T00:00:00.000Z',
      '2026-01-05T10:00:00.000Z',
    ]);
    expect(await interactions.list({ since: '2026-02-01', until: '2026-03-01' })).toHaveLength(1);
  });
});

describe('DocumentService', () => {
  it('keeps a file byte for byte with its digest and media type', async () => {
    const p = await addProvider();
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10]);
    const doc = await t.services.documents.add({
      providerId: p.id,
      filename: 'Contract.PDF',
      content: bytes,
    });
    expect(doc).toMatchObject({ mediaType: 'application/pdf', size: 7, title: 'Contract.PDF' });
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await t.services.documents.content(doc.id)).content.equals(bytes)).toBe(true);
    expect(
      (
        await rejection(
          t.services.documents.add({ providerId: p.id, filename: '../etc/passwd', content: bytes }),
        )
      ).message,
    ).toMatch(/file name, not a path/);
  });
});
