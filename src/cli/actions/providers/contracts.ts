/** `vrm contract …`, `vrm renewals` and `vrm costs`: contracts, what they cost and when they renew. */
import type { Contract } from '../../../providers/contracts.js';
import type { ContractCreate } from '../../../providers/schemas.js';
import { VrmError } from '../../../platform/errors.js';
import { cancelByText, cycle, money, period, priceHistoryText, totals, yesNo } from '../../format.js';
import { printJson, printRecord, printTable, say } from '../../output.js';
import type { JsonOption, ProviderOption } from '../../options.js';
import { CONTRACT_FLAGS, fieldsFrom } from '../../fields.js';
import type { Session } from '../../session.js';

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

/** What people call paying twice a year. */
const HALF_YEARLY = new Set([
  'half yearly',
  'halfyearly',
  'six-monthly',
  'six monthly',
  'every six months',
  'every 6 months',
  'semi-annual',
  'semi-annually',
  'semiannual',
  'semiannually',
]);

/** `monthly`, `half-yearly`, `30d`, `30 days` or `every 30 days` → the service's cycle and interval. */
function parseCycle(
  text: string | undefined,
): Pick<ContractCreate, 'billingCycle' | 'billingIntervalDays'> | undefined {
  if (text === undefined) return undefined;
  const value = text.trim().toLowerCase();
  if (['weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly'].includes(value)) {
    return { billingCycle: value as ContractCreate['billingCycle'] };
  }
  if (value === 'annually' || value === 'annual') return { billingCycle: 'yearly' };
  if (HALF_YEARLY.has(value)) return { billingCycle: 'half-yearly' };
  const days = /^(?:every\s+)?(\d+)\s*(?:d|days?)$/.exec(value);
  if (days) return { billingCycle: 'days', billingIntervalDays: Number(days[1]) };
  throw new VrmError(
    'invalid_input',
    `--cycle: "${text}" is not a billing cycle (weekly, monthly, quarterly, half-yearly, yearly, or every N days such as "30d")`,
  );
}

const contractFields = (o: ContractOptions) => ({
  ...fieldsFrom(CONTRACT_FLAGS, o),
  price: o.price,
  ...parseCycle(o.cycle),
});

function printContract(c: Contract): void {
  printRecord([
    ['id', c.id],
    ['name', c.name],
    ['kind', c.kind],
    ['provider', c.providerId],
    ['account', c.accountId],
    ['price', `${money(c.priceMinor, c.currency)} ${cycle(c)}`],
    ['price history', priceHistoryText(c.priceHistory)],
    ['yearly cost', money(c.derived.yearlyCostMinor, c.currency)],
    ['started', c.startDate],
    ['term', period(c.term) || `one billing cycle`],
    ['notice period', period(c.noticePeriod) || 'none recorded'],
    ['renews by itself', yesNo(c.autoRenews)],
    ['next renewal', c.derived.nextRenewal],
    ['cancel by', cancelByText(c.derived)],
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
    providerId: await s.services.providers.resolve(o.provider),
    currency: o.currency ?? '',
    billingCycle: parseCycle(o.cycle)?.billingCycle ?? 'monthly',
    // Left out, the contract starts today, by the service's clock, as over HTTP.
    startDate: o.start,
  });
  say(
    `Added contract ${contract.id}: ${contract.name}, ${money(contract.priceMinor, contract.currency)} ${cycle(contract)}`,
  );
  if (contract.derived.cancelBy)
    say(`Next renewal ${contract.derived.nextRenewal ?? ''}; cancel by ${cancelByText(contract.derived)}.`);
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
      { header: 'cancel by', value: (c) => cancelByText(c.derived) },
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

export async function updateContract(
  s: Session,
  id: number,
  o: ContractOptions & { priceFrom?: string },
): Promise<void> {
  const before = await s.services.contracts.get(id);
  const contract = await s.services.contracts.update(id, { ...contractFields(o), priceFrom: o.priceFrom });
  say(`Updated contract ${contract.id}: ${contract.name}`);
  if (contract.priceHistory.length !== before.priceHistory.length)
    say(`Price history: ${priceHistoryText(contract.priceHistory)}.`);
}

/**
 * `vrm contract price 7 12,99 --from 2026-03-14`: a change of price into the history. The service
 * names the day `validFrom`, as the API does; here it was typed as `--from`.
 */
export async function recordPrice(
  s: Session,
  id: number,
  amount: string,
  o: { from?: string; currency?: string; note?: string },
): Promise<void> {
  const input = { price: amount, validFrom: o.from, currency: o.currency, note: o.note };
  const recorded = s.services.contracts.recordPrice(id, input);
  const contract = await recorded.catch((error: unknown) => {
    if (!(error instanceof VrmError)) throw error;
    // Named as typed: the day is `--from`, the price the positional amount.
    const said = error.message
      .replace(/(^|: )validFrom:/u, '$1--from:')
      .replace(/(^|: )price:/u, '$1amount:');
    throw new VrmError(error.code, said, { cause: error });
  });
  say(
    `Contract ${contract.id} (${contract.name}) costs ${money(contract.priceMinor, contract.currency)} ${cycle(contract)}.`,
  );
  say(`Price history: ${priceHistoryText(contract.priceHistory)}.`);
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
      { header: 'cancel by', value: (r) => cancelByText(r) },
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
