// `npx tsx bench/against.ts COMMIT [--runs N] [--seconds S] [--only mail|http]`: this tree against
// an earlier commit, in one run, so that a refactoring can show it made nothing slower.
//
// The earlier commit is checked out into a temporary worktree (sharing this tree's node_modules)
// and built. Both builds then do the same work, turn about, in the same run on the same machine:
// 1. `vrm mail import` of the SpamAssassin corpus (6,046 messages) as a Maildir and as an mbox,
//    each into a fresh store; the figure is the median wall time of N runs.
// 2. `vrm serve` of one store of 1,000 providers and 10,000 interactions, made by the earlier
//    commit (the newer one opens an older store, as a person's would); autocannon sends 50
//    connections for S seconds at the dashboard, the provider list and a provider page, and every
//    response time is kept and ranked. Each server first gets 2 s of the same load on every route,
//    unmeasured, so that the first route measured does not pay for the warm-up of the process. The
//    spread of each round's p95 is the noise.
// Targets (issue 13): mail import within 5% of the earlier commit, HTTP p95 within the noise.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { corpusFiles, writeCorpusMaildir, writeCorpusMbox } from '../src/test/corpus.js';
import { Browser } from '../src/test/http.js';
import { fillHttpStore } from './http-store.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PASSPHRASE = 'benchmark passphrase';
const ROUTES = [
  ['dashboard', '/api/dashboard'],
  ['provider list', '/api/providers'],
  ['provider page', '/api/providers/500'],
] as const;

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  const value = at === -1 ? fallback : Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a whole number of 1 or more`);
  return value;
};
const commitArg = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!commitArg) {
  console.error('usage: npx tsx bench/against.ts COMMIT [--runs N] [--seconds S]');
  process.exit(2);
}
const runs = option('--runs', 5);
const seconds = option('--seconds', 10);
const onlyAt = args.indexOf('--only');
const only = onlyAt === -1 ? null : args[onlyAt + 1];
if (only !== null && only !== 'mail' && only !== 'http') {
  console.error('--only takes mail or http');
  process.exit(2);
}

const git = (...gitArgs: string[]): string =>
  execFileSync('git', gitArgs, { cwd: ROOT, encoding: 'utf8' }).trim();
const commit = git('rev-parse', '--verify', `${commitArg}^{commit}`);
const short = commit.slice(0, 7);
const head = `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? '+changes' : ''}`;

const dir = mkdtempSync(join(tmpdir(), 'vrm-bench-against-'));
const baselineTree = join(dir, 'baseline');
const cleanUp = () => {
  spawnSync('git', ['worktree', 'remove', '--force', baselineTree], { cwd: ROOT });
  rmSync(dir, { recursive: true, force: true });
};
process.once('SIGINT', () => {
  cleanUp();
  process.exit(130);
});

interface Tree {
  readonly name: string;
  readonly bin: string;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};
const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const percent = (now: number, before: number): string =>
  `${now >= before ? '+' : ''}${(((now - before) / before) * 100).toFixed(1)} %`;

function vrm(tree: Tree, store: string, vrmArgs: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync(process.execPath, [tree.bin, '--store', store, ...vrmArgs], {
    env: { ...process.env, VRM_PASSPHRASE: undefined, VRM_SESSION: undefined, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(
      `${tree.name}: vrm ${vrmArgs.join(' ')} failed (exit ${result.status}): ${result.stderr}`,
    );
  return result.stdout;
}

/** Imports `source` into a fresh store; returns the wall time in seconds and what was imported. */
function timedImport(tree: Tree, source: string, store: string): { wallS: number; imported: number } {
  rmSync(store, { force: true });
  vrm(tree, store, ['init'], { VRM_PASSPHRASE: PASSPHRASE });
  const token = vrm(tree, store, ['unlock', '--raw'], { VRM_PASSPHRASE: PASSPHRASE }).trim();
  const started = process.hrtime.bigint();
  const out = vrm(tree, store, ['mail', 'import', source, '--json'], { VRM_SESSION: token });
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(store, { force: true });
  return { wallS, imported: (JSON.parse(out) as { imported: number }).imported };
}

/** Serves `store` with the tree's CLI and returns every response time per route, in ms. */
async function timedServe(tree: Tree, store: string): Promise<Map<string, number[]>> {
  const child = spawn(
    process.execPath,
    [tree.bin, '--store', store, 'serve', '--port', '0', '--idle', '120'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, VRM_PASSPHRASE: undefined, VRM_SESSION: undefined },
    },
  );
  try {
    const [firstLine] = (await once(child.stdout, 'data')) as [Buffer];
    const url = /http:\/\/[\d.]+:\d+/.exec(firstLine.toString())?.[0];
    if (!url)
      throw new Error(`${tree.name}: vrm serve did not say where it listens: ${firstLine.toString()}`);
    const browser = new Browser(url);
    await browser.open();
    const unlocked = await browser.call('POST', '/api/session', { passphrase: PASSPHRASE });
    if (unlocked.status !== 200) throw new Error(`${tree.name}: unlocking answered ${unlocked.status}`);
    const load = async (route: string, duration: number): Promise<number[]> => {
      const list: number[] = [];
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          { url: `${url}${route}`, connections: 50, duration, headers: { cookie: browser.cookie } },
          (error, done) =>
            error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done),
        );
        instance.on('response', (_client, _status, _bytes, ms) => list.push(ms));
      });
      if (result.non2xx > 0) throw new Error(`${tree.name} ${route}: ${result.non2xx} answers were not 2xx`);
      return list;
    };
    for (const [, route] of ROUTES) await load(route, 2);
    const times = new Map<string, number[]>();
    for (const [, route] of ROUTES) times.set(route, await load(route, seconds));
    return times;
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}

/** The HTTP benchmark's store (bench/http.ts), made with the earlier commit's own services. */
async function makeHttpStore(path: string): Promise<void> {
  type AppModule = typeof import('../src/app.js');
  type StoreModule = typeof import('../src/platform/db/store.js');
  const { createServices } = (await import(join(baselineTree, 'src/app.ts'))) as AppModule;
  const { createStore } = (await import(join(baselineTree, 'src/platform/db/store.ts'))) as StoreModule;
  const store = await createStore(path, PASSPHRASE);
  const s = createServices(store, () => new Date('2026-03-15T12:00:00Z'));
  await fillHttpStore(s);
  await store.close();
}

try {
  console.log(`Building this tree (${head}) and ${short} in a temporary worktree…`);
  git('worktree', 'add', '--detach', baselineTree, commit);
  symlinkSync(join(ROOT, 'node_modules'), join(baselineTree, 'node_modules'));
  for (const cwd of [ROOT, baselineTree])
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  const trees: Tree[] = [
    { name: `this tree (${head})`, bin: join(ROOT, 'bin', 'vrm.js') },
    { name: short, bin: join(baselineTree, 'bin', 'vrm.js') },
  ];
  // Each round runs both, in alternating order, so drift in the machine's load falls on both.
  const order = (round: number): Tree[] => (round % 2 ? [...trees].reverse() : trees);

  const importTimes = new Map<string, number[]>();
  if (only !== 'http') {
    const maildir = join(dir, 'maildir');
    const mbox = join(dir, 'corpus.mbox');
    writeCorpusMaildir(maildir);
    writeCorpusMbox(mbox);
    console.log(`Mail: ${corpusFiles().length} corpus messages, ${runs} runs each, turn about`);
    const imported = new Map<string, Set<number>>();
    for (let round = 0; round < runs; round++) {
      for (const tree of order(round)) {
        for (const [kind, source] of [
          ['Maildir', maildir],
          ['mbox', mbox],
        ] as const) {
          const key = `${tree.name}|${kind}`;
          const { wallS, imported: count } = timedImport(tree, source, join(dir, 'import.db'));
          importTimes.set(key, [...(importTimes.get(key) ?? []), wallS]);
          imported.set(kind, (imported.get(kind) ?? new Set()).add(count));
          console.log(`  round ${round + 1}: ${tree.name} ${kind}: ${wallS.toFixed(2)} s, ${count} imported`);
        }
      }
    }
    for (const [kind, counts] of imported)
      if (counts.size !== 1)
        throw new Error(`the ${kind} imports disagree on the count: ${[...counts].join(', ')}`);
  }

  const pooled = new Map<string, number[]>();
  const roundP95 = new Map<string, number[]>();
  if (only !== 'mail') {
    const httpStore = join(dir, 'http.db');
    const started = performance.now();
    await makeHttpStore(httpStore);
    console.log(
      `HTTP: a store of 1,000 providers made by ${short} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    for (let round = 0; round < runs; round++) {
      for (const tree of order(round)) {
        // A fresh copy each time: the newer tree migrates the store it opens.
        const copy = join(dir, `serve-${round}.db`);
        copyFileSync(httpStore, copy);
        const times = await timedServe(tree, copy);
        rmSync(copy, { force: true });
        const line: string[] = [];
        for (const [page, route] of ROUTES) {
          const list = (times.get(route) ?? []).sort((a, b) => a - b);
          const key = `${tree.name}|${page}`;
          pooled.set(key, [...(pooled.get(key) ?? []), ...list]);
          roundP95.set(key, [...(roundP95.get(key) ?? []), quantile(list, 0.95)]);
          line.push(`${page} p95 ${quantile(list, 0.95).toFixed(1)} ms`);
        }
        console.log(`  round ${round + 1}: ${tree.name}: ${line.join(', ')}`);
      }
    }
  }

  const [now, before] = trees as [Tree, Tree];
  console.log(`\n| measurement | ${now.name} | ${before.name} | change | target |`);
  console.log('| --- | ---: | ---: | ---: | --- |');
  if (only !== 'http') {
    for (const kind of ['Maildir', 'mbox']) {
      const a = median(importTimes.get(`${now.name}|${kind}`) ?? []);
      const b = median(importTimes.get(`${before.name}|${kind}`) ?? []);
      const verdict = a <= b * 1.05 ? 'met' : 'missed';
      console.log(
        `| mail import, ${kind} (median of ${runs}) | ${a.toFixed(2)} s | ${b.toFixed(2)} s | ${percent(a, b)} | within 5 %: ${verdict} |`,
      );
    }
  }
  if (only !== 'mail') {
    for (const [page] of ROUTES) {
      const a = (pooled.get(`${now.name}|${page}`) ?? []).sort((x, y) => x - y);
      const b = (pooled.get(`${before.name}|${page}`) ?? []).sort((x, y) => x - y);
      const spreadA = roundP95.get(`${now.name}|${page}`) ?? [];
      const spreadB = roundP95.get(`${before.name}|${page}`) ?? [];
      const low = Math.min(...spreadA, ...spreadB);
      const high = Math.max(...spreadA, ...spreadB);
      // Within the noise: this tree's p95 is no higher than the highest p95 any single round of the
      // earlier commit measured.
      const verdict = quantile(a, 0.95) <= Math.max(...spreadB) ? 'met' : 'missed';
      console.log(
        `| ${page} p95 (${runs} × ${seconds} s, 50 connections) | ${quantile(a, 0.95).toFixed(1)} ms | ` +
          `${quantile(b, 0.95).toFixed(1)} ms | ${percent(quantile(a, 0.95), quantile(b, 0.95))} | ` +
          `within the noise (rounds ${low.toFixed(1)}–${high.toFixed(1)} ms): ${verdict} |`,
      );
    }
  }
} finally {
  cleanUp();
}
