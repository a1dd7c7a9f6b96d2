/**
 * One ISO 20022 entry (`Ntry`) read into bookings, and the account of a report: the element
 * shapes each version writes are listed in `camt.ts`. Works on the small tree of one entry that
 * the streaming reader builds and lets go of once read.
 */
import { isCurrency, parseAmount } from '../../platform/money.js';
import { ibanProblem, normaliseIban } from '../../vault/iban.js';
import type { StatementAccount, StatementOutcome, StatementTransaction } from '../statement.js';
import type { RowKeys } from './row-keys.js';
import { sepaIdsInText } from './sepa-text.js';
import { attribute, child, children, dateOf, text } from './xml-nodes.js';

/**
 * The key of an entry known only by its `NtryRef`, which many banks number afresh in every
 * statement: qualified by the booking's date and signed amount (`entry:6@2024-03-04/1299`), so
 * two statements' entry 6 are two bookings while the same statement, or an overlapping one,
 * still gives the same key.
 */
const ENTRY_KEY = 'entry:';

/** A party's name: `Nm` up to 001.07, `Pty/Nm` from 001.08. */
const partyName = (party: unknown): string | null => text(party, 'Nm') ?? text(party, 'Pty', 'Nm');
const partyIds = (party: unknown): unknown => child(party, 'Id') ?? child(party, 'Pty', 'Id');

/** The SEPA creditor identifier: a private (or organisation) id whose scheme is `SEPA`. */
function creditorIdOf(creditor: unknown, details: unknown): string | null {
  const ids = partyIds(creditor);
  for (const kind of ['PrvtId', 'OrgId']) {
    for (const other of children(child(ids, kind), 'Othr')) {
      const scheme = (text(other, 'SchmeNm', 'Prtry') ?? text(other, 'SchmeNm', 'Cd') ?? '').toUpperCase();
      const id = text(other, 'Id');
      if (id && (scheme === 'SEPA' || scheme === 'CUST')) return id.toUpperCase();
    }
  }
  // Some banks copy pain.008's CdtrSchmeId into the details.
  for (const holder of [child(details, 'RltdPties'), details]) {
    const scheme = child(holder, 'CdtrSchmeId');
    for (const other of children(child(partyIds(scheme), 'PrvtId'), 'Othr')) {
      const id = text(other, 'Id');
      if (id) return id.toUpperCase();
    }
  }
  return null;
}

/** An IBAN that passes mod-97, normalised; otherwise null (a local account number is not an IBAN). */
const ibanOf = (account: unknown): string | null => {
  const raw = text(account, 'Id', 'IBAN');
  if (!raw) return null;
  const iban = normaliseIban(raw);
  return ibanProblem(iban) === null ? iban : null;
};

/** The bank transaction code: `Domn/Fmly/SubFmly` (`PMNT-IDDT-ESDD`), else the proprietary code. */
function kindOf(entry: unknown, details: unknown): string | null {
  for (const holder of [details, entry]) {
    const domain = child(holder, 'BkTxCd', 'Domn');
    const code = [text(domain, 'Cd'), text(domain, 'Fmly', 'Cd'), text(domain, 'Fmly', 'SubFmlyCd')];
    if (code[0]) return code.filter(Boolean).join('-');
    const proprietary = text(holder, 'BkTxCd', 'Prtry', 'Cd');
    if (proprietary) return proprietary;
  }
  return null;
}

/** Remittance information: the unstructured lines joined, and structured creditor references. */
function remittanceOf(details: unknown): string | null {
  const info = child(details, 'RmtInf');
  const lines = children(info, 'Ustrd')
    .map((line) => text({ line }, 'line'))
    .filter((line): line is string => line !== null);
  for (const structured of children(info, 'Strd')) {
    const reference = text(structured, 'CdtrRefInf', 'Ref');
    if (reference) lines.push(reference);
  }
  return lines.length > 0 ? lines.join(' ') : null;
}

/**
 * An amount as the schema writes it (a decimal point, no grouping) in minor units, or why not.
 * Trailing zeros beyond the currency's decimals are dropped first (`12.500` EUR is 12.50), so the
 * one amount reader never sees the `1.299` that it rightly refuses from a person as unclear.
 */
