// The bank import's speed (issue 17, point 2): 100,000 generated bookings into a fresh encrypted
// store, through MoneyService.importStatement (matching included), then the same file again (all
// duplicates). Run: `npx tsx bench/money-store.ts [bookings]`, or `npx tsx bench/run.ts money-store`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../src/app.js';
import { createStore } from '../src/platform/db/store.js';
import { generatedStatement, shaOf } from '../src/test/statements.js';

// A number among the arguments (bench/run.ts passes the benchmarks' names too).
const n = Number(process.argv.slice(2).find((arg) => /^\d+$/u.test(arg)) ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'vrm-money-bench-'));
try {
  const store = await createStore(join(dir, 'store.db'), 'correct horse battery staple');
  const services = createServices(store);
  await services.providers.add({ name: 'Stadtwerke' });
  await services.providers.add({ name: 'Netflix' });
  const read = generatedStatement(n, 42);
  const file = { name: 'bench.xml', sha256: shaOf(read) };
  for (const run of ['first import', 'again (duplicates)']) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const summary = await services.money.importStatement(read, file);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    console.log(
      `${run}: ${summary.seen} bookings, ${summary.imported} new, ${summary.duplicates} duplicates in ${seconds.toFixed(2)} s = ${Math.round(summary.seen / seconds)} a second (${cpuSeconds.toFixed(2)} s of CPU = ${Math.round(summary.seen / cpuSeconds)} a second of CPU, the figure on a busy machine); peak RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
    );
  }
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
