import type { Services } from '../app.js';
import { isValidDate } from '../platform/dates.js';
import { VrmError } from '../platform/errors.js';
import type { ContractCreate } from '../providers/schemas.js';
import { demoCalendar, type DemoCalendar } from './calendar.js';
import { seedChanges } from './changes.js';
import { seedWhoKnows } from './knows.js';
import { seedMail } from './mail.js';
import { seedMoney } from './money.js';
import { seedOutbox } from './outbox.js';
import { tinyPdf } from './pdf.js';
import { demoFacts } from './person.js';
import { DEMO_PROVIDERS, type DemoContract } from './providers.js';
import { seedRequests } from './requests.js';
import { DEMO_CASES, DEMO_DOCUMENTS, DEMO_INTERACTIONS } from './timeline.js';

/** How many records of each kind `seedDemo` added. */
export interface DemoSummary {
  readonly providers: number;
  readonly accounts: number;
  readonly contracts: number;
  readonly cases: number;
  readonly interactions: number;
  readonly documents: number;
  readonly facts: number;
  /** Facts and identities recorded as given to providers. */
  readonly disclosures: number;
  readonly agreements: number;
  /** Change campaigns: the move, told to those who had the old address. */
  readonly campaigns: number;
  readonly messages: number;
  /** E-mails in the outbox awaiting review. */
  readonly outbox: number;
  /** Data-subject requests (issue 16): proceedings in several states. */
  readonly requests: number;
  /** Bank bookings (issue 17): two years of the current account's and the credit card's statements. */
  readonly bookings: number;
}

/**
 * Fills an empty store with the life of Alex Morgan, who moved from Manchester to Bristol six weeks
 * before `today`: the facts of the vault with their history, about thirty organisations with their
 * accounts and contracts, complaints in every state, two years of dealings, and data-subject
 * requests from answered to complained of (src/demo/requests.ts). Every date is
 * relative to `today` (YYYY-MM-DD), so there are always renewals to act on and follow-ups due, and
 * the data is the same for the same day. It uses only the services' public API.
 *
 * Provider names are unique, so seeding a store that already holds the demo fails with a
 * `conflict` error on the first provider, before anything is written.
 */
export async function seedDemo(services: Services, today: string): Promise<DemoSummary> {
  if (!isValidDate(today)) {
    throw new VrmError('invalid_input', `the demo's day must be a date written YYYY-MM-DD, got "${today}"`);
  }
  const cal = demoCalendar(today);
  const ids = await seedLedger(services, cal);
  const cases = await seedCases(services, cal, ids);
  const interactions = await seedInteractions(services, cal, ids, cases);
  const documents = await seedDocuments(services, cal, ids, cases);
  const facts = await seedFacts(services, cal);
  const knows = await seedWhoKnows(services, cal, ids.providers);
  const changes = await seedChanges(services, cal);
  const mail = await seedMail(services, cal);
  const outbox = await seedOutbox(services, cal);
  const requests = await seedRequests(services, cal);
  const money = await seedMoney(services, cal);
  return {
    providers: ids.providers.size,
    accounts: ids.accounts,
    contracts: ids.contracts.size,
    cases: cases.size,
    interactions: interactions + changes.letters + requests.letters,
    documents: documents + changes.letters + requests.letters + requests.answerFiles,
    facts,
    disclosures: knows.disclosures + changes.disclosures + requests.identities,
    campaigns: changes.campaigns,
    agreements: knows.agreements,
    messages: mail.messages,
    outbox,
    requests: requests.requests,
    bookings: money.bookings,
  };
}

interface LedgerIds {
  /** Provider ids by name. */
  readonly providers: ReadonlyMap<string, number>;
  /** Contract ids by `provider / contract name`. */
  readonly contracts: ReadonlyMap<string, number>;
  readonly accounts: number;
}

/** The id recorded under a name in the tables; a typo in the tables fails loudly. */
function idOf(map: ReadonlyMap<string, number>, key: string, what: string): number {
  const id = map.get(key);
  if (id === undefined) throw new VrmError('internal', `demo data: no ${what} "${key}"`);
  return id;
}

const optionalId = (map: ReadonlyMap<string, number>, key: string | undefined, what: string) =>
  key === undefined ? undefined : idOf(map, key, what);

