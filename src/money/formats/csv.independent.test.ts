/**
 * readCsv against ofxstatement's `ingde` plugin (Debian's ofxstatement-plugins), which reads ING
 * Germany's export on its own: both must agree on the count, dates, amounts, payees and purposes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { requireTool, runTool } from '../../test/bank-tools.js';
import { readCsv } from './csv.js';

const work = mkdtempSync(join(tmpdir(), 'vrm-csv-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Line {
  readonly date: string;
  readonly amount: string;
  readonly payee: string | null;
  readonly memo: string | null;
}

/** ofxstatement's reading; ING exports (and the plugin reads) ISO-8859-1. */
function viaIngde(name: string, text: string): Line[] {
  requireTool('ofxstatement', 'ofxstatement-plugins');
  const input = join(work, name);
  const output = join(work, `${name}.ofx`);
  writeFileSync(input, iconv.encode(text, 'latin1'));
  runTool('ofxstatement', ['convert', '-t', 'ingde', input, output]);
  const ofx = readFileSync(output, 'utf8');
  const field = (block: string, tag: string) =>
    new RegExp(`<${tag}>([^<\\r\\n]*)`, 'u')
      .exec(block)?.[1]
      ?.replace(/&lt;/gu, '<')
      .replace(/&gt;/gu, '>')
      .replace(/&amp;/gu, '&') ?? null;
  return [...ofx.matchAll(/<STMTTRN>([\s\S]*?)<\/STMTTRN>/gu)].map(([, block = '']) => {
    const date = field(block, 'DTPOSTED') ?? '';
    return {
      date: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`,
      amount: Number(field(block, 'TRNAMT')).toFixed(2),
      payee: field(block, 'NAME'),
      memo: field(block, 'MEMO'),
    };
  });
}

/** vrm's reading, as ingde sees it: its date is the value date (Valuta). */
function viaVrm(name: string, text: string): Line[] {
  const statement = readCsv(iconv.encode(text, 'latin1'), { fileName: name, preset: 'ing-de' });
  expect(statement.problems).toEqual([]);
  return statement.outcomes.map(({ transaction, error }) => {
    expect(error).toBeUndefined();
    return {
      date: transaction?.valueOn ?? transaction?.bookedOn ?? '',
      amount: ((transaction?.amountMinor ?? 0) / 100).toFixed(2),
      payee: transaction?.counterpartyName ?? null,
      memo: transaction?.text ?? null,
    };
  });
}

const ingFixture = readFileSync(new URL('./fixtures/csv/ing-de.csv', import.meta.url), 'utf8');

describe('readCsv agrees with ofxstatement on ING (Deutschland) exports', () => {
  it('on the crafted export', () => {
    const theirs = viaIngde('ing.csv', ingFixture);
    expect(theirs).toHaveLength(4);
    expect(viaVrm('ing.csv', ingFixture)).toEqual(theirs);
  });

  it('on a generated export of 300 rows with thousands, negative balances and umlauts', () => {
    const header = ingFixture.slice(0, ingFixture.indexOf('\n', ingFixture.indexOf('Buchung;Valuta')) + 1);
    const german = (minor: number) => {
      const sign = minor < 0 ? '-' : '';
      const [whole = '0', cents = '00'] = (Math.abs(minor) / 100).toFixed(2).split('.');
      return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/gu, '.')},${cents}`;
    };
    const rows = Array.from({ length: 300 }, (_, index) => {
      const day = String((index % 28) + 1).padStart(2, '0');
      const month = String((index % 12) + 1).padStart(2, '0');
      const minor = index % 10 === 0 ? 123456 + index * 1001 : -((index * 7919) % 250000) - 1;
      const payee = ['Streamline TV GmbH', 'Bäckerei Müller', 'Größenwahn & Söhne', 'Example Employer Ltd'][
        index % 4
      ];
      return `${day}.${month}.2023;${day}.${month}.2023;${payee};Lastschrift;Rechnung Nr. ${index} für ${month}/2023;${german(-minor)};EUR;${german(minor)};EUR`;
    });
    const text = `${header}${rows.join('\n')}\n`;
    const theirs = viaIngde('ing-300.csv', text);
    expect(theirs).toHaveLength(300);
    expect(viaVrm('ing-300.csv', text)).toEqual(theirs);
  });
});
