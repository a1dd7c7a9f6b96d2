import type { Services } from '../app.js';
import { addPeriod, type IsoDate } from '../platform/dates.js';
import { DEMO_CASES, DEMO_INTERACTIONS, DEMO_PROVIDERS, type DemoContract } from './data.js';

export interface DemoSummary {
  readonly providers: number;
  readonly accounts: number;
  readonly contracts: number;
  readonly cases: number;
  readonly interactions: number;
  readonly documents: number;
  readonly facts: number;
}

const shift = (today: IsoDate, days: number): IsoDate => addPeriod(today, { count: 1, unit: 'D' }, days);

/** A one-page PDF with a line of text, so the demo's documents open in any viewer. */
function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 14 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

async function seedFacts(services: Services, today: IsoDate): Promise<number> {
  const { vault } = services;
  const moved = shift(today, -45);
  const facts = [
    {
      kind: 'name',
      label: 'legal',
      value: { full: 'Alex Jordan Morgan', given: 'Alex', family: 'Morgan' },
      validFrom: '1992-05-14',
    },
    {
      kind: 'email',
      label: 'personal',
      value: { address: 'alex.morgan@mailbox.example' },
      validFrom: '2012-03-01',
    },
    {
      kind: 'email',
      label: 'shopping',
      value: { address: 'alex+shops@mailbox.example' },
      validFrom: '2019-06-01',
    },
    {
      kind: 'email',
      label: 'work',
      value: { address: 'a.morgan@meridian-analytics.example' },
      validFrom: '2021-09-01',
    },
    {
      kind: 'phone',
      label: 'mobile',
      value: { number: '07911 123456', country: 'GB' },
      validFrom: '2015-01-10',
    },
    { kind: 'phone', label: 'work', value: { number: '+44 117 496 0123' }, validFrom: '2021-09-01' },
    { kind: 'date', label: 'birthday', value: { date: '1992-05-14' }, validFrom: '1992-05-14' },
    {
      kind: 'bank_account',
      label: 'current account',
      value: {
        iban: 'GB29 NWBK 6016 1331 9268 19',
        bic: 'NWBKGB2L',
        holder: 'Alex Morgan',
        bank: 'Harbour Bank',
      },
      validFrom: '2018-02-01',
    },
    {
      kind: 'identity_document',
      label: 'passport',
      value: {
        document_type: 'passport',
        number: '925076473',
        issuer: 'GB',
        issued_on: '2019-07-02',
        expires_on: '2029-07-02',
      },
      validFrom: '2019-07-02',
    },
    {
      kind: 'identity_document',
      label: 'driving licence',
      value: {
        document_type: 'driving_licence',
        number: 'MORGA905142AJ9XY',
        issuer: 'DVLA',
        expires_on: '2031-05-13',
      },
      validFrom: '2021-05-14',
    },
    {
      kind: 'custom',
      label: 'national insurance',
      value: { text: 'QQ 12 34 56 C' },
      validFrom: '2008-05-14',
    },
  ] as const;
  for (const fact of facts) await vault.add(fact);
  const home = await vault.add({
    kind: 'postal_address',
    label: 'home',
    value: { lines: ['Flat 4, 27 Oxford Road'], locality: 'Manchester', postcode: 'M1 5QA', country: 'GB' },
    validFrom: '2019-08-01',
  });
  await vault.update(home.id, {
    value: { lines: ['12 Cotham Hill'], locality: 'Bristol', postcode: 'BS6 6LA', country: 'GB' },
    validFrom: moved,
    note: 'Moved to Bristol',
  });
  const oldWork = await vault.add({
    kind: 'email',
    label: 'old work',
    value: { address: 'alex@previous-employer.example' },
    validFrom: '2016-01-04',
  });
  await vault.retire(oldWork.id, '2021-08-31');
  return facts.length + 2;
}

function contractInput(providerId: number, accountId: number | undefined, c: DemoContract, today: IsoDate) {
  const cycle =
    typeof c.cycle === 'number'
      ? { billingCycle: 'days' as const, billingIntervalDays: c.cycle }
      : { billingCycle: c.cycle };
  return {
    providerId,
    accountId,
    name: c.name,
    kind: c.kind ?? 'contract',
    price: c.price,
    currency: c.currency ?? 'GBP',
    ...cycle,
    startDate: shift(today, -c.startedDaysAgo),
    term: c.term,
    noticePeriod: c.notice,
    autoRenews: c.autoRenews ?? true,
    paymentMethod: c.payment,
    endDate: c.endedDaysAgo === undefined ? undefined : shift(today, -c.endedDaysAgo),
  };
}

