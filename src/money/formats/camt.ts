/**
 * ISO 20022 bank-to-customer cash management messages: camt.053 (statement, `BkToCstmrStmt/Stmt`),
 * camt.052 (intraday report, `BkToCstmrAcctRpt/Rpt`) and camt.054 (debit/credit notification,
 * `BkToCstmrDbtCdtNtfctn/Ntfctn`), versions 001.02 to 001.13.
 *
 * The three share the account and entry (`Ntry`) structure; what changed between versions in
 * the elements read here, each read in both shapes:
 *
 * | element | 001.02–001.03 | from 001.04 | from 001.07 | from 001.08 |
 * |---|---|---|---|---|
 * | servicer BIC | `Svcr/FinInstnId/BIC` | `…/BICFI` | | |
 * | entry status | `Sts` (code as text) | | `Sts/Cd` (or `Sts/Prtry`) | |
 * | party name | `Cdtr/Nm`, `Dbtr/Nm` | | | `Cdtr/Pty/Nm`, `Dbtr/Pty/Nm` |
 * | booking amount | `AmtDtls/TxAmt/Amt` | also `TxDtls/Amt` (from 001.03) | | |
 *
 * Parsed with fast-xml-parser, namespace prefixes stripped; the version comes from the root's
 * namespace. Only booked entries are bookings (a pending `PDNG` or informational entry comes back
 * booked on a later statement); they are counted in the file's problems.
 */
import { XMLParser } from 'fast-xml-parser';
import { isCurrency, parseAmount } from '../../platform/money.js';
import iconv from 'iconv-lite';
import { decodeText } from '../../platform/text-encoding.js';
import { ibanProblem, normaliseIban } from '../../vault/iban.js';
import type {
  ReadStatement,
  StatementAccount,
  StatementOutcome,
  StatementReader,
  StatementTransaction,
} from '../statement.js';
import { encodingLabel } from './encoding-label.js';
import { RowKeys } from './row-keys.js';
import { sepaIdsInText } from './sepa-text.js';
import { attribute, child, children, dateOf, text } from './xml-nodes.js';
import { cutBeforeBreak, elementLines, rootNamespace, xmlBreak } from './xml-text.js';

/** The messages read, by the name in the namespace, with the path to their per-account reports. */
const MESSAGES = {
  'camt.053': { document: 'BkToCstmrStmt', report: 'Stmt' },
  'camt.052': { document: 'BkToCstmrAcctRpt', report: 'Rpt' },
  'camt.054': { document: 'BkToCstmrDbtCdtNtfctn', report: 'Ntfctn' },
} as const;
type MessageName = keyof typeof MESSAGES;

/** The versions banks send; each checked against the element changes in the table above. */
export const CAMT_VERSIONS = [
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
] as const;

const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:(camt\.05[234])\.001\.(\d{2})$/u;
const SUPPORTED = `camt.052, camt.053 and camt.054, versions 001.${CAMT_VERSIONS[0]} to 001.${CAMT_VERSIONS.at(-1) ?? ''}`;