async function seedLedger(services: Services, cal: DemoCalendar): Promise<LedgerIds> {
  const providers = new Map<string, number>();
  const contracts = new Map<string, number>();
  let accounts = 0;
  for (const p of DEMO_PROVIDERS) {
    const { id: providerId } = await services.providers.add({
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
      webForm: p.webForm ? `https://www.${p.domain}/contact` : undefined,
      notes: p.notes,
    });
    providers.set(p.name, providerId);
    let firstAccountId: number | undefined;
    for (const a of p.accounts ?? []) {
      const account = await services.accounts.add({
        providerId,
        customerNumber: a.number,
        label: a.label,
        openedOn: a.openedDaysAgo === undefined ? undefined : cal.ago(a.openedDaysAgo),
        closedOn: a.closedDaysAgo === undefined ? undefined : cal.ago(a.closedDaysAgo),
      });
      firstAccountId ??= account.id;
      accounts++;
    }
    for (const c of p.contracts ?? []) {
      const contract = await services.contracts.add(contractInput(providerId, firstAccountId, c, cal));
      contracts.set(`${p.name} / ${c.name}`, contract.id);
    }
  }
  return { providers, contracts, accounts };
}

function contractInput(
  providerId: number,
  accountId: number | undefined,
  c: DemoContract,
  { ago, inDays }: DemoCalendar,
): ContractCreate {
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
    startDate: ago(c.startedDaysAgo),
    term: c.term,
    renewsOn: c.renewsInDays === undefined ? undefined : inDays(c.renewsInDays),
    noticePeriod: c.notice,
    autoRenews: c.autoRenews ?? true,
    paymentMethod: c.payment,
    endDate: c.endedDaysAgo === undefined ? undefined : ago(c.endedDaysAgo),
    notes: c.notes,
  };
}

/** Case ids by title. */
async function seedCases(
  services: Services,
  { ago }: DemoCalendar,
  ids: LedgerIds,
): Promise<ReadonlyMap<string, number>> {
  const cases = new Map<string, number>();
  for (const c of DEMO_CASES) {
    const { id } = await services.cases.add({
      providerId: idOf(ids.providers, c.provider, 'provider'),
      title: c.title,
      kind: c.kind ?? 'complaint',
      status: c.status,
      openedOn: ago(c.openedDaysAgo),
      escalatedOn: c.escalatedDaysAgo === undefined ? undefined : ago(c.escalatedDaysAgo),
      resolvedOn: c.resolvedDaysAgo === undefined ? undefined : ago(c.resolvedDaysAgo),
      reference: c.reference,
      description: c.description,
      resolution: c.resolution,
    });
    cases.set(c.title, id);
  }
  return cases;
}

async function seedInteractions(
  services: Services,
  { ago, inDays }: DemoCalendar,
  ids: LedgerIds,
  cases: ReadonlyMap<string, number>,
): Promise<number> {
  for (const i of DEMO_INTERACTIONS) {
    const followUpOn = i.followUpInDays === undefined ? undefined : inDays(i.followUpInDays);
    // A working-hours time that varies from one day to the next, the same for the same day.
    const hour = String(9 + (i.daysAgo % 8)).padStart(2, '0');
    const minute = String((i.daysAgo * 17) % 60).padStart(2, '0');
    await services.interactions.add({
      providerId: idOf(ids.providers, i.provider, 'provider'),
      caseId: optionalId(cases, i.case, 'case'),
      occurredAt: `${ago(i.daysAgo)}T${hour}:${minute}:00Z`,
      channel: i.channel,
      direction: i.direction,
      subject: i.subject,
      notes: i.notes,
      outcome: i.outcome,
      followUpOn,
      followUpDoneOn: i.followUpDone === true ? followUpOn : undefined,
    });
  }
  return DEMO_INTERACTIONS.length;
}

async function seedDocuments(
  services: Services,
  cal: DemoCalendar,
  ids: LedgerIds,
  cases: ReadonlyMap<string, number>,
): Promise<number> {
  for (const d of DEMO_DOCUMENTS) {
    await services.asOf(cal.ago(d.addedDaysAgo), () =>
      services.documents.add({
        providerId: idOf(ids.providers, d.provider, 'provider'),
        contractId: optionalId(
          ids.contracts,
          d.contract === undefined ? undefined : `${d.provider} / ${d.contract}`,
          'contract',
        ),
        caseId: optionalId(cases, d.case, 'case'),
        title: d.title,
        filename: d.filename,
        notes: d.notes,
        content: d.filename.endsWith('.pdf') ? tinyPdf(d.text) : Buffer.from(d.text, 'utf8'),
      }),
    );
  }
  return DEMO_DOCUMENTS.length;
}

/** Each fact with its first version, then its later versions, then retired if it was. */
async function seedFacts(services: Services, cal: DemoCalendar): Promise<number> {
  const facts = demoFacts(cal);
  for (const fact of facts) {
    const [first, ...later] = fact.versions;
    if (first === undefined) throw new VrmError('internal', `demo data: fact "${fact.label}" has no value`);
    const { id } = await services.vault.add({ kind: fact.kind, label: fact.label, ...first });
    for (const version of later) await services.vault.update(id, version);
    if (fact.retiredOn !== undefined) await services.vault.retire(id, fact.retiredOn);
  }
  return facts.length;
}
