/** `vrm money spend` and `vrm money paid`: spend over time, and paid against contracted (issue 17, point 4). */
import type { SpendReport } from '../../money/service.js';
import { money } from '../format.js';
import type { JsonOption } from '../options.js';
import { printJson, printTable, say } from '../output.js';
import type { Session } from '../session.js';

type CurrencySpend = SpendReport['currencies'][number];

/** A figure as every command writes one (`12.34 EUR`). */
const amount = (minor: number, currency: string): string => money(minor, currency);

interface SpendOptions extends JsonOption {
  by?: string;
  from?: string;
  to?: string;
  account?: string;
  currency?: string;
  incoming?: boolean;
}

/** One currency's table, grouped as asked. */
function printGroups(report: SpendReport, c: CurrencySpend, by: string): void {
  const money = (minor: number) => amount(minor, c.currency);
  const received = report.incoming
    ? [
        {
          header: 'received',
          value: (r: { receivedMinor: number }) => money(r.receivedMinor),
          align: 'right' as const,
        },
      ]
    : [];
  const counted = { header: 'bookings', value: (r: { count: number }) => r.count, align: 'right' as const };
  if (by === 'provider') {
    printTable(c.payees, [
      {
        header: 'paid to',
        value: (p) => (p.kind === 'payee' ? `${p.label} (not assigned)` : p.label),
        maxWidth: 40,
      },
      { header: 'spent', value: (p) => money(p.spentMinor), align: 'right' },
      ...received,
      counted,
    ]);
  } else if (by === 'category') {
    printTable(c.categories, [
      { header: 'category', value: (r) => r.label },
      { header: 'spent', value: (r) => money(r.spentMinor), align: 'right' },
      ...received,
      counted,
    ]);
  } else {
    printTable(c.months, [
      { header: 'month', value: (m) => m.month },
      { header: 'spent', value: (m) => money(m.spentMinor), align: 'right' },
      ...received,
      counted,
    ]);
  }
}

export async function spend({ services }: Session, o: SpendOptions): Promise<void> {
  const report = await services.money.spend({
    by: o.by as 'month' | undefined,
    from: o.from,
    to: o.to,
    account: o.account,
    currency: o.currency,
    incoming: o.incoming,
  });
  if (o.json) {
    printJson(report);
    return;
  }
  if (report.currencies.length === 0) {
    say(
      'No spend to show: import your bank statements with `vrm money import FILE` (OFX, QIF, CAMT or CSV), or widen --from and --to.',
    );
    return;
  }
  const what = report.incoming ? 'money out and in' : 'money out';
  const where = report.account ? ` from ${report.account.title}` : '';
  say(`Spend from ${report.from ?? '?'} to ${report.to ?? '?'}${where}, ${what}; each currency on its own.`);
  for (const c of report.currencies) {
    say('');
    say(`In ${c.currency}: ${amount(c.total.spentMinor, c.currency)} spent`);
    printGroups(report, c, o.by ?? 'month');
  }
  say('');
  say('Each year:');
  for (const c of report.currencies)
    for (const y of c.years)
      say(
        `  ${y.year}  ${amount(y.spentMinor, c.currency)}${report.incoming ? ` spent, ${amount(y.receivedMinor, c.currency)} received` : ''}`,
      );
}

export async function paid(
  { services }: Session,
  o: JsonOption & { from?: string; to?: string },
): Promise<void> {
  const report = await services.money.paidVersusContracted({ from: o.from, to: o.to });
  if (o.json) {
    printJson(report);
    return;
  }
  say(`Paid against contracted, ${report.from} to ${report.to}:`);
  printTable(
    report.contracts,
    [
      { header: 'contract', value: (c) => c.name, maxWidth: 28 },
      { header: 'provider', value: (c) => c.provider, maxWidth: 24 },
      { header: 'every', value: (c) => c.billingCycle },
      { header: 'contract says', value: (c) => amount(c.contractedMinor, c.currency), align: 'right' },
      { header: 'paid', value: (c) => amount(c.paidMinor, c.currency), align: 'right' },
      { header: 'difference', value: (c) => c.words, maxWidth: 60 },
    ],
    'No contract to compare: add contracts to your providers, and import bank statements with `vrm money import FILE`.',
  );
}

export async function payments(
  { services }: Session,
  provider: string,
  o: JsonOption & { limit?: string },
): Promise<void> {
  const result = await services.money.payments({ provider, limit: o.limit });
  if (o.json) {
    printJson(result);
    return;
  }
  printTable(
    result.items,
    [
      { header: 'date', value: (p) => p.bookedOn },
      { header: 'amount', value: (p) => amount(p.amountMinor, p.currency), align: 'right' },
      { header: 'booking text', value: (p) => p.text, maxWidth: 48 },
      { header: 'account', value: (p) => p.account, maxWidth: 24 },
    ],
    `No payments to ${result.provider} seen: import your bank statements with \`vrm money import FILE\`.`,
  );
  if (result.years.length > 0) {
    say('');
    say(`Paid to ${result.provider} each year:`);
    for (const y of result.years) say(`  ${y.year}  ${amount(y.spentMinor, y.currency)}`);
  }
}
