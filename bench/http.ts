// HTTP latency of the web app's main pages, and the size of its first page's JavaScript.
//
// A store of 1,000 providers and 10,000 interactions (plus contracts and cases) is served by the
// real server (`vrm serve`, in its own process, as a person runs it); autocannon sends 50
// concurrent connections from this process at the dashboard, the provider list and a provider
// page, and reports p50, p95 and p99 latency. Target: p95 under 20 ms.
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createServices } from '../src/app.js';
import { createStore } from '../src/platform/db/store.js';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Browser } from '../src/test/http.js';
import { fillHttpStore, INTERACTIONS, PROVIDERS } from './http-store.js';

const PASSPHRASE = 'benchmark passphrase';

const dir = mkdtempSync(join(tmpdir(), 'vrm-bench-http-'));
const path = join(dir, 'store.db');
try {
  const started = performance.now();
  const store = await createStore(path, PASSPHRASE);
  const s = createServices(store, () => new Date('2026-03-15T12:00:00Z'));
  await fillHttpStore(s);
  await store.close();
  console.log(
    `Built a store of ${PROVIDERS} providers and ${INTERACTIONS} interactions in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );

  const child = spawn(
    process.execPath,
    [
      fileURLToPath(new URL('../bin/vrm.js', import.meta.url)),
      '--store',
      path,
      'serve',
      '--port',
      '0',
      '--idle',
      '60',
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [firstLine] = (await once(child.stdout, 'data')) as [Buffer];
  const url = /http:\/\/[\d.]+:\d+/.exec(firstLine.toString())?.[0];
  if (!url) throw new Error(`vrm serve did not say where it listens: ${firstLine.toString()}`);
  const server = { url, close: () => child.kill('SIGTERM') };
  const browser = new Browser(server.url);
  await browser.open();
  await browser.call('POST', '/api/session', { passphrase: PASSPHRASE });

  console.log('| page | route | requests | p50 | p95 | p99 | target p95 < 20 ms |');
  console.log('|---|---|---:|---:|---:|---:|---|');
  for (const [page, route] of [
    ['dashboard', '/api/dashboard'],
    ['provider list', '/api/providers'],
    ['provider page', '/api/providers/500'],
  ] as const) {
    // autocannon's summary has no p95, so every response time is kept and ranked here.
    const times: number[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        { url: `${server.url}${route}`, connections: 50, duration: 10, headers: { cookie: browser.cookie } },
        (error, done) =>
          error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done),
      );
      instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
    });
    if (result.non2xx > 0) throw new Error(`${route}: ${result.non2xx} responses were not 2xx`);
    times.sort((a, b) => a - b);
    const at = (q: number): string =>
      `${(times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(1)} ms`;
    const p95 = times[Math.floor(0.95 * times.length)] ?? 0;
    console.log(
      `| ${page} | \`GET ${route}\` | ${times.length} | ${at(0.5)} | ${at(0.95)} | ${at(0.99)} | ${p95 < 20 ? 'met' : 'missed'} |`,
    );
  }
  server.close();

  const assets = fileURLToPath(new URL('../dist/web/assets/', import.meta.url));
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const gz = js.reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f))).length, 0);
  console.log(
    `\nFirst page JavaScript: ${js.length} file(s), ${(gz / 1024).toFixed(1)} KiB gzipped (target < 250 KB)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
