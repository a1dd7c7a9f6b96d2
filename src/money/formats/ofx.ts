import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { isCurrency, parseAmount } from '../../platform/money.js';
import { decodeText, looksBinary } from '../../platform/text-encoding.js';
import { ibanProblem, normaliseIban } from '../../vault/iban.js';
import type {
  ReadOptions,
  ReadStatement,
  StatementAccount,
  StatementOutcome,
  StatementReader,
  StatementTransaction,
} from '../statement.js';
import { readOfxTree, type OfxNode } from './ofx-tree.js';
import { RowKeys } from './row-keys.js';

/**
 * OFX and QFX statements, versions 1.x (SGML, `OFXHEADER:100`) and 2.x (XML, `<?OFX
 * OFXHEADER="200"?>`), read by one forgiving tree reader (`ofx-tree.ts`; why not an XML library:
 * `docs/decisions.md`). Bank (`STMTRS`) and credit card (`CCSTMTRS`) statements become bookings,
 * several per file; investment statements and other messages are passed over with a note.
 */

type Problem = { location: string; reason: string };

/** What the header says about the text, before the markup is read. */
interface Header {
  readonly version: 1 | 2 | null;
  readonly versionText: string | null;
  /** iconv name from CHARSET/ENCODING or the XML declaration; null: detect. */
  readonly charset: string | null;
}

const ASCII_HEAD = 2048;

/**
 * The 1.x `KEY:VALUE` header or the 2.x XML declaration, from the file's first characters (the
 * bytes read as ASCII, or the decoded text of a UTF-16 file).
 */
function readHeader(start: string): Header {
  const head = start.slice(0, ASCII_HEAD).replace(/^\uFEFF|^ï»¿/u, '');
  if (/^\s*OFXHEADER\s*:/u.test(head)) {
    const fields = new Map<string, string>();
    for (const match of head.split('<')[0]?.matchAll(/^\s*([A-Z]+)\s*:\s*(\S*)/gmu) ?? [])
      fields.set(match[1] ?? '', (match[2] ?? '').toUpperCase());
    const version = fields.get('VERSION') ?? null;
    const encoding = fields.get('ENCODING');
    const charset = fields.get('CHARSET');
    let name: string | null = null;
    if (encoding === 'UTF-8' || encoding === 'UTF8') name = 'utf-8';
    else if (charset === '1252' || charset === 'WINDOWS-1252') name = 'windows-1252';
    else if (charset === 'ISO-8859-1' || charset === '8859-1' || charset === 'LATIN-1') name = 'iso-8859-1';
    return { version: 1, versionText: version, charset: name };
  }
  const ofxPi = /<\?OFX\b[^>]*VERSION\s*=\s*"(\d+)"/iu.exec(head);
  const declared = /<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/iu.exec(head)?.[1]?.toLowerCase() ?? null;
  const charset = declared && iconv.encodingExists(declared) ? declared : null;
  if (ofxPi) return { version: 2, versionText: ofxPi[1] ?? null, charset };
  return { version: null, versionText: null, charset };
}

const isUtf8 = (bytes: Buffer): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/**
 * Decodes as the header says. Banks often declare `CHARSET:1252` and send UTF-8: bytes that are
 * valid UTF-8 and hold non-ASCII characters are read as UTF-8 whatever the header says, since
 * text in 1252 almost never forms valid UTF-8 sequences.
 */
function decode(bytes: Buffer, header: Header): { text: string; encoding: string } {
  const charset = header.charset;
  if (charset === null || charset === 'utf-16' || charset.startsWith('utf-16')) {
    const decoded = decodeText(bytes);
    return { text: decoded.text.replace(/^\uFEFF/u, ''), encoding: decoded.encoding };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const highBytes = body.some((byte) => byte >= 0x80);
  if (charset === 'utf-8' || charset === 'utf8' || (highBytes && isUtf8(body))) {
    return { text: body.toString('utf8'), encoding: bom ? 'utf-8 with BOM' : 'utf-8' };
  }
  return { text: iconv.decode(body, charset), encoding: charset };
}

/** `211` → `2.1.1`, `102` → `1.02`. */
function variantOf(header: Header): string {
  const v = header.versionText;
  if (header.version === 2) return `OFX ${v && /^\d{3}$/u.test(v) ? v.split('').join('.') : '2'} (XML)`;
  if (header.version === 1) return `OFX ${v && /^\d{3}$/u.test(v) ? `${v[0]}.${v.slice(1)}` : '1'} (SGML)`;
  return 'OFX (no header)';
}

/** The markup starts at the first `<`; a 1.x header's lines before it are counted. */
function markupStart(text: string): { markup: string; firstLine: number } {
  const at = text.indexOf('<');
  if (at <= 0) return { markup: text, firstLine: 1 };
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) lines += 1;
  return { markup: text.slice(at), firstLine: lines };
}

