/**
 * readCamt against two readers vrm did not write: ofxstatement's iso20022 plugin (Python) and
 * AqBanking's XML importer (C), both from Debian; `npm test` installs them. Each must agree with
 * vrm on the number of entries, their dates and amounts, and (where it reads them) the payee.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireTool, runTool } from '../../test/bank-tools.js';
import type { ReadStatement, StatementTransaction } from '../statement.js';
import { readCamt } from './camt.js';
import { writeCamt053 } from './camt-writer.js';

const work = mkdtempSync(join(tmpdir(), 'vrm-camt-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/**
 * ofxstatement books pending entries and then checks the balances, which count only booked ones;
 * its copy of the file leaves the pending entries out (vrm passes them over anyway).
 */
const withoutPending = (xml: string): string =>
  xml.replace(
    /<Ntry>(?:(?!<\/Ntry>)[\s\S])*?<Cd>PDNG<\/Cd>[\s\S]*?<\/Ntry>|<Ntry>(?:(?!<\/Ntry>)[\s\S])*?<Sts>PDNG<\/Sts>[\s\S]*?<\/Ntry>/gu,
    '',
  );

interface Line {
  readonly bookedOn: string;
  readonly valueOn: string;
  readonly amount: string;
  readonly payee: string | null;
}

/** A date the other reader did not read. */
const UNREAD = 'unread';
const isoDate = (compact: string): string =>
  /^\d{8}/u.test(compact) ? `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}` : UNREAD;

function viaOfxstatement(name: string, xml: string): Line[] {
  requireTool('ofxstatement', 'ofxstatement');
  const input = join(work, name);
  const output = join(work, `${name}.ofx`);
  writeFileSync(input, xml);
  runTool('ofxstatement', ['convert', '-t', 'iso20022', input, output]);
  const ofx = readFileSync(output, 'utf8');
  const field = (block: string, tagName: string): string | null =>
    new RegExp(`<${tagName}>([^<\\r\\n]*)`, 'u').exec(block)?.[1]?.trim() ?? null;
  return [...ofx.matchAll(/<STMTTRN>([\s\S]*?)<\/STMTTRN>/gu)].map(([, block = '']) => ({
    bookedOn: isoDate(field(block, 'DTUSER') ?? ''),
    valueOn: isoDate(field(block, 'DTPOSTED') ?? ''),
    amount: Number(field(block, 'TRNAMT')).toFixed(2),
    payee: field(block, 'NAME'),
  }));
}

function viaAqbanking(name: string, xml: string): Line[] {
  requireTool('aqbanking-cli', 'aqbanking-tools');
  const folder = mkdtempSync(join(work, 'aq-'));
  const input = join(folder, name);
  writeFileSync(input, xml);
  const context = join(folder, 'context');
  const run = (args: string[]) => runTool('aqbanking-cli', ['-D', folder, ...args]);
  // AqBanking's CAMT.053 schema is written for 001.04; the elements it reads are the same in 001.02 and 001.08.
  run(['import', '-c', context, '--importer=xml', '--profile=camt_053_001_04', '-f', input]);
  const listing = run(['listtrans', '-c', context, '-T', '$(date)|$(valutaDate)|$(value)|$(remoteName)']);
  return listing
    .split('\n')
    .filter((line) => line.includes('|'))
    .map((line) => {
      const [date = '', valuta = '', value = ''] = line.split('|');
      const [, numerator = '0', denominator = '1'] = /^(-?\d+)\/(\d+):/u.exec(value) ?? [];
      return {
        bookedOn: isoDate(date),
        valueOn: valuta ? isoDate(valuta) : isoDate(date),
        amount: (Number(numerator) / Number(denominator)).toFixed(2),
        payee: null,
      };
    });
}

/** vrm's bookings per entry (a batch entry's parts summed), as the other readers see entries. */
function entriesOf(statement: ReadStatement): Line[] {
  const byEntry = new Map<string, StatementTransaction[]>();
  for (const outcome of statement.outcomes) {
    expect(outcome.error).toBeUndefined();
    if (outcome.transaction)
      byEntry.set(outcome.location, [...(byEntry.get(outcome.location) ?? []), outcome.transaction]);
  }
  return [...byEntry.values()].map((parts) => {
    const first = parts[0] as StatementTransaction;
    return {
      bookedOn: first.bookedOn,
      valueOn: first.valueOn ?? first.bookedOn,
      amount: (parts.reduce((sum, part) => sum + part.amountMinor, 0) / 100).toFixed(2),
      payee: first.counterpartyName,
    };
  });
}

/**
 * Compares on what both read: the payee only where the other reader found one, the booking date
 * only where it read one (AqBanking reads `BookgDt/Dt`, not the `DtTm` a bank may send instead).
 */
