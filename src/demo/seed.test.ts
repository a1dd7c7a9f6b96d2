import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../app.js';
import { addPeriod, daysBetween } from '../platform/dates.js';
import { BILLING_CYCLES, CASE_STATUSES, CHANNELS, DIRECTIONS } from '../providers/schemas.js';
import { fixedClock, freshStore, type TestStore } from '../test/store.js';
import { FACT_KINDS } from '../vault/kinds.js';
import { seedDemo, type DemoSummary } from './seed.js';

const TODAY = '2026-11-22';
const daysFrom = (day: string, days: number): string => addPeriod(day, { count: 1, unit: 'D' }, days) ?? '';

/** A fresh store whose clock stands at noon on `day`, filled with the demo for that day. */
async function demoStore(day: string): Promise<{ t: TestStore; summary: DemoSummary }> {
  const t = await freshStore(fixedClock(`${day}T12:00:00.000Z`));
  return { t, summary: await seedDemo(t.services, day) };
}

/** ISO 13616 mod-97, written out here rather than trusting the code under test. */
function ibanChecksOut(iban: string): boolean {
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return BigInt(digits) % 97n === 1n;
}

/** Everything a person can read back from the store, for comparing two stores. */
async function everything(s: Services) {
  return {
    facts: await s.vault.list({ includeRetired: true }),
    providers: await s.providers.list(),
    accounts: await s.accounts.list(),
    contracts: await s.contracts.list({ includeEnded: true }),
    cases: await s.cases.list(),
    interactions: await s.interactions.list(),
    documents: await s.documents.list(),
    requests: await s.requests.list(),
    bookings: (await s.money.transactions({ limit: 500 })).items,
    imports: (await s.money.imports({ limit: 100 })).items,
  };
}

/** Each request of the demo as `provider: status`, as the list shows them. */
const requestStatuses = async (s: Services): Promise<string[]> =>
  (await s.requests.list()).map((p) => `${p.provider}: ${p.status}`).sort();

/** The five proceedings of issue 16 part 8, in the states the demo puts them in. */
const REQUEST_STATUSES = [
  'Aegis Motor Insurance: admonished',
  'Contour Mobile: done',
  'Kestrel Card: complaint',
  'Parcelpoint Marketplace: answered',
  'Sprachwerk Online: extended',
];