/**
 * Fills an empty store with the life of Alex Morgan, who moved from Manchester to Bristol six weeks
 * before `today`: about thirty organisations, their contracts and costs, complaints in every state,
 * a two-year timeline, and the facts of the vault with their history. Deterministic for a day.
 */
export async function seedDemo(services: Services, today: IsoDate): Promise<DemoSummary> {
  const ids = new Map<string, number>();
  let accounts = 0;
  let contracts = 0;
  for (const p of DEMO_PROVIDERS) {
    const provider = await services.providers.add({
      name: p.name,
      category: p.category,
      status: p.status ?? 'active',
      country: p.country ?? 'GB',
      website: `https://www.${p.domain}`,
      domains: [p.domain],
      supportEmail: `help@${p.domain}`,
      privacyEmail: `privacy@${p.domain}`,
      phone: p.phone,
      postalAddress: p.address,
      notes: p.notes,
    });
    ids.set(p.name, provider.id);
    const account =
      p.account === undefined
        ? undefined
        : await services.accounts.add({ providerId: provider.id, customerNumber: p.account });
    if (account) accounts++;
    for (const c of p.contracts ?? []) {
      await services.contracts.add(contractInput(provider.id, account?.id, c, today));
      contracts++;
    }
  }
  const providerId = (name: string): number => {
    const id = ids.get(name);
    if (id === undefined) throw new Error(`demo data: unknown provider ${name}`);
    return id;
  };

  const caseIds = new Map<string, number>();
  for (const c of DEMO_CASES) {
    const openedOn = shift(today, -c.openedDaysAgo);
    const kase = await services.cases.add({
      providerId: providerId(c.provider),
      title: c.title,
      kind: c.kind ?? 'complaint',
      status: c.status,
      openedOn,
      reference: c.reference,
      description: c.description,
      resolution: c.resolution,
      escalatedOn: c.status === 'escalated' ? shift(openedOn, 25) : undefined,
      resolvedOn: c.status === 'resolved' ? shift(openedOn, 60) : undefined,
    });
    caseIds.set(c.title, kase.id);
  }

  for (const i of DEMO_INTERACTIONS) {
    const followUpOn = i.followUpInDays === undefined ? undefined : shift(today, i.followUpInDays);
    await services.interactions.add({
      providerId: providerId(i.provider),
      caseId: i.case === undefined ? undefined : caseIds.get(i.case),
      occurredAt: `${shift(today, -i.daysAgo)}T${String(9 + (i.daysAgo % 8)).padStart(2, '0')}:${i.daysAgo % 2 ? '15' : '40'}:00Z`,
      channel: i.channel,
      direction: i.direction,
      subject: i.subject,
      outcome: i.outcome,
      followUpOn,
      followUpDoneOn: i.followUpDone && followUpOn ? followUpOn : undefined,
    });
  }

  const documents = [
    {
      provider: 'Brightside Energy',
      filename: 'complaint-letter.pdf',
      title: 'Formal complaint about estimated bills',
      text: 'Formal complaint: estimated bills',
      caseTitle: 'Bills based on estimates, not readings',
    },
    {
      provider: 'Brightside Energy',
      filename: 'tariff-terms.pdf',
      title: 'Fixed tariff terms',
      text: 'Dual fuel fixed 12M: terms',
    },
    {
      provider: 'Aegis Motor Insurance',
      filename: 'renewal-quote.pdf',
      title: 'Renewal quote',
      text: 'Renewal quote: 845.00 GBP',
    },
    {
      provider: 'Bristol City Council',
      filename: 'council-tax-bill.pdf',
      title: 'Council tax bill',
      text: 'Council tax band C',
    },
  ];
  for (const d of documents) {
    await services.documents.add({
      providerId: providerId(d.provider),
      filename: d.filename,
      title: d.title,
      caseId: d.caseTitle === undefined ? undefined : caseIds.get(d.caseTitle),
      content: tinyPdf(d.text),
    });
  }
  await services.documents.add({
    providerId: providerId('Lumen Fibre'),
    filename: 'router-settings.txt',
    title: 'Router settings and engineer notes',
    content: Buffer.from('Engineer visit: line card replaced. Router admin moved to the new flat.\n', 'utf8'),
  });

  return {
    providers: DEMO_PROVIDERS.length,
    accounts,
    contracts,
    cases: DEMO_CASES.length,
    interactions: DEMO_INTERACTIONS.length,
    documents: documents.length + 1,
    facts: await seedFacts(services, today),
  };
}