/** Children by name, and the first leaf's text. */
const childrenNamed = (node: OfxNode, name: string): OfxNode[] =>
  (node.children ?? []).filter((child) => child.name === name);
const leaf = (node: OfxNode | undefined, name: string): string | null => {
  const text = node?.children?.find((child) => child.name === name)?.text;
  return text === undefined || text === '' ? null : text;
};

/** Every element named in `names`, in document order, without looking inside a found one. */
function collect(nodes: readonly OfxNode[], names: ReadonlySet<string>, into: OfxNode[] = []): OfxNode[] {
  for (const node of nodes) {
    if (names.has(node.name)) into.push(node);
    else if (node.children) collect(node.children, names, into);
  }
  return into;
}

const STATEMENTS = new Set(['STMTRS', 'CCSTMTRS']);
/** Message sets that are not bookings, in the person's words. */
const OTHER_MESSAGES: Readonly<Record<string, string>> = {
  INVSTMTMSGSRSV1: 'an investment statement',
  SECLISTMSGSRSV1: 'a list of securities',
  SIGNUPMSGSRSV1: 'a list of accounts',
  BILLPAYMSGSRSV1: 'bill payments',
  EMAILMSGSRSV1: 'messages from the bank',
  INTERXFERMSGSRSV1: 'transfers between banks',
  WIREXFERMSGSRSV1: 'wire transfers',
  LOANMSGSRSV1: 'a loan statement',
  TAX1099MSGSRSV1: 'a tax form',
  PROFMSGSRSV1: 'the bank’s profile',
  PRESDIRMSGSRSV1: 'a bill presentment directory',
  PRESDLVMSGSRSV1: 'bill presentments',
};

/** `20050824080000.000[-7:PDT]` → `2005-08-24`: the calendar date as written, no time zone shift. */
export function ofxDate(text: string | null | undefined): string | null {
  const match = /^\s*(\d{4})(\d{2})(\d{2})/u.exec(text ?? '');
  if (!match) return null;
  const [, y = '', m = '', d = ''] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day >= 1 && day <= days ? `${y}-${m}-${d}` : null;
}

const validIban = (text: string | null): string | null => {
  if (!text) return null;
  const iban = normaliseIban(text);
  return ibanProblem(iban) === null ? iban : null;
};

/** One statement's account, and its key as `StatementAccount.key` defines it. */
function accountOf(statement: OfxNode, fileName: string, index: number): StatementAccount {
  const card = statement.name === 'CCSTMTRS';
  const from = childrenNamed(statement, card ? 'CCACCTFROM' : 'BANKACCTFROM')[0];
  const number = leaf(from, 'ACCTID');
  const bankId = leaf(from, 'BANKID');
  const iban = validIban(number);
  const fallback = `${fileName}#${index + 1}`;
  const key = iban ?? (number ? (bankId ? `${bankId}/${number}` : number) : fallback);
  return {
    key,
    iban,
    number,
    bankId,
    currency: leaf(statement, 'CURDEF')?.toUpperCase() ?? null,
    name: null,
    type: card ? 'CREDITCARD' : leaf(from, 'ACCTTYPE'),
  };
}

type Fields = Readonly<Record<string, string>>;
const field = (fields: Fields, ...names: string[]): string | null => {
  for (const name of names) {
    const value = fields[name];
    if (value !== undefined && value !== '') return value;
  }
  return null;
};

/** The identity a repeated FITID is told apart by. */
const identityOf = (fields: Fields): string =>
  JSON.stringify([
    ofxDate(fields.DTPOSTED),
    field(fields, 'TRNAMT'),
    field(fields, 'NAME', 'PAYEE.NAME'),
    field(fields, 'MEMO'),
  ]);

/**
 * Keys per booking of one account. A FITID is the bank's unique id, so it is the key; but some
 * banks repeat one FITID for different bookings (libofx's example listings write `00000…` for
 * all), and keying those by FITID alone would drop all but one. A FITID that a file repeats for
 * different bookings gets a hash of the booking and its rank among identical ones appended: no
 * booking is lost, and the same file read again gives the same keys.
 */