/** Elements that may repeat; everything else is read as a single child. */
const REPEATED = new Set([
  'Stmt',
  'Rpt',
  'Ntfctn',
  'Ntry',
  'NtryDtls',
  'TxDtls',
  'Ustrd',
  'Strd',
  'Othr',
  'Bal',
]);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  isArray: (name) => REPEATED.has(name),
});

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
function accountOf(report: unknown, fileName: string): StatementAccount {
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

interface EntryContext {
  readonly account: StatementAccount;
  readonly location: string;
  readonly rowKeys: RowKeys;
}

/** The bookings of one entry: one per transaction detail of a batch, else one. */
function bookingsOf(entry: unknown, context: EntryContext): StatementOutcome[] {
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
  const details = children(entry, 'NtryDtls').flatMap((block) => children(block, 'TxDtls'));
  const reversal = /^(true|1)$/iu.test(text(entry, 'RvslInd') ?? '');
  const entryRef = text(entry, 'AcctSvcrRef');
  const ntryRef = text(entry, 'NtryRef');
  const base = {
    bookedOn,
    valueOn: valueDate && valueDate !== bookedOn ? valueDate : null,
    reversal,
    entry,
    context,
  };
  if (details.length <= 1) {
    const key = entryRef ? `ref:${entryRef}` : ntryRef ? `entry:${ntryRef}` : null;
    return [
      booking({ ...base, details: details[0], amount, direction, key, bankReference: entryRef ?? ntryRef }),
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
    return booking({
      ...base,
      details: part,
      amount: partAmount,
      direction: partDirection,
      key,
      bankReference: ownRef ?? entryRef ?? ntryRef,
    });
  });
}

interface BookingParts {
  readonly entry: unknown;
  readonly details: unknown;
  readonly context: EntryContext;
  readonly amount: { readonly minor: number; readonly currency: string };
  readonly direction: string;
  readonly reversal: boolean;
  readonly bookedOn: string;
  readonly valueOn: string | null;
  readonly key: string | null;
  readonly bankReference: string | null;
}

function booking(parts: BookingParts): StatementOutcome {
  const { details, entry, context, amount, reversal } = parts;
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
  const transaction: StatementTransaction = {
    accountKey: context.account.key,
    key: '',
    bookedOn: parts.bookedOn,
    valueOn: parts.valueOn,
    amountMinor: out ? -Math.abs(amount.minor) : Math.abs(amount.minor),
    currency: amount.currency,
    counterpartyName:
      partyName(counterparty) ?? partyName(child(parties, paidOut ? 'UltmtCdtr' : 'UltmtDbtr')),
    counterpartyIban: ibanOf(counterpartyAccount),
    creditorId: creditorIdOf(child(parties, 'Cdtr'), details) ?? fromText.creditorId,
    mandateReference: mandate ?? fromText.mandateReference,
    text: textValue,
    bankReference: parts.bankReference,
    kind: kind && reversal ? `${kind} (reversal)` : (kind ?? (reversal ? 'reversal' : null)),
    endToEndId: endToEnd && endToEnd.toUpperCase() !== 'NOTPROVIDED' ? endToEnd : null,
  };
  const key = parts.key ?? context.rowKeys.key(transaction);
  return { location: context.location, transaction: { ...transaction, key } };
}

const problem = (location: string, reason: string) => ({ location, reason });

/**
 * Reads a camt.052, camt.053 or camt.054 file.
 *
 * @example readCamt(bytes, { fileName: 'statement.xml' }).outcomes[0]?.transaction?.key // 'ref:2024030100001'
 */
export const readCamt: StatementReader = (bytes, options) => {
  const { fileName } = options;
  const { text: source, encoding } = decodeXml(bytes);
  const empty = (variant: string, problems: ReadStatement['problems']): ReadStatement => ({
    format: 'camt',
    variant,
    encoding,
    accounts: [],
    outcomes: [],
    problems,
  });
  if (source.trim() === '')
    return empty('camt', [
      problem(`${fileName}:1`, 'The file is empty: export the statement from your bank again'),
    ]);
  const root = rootNamespace(source);
  const match = NAMESPACE.exec(root?.namespace ?? '');
  const at = `${fileName}:${root?.line ?? 1}`;
  if (!root || !match || !(CAMT_VERSIONS as readonly string[]).includes(match[2] ?? '')) {
    const named = root?.namespace
      ? `the namespace "${root.namespace}"`
      : `the root element <${root?.element ?? '?'}> without a namespace`;
    return empty('camt', [
      problem(
        at,
        `This is not a bank statement vrm reads: ${named} is not one of ISO 20022 ${SUPPORTED}. Export the statement as camt.053 (or camt.052 or camt.054) from your bank`,
      ),
    ]);
  }
  const message = match[1] as MessageName;
  const variant = `${message}.001.${match[2] ?? ''}`;
  const problems: { location: string; reason: string }[] = [];

  let xml = source;
  const closed = new RegExp(`</(?:[\\w.-]+:)?${root.element}\\s*>\\s*$`, 'u').test(source);
  let document: unknown = closed ? parseOrNull(source) : null;
  if (document === null) {
    const broken = xmlBreak(source);
    const cut = broken ? cutBeforeBreak(source, broken.offset, 'Ntry') : null;
    const where = `${fileName}:${broken?.line ?? 1}`;
    if (cut !== null) {
      xml = cut;
      document = parseOrNull(cut);
    }
    if (document === null) {
      return empty(variant, [
        problem(
          where,
          `The XML breaks here (${broken?.reason ?? 'not well-formed'}) before any whole entry: download the statement again`,
        ),
      ]);
    }
    problems.push(
      problem(
        where,
        `The file breaks off here (${broken?.reason ?? 'not well-formed'}); the entries before were read, the rest is missing: download the statement again`,
      ),
    );
  }

  const { document: documentName, report: reportName } = MESSAGES[message];
  const reports = children(child(document, 'Document', documentName), reportName);
  const lines = elementLines(xml, 'Ntry');
  const accounts: StatementAccount[] = [];
  const outcomes: StatementOutcome[] = [];
  let entryIndex = 0;
  const passed = new Map<string, { count: number; first: string }>();
  for (const report of reports) {
    const account = accountOf(report, fileName);
    if (!accounts.some((known) => known.key === account.key)) accounts.push(account);
    const rowKeys = new RowKeys(account.key);
    for (const entry of children(report, 'Ntry')) {
      const location = `${fileName}:${lines[entryIndex] ?? '?'}`;
      entryIndex += 1;
      const status = (
        text(entry, 'Sts', 'Cd') ??
        text(entry, 'Sts', 'Prtry') ??
        text(entry, 'Sts') ??
        ''
      ).toUpperCase();
      if (status !== 'BOOK') {
        const seen = passed.get(status) ?? { count: 0, first: location };
        passed.set(status, { count: seen.count + 1, first: seen.first });
        continue;
      }
      outcomes.push(...bookingsOf(entry, { account, location, rowKeys }));
    }
  }
  for (const [status, { count, first }] of passed) {
    const what = status === 'PDNG' ? 'pending (PDNG)' : `with status "${status || 'none'}"`;
    problems.push(
      problem(
        first,
        `${count} ${count === 1 ? 'entry' : 'entries'} ${what} passed over, from this line on: only booked entries (BOOK) are imported; they come again, booked, on a later statement`,
      ),
    );
  }
  return { format: 'camt', variant, encoding, accounts, outcomes, problems };
};

function parseOrNull(xml: string): unknown {
  try {
    return parser.parse(xml) as unknown;
  } catch {
    return null;
  }
}

/**
 * The text of an XML file: a byte order mark decides, then an encoding the XML declaration names
 * other than UTF-8 (`ISO-8859-1`, `windows-1252`, `ISO-8859-15`), else the detection every reader uses.
 */
function decodeXml(bytes: Buffer): { text: string; encoding: string } {
  const hasBom = bytes[0] === 0xef || bytes[0] === 0xff || bytes[0] === 0xfe;
  const declared = /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([\w.:-]+)["']/u.exec(
    bytes.subarray(0, 200).toString('latin1'),
  )?.[1];
  if (!hasBom && declared && !/^utf-?(8|16)/iu.test(declared) && iconv.encodingExists(declared)) {
    return { text: iconv.decode(bytes, declared), encoding: declared };
  }
  const decoded = decodeText(bytes);
  return { text: decoded.text, encoding: encodingLabel(decoded.encoding) };
}
