import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ofxSamples, QIF_SAMPLES } from '../../test/statement-readers.js';
import { readStatementFile } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('reading a statement file of any format', () => {
  it('finds the format from the first bytes and reads it with its reader', () => {
    const ofx = ofxSamples().find((sample) => sample.name === 'ofx_spec160_stmtrs_example.sgml');
    expect(ofx).toBeDefined();
    const fromOfx = readStatementFile(ofx?.bytes ?? Buffer.alloc(0), 'statement.txt');
    expect(fromOfx.format).toBe('ofx');
    expect(fromOfx.outcomes.some((outcome) => outcome.transaction)).toBe(true);

    const camt = readStatementFile(readFileSync(join(fixtures, 'camt053-v08.xml')), 'export.xml');
    expect(camt.format).toBe('camt');
    expect(camt.variant).toContain('camt.053');

    const qif = readStatementFile(readFileSync(join(QIF_SAMPLES, 'abc.qif')), 'abc.qif', {
      currency: 'USD',
      dateOrder: 'mdy',
    });
    expect(qif.format).toBe('qif');
    expect(qif.outcomes.filter((outcome) => outcome.transaction).length).toBeGreaterThan(0);

    const csv = readStatementFile(
      Buffer.from('Date;Payee;Amount\n2026-03-03;Streamline TV;-12,99\n2026-04-03;Streamline TV;-12,99\n'),
      'export.csv',
      { currency: 'GBP', preset: 'generic' },
    );
    expect(csv.format).toBe('csv');
    expect(csv.outcomes.map((outcome) => outcome.transaction?.amountMinor)).toEqual([-1299, -1299]);
  });

  it('says which formats it reads when a file is none of them, or empty', () => {
    const png = readStatementFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff]), 'scan.png');
    expect(png.outcomes).toEqual([]);
    expect(png.problems[0]?.location).toBe('scan.png');
    expect(png.problems[0]?.reason).toMatch(
      /not a bank statement vrm can read.*OFX\/QFX, QIF, ISO 20022 CAMT.*CSV/u,
    );
    expect(readStatementFile(Buffer.alloc(0), 'empty.ofx').problems[0]?.reason).toMatch(
      /^The file is empty/u,
    );
  });

  it('reads a file as the format asked for, whatever its first bytes', () => {
    const asked = readStatementFile(Buffer.from('Date;Payee;Amount\n'), 'x.csv', { format: 'camt' });
    expect(asked.format).toBe('camt');
    expect(asked.outcomes).toEqual([]);
    expect(asked.problems.length).toBeGreaterThan(0);
  });
});
