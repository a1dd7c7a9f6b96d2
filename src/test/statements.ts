import { createHash } from 'node:crypto';
import type {
  ReadStatement,
  StatementAccount,
  StatementOutcome,
  StatementTransaction,
} from '../money/statement.js';

/** The account of the crafted statements: a German current account with a valid IBAN. */
export const CURRENT_ACCOUNT: StatementAccount = {
  key: 'DE89370400440532013000',
  iban: 'DE89370400440532013000',
  number: '0532013000',
  bankId: 'COBADEFFXXX',
  currency: 'EUR',
  name: 'Girokonto',
  type: 'CHECKING',
};

/** A booking as a reader returns it, with what a test leaves out filled in. */
export function booking(fields: Partial<StatementTransaction> & { key: string }): StatementTransaction {
  return {
    accountKey: CURRENT_ACCOUNT.key,
    bookedOn: '2026-01-02',
    valueOn: null,
    amountMinor: -999,
    currency: 'EUR',
    counterpartyName: null,
    counterpartyIban: null,
    creditorId: null,
    mandateReference: null,
    text: null,
    bankReference: null,
    kind: 'DIRECTDEBIT',
    ...fields,
  };
}

/** A statement as a reader would return it, of `outcomes` (bookings or errors) in file order. */
export function statement(
  outcomes: readonly (StatementTransaction | { error: string; line: number })[],
  options: {
    fileName?: string;
    accounts?: readonly StatementAccount[];
    problems?: ReadStatement['problems'];
  } = {},
): ReadStatement {
  const fileName = options.fileName ?? 'statement.xml';
  return {
    format: 'camt',
    variant: 'camt.053.001.08',
    encoding: 'UTF-8',
    accounts: options.accounts ?? [CURRENT_ACCOUNT],
    outcomes: outcomes.map((o, i): StatementOutcome =>
      'error' in o
        ? { location: `${fileName}:${o.line}`, error: o.error }
        : { location: `${fileName}:${10 + i * 20}`, transaction: o },
    ),
    problems: options.problems ?? [],
  };
}

/** The SHA-256 a file of this statement would have: stands in for the bytes. */
export const shaOf = (read: ReadStatement, salt = ''): string =>
  createHash('sha256')
    .update(salt + JSON.stringify(read.outcomes.map((o) => o.transaction?.key ?? o.error)))
    .digest('hex');

/** Payees of generated statements: subscriptions, shops and people, as statements write them. */
const PAYEES = [
  'PAYPAL *NETFLIX', 'Spotify AB', 'REWE Markt', 'Stadtwerke', 'SQ *CAFE LUNA', 'AMZN Mktp DE*2K3L45',
  'Telekom Deutschland GmbH', 'Hausverwaltung Weber', 'Allianz Versicherungs-AG', 'Fitness First',
]; // prettier-ignore

/**
 * A statement of `n` bookings over five years, the same for the same `seed`: what the scale and
 * kill tests import.
 */
export function generatedStatement(n: number, seed = 1): ReadStatement {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const start = Date.UTC(2021, 0, 1);
  const outcomes: StatementOutcome[] = [];
  for (let i = 0; i < n; i++) {
    const payee = PAYEES[Math.floor(next() * PAYEES.length)] ?? 'Someone';
    const day = new Date(start + Math.floor((i / n) * 5 * 365) * 86_400_000).toISOString().slice(0, 10);
    outcomes.push({
      location: `big.xml:${i * 30 + 5}`,
      transaction: booking({
        key: `ref:GEN-${seed}-${i}`,
        bookedOn: day,
        amountMinor: -Math.floor(next() * 20_000) - 1,
        counterpartyName: payee,
        creditorId: payee === 'Stadtwerke' ? 'DE98ZZZ09999999999' : null,
        text: `Booking ${i} ${payee}`,
        bankReference: `GEN-${seed}-${i}`,
      }),
    });
  }
  return { ...statement([]), outcomes };
}