function minorOf(amount: unknown, where: string): { minor: number; currency: string } | string {
  const value = text(amount);
  const currency = attribute(amount, 'Ccy');
  if (!value) return `${where} has no amount`;
  if (!currency) return `${where} "${value}" has no currency (the Ccy attribute)`;
  if (!isCurrency(currency)) {
    return `${where} is in "${currency}", which is not an ISO 4217 currency code: ask the bank for the statement again`;
  }
  if (!/^\d+(\.\d+)?$/u.test(value))
    return `${where} "${value}" is not an amount (the schema writes it like 12.99)`;
  const trimmed = value.includes('.') ? value.replace(/\.?0+$/u, '') : value;
  const fraction = trimmed.split('.')[1] ?? '';
  if (fraction.length > 2 && trimmed.length > 0) {
    const minor = parseAmount(trimmed, currency, { signed: true });
    if (typeof minor === 'number' && fraction.length <= 3) return { minor, currency };
    return `${where} "${value}" has more decimals than ${currency} has`;
  }
  const minor = parseAmount(trimmed, currency, { signed: true });
  return typeof minor === 'number' ? { minor, currency } : `${where} ${minor}`;
}

/** Reads one account's report (`Stmt`, `Rpt` or `Ntfctn`) into its account. */
export function accountOf(report: unknown, fileName: string): StatementAccount {
  const account = child(report, 'Acct');
  const iban = ibanOf(account);
  const number = text(account, 'Id', 'Othr', 'Id') ?? text(account, 'Id', 'IBAN');
  const bankId =
    text(account, 'Svcr', 'FinInstnId', 'BICFI') ??
    text(account, 'Svcr', 'FinInstnId', 'BIC') ??
    text(account, 'Svcr', 'FinInstnId', 'ClrSysMmbId', 'MmbId');
  const key = iban ?? (number ? (bankId ? `${bankId}/${number}` : number) : fileName);
  return {
    key,
    iban,
    number,
    bankId,
    currency: text(account, 'Ccy'),
    name: text(account, 'Nm'),
    type: text(account, 'Tp', 'Cd') ?? text(account, 'Tp', 'Prtry'),
  };
}

export interface EntryContext {
  readonly account: StatementAccount;
  readonly location: string;
  readonly rowKeys: RowKeys;
}

/** The bookings of one entry: one per transaction detail of a batch, else one. */
export function bookingsOf(entry: unknown, context: EntryContext): StatementOutcome[] {
  const { location } = context;
  const amount = minorOf(child(entry, 'Amt'), 'The entry amount (Amt)');
  if (typeof amount === 'string') return [{ location, error: amount }];
  const direction = text(entry, 'CdtDbtInd');
  if (direction !== 'DBIT' && direction !== 'CRDT') {
    return [{ location, error: `The entry's CdtDbtInd is "${direction ?? ''}": it must be DBIT or CRDT` }];
  }
  const bookedOn = dateOf(child(entry, 'BookgDt')) ?? dateOf(child(entry, 'ValDt'));
  if (!bookedOn)
    return [{ location, error: 'The entry has no readable booking date (BookgDt) or value date (ValDt)' }];
  const valueDate = dateOf(child(entry, 'ValDt'));
  const details: unknown[] = [];
  for (const block of children(entry, 'NtryDtls'))
    for (const part of children(block, 'TxDtls')) details.push(part);
  const reversalText = text(entry, 'RvslInd');
  const reversal = reversalText !== null && /^(true|1)$/iu.test(reversalText);
  const entryRef = text(entry, 'AcctSvcrRef');
  const ntryRef = text(entry, 'NtryRef');
  const base: EntryParts = {
    bookedOn,
    valueOn: valueDate && valueDate !== bookedOn ? valueDate : null,
    reversal,
    entry,
    context,
  };
  if (details.length <= 1) {
    const key = entryRef ? `ref:${entryRef}` : ntryRef ? `entry:${ntryRef}` : null;
    return [
      booking(base, { details: details[0], amount, direction, key, bankReference: entryRef ?? ntryRef }),
    ];
  }
  return details.map((part, index) => {
    const partAmount = minorOf(
      child(part, 'AmtDtls', 'TxAmt', 'Amt') ?? child(part, 'Amt'),
      `The amount of batch part ${index + 1}`,
    );
    if (typeof partAmount === 'string') return { location, error: partAmount };
    const partDirection = text(part, 'CdtDbtInd') ?? direction;
    const ownRef = text(part, 'Refs', 'AcctSvcrRef');
    const n = `#${index + 1}`;
    const key = ownRef
      ? `ref:${ownRef}`
      : entryRef
        ? `ref:${entryRef}${n}`
        : ntryRef
          ? `entry:${ntryRef}${n}`
          : null;
    return booking(base, {
      details: part,
      amount: partAmount,
      direction: partDirection,
      key,
      bankReference: ownRef ?? entryRef ?? ntryRef,
    });
  });
}

