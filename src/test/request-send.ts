import { createServices } from '../app.js';
import { openStore } from '../platform/db/store.js';
import { VrmError } from '../platform/errors.js';

/**
 * A process that sends data-subject requests, for the kill test of their send
 * (src/requests/kill.e2e.test.ts): `node --import tsx src/test/request-send.ts STORE ID…`, with the
 * store's session in VRM_SESSION. It says `ready` once the store is open, then `ID: STATE` for
 * each outcome the outbox reports, so the test can kill it at a moment it chose.
 */
const [path, ...ids] = process.argv.slice(2);
const store = await openStore(path ?? '', { sessionToken: process.env.VRM_SESSION ?? '' });
const services = createServices(store);
process.stdout.write('ready\n');
for (const id of ids) {
  try {
    await services.requests.send(Number(id), {
      onOutcome: (outcome) => process.stdout.write(`${id}: ${outcome.item.state}\n`),
    });
  } catch (error) {
    // Sent already by a send this one follows: the request says so, and nothing goes.
    if (!(error instanceof VrmError)) throw error;
    process.stderr.write(`${id}: ${error.message}\n`);
  }
}
await services.afterWrite();
await store.close();
