import { describe, expect, it } from 'vitest';
import { generatedStatement } from '../../test/statements.js';
import type { StatementChunk, StatementEnd, StatementStream, StatementTransaction } from '../statement.js';
import { writeCamt053 } from './camt-writer.js';
import { readStatementFile, statementChunks } from './index.js';
import { StatementReadAhead } from './read-ahead.js';

const IBAN = 'DE89370400440532013000';
const camt = (bookings: number): Buffer =>
  Buffer.from(
    writeCamt053({
      account: { iban: IBAN, currency: 'EUR' },
      transactions: generatedStatement(bookings, 3).outcomes.map(
        (o) => ({ ...o.transaction, accountKey: IBAN }) as StatementTransaction,
      ),
    }),
    'utf8',
  );
const bytes = camt(800);
/** Some 6 MB: seven chunks, more than the worker reads ahead of its owner (so it is stopped part way). */
const large = camt(12_000);

/** Every chunk of a stream, and its end. */
async function drain(stream: StatementStream): Promise<{ chunks: StatementChunk[]; end: StatementEnd }> {
  const chunks: StatementChunk[] = [];
  for (;;) {
    const step = await stream.chunks.next();
    if (step.done) return { chunks, end: step.value };
    chunks.push(step.value);
  }
}

describe('reading statements ahead on a worker thread', () => {
  it('reads on the worker what the calling thread would read, in the order asked', async () => {
    const ahead = StatementReadAhead.start();
    try {
      const [first, second] = await Promise.all([
        ahead.read(bytes, 'one.xml', {}),
        ahead.read(bytes, 'two.xml', { format: 'camt' }),
      ]);
      expect(ahead.counts).toEqual({ onWorker: 2, here: 0 });
      expect(first).toEqual(readStatementFile(bytes, 'one.xml', {}));
      expect(second.outcomes[0]?.location).toMatch(/^two\.xml:\d+$/u);
      expect(first.outcomes).toHaveLength(800);
    } finally {
      await ahead.close();
    }
  });

  it('reads on the calling thread once the worker has gone', async () => {
    const ahead = StatementReadAhead.start();
    try {
      await ahead.read(bytes, 'before.xml', {});
      await ahead.close();
      const read = await ahead.read(bytes, 'after.xml', {});
      expect(read.outcomes).toHaveLength(800);
      expect(ahead.counts).toEqual({ onWorker: 1, here: 1 });
    } finally {
      await ahead.close();
    }
  });

  it('streams a CAMT file a chunk at a time, the bookings the whole read gives, its bytes moved not copied', async () => {
    const ahead = StatementReadAhead.start();
    try {
      const moved = Buffer.from(large);
      const { chunks, end } = await drain(ahead.stream(moved, 'big.xml', {}, () => large));
      // Moved to the worker: the caller's buffer is empty now.
      expect(moved.byteLength).toBe(0);
      expect(chunks.length).toBeGreaterThan(2);
      const whole = readStatementFile(large, 'big.xml', {});
      expect(chunks.flatMap((chunk) => chunk.outcomes)).toEqual(whole.outcomes);
      expect(chunks.flatMap((chunk) => chunk.accounts)).toEqual(whole.accounts);
      // The account comes with the first chunk, before any of its bookings.
      expect(chunks[0]?.accounts).toHaveLength(1);
      expect(end).toEqual({
        format: 'camt',
        variant: whole.variant,
        encoding: whole.encoding,
        problems: whole.problems,
        notes: whole.notes,
      });
      expect(ahead.counts).toEqual({ onWorker: 1, here: 0 });
    } finally {
      await ahead.close();
    }
  });

  it('reads the rest of a stream here when the worker goes part way, from where it stopped', async () => {
    const ahead = StatementReadAhead.start();
    try {
      const stream = ahead.stream(Buffer.from(large), 'big.xml', {}, () => large);
      const first = await stream.chunks.next();
      expect(first.done).toBe(false);
      await ahead.close();
      const rest = await drain(stream);
      const outcomes = [
        ...(first.done ? [] : first.value.outcomes),
        ...rest.chunks.flatMap((c) => c.outcomes),
      ];
      // Every booking once, in order: none lost, none read twice.
      expect(outcomes).toEqual(readStatementFile(large, 'big.xml', {}).outcomes);
      expect(ahead.counts).toEqual({ onWorker: 0, here: 1 });
    } finally {
      await ahead.close();
    }
  });

  it('gives a stream of a broken file its good bookings and then the break, as the whole read does', async () => {
    const cut = large.subarray(0, Math.floor(large.length * 0.7));
    const ahead = StatementReadAhead.start();
    try {
      const { chunks, end } = await drain(ahead.stream(Buffer.from(cut), 'cut.xml', {}, () => cut));
      const whole = readStatementFile(cut, 'cut.xml', {});
      expect(whole.outcomes.length).toBeGreaterThan(6000);
      expect(chunks.flatMap((chunk) => chunk.outcomes)).toEqual(whole.outcomes);
      expect(end.problems).toEqual(whole.problems);
      expect(end.problems[0]?.reason).toMatch(/breaks off here/u);
      // In-thread, the same chunks again.
      const here = [...statementChunks(cut, 'cut.xml')].flatMap((chunk) => chunk.outcomes);
      expect(here).toEqual(whole.outcomes);
    } finally {
      await ahead.close();
    }
  });
});
