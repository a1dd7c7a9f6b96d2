import { basename } from 'node:path';
import type { Account } from '../../providers/accounts.js';
import type { Case } from '../../providers/cases.js';
import type { Contract } from '../../providers/contracts.js';
import type { DocumentInfo } from '../../providers/documents.js';
import type { Interaction } from '../../providers/interactions.js';
import type { ContractCreate } from '../../providers/schemas.js';
import { VrmError } from '../../platform/errors.js';
import { writeFileWhole } from '../../platform/files.js';
import { cycle, instant, money, period, totals, yesNo } from '../format.js';
import { heading, printJson, printRecord, printTable, say } from '../output.js';
import type { JsonOption } from '../options.js';
import type { Session } from '../session.js';
import { readInput } from '../files.js';

type ProviderOption = { provider?: string };

/** Resolves `--provider` (id or name) once, so services get an id. */
const providerId = async ({ services }: Session, ref: string): Promise<number> =>
  services.providers.resolve(ref);

// ── accounts ─────────────────────────────────────────────────────────────────

interface AccountOptions {
  number?: string;
  label?: string;
  opened?: string;
  closed?: string;
  notes?: string;
}

const accountFields = (o: AccountOptions) => ({
  customerNumber: o.number,
  label: o.label,
  openedOn: o.opened,
  closedOn: o.closed,
  notes: o.notes,
});

function printAccount(a: Account): void {
  printRecord([
    ['id', a.id],
    ['provider', a.providerId],
    ['customer number', a.customerNumber],
    ['label', a.label],
    ['opened', a.openedOn],
    ['closed', a.closedOn],
    ['notes', a.notes],
  ]);
}

export async function addAccount(
  s: Session,
  o: AccountOptions & { provider: string; number: string },
): Promise<void> {
  const account = await s.services.accounts.add({
    ...accountFields(o),
    customerNumber: o.number,
    providerId: await providerId(s, o.provider),
  });
  say(`Added account ${account.id}: ${account.customerNumber}`);
}

export async function listAccounts(s: Session, o: JsonOption & ProviderOption): Promise<void> {
  const accounts = await s.services.accounts.list({ provider: o.provider });
  if (o.json) {
    printJson(accounts);
    return;
  }
  printTable(
    accounts,
    [
      { header: 'id', value: (a) => a.id, align: 'right' },
      { header: 'provider', value: (a) => a.providerId, align: 'right' },
      { header: 'customer number', value: (a) => a.customerNumber },
      { header: 'label', value: (a) => a.label },
      { header: 'closed', value: (a) => a.closedOn },
    ],
    'No accounts yet. Add one with `vrm account add --provider NAME --number CUSTOMER-NUMBER`.',
  );
}

export async function showAccount(s: Session, id: number, o: JsonOption): Promise<void> {
  const account = await s.services.accounts.get(id);
  if (o.json) {
    printJson(account);
    return;
  }
  printAccount(account);
}

export async function updateAccount(s: Session, id: number, o: AccountOptions): Promise<void> {
  const account = await s.services.accounts.update(id, accountFields(o));
  say(`Updated account ${account.id}.`);
}

export async function closeAccount(s: Session, id: number, o: { on?: string }): Promise<void> {
  const today = s.services.today();
  const account = await s.services.accounts.close(id, o.on ?? today);
  say(`Account ${account.id} closed on ${account.closedOn ?? today}.`);
}

export async function deleteAccount(s: Session, id: number): Promise<void> {
  await s.services.accounts.delete(id);
  say(`Deleted account ${id}.`);
}

// ── contracts ────────────────────────────────────────────────────────────────

interface ContractOptions {
  name?: string;
  account?: number;
  kind?: 'contract' | 'subscription';
  price?: string;
  currency?: string;
  cycle?: string;
  start?: string;
  term?: string;
  renewsOn?: string;
  notice?: string;
  autoRenew?: boolean;
  payment?: string;
  end?: string;
  notes?: string;
}