function keysFor(bookings: readonly { fields: Fields }[]): (string | null)[] {
  const firstSeen = new Map<string, Fields>();
  const repeated = new Set<string>();
  for (const { fields } of bookings) {
    const fitid = field(fields, 'FITID');
    if (fitid === null) continue;
    const first = firstSeen.get(fitid);
    if (!first) firstSeen.set(fitid, fields);
    else if (!repeated.has(fitid) && identityOf(first) !== identityOf(fields)) repeated.add(fitid);
  }
  const ranks = new Map<string, number>();
  return bookings.map(({ fields }) => {
    const fitid = field(fields, 'FITID');
    if (fitid === null) return null;
    if (!repeated.has(fitid)) return `fitid:${fitid}`;
    const identity = `${fitid}\u0000${identityOf(fields)}`;
    const rank = (ranks.get(identity) ?? 0) + 1;
    ranks.set(identity, rank);
    const hash = createHash('sha256').update(`${identity}#${rank}`).digest('hex').slice(0, 16);
    return `fitid:${fitid}#${hash}`;
  });
}

/** Reads one STMTTRN, or says why it cannot be read. */
function readBooking(
  fields: Fields,
  key: string | null,
  account: StatementAccount,
  statementCurrency: string | null,
  rowKeys: RowKeys,
): StatementTransaction | string {
  const dateText = field(fields, 'DTPOSTED');
  const bookedOn = ofxDate(dateText);
  if (!bookedOn)
    return dateText
      ? `DTPOSTED "${dateText}" is not a date: OFX writes dates as YYYYMMDD`
      : 'the booking has no date (DTPOSTED)';
  // CURRENCY means the amounts are in that currency; ORIGCURRENCY means they were converted into
  // CURDEF from it (OFX 2.1.1 §5.2), so only CURRENCY changes the booking's currency.
  const currency = (field(fields, 'CURRENCY.CURSYM') ?? statementCurrency)?.toUpperCase() ?? null;
  if (!currency) return 'the statement gives no currency (CURDEF): ask the bank for a complete file';
  if (!isCurrency(currency))
    return `currency "${currency}" is not an ISO 4217 code (such as EUR, GBP or USD): the booking cannot be read`;
  const amountText = field(fields, 'TRNAMT');
  if (amountText === null) return 'the booking has no amount (TRNAMT)';
  const amountMinor = parseAmount(amountText, currency, { signed: true });
  if (typeof amountMinor === 'string') return `amount (TRNAMT): ${amountMinor}`;
  const valueDate = ofxDate(field(fields, 'DTUSER'));
  const counterpartyName = field(fields, 'NAME', 'PAYEE.NAME');
  const text = field(fields, 'MEMO');
  return {
    accountKey: account.key,
    key: key ?? rowKeys.key({ bookedOn, amountMinor, currency, counterpartyName, text }),
    bookedOn,
    valueOn: valueDate && valueDate !== bookedOn ? valueDate : null,
    amountMinor,
    currency,
    counterpartyName,
    counterpartyIban: validIban(field(fields, 'BANKACCTTO.ACCTID')),
    creditorId: null,
    mandateReference: null,
    text,
    bankReference: field(fields, 'CHECKNUM', 'REFNUM', 'FITID'),
    kind: field(fields, 'TRNTYPE'),
  };
}

/** The statement's bookings, as outcomes located by their `STMTTRN` line. */
function readStatementBookings(
  statement: OfxNode,
  account: StatementAccount,
  fileName: string,
  problems: Problem[],
): StatementOutcome[] {
  const curdefNode = (statement.children ?? []).find((child) => child.name === 'CURDEF');
  const currency = account.currency;
  if (currency && !isCurrency(currency)) {
    problems.push({
      location: `${fileName}:${curdefNode?.line ?? statement.line}`,
      reason: `the statement's currency (CURDEF) "${currency}" is not an ISO 4217 code (such as EUR, GBP or USD): its bookings are not read`,
    });
  }
  const bookings = childrenNamed(statement, 'BANKTRANLIST')
    .flatMap((list) => childrenNamed(list, 'STMTTRN'))
    .map((node) => ({ line: node.line, fields: node.fields ?? {} }));
  const keys = keysFor(bookings);
  const rowKeys = new RowKeys(account.key);
  return bookings.map(({ line, fields }, i) => {
    const location = `${fileName}:${line}`;
    const read = readBooking(fields, keys[i] ?? null, account, currency, rowKeys);
    return typeof read === 'string' ? { location, error: read } : { location, transaction: read };
  });
}

