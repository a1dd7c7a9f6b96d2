// Importing an alias service's export: 5,000 SimpleLogin rows (`BENCH_ROWS=N` for another size),
// made by a seeded generator in the shape of a real export (a word and a random tail for the alias,
// notes of a few words, some naming a provider of the ledger or an organisation of the directory),
// into an encrypted store holding 20 providers. Each row is matched to a provider by its note and
// its alias, the directory included; the import is timed whole, in-process.
//
// Target: a person's whole export (a few thousand aliases) in a few seconds, on a 2-core machine.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../src/app.js';
import { createStore } from '../src/platform/db/store.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 5_000);

/** A small seeded generator (mulberry32): the same file on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'signed', 'newsletter', 'shopping', 'account', 'forum', 'trial', 'insurance', 'energy', 'travel',
  'tickets', 'booking', 'delivery', 'games', 'streaming', 'music', 'books', 'garden', 'hotel',
  'netflix', 'spotify', 'amazon', 'paypal', 'zalando', 'vodafone', 'ikea', 'lidl', 'ebay', 'otto',
  'bahn', 'airbnb', 'uber', 'dropbox', 'github', 'linkedin', 'reddit', 'twitter', 'adobe', 'apple',
]; // prettier-ignore

function aliasExport(rows: number, seed = 7): string {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const lines = ['alias,note,enabled,mailboxes'];
  for (let i = 0; i < rows; i++) {
    const tail = Math.floor(next() * 36 ** 4).toString(36);
    const alias = `${pick(WORDS)}_${pick(WORDS)}.${tail}${i}@${pick(['simplelogin.com', 'aleeas.com', 'slmail.me'])}`;
    const note = Array.from({ length: 2 + Math.floor(next() * 5) }, () => pick(WORDS)).join(' ');
    lines.push(`${alias},"${note}",${next() < 0.9 ? 'true' : 'false'},alex@example.org`);
  }
  return `${lines.join('\n')}\n`;
}

// `--csv FILE` writes the export and stops, to time the command itself:
// `vrm identity import FILE` (see docs/benchmarks.md).
const csvAt = process.argv.indexOf('--csv');
if (csvAt !== -1) {
  writeFileSync(process.argv[csvAt + 1] ?? 'aliases.csv', aliasExport(ROWS));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'vrm-bench-aliases-'));
try {
  const store = await createStore(join(dir, 'store.db'), 'benchmark passphrase');
  const s = createServices(store, () => new Date('2026-03-15T12:00:00Z'));
  for (let i = 0; i < 20; i++)
    await s.providers.add({ name: `Provider ${i}`, domains: [`provider${i}.example`] });
  await s.providers.add({ name: 'Acme Insurance', domains: ['acme.example'] });
  const text = aliasExport(ROWS);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const report = await s.aliasImport.importCsv(text, { file: 'aliases.csv' });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  await store.close();
  console.log('| operation | rows | wall time | per row | CPU time | notes |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  console.log(
    `| import a SimpleLogin export | ${ROWS.toLocaleString('en-GB')} | ${(ms / 1000).toFixed(2)} s | ${(ms / ROWS).toFixed(2)} ms | ${(cpuMs / 1000).toFixed(2)} s | ` +
      `${report.imported} imported, ${report.suggested} suggested, ${report.unmatched} unmatched |`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