/** `monthly`, `30d`, `30 days` or `every 30 days` → the service's cycle and interval. */
function parseCycle(
  text: string | undefined,
): Pick<ContractCreate, 'billingCycle' | 'billingIntervalDays'> | undefined {
  if (text === undefined) return undefined;
  const value = text.trim().toLowerCase();
  if (['weekly', 'monthly', 'quarterly', 'yearly'].includes(value)) {
    return { billingCycle: value as ContractCreate['billingCycle'] };
  }
  if (value === 'annually' || value === 'annual') return { billingCycle: 'yearly' };
  const days = /^(?:every\s+)?(\d+)\s*(?:d|days?)$/.exec(value);
  if (days) return { billingCycle: 'days', billingIntervalDays: Number(days[1]) };
  throw new VrmError(
    'invalid_input',
    `--cycle: "${text}" is not a billing cycle (weekly, monthly, quarterly, yearly, or every N days such as "30d")`,
  );
}

const contractFields = (o: ContractOptions) => ({
  name: o.name,
  accountId: o.account,
  kind: o.kind,
  price: o.price,
  currency: o.currency,
  ...parseCycle(o.cycle),
  startDate: o.start,
  term: o.term,
  renewsOn: o.renewsOn,
  noticePeriod: o.notice,
  autoRenews: o.autoRenew,
  paymentMethod: o.payment,
  endDate: o.end,
  notes: o.notes,
});

function printContract(c: Contract): void {
  printRecord([
    ['id', c.id],
    ['name', c.name],
    ['kind', c.kind],
    ['provider', c.providerId],
    ['account', c.accountId],
    ['price', `${money(c.priceMinor, c.currency)} ${cycle(c)}`],
    ['yearly cost', money(c.derived.yearlyCostMinor, c.currency)],
    ['started', c.startDate],
    ['term', period(c.term) || `one billing cycle`],
    ['notice period', period(c.noticePeriod) || 'none recorded'],
    ['renews by itself', yesNo(c.autoRenews)],
    ['next renewal', c.derived.nextRenewal],
    ['cancel by', c.derived.cancelBy],
    ['payment', c.paymentMethod],
    ['ends', c.endDate],
    ['status', c.derived.active ? 'running' : 'ended'],
    ['notes', c.notes],
  ]);
}

export async function addContract(
  s: Session,
  name: string,
  o: ContractOptions & { provider: string },
): Promise<void> {
  const missing = (['price', 'currency', 'cycle'] as const).filter((k) => o[k] === undefined);
  if (missing.length > 0) {
    throw new VrmError('invalid_input', `contract add needs ${missing.map((k) => `--${k}`).join(', ')}`);
  }
  const contract = await s.services.contracts.add({
    ...contractFields(o),
    name,
    providerId: await providerId(s, o.provider),
    currency: o.currency ?? '',
    billingCycle: parseCycle(o.cycle)?.billingCycle ?? 'monthly',
    startDate: o.start ?? s.services.today(),
  });
  say(
    `Added contract ${contract.id}: ${contract.name}, ${money(contract.priceMinor, contract.currency)} ${cycle(contract)}`,
  );
  if (contract.derived.cancelBy)
    say(`Next renewal ${contract.derived.nextRenewal ?? ''}; cancel by ${contract.derived.cancelBy}.`);
}

export async function listContracts(
  s: Session,
  o: JsonOption & ProviderOption & { all?: boolean },
): Promise<void> {
  const contracts = await s.services.contracts.list({ provider: o.provider, includeEnded: o.all ?? false });
  if (o.json) {
    printJson(contracts);
    return;
  }
  printTable(
    contracts,
    [
      { header: 'id', value: (c) => c.id, align: 'right' },
      { header: 'provider', value: (c) => c.providerId, align: 'right' },
      { header: 'name', value: (c) => c.name },
      { header: 'price', value: (c) => money(c.priceMinor, c.currency), align: 'right' },
      { header: 'cycle', value: cycle },
      { header: 'yearly', value: (c) => money(c.derived.yearlyCostMinor, c.currency), align: 'right' },
      { header: 'next renewal', value: (c) => c.derived.nextRenewal ?? (c.derived.active ? '' : 'ended') },
      { header: 'cancel by', value: (c) => c.derived.cancelBy },
    ],
    'No running contracts. Add one with `vrm contract add NAME --provider P --price 9.99 --currency EUR --cycle monthly`.',
  );
}

export async function showContract(s: Session, id: number, o: JsonOption): Promise<void> {
  const contract = await s.services.contracts.get(id);
  if (o.json) {
    printJson(contract);
    return;
  }
  printContract(contract);
}

