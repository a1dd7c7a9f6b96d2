import { describe, expect, it } from 'vitest';
import { booking, shaOf, statement } from '../test/statements.js';
import { addStadtwerke } from '../test/subscriptions.js';
import { useApiServer } from '../test/http.js';
import { fixedClock } from '../test/store.js';

/** Spend over time, paid against contracted and a provider's payments over HTTP (issue 17, point 4). */
const PASSPHRASE = 'what I spent, kept at home';
let providerId: number;

const api = useApiServer('spend', PASSPHRASE, {
  seedClock: fixedClock(),
  seed: async (services) => {
    const power = await addStadtwerke(services);
    providerId = power.id;
    const read = statement([
      booking({ key: 'a', bookedOn: '2025-01-15', amountMinor: -6000, counterpartyName: 'Stadtwerke' }),
      booking({ key: 'b', bookedOn: '2025-07-15', amountMinor: -7200, counterpartyName: 'Stadtwerke' }),
      booking({ key: 'c', bookedOn: '2025-03-02', amountMinor: -1250, counterpartyName: 'Corner Bakery' }),
    ]);
    await services.money.importStatement(read, { name: 'giro.xml', sha256: shaOf(read) });
  },
});

interface Spend {
  months: string[];
  currencies: {
    currency: string;
    months: { month: string; spentMinor: number }[];
    payees: { kind: string; label: string; spentMinor: number }[];
    years: { year: string; spentMinor: number }[];
  }[];
}

describe('GET /api/money/spend, /api/money/paid and /api/money/payments', () => {
  it('answers spend per month, payee and year', async () => {
    const result = await api.browser.call('GET', '/api/money/spend?from=2025-01&to=2025-12');
    expect(result.status, result.text).toBe(200);
    const spend = result.json<Spend>();
    expect(spend.months).toHaveLength(12);
    const eur = spend.currencies[0];
    expect(eur?.months.map((m) => m.spentMinor)).toEqual([6000, 0, 1250, 0, 0, 0, 7200, 0, 0, 0, 0, 0]);
    expect(eur?.payees.map((p) => [p.kind, p.label, p.spentMinor])).toEqual([
      ['provider', 'Stadtwerke', 13_200],
      ['payee', 'Corner Bakery', 1250],
    ]);
    expect(eur?.years).toEqual([{ year: '2025', spentMinor: 14_450, receivedMinor: 0, count: 3 }]);
  });

  it('answers paid against contracted, and the payments of a provider', async () => {
    const paid = await api.browser.call('GET', '/api/money/paid?from=2025-01&to=2025-12');
    expect(paid.status, paid.text).toBe(200);
    const [strom] = paid.json<{ contracts: { name: string; differenceMinor: number; words: string }[] }>()
      .contracts;
    expect(strom?.name).toBe('Strom');
    expect(strom?.differenceMinor).toBe(1200);
    expect(strom?.words.replace(/\u00a0/g, ' ')).toBe('Paid 12.00 EUR more than the contract says');
    const payments = await api.browser.call('GET', `/api/money/payments?provider=${providerId}`);
    expect(payments.status, payments.text).toBe(200);
    expect(payments.json<{ items: { amountMinor: number }[] }>().items.map((i) => i.amountMinor)).toEqual([
      -7200, -6000,
    ]);
  });

  it('names the field of a bad query', async () => {
    const cases: [string, number, RegExp][] = [
      ['/api/money/spend?from=2025-1', 400, /from: must be a month as YYYY-MM/],
      ['/api/money/spend?from=2025-06&to=2025-01', 400, /to: must not be before from/],
      ['/api/money/spend?by=week', 400, /by: must be month, provider or category/],
      ['/api/money/spend?currency=EURO', 400, /currency/],
      ['/api/money/spend?account=DE00NOWHERE', 404, /account: no bank account is "DE00NOWHERE"/],
      ['/api/money/spend?colour=red', 400, /colour/],
      ['/api/money/paid?to=June', 400, /to: must be a month as YYYY-MM/],
      ['/api/money/payments', 400, /provider/],
      ['/api/money/payments?provider=Nobody%20Ltd', 404, /no provider with id or name "Nobody Ltd"/],
    ];
    for (const [path, status, message] of cases) {
      const result = await api.browser.call('GET', path);
      expect.soft(result.status, `${path}: ${result.text}`).toBe(status);
      expect
        .soft(result.json<{ error?: { message: string } }>().error?.message ?? result.text, path)
        .toMatch(message);
    }
  });
});
