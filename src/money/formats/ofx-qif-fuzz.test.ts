import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mutate, seeded } from '../../test/fuzz.js';
import { ofxSamples, QIF_SAMPLES, requirePath } from '../../test/statement-readers.js';
import type { ReadStatement, StatementReader } from '../statement.js';
import { readOfx } from './ofx.js';
import { readQif } from './qif.js';

/**
 * Seeded damage (flipped bits, cuts, NULs, huge lines, other encodings) to the real examples:
 * the readers never throw, every booking and problem names the file, and every booking they do
 * return is whole (a date, an amount in a real currency).
 */

const ROUNDS = 300;

function checkSound(statement: ReadStatement, fileName: string, what: string): void {
  for (const outcome of statement.outcomes) {
    expect(outcome.location.startsWith(`${fileName}:`), what).toBe(true);
    expect(outcome.transaction !== undefined || (outcome.error ?? '') !== '', what).toBe(true);
    if (outcome.transaction) {
      expect(outcome.transaction.bookedOn, what).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
      expect(Number.isSafeInteger(outcome.transaction.amountMinor), what).toBe(true);
    }
  }
  for (const problem of statement.problems) expect(problem.location.startsWith(fileName), what).toBe(true);
}

function fuzz(
  reader: StatementReader,
  samples: readonly { name: string; bytes: Buffer }[],
  seed: number,
): void {
  const random = seeded(seed);
  for (let round = 0; round < ROUNDS; round += 1) {
    const sample = random.pick(samples);
    const mutation = mutate(random, sample.bytes);
    const what = `${sample.name}, round ${round}: ${mutation.name}`;
    let statement: ReadStatement | undefined;
    expect(() => {
      statement = reader(mutation.bytes, { fileName: 'f', currency: 'USD', dateOrder: 'mdy' });
    }, what).not.toThrow();
    if (statement) checkSound(statement, 'f', what);
  }
}

describe('statement readers on damaged examples', () => {
  it('readOfx never throws on damaged libofx examples', () => {
    fuzz(readOfx, ofxSamples(), 17_001);
  });

  it('readQif never throws on damaged GnuCash examples', () => {
    requirePath(QIF_SAMPLES, 'gnucash-common');
    const samples = readdirSync(QIF_SAMPLES)
      .filter((name) => name.endsWith('.qif'))
      .map((name) => ({ name, bytes: readFileSync(join(QIF_SAMPLES, name)) }));
    fuzz(readQif, samples, 17_002);
  });
});