export async function updateContract(s: Session, id: number, o: ContractOptions): Promise<void> {
  const contract = await s.services.contracts.update(id, contractFields(o));
  say(`Updated contract ${contract.id}: ${contract.name}`);
}

export async function endContract(s: Session, id: number, o: { on?: string }): Promise<void> {
  const contract = await s.services.contracts.end(id, o.on);
  say(`Contract ${contract.id} (${contract.name}) ends on ${contract.endDate ?? ''}.`);
}

export async function deleteContract(s: Session, id: number): Promise<void> {
  await s.services.contracts.delete(id);
  say(`Deleted contract ${id}.`);
}

export async function renewals(
  s: Session,
  o: JsonOption & { within?: number; asOf?: string },
): Promise<void> {
  const list = await s.services.contracts.renewals({ withinDays: o.within, asOf: o.asOf });
  if (o.json) {
    printJson(list);
    return;
  }
  printTable(
    list,
    [
      { header: 'cancel by', value: (r) => r.cancelBy },
      { header: 'days left', value: (r) => (r.daysToCancel < 0 ? 'passed' : r.daysToCancel), align: 'right' },
      { header: 'renews', value: (r) => r.renewsOn },
      { header: 'provider', value: (r) => r.providerName },
      { header: 'contract', value: (r) => `${r.contract.name} (${r.contract.id})` },
      {
        header: 'price',
        value: (r) => `${money(r.contract.priceMinor, r.contract.currency)} ${cycle(r.contract)}`,
      },
    ],
    `Nothing renews in the next ${o.within ?? 60} days.`,
  );
}

export async function costs(s: Session, o: JsonOption & { asOf?: string }): Promise<void> {
  const result = await s.services.contracts.yearlyCosts({ asOf: o.asOf });
  if (o.json) {
    printJson(result);
    return;
  }
  printTable(
    result.providers,
    [
      { header: 'provider', value: (p) => p.name },
      { header: 'per year', value: (p) => totals(p.costs), align: 'right' },
    ],
    'No running contracts, so nothing to add up.',
  );
  say(`Total per year: ${totals(result.totals)}`);
}

// ── cases ────────────────────────────────────────────────────────────────────

interface CaseOptions {
  title?: string;
  kind?: 'complaint' | 'dispute';
  description?: string;
  reference?: string;
  status?: 'open' | 'waiting' | 'escalated' | 'resolved';
  opened?: string;
  escalated?: string;
  resolved?: string;
  resolution?: string;
}

const caseFields = (o: CaseOptions) => ({
  title: o.title,
  kind: o.kind,
  description: o.description,
  reference: o.reference,
  status: o.status,
  openedOn: o.opened,
  escalatedOn: o.escalated,
  resolvedOn: o.resolved,
  resolution: o.resolution,
});

function printCase(c: Case): void {
  printRecord([
    ['id', c.id],
    ['title', c.title],
    ['kind', c.kind],
    ['provider', c.providerId],
    ['status', c.status],
    ['reference', c.reference],
    ['opened', c.openedOn],
    ['escalated', c.escalatedOn],
    ['resolved', c.resolvedOn],
    ['description', c.description],
    ['resolution', c.resolution],
  ]);
}

export async function addCase(
  s: Session,
  o: CaseOptions & { provider: string; title: string },
): Promise<void> {
  const kase = await s.services.cases.add({
    ...caseFields(o),
    title: o.title,
    providerId: await providerId(s, o.provider),
  });
  say(`Opened case ${kase.id}: ${kase.title} (${kase.status})`);
}

export async function listCases(
  s: Session,
  o: JsonOption & ProviderOption & { status?: string },
): Promise<void> {
  const cases = await s.services.cases.list({ provider: o.provider, status: o.status });
  if (o.json) {
    printJson(cases);
    return;
  }
  printTable(
    cases,
    [
      { header: 'id', value: (c) => c.id, align: 'right' },
      { header: 'provider', value: (c) => c.providerId, align: 'right' },
      { header: 'title', value: (c) => c.title },
      { header: 'kind', value: (c) => c.kind },
      { header: 'status', value: (c) => c.status },
      { header: 'opened', value: (c) => c.openedOn },
      { header: 'resolved', value: (c) => c.resolvedOn },
    ],
    'No cases.',
  );
}

