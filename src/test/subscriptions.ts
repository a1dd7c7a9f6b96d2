import { addPeriod, type IsoDate } from '../platform/dates.js';
import type { Services } from '../app.js';
import type { StatementTransaction } from '../money/statement.js';
import { booking, shaOf, statement } from './statements.js';

/**
 * The recurring payments of the subscriptions tests (issue 17, point 3), as of 15 March 2026 (the
 * test clock): Streamline TV monthly, 10,99 rising to 12,99 from 14 January 2026; Cloudvault once
 * a year; an Ironworks Gym membership that ended on 31 December 2025 and is still taken; and a
 * parking season ticket paid to a payee that is no provider of the ledger.
 */
let key = 0;

/** A payment every month from `first`, `count` times, at `amount(i)`. */
export function monthly(
  payee: string,
  first: IsoDate,
  count: number,
  amount: (i: number) => number,
  extra: Partial<StatementTransaction> = {},
): StatementTransaction[] {
  return Array.from({ length: count }, (_, i) =>
    booking({
      key: `sub:${payee}:${String(i)}:${String(++key)}`,
      bookedOn: addPeriod(first, { count: 1, unit: 'M' }, i) ?? first,
      amountMinor: -amount(i),
      counterpartyName: payee,
      text: `${payee} ${addPeriod(first, { count: 1, unit: 'M' }, i) ?? first}`,
      ...extra,
    }),
  );
}

/**
 * The ledger of the subscriptions tests: Streamline TV, Cloudvault, and Ironworks Gym with its
 * membership that ended on 31 December 2025.
 */
export async function seedLedger(services: Services): Promise<void> {
  const { providers, contracts } = services;
  await providers.add({ name: 'Streamline TV' });
  await providers.add({ name: 'Cloudvault' });
  const gym = await providers.add({ name: 'Ironworks Gym' });
  await contracts.add({
    providerId: gym.id,
    name: 'Membership',
    price: '25,00',
    currency: 'EUR',
    billingCycle: 'monthly',
    startDate: '2025-01-01',
    endDate: '2025-12-31',
  });
}

/** The ledger and the first statement: Streamline TV paid up to 14 February 2026. */
export async function seedSubscriptions(services: Services): Promise<void> {
  await seedLedger(services);
  const read = statement([
    ...monthly('STREAMLINE TV', '2025-05-14', 10, (i) => (i < 8 ? 1099 : 1299)),
    booking({ key: 'sub:y1', bookedOn: '2024-04-02', amountMinor: -5900, counterpartyName: 'CLOUDVAULT' }),
    booking({ key: 'sub:y2', bookedOn: '2025-04-01', amountMinor: -5900, counterpartyName: 'CLOUDVAULT' }),
    ...monthly('IRONWORKS GYM', '2025-01-01', 15, () => 2500),
    ...monthly('Q-PARK SEASON', '2025-09-20', 6, () => 4000),
  ]);
  await services.money.importStatement(read, { name: 'year.xml', sha256: shaOf(read) });
}

/** The next statement: Streamline TV's payment of 14 March 2026. */
export async function importMarch(services: Services): Promise<void> {
  const read = statement(monthly('STREAMLINE TV', '2026-03-14', 1, () => 1299));
  await services.money.importStatement(read, { name: 'march.xml', sha256: shaOf(read) });
}

/**
 * Stadtwerke (energy) with its half-yearly Strom contract of 60,00 € from 15 January 2025: the
 * provider the spend tests pay 60,00 and then 72,00, against what the contract says.
 */
export async function addStadtwerke(services: Services): Promise<{ readonly id: number }> {
  const power = await services.providers.add({ name: 'Stadtwerke', category: 'energy' });
  await services.contracts.add({
    providerId: power.id,
    name: 'Strom',
    price: '60,00',
    currency: 'EUR',
    billingCycle: 'half-yearly',
    startDate: '2025-01-15',
  });
  return power;
}
