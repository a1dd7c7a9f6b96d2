/**
 * `vrm money subscriptions`, `confirm`, `case`, `dismiss` and `restore`: recurring payments, the
 * alerts on them and what the person does about them, and contracts made of them.
 */
import { describeCadence } from '../../money/recurring/index.js';
import type { AlertView } from '../../money/service.js';
import { money, plural } from '../format.js';
import type { JsonOption } from '../options.js';
import { printJson, printTable, say } from '../output.js';
import type { Session } from '../session.js';

export async function subscriptions({ services }: Session, o: JsonOption & { all?: boolean }): Promise<void> {
  const overview = await services.money.subscriptions({ all: o.all === true });
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
    for (const alert of overview.alerts) say(alertLine(alert));
    const charged = overview.alerts.find((a) => a.kind === 'still-charging' && a.caseId === null);
    say('');
    say(
      `Dismiss an alert with \`vrm money dismiss N\`${charged ? `; open a case about a charge after a contract ended with \`vrm money case ${String(charged.number)}\`` : ''}.`,
    );
  }
  if (overview.dismissed > 0 && o.all !== true) {
    say(
      `${plural(overview.dismissed, 'dismissed alert')} not shown: \`vrm money subscriptions --all\` shows them.`,
    );
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

/** "2. ! Membership: 2 payments after … (case 4 opened)": its number, weight, words and state. */
function alertLine(alert: AlertView): string {
  const mark = alert.importance === 'high' ? '!' : '·';
  const state =
    alert.state === 'dismissed'
      ? ' (dismissed)'
      : alert.caseId !== null
        ? ` (case ${String(alert.caseId)} opened)`
        : '';
  return `${String(alert.number).padStart(2)}. ${mark} ${alert.message}${state}`;
}

export async function openCase({ services }: Session, ref: string, o: JsonOption): Promise<void> {
  const opened = await services.money.openCaseFromAlert(ref);
  if (o.json) {
    printJson(opened);
    return;
  }
  const providerName = opened.alert.providerName ?? 'the provider';
  say(
    opened.created
      ? `Case ${String(opened.case.id)} "${opened.case.title}" opened with ${providerName}, with the ${plural(opened.alert.paymentIds.length, 'payment')} as evidence: \`vrm case show ${String(opened.case.id)}\`.`
      : `A case was already opened for this alert: case ${String(opened.case.id)} "${opened.case.title}" (${opened.case.status}).`,
  );
}

export async function dismiss({ services }: Session, ref: string, o: JsonOption): Promise<void> {
  const alert = await services.money.dismissAlert(ref);
  if (o.json) {
    printJson(alert);
    return;
  }
  say(`Dismissed: ${alert.message}. \`vrm money restore ${alert.key}\` shows it again.`);
}

export async function restore({ services }: Session, ref: string, o: JsonOption): Promise<void> {
  const alert = await services.money.restoreAlert(ref);
  if (o.json) {
    printJson(alert);
    return;
  }
  say(
    'message' in alert
      ? `Shown again: ${alert.message}.`
      : `Alert ${alert.key} is shown again when it comes up.`,
  );
}

export async function series({ services }: Session, ref: string, o: JsonOption): Promise<void> {
  const detail = await services.money.subscription(ref);
  if (o.json) {
    printJson(detail);
    return;
  }
  const s = detail.subscription;
  say(`${s.providerName ?? s.label}: ${money(s.amountMinor, s.currency)} ${describeCadence(s.cadence)}`);
  say(s.contract ? `Contract: ${s.contract.name}` : 'No contract.');
  say(s.explanation);
  for (const change of s.priceChanges)
    say(
      `Price: ${money(change.fromMinor, s.currency)} → ${money(change.toMinor, s.currency)} from ${change.on}`,
    );
  for (const rename of s.renamed) say(`Renamed: "${rename.from}" → "${rename.to}" from ${rename.on}`);
  say('');
  printTable(detail.payments, [
    { header: 'no.', value: (p) => p.id, align: 'right' },
    { header: 'date', value: (p) => p.bookedOn },
    { header: 'amount', value: (p) => money(p.amountMinor, p.currency), align: 'right' },
    {
      header: 'purpose',
      value: (p) => `${p.purpose ?? p.payee ?? ''}${p.outlier ? ' (one-off)' : ''}`,
      maxWidth: 50,
    },
  ]);
  if (detail.alerts.length > 0) {
    say('');
    for (const alert of detail.alerts) say(alertLine(alert));
  }
}
