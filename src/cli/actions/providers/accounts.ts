/** `vrm account …`: the person's customer accounts with a provider, and their numbers. */
import type { Account } from '../../../providers/accounts.js';
import { printJson, printRecord, printTable, say } from '../../output.js';
import type { JsonOption, ProviderOption } from '../../options.js';
import { fieldsFrom, ACCOUNT_FLAGS } from '../../fields.js';
import type { Session } from '../../session.js';

interface AccountOptions {
  number?: string;
  label?: string;
  opened?: string;
  closed?: string;
  notes?: string;
}

const accountFields = (o: AccountOptions) => fieldsFrom(ACCOUNT_FLAGS, o);

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
    providerId: await s.services.providers.resolve(o.provider),
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