describe('the demo store', () => {
  let t: TestStore;
  let s: Services;
  let summary: DemoSummary;
  beforeAll(async () => {
    ({ t, summary } = await demoStore(TODAY));
    s = t.services;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('holds exactly what its summary says it added', async () => {
    expect(summary).toEqual({
      providers: (await s.providers.list()).length,
      accounts: (await s.accounts.list()).length,
      contracts: (await s.contracts.list({ includeEnded: true })).length,
      cases: (await s.cases.list()).length,
      interactions: (await s.interactions.list()).length,
      documents: (await s.documents.list()).length,
      facts: (await s.vault.list({ includeRetired: true })).length,
      disclosures: (await s.disclosures.list()).length,
      agreements: (await s.agreements.list()).length,
      campaigns: (await s.changes.list()).length,
      messages: await s.mail.count(),
      outbox: (await s.outbound.list()).length,
      requests: (await s.requests.list()).length,
      bookings: (await s.money.transactions({ limit: 1 })).total,
    });
    expect(summary.providers).toBeGreaterThanOrEqual(28);
    expect(summary.contracts).toBeGreaterThanOrEqual(24);
    expect(summary.cases).toBeGreaterThanOrEqual(8);
    expect(summary.interactions).toBeGreaterThanOrEqual(60);
    expect(summary.accounts).toBeGreaterThan(summary.providers / 2);
  });

  it('gives the demo person mail: a case update first, two leaks, and a newsletter service marked not a leak', async () => {
    const counts = await s.mail.counts();
    expect(counts.total).toBe(summary.messages);
    expect(counts.attention.now).toBeGreaterThanOrEqual(1);
    const leaks = await s.mail.leaks({ includeAllowed: true });
    expect(leaks.events.map((e) => `${e.ownerName} → ${e.senderLabel}: ${e.status}`).sort()).toEqual([
      'Brightside Energy → energy-savers-uk.example: suspected',
      'Brightside Energy → switchsmart-deals.example: suspected',
      'Parcelpoint Marketplace → lucky-draws.example: suspected',
      'Parcelpoint Marketplace → parcelpoint-mail.example: not_leak',
    ]);
    const update = (await s.mail.search('complaint BE-C-55120')).results[0];
    expect(update).toMatchObject({
      attention: 'now',
      ruleReason: expect.stringContaining('open case') as string,
    });
    // Brightside's bill stays "now": the rule leaves out providers with an open case. Kestrel's
    // case is resolved, so its note about the statement is filed with the bills.
    expect((await s.mail.inbox({ folder: 'bills' })).map((m) => m.subject).sort()).toEqual([
      'About the payment taken twice',
      'Your statement is ready',
      'Your water bill for the new address',
    ]);
  });

  it('gives the demo person a fact of every kind, with several e-mail addresses and phones', async () => {
    const facts = await s.vault.list({ includeRetired: true });
    expect(new Set(facts.map((f) => f.kind))).toEqual(new Set(FACT_KINDS));
    expect(facts.filter((f) => f.kind === 'email').length).toBeGreaterThanOrEqual(4);
    // The mobile was typed in national form, the work phone in international form: both are E.164.
    const phones = facts.filter((f) => f.kind === 'phone').map((f) => f.current.value.number);
    expect(phones).toEqual(expect.arrayContaining(['+447911123456', '+441174960123']));
    const expiring = facts
      .filter((f) => f.kind === 'identity_document' && typeof f.current.value.expires_on === 'string')
      .map((f) => f.current.value.document_type);
    expect(expiring).toEqual(expect.arrayContaining(['passport', 'driving_licence']));
  });

  it('keeps the move from Manchester to Bristol as two versions of the home address', async () => {
    const facts = await s.vault.list({ includeRetired: true });
    const home = facts.find((f) => f.kind === 'postal_address' && f.label === 'home');
    expect(home?.history.map((v) => [v.summary, v.validFrom])).toEqual([
      ['Flat 4, 27 Oxford Road, M1 5QA Manchester, GB', '2019-08-01'],
      ['12 Cotham Hill, BS6 6LA Bristol, GB', daysFrom(TODAY, -45)],
    ]);
    expect(home?.current.version).toBe(2);
    expect(home?.current.note).toBe('Moved to Bristol');
    // The only fact with a history: the web app's tests open "History (2)" and expect this one.
    expect(facts.filter((f) => f.history.length > 1).map((f) => f.label)).toEqual(['home']);
    // What stopped being true with the move and the job change is retired, not deleted.
    expect(facts.filter((f) => f.retiredAt !== null).map((f) => f.label)).toEqual(
      expect.arrayContaining(['Manchester landline', 'previous job']),
    );
  });

  it('shows who still holds the Manchester address, and who was given the Bristol one', async () => {
    const facts = await s.vault.list();
    const home = facts.find((f) => f.kind === 'postal_address' && f.label === 'home');
    const { holders } = await s.disclosures.forFact(home?.id ?? 0);
    const outdated = holders.filter((h) => h.outdated).map((h) => h.provider);
    const current = holders.filter((h) => !h.outdated).map((h) => h.provider);
    expect(outdated).toEqual(
      expect.arrayContaining(['Harbour Bank', 'Kestrel Card', 'Aegis Motor Insurance']),
    );
    expect(current).toEqual(
      expect.arrayContaining([
        'Brightside Energy',
        'Severn Water',
        'Cliftonwood Surgery',
        'Bristol Council Tax Office',
      ]),
    );
    const agreements = await s.agreements.list();
    expect(agreements.map((a) => `${a.provider}: ${a.termsCode} ${a.status}`)).toEqual(
      expect.arrayContaining([
        'Brightside Energy: SD-BASE accepted',
        'Parcelpoint Marketplace: SD-BASE countered',
        'Northlight News: NoStalking rejected',
        'Lumen Fibre: SD-BASE proffered',
      ]),
    );
    for (const a of agreements)
      await expect(s.agreements.verify(a.id)).resolves.toMatchObject({ valid: true });
    expect((await s.packages.list()).map((p) => p.provider)).toEqual(['Bristol Council Tax Office']);
    expect((await s.disclosures.receipts()).length).toBeGreaterThanOrEqual(3);
  });

  it('gives most providers an alias of their own (issue 14, point 14)', async () => {
    const providers = await s.providers.list();
    const withAlias = new Set((await s.identities.list()).map((i) => i.providerId));
    const share = providers.filter((p) => withAlias.has(p.id)).length / providers.length;
    expect(share).toBeGreaterThanOrEqual(2 / 3);
  });

  it('stores only bank accounts whose IBAN passes the mod-97 check', async () => {
    const ibans = (await s.vault.list({ kind: 'bank_account' })).map((f) => String(f.current.value.iban));
    expect(ibans.length).toBeGreaterThan(0);
    for (const iban of ibans) {
      expect(iban).toMatch(/^GB\d{2}[A-Z]{4}\d{14}$/);
      expect(ibanChecksOut(iban), iban).toBe(true);
    }
  });

  it('gives the demo person renewals to act on within 60 days', async () => {
    const renewals = await s.contracts.renewals({ withinDays: 60, asOf: TODAY });
    const actionable = renewals.filter((r) => r.daysToCancel >= 0 && r.daysToCancel <= 60);
    expect(actionable.length).toBeGreaterThan(3);
    // Yearly ones too, not only monthly contracts that renew every month anyway.
    expect(actionable.some((r) => r.contract.billingCycle === 'yearly')).toBe(true);
    // And one where the chance to cancel has just passed.
    expect(renewals.some((r) => r.daysToCancel < 0)).toBe(true);
  });

  it('has follow-ups that are overdue and follow-ups due soon, none of them done', async () => {
    const followUps = await s.interactions.followUps({ asOf: TODAY });
    const overdue = followUps.filter((f) => f.overdue);
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    expect(overdue.every((f) => (f.interaction.followUpOn ?? '') < TODAY)).toBe(true);
    expect(followUps.some((f) => !f.overdue)).toBe(true);
    expect(followUps.every((f) => f.interaction.followUpDoneOn === null)).toBe(true);
    // A follow-up that was done does not show up.
    const done = (await s.interactions.list()).filter((i) => i.followUpDoneOn !== null);
    expect(done.length).toBeGreaterThan(0);
    expect(followUps.map((f) => f.interaction.id)).not.toContain(done[0]?.id);
  });

  it('has complaints and disputes in every state, each with interactions linked to it', async () => {
    const cases = await s.cases.list();
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(CASE_STATUSES));
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(['complaint', 'dispute']));
    for (const c of cases) {
      expect((await s.interactions.list({ caseId: c.id })).length, c.title).toBeGreaterThan(0);
      if (c.status === 'resolved') expect(c.resolvedOn && c.resolution, c.title).toBeTruthy();
      if (c.status === 'escalated') expect(c.escalatedOn, c.title).toBeTruthy();
    }
  });

  it('spreads interactions over two years, every channel and both directions', async () => {
    const interactions = await s.interactions.list();
    expect(new Set(interactions.map((i) => i.channel))).toEqual(new Set(CHANNELS));
    expect(new Set(interactions.map((i) => i.direction))).toEqual(new Set(DIRECTIONS));
    const ages = interactions.map((i) => daysBetween(i.occurredAt.slice(0, 10), TODAY));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeGreaterThan(600);
    expect(Math.max(...ages)).toBeLessThanOrEqual(2 * 366);
    expect(interactions.filter((i) => i.outcome !== null).length).toBeGreaterThan(interactions.length / 2);
  });

  it('uses every billing cycle, and has ended contracts and contracts started years ago', async () => {
    const contracts = await s.contracts.list({ includeEnded: true });
    expect(new Set(contracts.map((c) => c.billingCycle))).toEqual(new Set(BILLING_CYCLES));
    expect(new Set(contracts.map((c) => c.kind))).toEqual(new Set(['contract', 'subscription']));
    expect(new Set(contracts.map((c) => c.autoRenews))).toEqual(new Set([true, false]));
    expect(contracts.filter((c) => !c.derived.active).length).toBeGreaterThanOrEqual(2);
    expect(contracts.some((c) => daysBetween(c.startDate, TODAY) > 3 * 365)).toBe(true);
    expect(contracts.every((c) => c.paymentMethod !== null && c.priceMinor > 0)).toBe(true);
    expect(contracts.some((c) => c.noticePeriod !== null && c.term !== null)).toBe(true);
  });

  it('counts yearly costs in more than one currency', async () => {
    const costs = await s.contracts.yearlyCosts({ asOf: TODAY });
    expect(costs.totals.map((c) => c.currency)).toEqual(['EUR', 'GBP', 'USD']);
    expect(costs.totals.every((c) => c.yearlyMinor > 0)).toBe(true);
  });

  it('gives every provider contact details on a reserved .example domain, in every status', async () => {
    const providers = await s.providers.list();
    expect(new Set(providers.map((p) => p.status))).toEqual(new Set(['active', 'former', 'prospect']));
    expect(new Set(providers.map((p) => p.category)).size).toBeGreaterThanOrEqual(10);
    for (const p of providers) {
      expect(p.domains.length, p.name).toBe(1);
      expect(p.domains[0], p.name).toMatch(/\.example$/);
      expect(p.website, p.name).toMatch(/^https:\/\/www\.[a-z0-9-]+\.example\/?$/);
      expect(p.supportEmail, p.name).toMatch(/@[a-z0-9-]+\.example$/);
      expect(p.privacyEmail, p.name).toMatch(/@[a-z0-9-]+\.example$/);
      expect([p.phone, p.postalAddress, p.country, p.notes].every(Boolean), p.name).toBe(true);
    }
  });

  it('attaches documents to providers, contracts and cases, and its PDFs are well formed', async () => {
    const documents = await s.documents.list();
    expect(documents.some((d) => d.contractId !== null)).toBe(true);
    expect(documents.some((d) => d.caseId !== null)).toBe(true);
    expect(documents.some((d) => d.contractId === null && d.caseId === null)).toBe(true);
    const pdfs = documents.filter((d) => d.mediaType === 'application/pdf');
    expect(pdfs.length).toBeGreaterThan(0);
    expect(documents.some((d) => d.mediaType === 'text/plain')).toBe(true);
    // The demo's own PDFs; a campaign letter marked posted is pdfkit's, checked in src/changes.
    for (const info of pdfs.filter((d) => !d.title.startsWith('Letter: '))) {
      const pdf = (await s.documents.content(info.id)).content.toString('latin1');
      expect(pdf.startsWith('%PDF-1.4\n') && pdf.endsWith('%%EOF\n'), info.filename).toBe(true);
      // Every offset in the cross-reference table points at the object it names.
      const xref = Number(/startxref\n(\d+)\n/.exec(pdf)?.[1]);
      expect(pdf.slice(xref, xref + 4)).toBe('xref');
      const offsets = [...pdf.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
      expect(offsets.length).toBe(5);
      offsets.forEach((offset, i) => {
        expect(pdf.slice(offset).startsWith(`${i + 1} 0 obj`), `${info.filename} object ${i + 1}`).toBe(true);
      });
    }
  });

  it('holds the move as a campaign in progress: eight told, three confirmed, two acknowledged, one bounced, two waiting, one letter (issue 15 part 6)', async () => {
    const [campaign] = await s.changes.list();
    expect(campaign?.title).toMatch(/^home \(postal address\): .*Bristol/);
    const detail = await s.changes.get(campaign?.id ?? 0);
    const states = detail.items.map((i) => i.state).sort();
    expect(states).toEqual([
      'acknowledged',
      'acknowledged',
      'confirmed',
      'confirmed',
      'confirmed',
      'failed',
      'sent',
      'sent',
    ]);
    expect(detail.items.filter((i) => i.channel === 'letter').map((i) => i.provider)).toEqual([
      'Vitalis Health',
    ]);
    expect(detail.progress).toMatchObject({ total: 8, updated: 3, overdue: 1, failed: 1 });
    // Every e-mail goes from the alias its provider knows.
    for (const item of detail.items.filter((i) => i.channel === 'email'))
      expect(item.from).toMatch(/@alexmorgan\.example$/);
    // Those that confirmed hold the Bristol address now; the bank still has Manchester.
    const home = await s.vault.resolve('home');
    const holders = (await s.disclosures.forFact(home.id)).holders;
    const outdated = (name: string) => holders.find((h) => h.provider === name)?.outdated;
    expect(outdated('Contour Mobile')).toBe(false);
    expect(outdated('Harbour Bank')).toBe(true);
  });

  it('has an e-mail in the outbox awaiting review, from the alias, claimed by no campaign', async () => {
    const items = await s.outbound.list();
    expect(items.map((i) => [i.state, i.providerName, i.channel])).toEqual([
      ['draft', 'Parcelpoint Marketplace', 'email'],
    ]);
    const [draft] = items;
    expect(draft?.fromAddress).toBe('parcelpoint@alexmorgan.example');
    expect(draft?.toAddress).toBe('privacy@parcelpoint.example');
    // No purpose: no campaign item or request can send it a second time.
    expect([draft?.purposeKind, draft?.purposeId]).toEqual([null, null]);
  });

  it('has data-subject requests in five states, each through the request service (issue 16 part 8)', async () => {
    expect(await requestStatuses(s)).toEqual(REQUEST_STATUSES);
    const byProvider = new Map((await s.requests.list()).map((p) => [p.provider, p]));
    const request = (name: string) => {
      const found = byProvider.get(name);
      if (!found) throw new Error(`no request to ${name}`);
      return found;
    };

    // Answered completely by a ZIP export holding what Alex gave, from the alias, then closed.
    const contour = request('Contour Mobile');
    expect(contour).toMatchObject({ kind: 'access', channel: 'email', answer: 'complete', state: 'done' });
    expect(contour.from).toBe('contourmobile@alexmorgan.example');
    expect(contour.answers.map((a) => [a.name, a.files.map((f) => f.path).sort(), a.problems])).toEqual([
      ['contour-mobile-data-export.zip', ['README.txt', 'account/profile.json', 'billing/payments.csv'], []],
    ]);
    const complete = await s.requests.comparison(contour.id);
    expect(complete?.matched.length).toBeGreaterThan(3);
    expect([complete?.neverGiven, complete?.outdated, complete?.leftOut, complete?.unknown]).toEqual([
      [],
      [],
      [],
      [],
    ]);

    // Answered with a date of birth Parcelpoint was never given, bought from a broker.
    const parcelpoint = request('Parcelpoint Marketplace');
    const bought = await s.requests.comparison(parcelpoint.id);
    expect(bought?.neverGiven.map((n) => [n.finding.kind, n.finding.value, n.fact.label])).toEqual([
      ['date', '1992-05-14', 'birthday'],
    ]);
    expect(bought?.neverGiven[0]?.ask).toMatch(/where they got your date of birth/);
    const [file] = parcelpoint.answers[0]?.files ?? [];
    const json = (await s.documents.content(file?.documentId ?? 0)).content.toString('utf8');
    expect(JSON.parse(json)).toMatchObject({
      profileEnrichment: { dateOfBirth: '1992-05-14', source: 'DataHarvest Ltd' },
    });

    // Late, then admonished: both by letter, each kept as the PDF that was posted.
    const aegis = request('Aegis Motor Insurance');
    expect(aegis.channel).toBe('letter');
    const lawful = aegis.deadlines.find((d) => d.label === 'Answer due (one month)')?.day ?? '';
    expect(aegis.admonishedOn && aegis.admonishedOn > lawful).toBe(true);
    expect(aegis.messages.map((m) => [m.kind, m.state, m.channel, m.documentId !== null])).toEqual([
      ['request', 'sent', 'letter', true],
      ['admonition', 'sent', 'letter', true],
    ]);
    expect(aegis.dueOn).toBe(aegis.admonitionDueOn);
    expect(daysBetween(TODAY, aegis.dueOn ?? '')).toBeGreaterThan(0);
    expect(daysBetween(TODAY, aegis.dueOn ?? '')).toBeLessThanOrEqual(14);

    // Ignored, admonished, ignored again: the complaint went to the ICO, the GB authority.
    const kestrel = request('Kestrel Card');
    expect(kestrel.authority).toBe('gbico');
    expect(s.requests.authorities('GB').map((a) => a.slug)).toEqual(['gbico']);
    expect(kestrel.messages.map((m) => [m.kind, m.state, m.channel])).toEqual([
      ['request', 'sent', 'email'],
      ['admonition', 'sent', 'email'],
      ['complaint', 'sent', 'web_form'],
    ]);
    expect((kestrel.complainedOn ?? '') > (kestrel.admonitionDueOn ?? TODAY)).toBe(true);
    expect((await s.requests.bundle(kestrel.id)).pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // A German provider asked for two more months, with reasons, within the first month.
    const sprachwerk = request('Sprachwerk Online');
    expect(sprachwerk.language).toBe('de');
    expect(sprachwerk.extension).toMatchObject({ counts: true });
    expect(sprachwerk.extension?.reasons).toMatch(/Art\. 12 Abs\. 3/);
    const extended = sprachwerk.deadlines.find((d) => d.label.startsWith('Extended'));
    expect(extended?.day).toBe(sprachwerk.dueOn);
    expect((extended?.day ?? '') > TODAY).toBe(true);
    const events = (await s.calendar.events()).filter((e) => e.kind === 'request');
    expect(events.map((e) => [e.date, e.summary])).toEqual(
      expect.arrayContaining([
        [extended?.day, expect.stringMatching(/^Extended deadline: Sprachwerk Online/)],
      ]),
    );
  });

  it('dates identities, keys, signed records and documents across the past years, not all on its day (issue 14 point 14)', async () => {
    const day = (iso: string): string => iso.slice(0, 10);
    const identities = await s.identities.list();
    const identityDays = new Set(identities.map((i) => day(i.createdAt)));
    expect(identities.length).toBeGreaterThan(10);
    expect(identityDays.has(TODAY)).toBe(false);
    expect(identityDays.size).toBeGreaterThan(5);
    expect(new Set([...identityDays].map((d) => d.slice(0, 4))).size).toBeGreaterThanOrEqual(2);
    // The alias given to Brightside dates from the day the vault says it was first used.
    const brightside = identities.find((i) => i.value === 'brightside@alexmorgan.example');
    expect(brightside && day(brightside.createdAt)).toBe(daysFrom(TODAY, -318));

    // One key renewed: the first from about three years ago, the current one from last year.
    const keys = (await s.keys.list()).filter((k) => k.providerId === null);
    expect(keys.map((k) => [day(k.createdAt), k.retiredAt && day(k.retiredAt)])).toEqual([
      [daysFrom(TODAY, -1100), daysFrom(TODAY, -330)],
      [daysFrom(TODAY, -330), null],
    ]);

    // Each signed record of terms is dated, and signed, on the day it happened; all still verify.
    for (const agreement of await s.agreements.list()) {
      const detail = await s.agreements.show(agreement.id);
      for (const record of detail.records) expect(day(record.createdAt)).not.toBe(TODAY);
      expect((await s.agreements.verify(agreement.id)).valid).toBe(true);
    }

    const documents = await s.documents.list();
    expect(documents.map((d) => day(d.addedAt)).filter((d) => d === TODAY)).toEqual([]);
    // A request's letters and the files of its answers are dated on the day each was posted or
    // came (the files of one answer together); every other document has a day of its own.
    const requestDay = new Map<number, string>();
    for (const p of await s.requests.list()) {
      for (const m of p.messages) if (m.documentId !== null) requestDay.set(m.documentId, m.on ?? '');
      for (const a of p.answers) for (const f of a.files) requestDay.set(f.documentId, day(a.importedAt));
    }
    // Two letters to Aegis, three files in Contour’s ZIP, Parcelpoint’s one JSON file.
    expect(requestDay.size).toBe(6);
    for (const d of documents.filter((d) => requestDay.has(d.id)))
      expect(day(d.addedAt), d.title).toBe(requestDay.get(d.id));
    const others = documents.filter((d) => !requestDay.has(d.id));
    expect(new Set(others.map((d) => day(d.addedAt))).size).toBe(others.length);
  });
});

describe('seedDemo', () => {
  it.each(['2026-12-31', '2027-01-31', '2027-03-01', '2028-02-29', '2028-07-15'])(
    'leaves renewals to act on within 60 days whatever the day it is built (%s)',
    async (day) => {
      const { t } = await demoStore(day);
      try {
        const renewals = await t.services.contracts.renewals({ withinDays: 60, asOf: day });
        expect(renewals.filter((r) => r.daysToCancel >= 0).length).toBeGreaterThan(3);
        expect((await t.services.interactions.followUps({ asOf: day })).some((f) => f.overdue)).toBe(true);
        expect((await t.services.cases.list({ status: 'unresolved' })).length).toBeGreaterThan(0);
        // The law's counting moves with the day (months of 28 to 31 days, weekends, holidays).
        expect(await requestStatuses(t.services)).toEqual(REQUEST_STATUSES);
      } finally {
        await t.dispose();
      }
    },
  );

  it('builds the same data for the same day', async () => {
    const [a, b] = await Promise.all([demoStore(TODAY), demoStore(TODAY)]);
    try {
      expect(await everything(b.t.services)).toEqual(await everything(a.t.services));
      const [first] = await a.t.services.documents.list();
      expect(first?.sha256).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await Promise.all([a.t.dispose(), b.t.dispose()]);
    }
  });

  it('refuses to seed a store twice, with a conflict naming the provider, and adds nothing', async () => {
    const { t, summary } = await demoStore(TODAY);
    try {
      await expect(seedDemo(t.services, TODAY)).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/^a provider named "Harbour Bank" already exists/) as unknown,
      });
      expect((await t.services.providers.list()).length).toBe(summary.providers);
      expect((await t.services.vault.list({ includeRetired: true })).length).toBe(summary.facts);
      expect((await t.services.money.transactions({ limit: 1 })).total).toBe(summary.bookings);
    } finally {
      await t.dispose();
    }
  });

  it('refuses a day that is not a date, before writing anything', async () => {
    const t = await freshStore();
    try {
      await expect(seedDemo(t.services, '22/11/2026')).rejects.toMatchObject({ code: 'invalid_input' });
      expect(await t.services.providers.list()).toEqual([]);
    } finally {
      await t.dispose();
    }
  });
});
