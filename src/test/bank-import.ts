import { createServices } from '../app.js';
import { openStore } from '../platform/db/store.js';
import { generatedStatement, shaOf } from './statements.js';

/**
 * A process that imports a generated statement, for the kill test of the bank import
 * (src/money/kill.e2e.test.ts): `node --import tsx src/test/bank-import.ts STORE BOOKINGS SEED`,
 * with the store's session in VRM_SESSION. It prints `ready` once the store is open, a
 * `progress N` line as the import goes, and the summary's note and counts at the end.
 */
const [path, bookings, seed] = process.argv.slice(2);
const store = await openStore(path ?? '', { sessionToken: process.env.VRM_SESSION ?? '' });
const services = createServices(store);
const read = generatedStatement(Number(bookings), Number(seed));
process.stdout.write('ready\n');
const summary = await services.money.importStatement(
  read,
  { name: 'generated.xml', sha256: shaOf(read) },
  {
    progressEveryMs: 20,
    onProgress: (p) => process.stdout.write(`progress ${p.done}\n`),
  },
);
process.stdout.write(`done ${summary.imported} ${summary.duplicates} ${summary.note ?? ''}\n`);
await store.close();
