/** `vrm money subscriptions` and `vrm money confirm`: recurring payments, their alerts, and contracts from them. */
import { describeCadence } from '../../money/recurring/index.js';
import { money } from '../format.js';
import type { JsonOption } from '../options.js';
import { printJson, printTable, say } from '../output.js';
import type { Session } from '../session.js';

export async function subscriptions({ services }: Session, o: JsonOption & { all?: boolean }): Promise<void> {
  const overview = await services.money.subscriptions();
  const list = o.all ? overview.subscriptions : overview.subscriptions.filter((s) => !s.ended);
  if (o.json) {
    printJson({ subscriptions: list, alerts: overview.alerts });
    return;
  }
  printTable(
    list,
    [
      { header: 'no.', value: (s) => s.number, align: 'right' },
      { header: 'payee', value: (s) => s.providerName ?? s.label, maxWidth: 30 },
      { header: 'every', value: (s) => describeCadence(s.cadence) },
      { header: 'amount', value: (s) => money(s.amountMinor, s.currency), align: 'right' },
      { header: 'paid', value: (s) => s.paymentIds.length, align: 'right' },
      { header: 'since', value: (s) => s.firstOn },
      { header: 'next', value: (s) => (s.ended ? `ended ${s.lastOn}` : s.nextExpectedOn) },
      { header: 'contract', value: (s) => s.contract?.name ?? '—', maxWidth: 24 },
    ],
    'No recurring payments found yet: import a few months of bank statements with `vrm money import FILE`.',
  );
  if (overview.alerts.length > 0) {
    say('');
    for (const alert of overview.alerts) say(`${alert.importance === 'high' ? '!' : '·'} ${alert.message}`);
  }
  const open = list.filter((s) => s.contract === null);
  const [first] = open;
  if (first) {
    say('');
    say(
      `Make one a contract with \`vrm money confirm ${String(first.number)}\`; \`vrm money subscriptions --all\` shows ended ones too.`,
    );
  }
}

export async function confirm(
  { services }: Session,
  ref: string,
  o: JsonOption & { provider?: string; name?: string },
): Promise<void> {
  const contract = await services.money.confirmSubscription(ref, { provider: o.provider, name: o.name });
  if (o.json) {
    printJson(contract);
    return;
  }
  say(
    `Contract ${String(contract.id)} "${contract.name}": ${money(contract.priceMinor, contract.currency)}, since ${contract.startDate}, with ${String(contract.priceHistory.length)} ${contract.priceHistory.length === 1 ? 'price' : 'prices'} from the bank; its payments are linked to it.`,
  );
}