/** What every booking of an entry shares. */
interface EntryParts {
  readonly entry: unknown;
  readonly context: EntryContext;
  readonly reversal: boolean;
  readonly bookedOn: string;
  readonly valueOn: string | null;
}

/** What is a booking's own: the entry's, or one batch part's. */
interface BookingParts {
  readonly details: unknown;
  readonly amount: { readonly minor: number; readonly currency: string };
  readonly direction: string;
  readonly key: string | null;
  readonly bankReference: string | null;
}

// Two objects, not one spread of the entry's into each part's: the spread cost more than the rest
// of reading an entry.
function booking(shared: EntryParts, parts: BookingParts): StatementOutcome {
  const { entry, context, reversal } = shared;
  const { details, amount } = parts;
  const out = parts.direction === 'DBIT';
  const parties = child(details, 'RltdPties');
  // A reversal keeps the original's parties: the counterparty of a returned direct debit is
  // still its creditor, though the money now comes in.
  const paidOut = out !== reversal;
  const counterparty = paidOut ? child(parties, 'Cdtr') : child(parties, 'Dbtr');
  const counterpartyAccount = paidOut ? child(parties, 'CdtrAcct') : child(parties, 'DbtrAcct');
  const remittance = remittanceOf(details);
  const textValue = remittance ?? text(details, 'AddtlTxInf') ?? text(entry, 'AddtlNtryInf');
  const fromText = sepaIdsInText(textValue);
  const mandate = text(details, 'Refs', 'MndtId');
  const endToEnd = text(details, 'Refs', 'EndToEndId');
  const kind = kindOf(entry, details);
  const amountMinor = out ? -Math.abs(amount.minor) : Math.abs(amount.minor);
  const counterpartyName =
    partyName(counterparty) ?? partyName(child(parties, paidOut ? 'UltmtCdtr' : 'UltmtDbtr'));
  const key = parts.key?.startsWith(ENTRY_KEY)
    ? `${parts.key}@${shared.bookedOn}/${amountMinor}`
    : (parts.key ??
      context.rowKeys.key({
        bookedOn: shared.bookedOn,
        amountMinor,
        currency: amount.currency,
        counterpartyName,
        text: textValue,
      }));
  const transaction: StatementTransaction = {
    accountKey: context.account.key,
    key,
    bookedOn: shared.bookedOn,
    valueOn: shared.valueOn,
    amountMinor,
    currency: amount.currency,
    counterpartyName,
    counterpartyIban: ibanOf(counterpartyAccount),
    creditorId: creditorIdOf(child(parties, 'Cdtr'), details) ?? fromText.creditorId,
    mandateReference: mandate ?? fromText.mandateReference,
    text: textValue,
    bankReference: parts.bankReference,
    kind: kind && reversal ? `${kind} (reversal)` : (kind ?? (reversal ? 'reversal' : null)),
    endToEndId: endToEnd && endToEnd.toUpperCase() !== 'NOTPROVIDED' ? endToEnd : null,
  };
  return { location: context.location, transaction };
}

/**
 * The key a booking of `key` had before entry keys were qualified (`entry:6`), or null for a key
 * that never had another form. Stores written before keep that form: the import treats a stored
 * booking of the old key with the same date and amount as this one.
 *
 * @example legacyCamtKey('entry:6#2@2024-03-04/-1299') // 'entry:6#2'
 */
export function legacyCamtKey(key: string): string | null {
  if (!key.startsWith(ENTRY_KEY)) return null;
  const at = key.lastIndexOf('@');
  return at === -1 ? null : key.slice(0, at);
}