function expectAgreement(ours: Line[], theirs: Line[]): void {
  const known = (line: Line, index: number) => ({
    bookedOn: theirs[index]?.bookedOn === UNREAD ? UNREAD : line.bookedOn,
    valueOn: line.valueOn,
    amount: line.amount,
  });
  expect(theirs.map(({ bookedOn, valueOn, amount }) => ({ bookedOn, valueOn, amount }))).toEqual(
    ours.map(known),
  );
  expect(theirs.filter((line) => line.bookedOn === UNREAD).length).toBeLessThanOrEqual(1);
  theirs.forEach((line, index) => {
    if (line.payee !== null) expect(line.payee).toBe(ours[index]?.payee);
  });
}

describe('readCamt agrees with ofxstatement', () => {
  it('on the camt.053.001.02 fixture: count, dates, amounts and payees', () => {
    const xml = fixture('camt053-v02.xml');
    const theirs = viaOfxstatement('v02.xml', withoutPending(xml));
    expect(theirs).toHaveLength(5);
    // ofxstatement names the debtor of a credit; of the reversal (a credit) it so finds none.
    expect(theirs.filter((line) => line.payee !== null)).toHaveLength(4);
    expectAgreement(entriesOf(readCamt(Buffer.from(xml), { fileName: 'v02.xml' })), theirs);
  });

  it('on the camt.053.001.08 fixture: count, dates and amounts (it reads party names only in the pre-2019 Cdtr/Nm)', () => {
    const xml = fixture('camt053-v08.xml');
    const theirs = viaOfxstatement('v08.xml', withoutPending(xml));
    expect(theirs).toHaveLength(4);
    expectAgreement(entriesOf(readCamt(Buffer.from(xml), { fileName: 'v08.xml' })), theirs);
  });
});

describe('readCamt agrees with AqBanking', () => {
  for (const name of ['camt053-v02.xml', 'camt053-v08.xml']) {
    it(`on ${name}: count, dates and amounts, its extra lines being exactly the pending entries`, () => {
      const xml = fixture(name);
      const statement = readCamt(Buffer.from(xml), { fileName: name });
      const theirs = viaAqbanking(name, xml);
      const pending = withoutPending(xml) === xml ? 0 : 1;
      expect(theirs).toHaveLength(entriesOf(statement).length + pending);
      const booked = viaAqbanking(`booked-${name}`, withoutPending(xml));
      expectAgreement(entriesOf(statement), booked);
    });
  }
});

describe('camt.053.001.08 written by vrm', () => {
  const transactions: StatementTransaction[] = Array.from({ length: 40 }, (_, index) => ({
    accountKey: 'DE89370400440532013000',
    key: `ref:GEN-${String(index + 1).padStart(5, '0')}`,
    bookedOn: `2024-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 27) + 1).padStart(2, '0')}`,
    valueOn: null,
    amountMinor: index % 5 === 0 ? 250000 + index : -(999 + index * 137),
    currency: 'EUR',
    counterpartyName: index % 5 === 0 ? 'Example Employer Ltd' : `Händler & Söhne ${index % 7}`,
    counterpartyIban: index % 3 === 0 ? 'DE02120300000000202051' : null,
    creditorId: index % 4 === 1 && index % 5 !== 0 ? 'DE98ZZZ09999999999' : null,
    mandateReference: index % 4 === 1 ? `M-${index}` : null,
    text: `Rechnung <${index}>`,
    bankReference: `GEN-${String(index + 1).padStart(5, '0')}`,
    kind: index % 4 === 1 ? 'PMNT-IDDT-ESDD' : index % 5 === 0 ? 'PMNT-RCDT-ESCT' : 'PMNT-CCRD-POSD',
    endToEndId: index % 4 === 1 ? `E2E-${index}` : null,
  })).sort((a, b) => a.bookedOn.localeCompare(b.bookedOn));
  const xml = writeCamt053({
    account: { iban: 'DE89370400440532013000', currency: 'EUR', bic: 'COBADEFFXXX', name: 'Girokonto' },
    transactions,
    openingMinor: 100000,
  });

  it('reads back in vrm as the bookings written', () => {
    const statement = readCamt(Buffer.from(xml), { fileName: 'written.xml' });
    expect(statement.problems).toEqual([]);
    expect(statement.outcomes.map((outcome) => outcome.transaction)).toEqual(transactions);
  });

  it('is read by ofxstatement and AqBanking as vrm reads it', () => {
    const ours = entriesOf(readCamt(Buffer.from(xml), { fileName: 'written.xml' }));
    // ofxstatement reads party names only from the pre-2019 Cdtr/Nm, so it finds none here.
    expectAgreement(ours, viaOfxstatement('written.xml', xml));
    expectAgreement(ours, viaAqbanking('written.xml', xml));
  });
});