/** What the file holds besides bank and card statements, for the note that they were passed over. */
function passedOver(roots: readonly OfxNode[]): { what: string; node: OfxNode }[] {
  return collect(roots, new Set(Object.keys(OTHER_MESSAGES))).map((node) => ({
    what: OTHER_MESSAGES[node.name] ?? node.name,
    node,
  }));
}

const nothing = (fileName: string, variant: string, encoding: string, reason: string): ReadStatement => ({
  format: 'ofx',
  variant,
  encoding,
  accounts: [],
  outcomes: [],
  problems: [{ location: fileName, reason }],
});

/**
 * Reads an OFX or QFX file (1.x SGML or 2.x XML) into accounts and bookings. Never throws for
 * what is in the file: an empty, binary or cut-off file, an unknown currency or a bad booking
 * each give a problem or an error outcome that names the file and line.
 *
 * @example readOfx(readFileSync('bank.ofx'), { fileName: 'bank.ofx' }).outcomes[0]?.transaction?.key // 'fitid:219378'
 */
export const readOfx: StatementReader = (bytes: Buffer, options: ReadOptions): ReadStatement => {
  const fileName = options.fileName;
  if (bytes.length === 0 || bytes.toString('latin1').trim() === '')
    return nothing(fileName, 'OFX', 'utf-8', 'the file is empty: export the statement from the bank again');
  if (looksBinary(bytes))
    return nothing(
      fileName,
      'OFX',
      'binary',
      'this is not a text file (it holds binary data, such as an image or an archive), so it cannot be an OFX statement',
    );
  const bytesHeader = readHeader(bytes.subarray(0, ASCII_HEAD).toString('latin1'));
  const { text, encoding } = decode(bytes, bytesHeader);
  // A UTF-16 file's header shows only once decoded.
  const header = bytesHeader.version === null ? readHeader(text) : bytesHeader;
  const variant = variantOf(header);
  if (!/<OFX[\s>]/iu.test(text))
    return nothing(
      fileName,
      variant,
      encoding,
      'this is not an OFX statement: it has no <OFX> element. Export the statement from the bank as OFX (or QFX) again',
    );

  const { markup, firstLine } = markupStart(text);
  const tree = readOfxTree(markup, firstLine);
  const problems: Problem[] = [];
  const accounts = new Map<string, StatementAccount>();
  const outcomes: StatementOutcome[] = [];
  const statements = collect(tree.roots, STATEMENTS);
  statements.forEach((statement, index) => {
    const account = accountOf(statement, fileName, index);
    const read = readStatementBookings(statement, account, fileName, problems);
    if (account.number === null) {
      problems.push({
        location: `${fileName}:${statement.line}`,
        reason: `the ${statement.name === 'CCSTMTRS' ? 'credit card' : 'bank'} statement (${statement.name}) names no account number (ACCTID)${read.length > 0 ? `: its bookings are filed under "${account.key}"` : ' and holds no bookings'}`,
      });
    }
    if (read.length > 0 || account.number !== null) {
      if (!accounts.has(account.key)) accounts.set(account.key, account);
      // One by one: spreading 100,000 outcomes into push() would overflow the call stack.
      for (const outcome of read) outcomes.push(outcome);
    }
  });
  for (const line of tree.cutBookings)
    outcomes.push({
      location: `${fileName}:${line}`,
      error: 'the file ends inside this booking, so it is not read: export the statement again',
    });
  if (tree.cutOff) {
    problems.push({
      location: `${fileName}:${tree.cutOff.lastLine}`,
      reason: `the file is cut off after line ${tree.cutOff.lastLine}: the bookings before it are read; export the statement again for the rest`,
    });
  }
  const others = passedOver(tree.roots);
  if (statements.length === 0) {
    const holds = [...new Set(others.map((other) => other.what))].join(', ');
    problems.push({
      location: fileName,
      reason: `the file holds no bank or credit card statement${holds ? ` (it holds ${holds})` : ''}: vrm imports bank and card bookings only`,
    });
  } else {
    for (const { what, node } of others)
      problems.push({
        location: `${fileName}:${node.line}`,
        reason: `${what} (${node.name}) passed over: vrm imports bank and credit card bookings only`,
      });
  }
  return { format: 'ofx', variant, encoding, accounts: [...accounts.values()], outcomes, problems };
};