export async function showCase(s: Session, id: number, o: JsonOption): Promise<void> {
  const kase = await s.services.cases.get(id);
  const interactions = await s.services.interactions.list({ caseId: id });
  if (o.json) {
    printJson({ ...kase, interactions });
    return;
  }
  printCase(kase);
  heading('Interactions');
  printInteractions(interactions);
}

export async function updateCase(s: Session, id: number, o: CaseOptions): Promise<void> {
  const kase = await s.services.cases.update(id, caseFields(o));
  say(`Updated case ${kase.id}: ${kase.title} (${kase.status})`);
}

export async function deleteCase(s: Session, id: number): Promise<void> {
  await s.services.cases.delete(id);
  say(`Deleted case ${id}.`);
}

// ── interactions ─────────────────────────────────────────────────────────────

interface InteractionOptions {
  case?: number;
  at?: string;
  channel?: 'email' | 'phone' | 'letter' | 'chat' | 'visit' | 'web';
  direction?: 'inbound' | 'outbound';
  subject?: string;
  notes?: string;
  outcome?: string;
  followUp?: string;
  followUpDone?: string;
}

const interactionFields = (o: InteractionOptions) => ({
  caseId: o.case,
  occurredAt: o.at,
  channel: o.channel,
  direction: o.direction,
  subject: o.subject,
  notes: o.notes,
  outcome: o.outcome,
  followUpOn: o.followUp,
  followUpDoneOn: o.followUpDone,
});

function printInteractions(list: readonly Interaction[]): void {
  printTable(
    list,
    [
      { header: 'id', value: (i) => i.id, align: 'right' },
      { header: 'when', value: (i) => instant(i.occurredAt) },
      { header: 'provider', value: (i) => i.providerId, align: 'right' },
      { header: 'channel', value: (i) => `${i.direction === 'inbound' ? '←' : '→'} ${i.channel}` },
      { header: 'subject', value: (i) => i.subject },
      { header: 'outcome', value: (i) => i.outcome, maxWidth: 30 },
      { header: 'follow up', value: (i) => (i.followUpOn && !i.followUpDoneOn ? i.followUpOn : '') },
    ],
    'No interactions.',
  );
}

export async function addInteraction(
  s: Session,
  o: InteractionOptions & { provider: string },
): Promise<void> {
  const missing = (['channel', 'direction', 'subject'] as const).filter((k) => o[k] === undefined);
  if (missing.length > 0) {
    throw new VrmError('invalid_input', `interaction add needs ${missing.map((k) => `--${k}`).join(', ')}`);
  }
  const interaction = await s.services.interactions.add({
    ...interactionFields(o),
    channel: o.channel ?? 'email',
    direction: o.direction ?? 'outbound',
    subject: o.subject ?? '',
    providerId: await providerId(s, o.provider),
  });
  say(`Logged interaction ${interaction.id}: ${interaction.subject}`);
}

export async function listInteractions(
  s: Session,
  o: JsonOption & ProviderOption & { case?: number; since?: string; until?: string; limit?: number },
): Promise<void> {
  const list = await s.services.interactions.list({
    provider: o.provider,
    caseId: o.case,
    since: o.since,
    until: o.until,
    limit: o.limit,
  });
  if (o.json) {
    printJson(list);
    return;
  }
  printInteractions(list);
}

export async function showInteraction(s: Session, id: number, o: JsonOption): Promise<void> {
  const i = await s.services.interactions.get(id);
  if (o.json) {
    printJson(i);
    return;
  }
  printRecord([
    ['id', i.id],
    ['provider', i.providerId],
    ['case', i.caseId],
    ['when', instant(i.occurredAt)],
    ['channel', i.channel],
    ['direction', i.direction],
    ['subject', i.subject],
    ['notes', i.notes],
    ['outcome', i.outcome],
    ['follow up', i.followUpOn],
    ['follow-up done', i.followUpDoneOn],
  ]);
}

export async function updateInteraction(s: Session, id: number, o: InteractionOptions): Promise<void> {
  const i = await s.services.interactions.update(id, interactionFields(o));
  say(`Updated interaction ${i.id}: ${i.subject}`);
}

