/**
 * A sanity check that the CAMT and CSV readers are linear: 100,000 generated bookings each. The
 * figures are printed for the benchmark table (bench/ measures them properly); nothing is
 * asserted about time, only that every booking is read.
 */
import { describe, expect, it } from 'vitest';
import type { StatementTransaction } from '../statement.js';
import { readCamt } from './camt.js';
import { writeCamt053 } from './camt-writer.js';
import { readCsv } from './csv.js';

const COUNT = 100_000;
const date = (index: number) => {
  const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(index / 55) * 86_400_000);
  return day.toISOString().slice(0, 10);
};

function timed<T>(what: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${what}: ${COUNT} bookings in ${seconds.toFixed(2)} s (${Math.round(COUNT / seconds)} a second)`,
  );
  return result;
}

describe('reading 100,000 bookings', { timeout: 240_000 }, () => {
  it('CAMT', () => {
    const transactions: StatementTransaction[] = Array.from({ length: COUNT }, (_, index) => ({
      accountKey: 'DE89370400440532013000',
      key: `ref:B${index}`,
      bookedOn: date(index),
      valueOn: null,
      amountMinor: -(100 + (index % 9000)),
      currency: 'EUR',
      counterpartyName: `Payee ${index % 400}`,
      counterpartyIban: index % 3 === 0 ? 'DE02120300000000202051' : null,
      creditorId: index % 5 === 0 ? 'DE98ZZZ09999999999' : null,
      mandateReference: index % 5 === 0 ? `M-${index % 400}` : null,
      text: `Invoice ${index}`,
      bankReference: `B${index}`,
      kind: 'PMNT-IDDT-ESDD',
      endToEndId: null,
    }));
    const bytes = Buffer.from(
      writeCamt053({ account: { iban: 'DE89370400440532013000', currency: 'EUR' }, transactions }),
    );
    const statement = timed(`CAMT (${Math.round(bytes.length / 1e6)} MB)`, () =>
      readCamt(bytes, { fileName: 'big.xml' }),
    );
    expect(statement.outcomes).toHaveLength(COUNT);
    expect(statement.outcomes.at(-1)?.transaction?.key).toBe(`ref:B${COUNT - 1}`);
  });

  it('CSV', () => {
    const lines = [
      'Buchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Saldo;Währung;Betrag;Währung',
    ];
    for (let index = 0; index < COUNT; index += 1) {
      const [year, month, day] = date(index).split('-');
      lines.push(
        `${day}.${month}.${year};${day}.${month}.${year};Payee ${index % 400};Lastschrift;MREF+M-${index % 400} CRED+DE98ZZZ09999999999 SVWZ+Invoice ${index};1.000,00;EUR;-${index % 900},${String(index % 100).padStart(2, '0')};EUR`,
      );
    }
    const bytes = Buffer.from(lines.join('\n'));
    const statement = timed(`CSV (${Math.round(bytes.length / 1e6)} MB)`, () =>
      readCsv(bytes, { fileName: 'big.csv', preset: 'ing-de' }),
    );
    expect(statement.outcomes.filter((outcome) => outcome.transaction)).toHaveLength(COUNT);
  });
});
