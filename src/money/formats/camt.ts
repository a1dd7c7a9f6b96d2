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
 * Read as a stream with saxes (`xml-stream.ts`): strict XML with line and column, one entry's
 * small tree at a time, so a statement of 100,000 entries is never held whole; namespace prefixes
 * are stripped and the version comes from the root's namespace. Only booked entries are bookings:
 * a pending (`PDNG`) or future (`FUTR`) entry comes again, booked, on a later statement, and an
 * informational (`INFO`) one is no booking; they are counted in the file's notes, not its problems.
 * An entry of any other status is a problem.
 */
import type {
  StatementAccount,
  StatementChunk,
  StatementEnd,
  StatementOutcome,
  StatementReader,
} from '../statement.js';
import type { ReadOptions } from '../statement.js';
import { accountOf, bookingsOf } from './camt-entry.js';
import { RowKeys } from './row-keys.js';
import { decodedPieces, xmlEncoding } from './xml-decode.js';
import type { Node } from './xml-nodes.js';
import { text } from './xml-nodes.js';
import { xmlSteps, type ClosedElement, type XmlBreak } from './xml-stream.js';

export { legacyCamtKey } from './camt-entry.js';

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

type Found = { readonly location: string; readonly reason: string };

const problem = (location: string, reason: string): Found => ({ location, reason });

/** Thrown from the root's handler to stop reading a file that is no CAMT vrm reads. */
class Refused extends Error {
  constructor(readonly found: Found) {
    super(found.reason);
  }
}

/** Entries that are no booking yet, or none at all: a note each, never a skip. */
const NOT_BOOKINGS: Readonly<Record<string, (count: number) => string>> = {
  PDNG: (n) =>
    n === 1
      ? '1 pending booking (PDNG) not imported yet: it will come booked in a later statement'
      : `${n} pending bookings (PDNG) not imported yet: they will come booked in a later statement`,
  FUTR: (n) =>
    n === 1
      ? '1 future booking (FUTR) not imported yet: it will come booked in a later statement'
      : `${n} future bookings (FUTR) not imported yet: they will come booked in a later statement`,
  INFO: (n) =>
    `${n} ${n === 1 ? 'entry is' : 'entries are'} only for information (INFO), not bookings: not imported`,
};

/** The status of an entry: `Sts` as text up to 001.06, `Sts/Cd` or `Sts/Prtry` from 001.07. */
const statusOf = (entry: Node): string =>
  (text(entry, 'Sts', 'Cd') ?? text(entry, 'Sts', 'Prtry') ?? text(entry, 'Sts') ?? '').toUpperCase();

/**
 * Reads a camt.052, camt.053 or camt.054 file, one entry at a time.
 *
 * @example readCamt(bytes, { fileName: 'statement.xml' }).outcomes[0]?.transaction?.key // 'ref:2024030100001'
 */
export const readCamt: StatementReader = (bytes, options) => {
  const accounts: StatementAccount[] = [];
  const outcomes: StatementOutcome[] = [];
  const chunks = camtChunks(bytes, options);
  for (;;) {
    const step = chunks.next();
    if (step.done) return { ...step.value, accounts, outcomes };
    for (const account of step.value.accounts) accounts.push(account);
    for (const outcome of step.value.outcomes) outcomes.push(outcome);
  }
};

/**
 * `readCamt` as a stream: a chunk of bookings for each piece of the file (a megabyte of text,
 * some two thousand bookings), then the file's problems and notes. Read so, a statement of
 * 100,000 bookings is stored as it is read and never held whole.
 *
 * @example for (const chunk of camtChunks(bytes, { fileName })) store(chunk.outcomes);
 */