export async function doneInteraction(s: Session, id: number, o: { on?: string }): Promise<void> {
  const i = await s.services.interactions.completeFollowUp(id, o.on);
  say(`Follow-up of interaction ${i.id} done on ${i.followUpDoneOn ?? ''}.`);
}

export async function deleteInteraction(s: Session, id: number): Promise<void> {
  await s.services.interactions.delete(id);
  say(`Deleted interaction ${id}.`);
}

export async function followUps(
  s: Session,
  o: JsonOption & { within?: number; asOf?: string },
): Promise<void> {
  const list = await s.services.interactions.followUps({ withinDays: o.within, asOf: o.asOf });
  if (o.json) {
    printJson(list);
    return;
  }
  printTable(
    list,
    [
      { header: 'due', value: (f) => f.interaction.followUpOn },
      { header: '', value: (f) => (f.overdue ? 'OVERDUE' : '') },
      { header: 'provider', value: (f) => f.providerName },
      { header: 'subject', value: (f) => f.interaction.subject },
      { header: 'interaction', value: (f) => f.interaction.id, align: 'right' },
    ],
    'No follow-ups due.',
  );
}

// ── documents ────────────────────────────────────────────────────────────────

interface DocumentOptions {
  title?: string;
  contract?: number;
  case?: number;
  type?: string;
  notes?: string;
  filename?: string;
}

const documentFields = (o: DocumentOptions) => ({
  title: o.title,
  contractId: o.contract,
  caseId: o.case,
  mediaType: o.type,
  notes: o.notes,
});

function printDocument(d: DocumentInfo): void {
  printRecord([
    ['id', d.id],
    ['title', d.title],
    ['file name', d.filename],
    ['type', d.mediaType],
    ['size', `${d.size.toLocaleString('en')} bytes`],
    ['sha-256', d.sha256],
    ['provider', d.providerId],
    ['contract', d.contractId],
    ['case', d.caseId],
    ['added', instant(d.addedAt)],
    ['notes', d.notes],
  ]);
}

export async function addDocument(
  s: Session,
  file: string,
  o: DocumentOptions & { provider: string },
): Promise<void> {
  const content = readInput(file);
  const document = await s.services.documents.add({
    ...documentFields(o),
    providerId: await providerId(s, o.provider),
    filename: basename(file),
    content,
  });
  say(
    `Added document ${document.id}: ${document.title} (${document.size.toLocaleString('en')} bytes, encrypted in the store)`,
  );
}

export async function listDocuments(s: Session, o: JsonOption & ProviderOption): Promise<void> {
  const list = await s.services.documents.list({ provider: o.provider });
  if (o.json) {
    printJson(list);
    return;
  }
  printTable(
    list,
    [
      { header: 'id', value: (d) => d.id, align: 'right' },
      { header: 'provider', value: (d) => d.providerId, align: 'right' },
      { header: 'title', value: (d) => d.title },
      { header: 'type', value: (d) => d.mediaType },
      { header: 'bytes', value: (d) => d.size, align: 'right' },
      { header: 'added', value: (d) => d.addedAt.slice(0, 10) },
    ],
    'No documents. Add one with `vrm document add FILE --provider NAME`.',
  );
}

export async function showDocument(s: Session, id: number, o: JsonOption): Promise<void> {
  const d = await s.services.documents.get(id);
  if (o.json) {
    printJson(d);
    return;
  }
  printDocument(d);
}

export async function getDocument(s: Session, id: number, o: { output?: string }): Promise<void> {
  const { info, content } = await s.services.documents.content(id);
  if (o.output) {
    writeFileWhole(o.output, content, `document ${String(id)}`);
    say(`Wrote ${o.output} (${info.size.toLocaleString('en')} bytes).`);
    return;
  }
  if (process.stdout.isTTY) {
    throw new VrmError(
      'invalid_input',
      `document ${id} is ${info.mediaType}: give --output FILE, or pipe it`,
    );
  }
  process.stdout.write(content);
}

export async function updateDocument(s: Session, id: number, o: DocumentOptions): Promise<void> {
  const d = await s.services.documents.update(id, { ...documentFields(o), filename: o.filename });
  say(`Updated document ${d.id}: ${d.title}`);
}

export async function deleteDocument(s: Session, id: number): Promise<void> {
  await s.services.documents.delete(id);
  say(`Deleted document ${id}.`);
}
