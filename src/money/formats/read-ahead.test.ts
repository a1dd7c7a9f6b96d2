import { describe, expect, it } from 'vitest';
import { generatedStatement } from '../../test/statements.js';
import type { StatementTransaction } from '../statement.js';
import { writeCamt053 } from './camt-writer.js';
import { readStatementFile } from './index.js';
import { StatementReadAhead } from './read-ahead.js';

const IBAN = 'DE89370400440532013000';
const bytes = Buffer.from(
  writeCamt053({
    account: { iban: IBAN, currency: 'EUR' },
    transactions: generatedStatement(800, 3).outcomes.map(
      (o) => ({ ...o.transaction, accountKey: IBAN }) as StatementTransaction,
    ),
  }),
  'utf8',
);

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
});
