import { createServices } from '../app.js';
import { openStore } from '../platform/db/store.js';
import { writeCamt053 } from '../money/formats/camt-writer.js';
import type { StatementImportSummary } from '../money/import.js';
import type { StatementTransaction } from '../money/statement.js';
import { generatedStatement, shaOf } from './statements.js';

/**
 * A process that imports a generated statement, for the kill test of the bank import
 * (src/money/kill.e2e.test.ts): `node --import tsx src/test/bank-import.ts STORE BOOKINGS SEED
 * [camt]`, with the store's session in VRM_SESSION. With `camt`, the statement is written as a
 * CAMT.053 file and imported as `vrm money import` imports it: read on a worker as a stream and
 * stored as it is read. It prints `ready` once the store is open, a
 * `progress N` line as the import goes, and the summary's note and counts at the end.
 */
const [path, bookings, seed, mode] = process.argv.slice(2);
const store = await openStore(path ?? '', { sessionToken: process.env.VRM_SESSION ?? '' });
const services = createServices(store);
const read = generatedStatement(Number(bookings), Number(seed));
const progress = {
  progressEveryMs: 20,
  onProgress: (p: { done: number }) => process.stdout.write(`progress ${p.done}\n`),
};
let summary: StatementImportSummary;
if (mode === 'camt') {
  const iban = 'DE89370400440532013000';
  const transactions = read.outcomes.map(
    (o) => ({ ...o.transaction, accountKey: iban }) as StatementTransaction,
  );
  const bytes = Buffer.from(writeCamt053({ account: { iban, currency: 'EUR' }, transactions }), 'utf8');
  process.stdout.write('ready\n');
  const [outcome] = await services.money.importFiles(
    [{ name: 'generated.xml', bytes: () => Buffer.from(bytes) }],
    {},
    { progress: () => progress },
  );
  if (!outcome?.summary)
    throw outcome?.error instanceof Error
      ? outcome.error
      : new Error(`nothing imported: ${String(outcome?.error)}`);
  summary = outcome.summary;
} else {
  process.stdout.write('ready\n');
  summary = await services.money.importStatement(
    read,
    { name: 'generated.xml', sha256: shaOf(read) },
    progress,
  );
}
process.stdout.write(`done ${summary.imported} ${summary.duplicates} ${summary.note ?? ''}\n`);
await store.close();
