import { inTransaction, type Db } from '../platform/db/handle.js';
import type { AccountService } from '../providers/accounts.js';
import type { CaseService } from '../providers/cases.js';
import type { ContractService } from '../providers/contracts.js';
import type { ProviderService } from '../providers/service.js';
import type { VaultService } from '../vault/service.js';
import { Matcher, type ConfirmedFact, type RuleFact } from './matching.js';
import { compactId } from './normalise.js';
import { BankTransactionRepository, MoneyRecordRepository } from './repository.js';
import type { ReadStatement } from './statement.js';

/** The areas the money service reads: who the providers are, their customer numbers, contracts and cases, the vault. */
export interface MoneyAreas {
  readonly providers: ProviderService;
  readonly accounts: AccountService;
  readonly contracts: ContractService;
  /** Where a case about a charge after a contract's end is opened. */
  readonly cases: CaseService;
  readonly vault: VaultService;
}

/**
 * What matching compares with, read fresh for each import or re-match: the person's rules, the
 * identifiers of confirmed bookings, the customer numbers and every provider's names and domains.
 */
export async function matcherFor(db: Db, areas: MoneyAreas): Promise<Matcher> {
  const [rules, confirmedRows, providers, accounts] = await Promise.all([
    new MoneyRecordRepository(db).rules(),
    new BankTransactionRepository(db).confirmedIdentifiers(),
    areas.providers.list(),
    areas.accounts.list(),
  ]);
  const names = new Map(providers.map((p) => [p.id, p.name]));
  const confirmed: ConfirmedFact[] = [];
  for (const row of confirmedRows) {
    if (row.providerId === null) continue;
    const fact = {
      providerId: row.providerId,
      providerName: row.providerName,
      confirmedAt: row.confirmedAt ?? '',
    };
    if (row.creditorId) confirmed.push({ ...fact, field: 'creditor_id', value: row.creditorId });
    if (row.mandateReference)
      confirmed.push({ ...fact, field: 'mandate_reference', value: row.mandateReference });
    if (row.counterpartyIban)
      confirmed.push({ ...fact, field: 'counterparty_iban', value: row.counterpartyIban });
  }
  return new Matcher({
    rules: rules.map((r): RuleFact => ({
      ...r,
      providerName: r.providerName ?? null,
    })),
    confirmed,
    customerNumbers: accounts.map((a) => ({
      number: a.customerNumber,
      providerId: a.providerId,
      providerName: names.get(a.providerId) ?? `provider ${a.providerId}`,
    })),
    providers: providers.map((p) => ({
      id: p.id,
      name: p.name,
      website: p.website,
      domains: p.domains,
      directorySlug: p.directorySlug,
    })),
  });
}

/**
 * The statement's accounts as stored: found by key or added, what the file tells filled in where
 * the store had nothing (the person's label is never touched), and each linked to the vault's
 * bank-account fact with the same IBAN.
 */
export async function accountsOf(
  db: Db,
  vault: VaultService,
  read: Pick<ReadStatement, 'accounts'>,
  now: string,
): Promise<Map<string, { id: number; factId: number | null }>> {
  const byIban = new Map<string, number>();
  for (const fact of await vault.list({ kind: 'bank_account' })) {
    const iban = compactId(typeof fact.current.value.iban === 'string' ? fact.current.value.iban : '');
    if (iban) byIban.set(iban, fact.id);
  }
  const out = new Map<string, { id: number; factId: number | null }>();
  for (const account of read.accounts) {
    const iban = compactId(account.iban) || null;
    const factId = iban ? (byIban.get(iban) ?? null) : null;
    const told = {
      iban,
      number: account.number,
      bankId: account.bankId,
      currency: account.currency,
      name: account.name,
      type: account.type,
    };
    // Found or added in one transaction: two imports at once of statements of a new account
    // (two files sent together) add it once, the second finding the first's.
    const found = await inTransaction(db, async (trx) => {
      const records = new MoneyRecordRepository(trx);
      const row = await records.accountByKey(account.key);
      if (!row) {
        const id = await records.insertAccount({
          key: account.key,
          ...told,
          label: null,
          factId,
          createdAt: now,
          updatedAt: now,
        });
        return { id, factId };
      }
      const fill = Object.fromEntries(
        Object.entries(told).filter(([k, v]) => v !== null && row[k as keyof typeof told] === null),
      );
      const link = row.factId === null && factId !== null ? { factId } : {};
      if (Object.keys(fill).length > 0 || 'factId' in link)
        await records.updateAccount(row.id, { ...fill, ...link, updatedAt: now });
      return { id: row.id, factId: row.factId ?? factId };
    });
    out.set(account.key, found);
  }
  return out;
}