export function* camtChunks(
  bytes: Buffer,
  options: ReadOptions,
): Generator<StatementChunk, StatementEnd, undefined> {
  const { fileName } = options;
  const encoding = xmlEncoding(bytes);
  let variant = 'camt';
  let names: (typeof MESSAGES)[MessageName] | undefined;
  /** Accounts met, by key; those met since the last chunk go with the next. */
  const known = new Set<string>();
  let accounts: StatementAccount[] = [];
  let outcomes: StatementOutcome[] = [];
  const problems: Found[] = [];
  /** Entries passed over, by status, with the line of the first. */
  const passed = new Map<string, { count: number; first: string }>();
  let entries = 0;
  let report: { node: Node; account: StatementAccount; rowKeys: RowKeys } | undefined;

  const reportOf = (node: Node) => {
    if (report?.node !== node) {
      const account = accountOf(node, fileName);
      if (!known.has(account.key)) {
        known.add(account.key);
        accounts.push(account);
      }
      report = { node, account, rowKeys: new RowKeys(account.key) };
    }
    return report;
  };
  const isReport = (element: ClosedElement) =>
    element.depth === 2 && element.name === names?.report && element.parentName === names.document;

  const entry = (element: ClosedElement, parent: ClosedElement) => {
    const { account, rowKeys } = reportOf(parent.node);
    const location = `${fileName}:${element.line}`;
    entries += 1;
    const status = statusOf(element.node);
    if (status === 'BOOK') {
      for (const outcome of bookingsOf(element.node, { account, location, rowKeys })) outcomes.push(outcome);
      return;
    }
    const seen = passed.get(status);
    if (seen) seen.count += 1;
    else passed.set(status, { count: 1, first: location });
  };

  let broken: XmlBreak | null;
  try {
    const steps = xmlSteps(decodedPieces(encoding), {
      root: ({ name, prefix, attributes, line }) => {
        const namespace = attributes[prefix ? `xmlns:${prefix}` : 'xmlns'] ?? null;
        const match = NAMESPACE.exec(namespace ?? '');
        const version = match?.[2] ?? '';
        if (!match || !(CAMT_VERSIONS as readonly string[]).includes(version)) {
          const named = namespace
            ? `the namespace "${namespace}"`
            : `the root element <${prefix ? `${prefix}:` : ''}${name}> without a namespace`;
          throw new Refused(
            problem(
              `${fileName}:${line}`,
              `This is not a bank statement vrm reads: ${named} is not one of ISO 20022 ${SUPPORTED}. Export the statement as camt.053 (or camt.052 or camt.054) from your bank`,
            ),
          );
        }
        const message = match[1] as MessageName;
        names = MESSAGES[message];
        variant = `${message}.001.${version}`;
      },
      closed: (element, parent) => {
        if (element.name === 'Ntry' && parent && isReport(parent)) {
          entry(element, parent);
          return false;
        }
        if (isReport(element)) {
          reportOf(element.node);
          return false;
        }
        return true;
      },
    });
    for (;;) {
      const step = steps.next();
      if (step.done) {
        broken = step.value;
        break;
      }
      if (outcomes.length === 0 && accounts.length === 0) continue;
      yield { variant, encoding: encoding.label, accounts, outcomes };
      accounts = [];
      outcomes = [];
    }
  } catch (error) {
    // Refused at the root, before any chunk: the file holds nothing vrm reads.
    if (!(error instanceof Refused)) throw error;
    return { format: 'camt', variant, encoding: encoding.label, problems: [error.found] };
  }
  if (outcomes.length > 0 || accounts.length > 0)
    yield { variant, encoding: encoding.label, accounts, outcomes };
  if (broken) problems.push(breakProblem(fileName, broken, variant !== 'camt', entries));
  const notes: Found[] = [];
  for (const [status, { count, first }] of passed) {
    const note = NOT_BOOKINGS[status];
    if (note) {
      notes.push(problem(first, note(count)));
      continue;
    }
    const what = `with status "${status || 'none'}"`;
    problems.push(
      problem(
        first,
        `${count} ${count === 1 ? 'entry' : 'entries'} ${what} passed over, from this line on: only booked entries (BOOK) are imported; ask the bank what the status means`,
      ),
    );
  }
  return { format: 'camt', variant, encoding: encoding.label, problems, notes };
}

/** Where and why the XML breaks, in the person's words, with what was kept. */
function breakProblem(
  fileName: string,
  broken: { line: number; column: number; reason: string; atEnd: boolean },
  sawRoot: boolean,
  entries: number,
): Found {
  const at = `${fileName}:${broken.line}`;
  const where = `line ${broken.line}, column ${broken.column}`;
  if (!sawRoot && broken.reason === 'the file has no XML element')
    return problem(`${fileName}:1`, 'The file is empty: export the statement from your bank again');
  if (!sawRoot)
    return problem(
      `${fileName}:1`,
      `This is not an XML bank statement: it does not start with an XML element (${broken.reason}, at ${where}). Export the statement as camt.053 (or camt.052 or camt.054) from your bank`,
    );
  if (entries === 0)
    return problem(
      at,
      `The XML breaks here, at ${where} (${broken.reason}), before any whole entry: download the statement again`,
    );
  return problem(
    at,
    broken.atEnd
      ? `The file breaks off here, at ${where} (${broken.reason}); the entries before were read, the rest is missing: download the statement again`
      : `The XML is not well-formed at ${where} (${broken.reason}); the entries before were read, the rest was not: download the statement again`,
  );
}
