/** `vrm money …`: imported bank statements and who each booking paid. */
import type { Assignment, BankTransaction } from '../../money/service.js';
import { money as amount } from '../format.js';
import type { JsonOption } from '../options.js';
import { printJson, printTable, say } from '../output.js';
import type { Session } from '../session.js';

export async function accounts({ services }: Session, o: JsonOption): Promise<void> {
  const list = await services.money.accounts();
  if (o.json) {
    printJson(list);
    return;
  }
  printTable(
    list,
    [
      { header: 'account', value: (a) => a.title, maxWidth: 36 },
      { header: 'IBAN or number', value: (a) => a.iban ?? a.number ?? '' },
      { header: 'vault fact', value: (a) => a.factLabel ?? '' },
      { header: 'bookings', value: (a) => a.count, align: 'right' },
      { header: 'from', value: (a) => a.firstOn ?? '' },
      { header: 'to', value: (a) => a.lastOn ?? '' },
      {
        header: 'sum',
        value: (a) => a.balances.map((b) => amount(b.minor, b.currency)).join(' · '),
        align: 'right',
      },
    ],
    'No bank statements imported yet.',
  );
}

/** Who a booking paid, as a list shows it. */
const paid = (t: BankTransaction): string => {
  if (t.provider) return `${t.provider}${t.confirmed ? ' ✓' : ''}`;
  if (t.matchBy === 'directory')
    return `suggested: ${t.evidence?.matched.replace(/^directory entry /, '') ?? ''}`;
  if (t.matchBy === 'rule') return '(no provider)';
  return '';
};

export async function transactions(
  { services }: Session,
  o: JsonOption & {
    account?: string;
    provider?: string;
    unmatched?: boolean;
    from?: string;
    to?: string;
    search?: string;
    limit?: string;
    offset?: string;
  },
): Promise<void> {
  const { account, provider, unmatched, from, to, search, limit, offset } = o;
  const page = await services.money.transactions({
    account,
    provider,
    unmatched,
    from,
    to,
    search,
    limit,
    offset,
  });
  if (o.json) {
    printJson(page);
    return;
  }
  printTable(
    page.items,
    [
      { header: 'no.', value: (t) => t.id, align: 'right' },
      { header: 'booked', value: (t) => t.bookedOn },
      { header: 'amount', value: (t) => amount(t.amountMinor, t.currency), align: 'right' },
      { header: 'payee', value: (t) => t.counterpartyName ?? t.text ?? '', maxWidth: 32 },
      { header: 'paid', value: paid, maxWidth: 32 },
      { header: 'because', value: (t) => t.evidence?.sentence ?? '', maxWidth: 60 },
    ],
    'No bookings fit.',
  );
  if (page.total > page.offset + page.items.length)
    say(
      `${page.items.length} of ${page.total} shown; the next ones with --offset ${page.offset + page.items.length}.`,
    );
  const open = page.items.find((t) => !t.confirmed && t.providerId === null);
  if (open)
    say(
      `Say who a booking paid with \`vrm money assign ${open.id} PROVIDER\` (or \`none\`); the rule applies to the others and the next import.`,
    );
}

function sayAssignment(a: Assignment): void {
  const t = a.transaction;
  const who = t.provider ?? 'no provider of yours';
  say(`Booking ${t.id} (${t.bookedOn}, ${amount(t.amountMinor, t.currency)}) pays ${who}.`);
  if (a.rule) {
    say(
      `Rule ${a.rule.id}: ${a.rule.fieldLabel} ${a.rule.value} → ${a.rule.provider ?? 'no provider'}; ` +
        `${a.rematched} other ${a.rematched === 1 ? 'booking' : 'bookings'} matched again.`,
    );
  } else {
    say('The booking has no identifier a rule could use (no creditor id, mandate, IBAN or payee).');
  }
}

export async function assign(
  { services }: Session,
  transaction: string,
  provider: string,
  o: JsonOption,
): Promise<void> {
  const none = provider.trim().toLowerCase() === 'none';
  const result = await services.money.assign(transaction, { provider: none ? null : provider });
  if (o.json) {
    printJson(result);
    return;
  }
  sayAssignment(result);
}

export async function accept({ services }: Session, transaction: string, o: JsonOption): Promise<void> {
  const result = await services.money.acceptSuggestion(transaction);
  if (o.json) {
    printJson(result);
    return;
  }
  sayAssignment(result);
}

export async function rules({ services }: Session, o: JsonOption): Promise<void> {
  const list = await services.money.rules();
  if (o.json) {
    printJson(list);
    return;
  }
  printTable(
    list,
    [
      { header: 'no.', value: (r) => r.id, align: 'right' },
      { header: 'when the', value: (r) => r.fieldLabel },
      { header: 'is', value: (r) => r.value, maxWidth: 40 },
      { header: 'it pays', value: (r) => r.provider ?? '(no provider)' },
      { header: 'since', value: (r) => r.createdAt.slice(0, 10) },
    ],
    'No rules yet: `vrm money assign BOOKING PROVIDER` makes one.',
  );
}

export async function removeRule({ services }: Session, id: string): Promise<void> {
  const { removed, rematched } = await services.money.removeRule(id);
  say(
    `Removed rule ${removed.id} (${removed.fieldLabel} ${removed.value}); ${rematched} ${rematched === 1 ? 'booking' : 'bookings'} matched again.`,
  );
}

export async function imports({ services }: Session, o: JsonOption & { limit?: string }): Promise<void> {
  const list = await services.money.imports(o.limit === undefined ? {} : { limit: o.limit });
  if (o.json) {
    printJson(list);
    return;
  }
  printTable(
    list.items,
    [
      { header: 'no.', value: (i) => i.id, align: 'right' },
      { header: 'file', value: (i) => i.fileName, maxWidth: 32 },
      { header: 'read as', value: (i) => `${i.variant}, ${i.encoding}` },
      { header: 'started', value: (i) => i.startedAt.replace('T', ' ').slice(0, 16) },
      { header: 'status', value: (i) => i.status },
      { header: 'new', value: (i) => i.imported, align: 'right' },
      { header: 'duplicates', value: (i) => i.duplicates, align: 'right' },
      { header: 'skipped', value: (i) => i.skipped, align: 'right' },
    ],
    'No statements imported yet.',
  );
  for (const i of list.items)
    for (const skip of i.skips.slice(0, 5)) say(`import ${i.id} skipped ${skip.location}: ${skip.reason}`);
}
