// Start-up and unlock benchmarks (issue: foundation). Run with `npm run bench`.
//
// 1. Cold start of the CLI: `vrm --version` against `node -e 0`, interleaved in the same run,
//    median wall time of each, so the difference is what vrm itself costs at start.
// 2. Opening the store: with the passphrase (PBKDF2-HMAC-SHA512, 256,000 iterations) and with a
//    session token (the derived key), in-process, median of repeated opens.
// 3. One whole read command (`vrm provider list`) with each credential, as a person feels it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServices } from '../src/app.js';
import { createStore, openStore } from '../src/platform/db/store.js';

const BIN = fileURLToPath(new URL('../bin/vrm.js', import.meta.url));
const PASSPHRASE = 'benchmark passphrase';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const ms = (value: number): string => `${value.toFixed(1)} ms`;

function timeCommand(args: string[], env: Record<string, string> = {}): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return elapsed;
}

async function timeAsync(fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const dir = mkdtempSync(join(tmpdir(), 'vrm-bench-'));
try {
  // Warm the file cache once, then interleave so both see the same machine state.
  timeCommand([BIN, '--version']);
  const node: number[] = [];
  const vrm: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    node.push(timeCommand(['-e', '0']));
    vrm.push(timeCommand([BIN, '--version']));
  }

  const path = join(dir, 'store.db');
  const created = await createStore(path, PASSPHRASE);
  const services = createServices(created);
  for (let i = 0; i < 50; i++) await services.providers.add({ name: `Provider ${i}`, category: 'bench' });
  const token = created.sessionToken;
  await created.close();

  const withPassphrase: number[] = [];
  const withToken: number[] = [];
  for (let i = 0; i < Math.max(10, RUNS / 3); i++) {
    withPassphrase.push(
      await timeAsync(async () => (await openStore(path, { passphrase: PASSPHRASE })).close()),
    );
    withToken.push(await timeAsync(async () => (await openStore(path, { sessionToken: token })).close()));
  }

  const listArgs = [BIN, '--store', path, 'provider', 'list'];
  const listPassphrase: number[] = [];
  const listToken: number[] = [];
  for (let i = 0; i < Math.max(10, RUNS / 3); i++) {
    listPassphrase.push(timeCommand(listArgs, { VRM_PASSPHRASE: PASSPHRASE }));
    listToken.push(timeCommand(listArgs, { VRM_SESSION: token }));
  }

  const rows: [string, string, string][] = [
    ['`node -e 0` (baseline)', ms(median(node)), `${node.length} runs`],
    ['`vrm --version` (cold start)', ms(median(vrm)), `+${ms(median(vrm) - median(node))} over Node itself`],
    ['open store with passphrase (in-process)', ms(median(withPassphrase)), `${withPassphrase.length} opens`],
    ['open store with session token (in-process)', ms(median(withToken)), `${withToken.length} opens`],
    ['`vrm provider list` with VRM_PASSPHRASE', ms(median(listPassphrase)), '50 providers'],
    ['`vrm provider list` with VRM_SESSION', ms(median(listToken)), '50 providers'],
  ];
  console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; medians\n`);
  console.log('| measurement | median | notes |\n|---|---:|---|');
  for (const [what, value, notes] of rows) console.log(`| ${what} | ${value} | ${notes} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
