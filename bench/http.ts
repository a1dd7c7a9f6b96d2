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

const PASSPHRASE = 'benchmark passphrase';
const PROVIDERS = 1_000;
const INTERACTIONS = 10_000;
const CHANNELS = ['email', 'phone', 'letter', 'chat', 'visit', 'web'] as const;

const dir = mkdtempSync(join(tmpdir(), 'vrm-bench-http-'));
const path = join(dir, 'store.db');
try {
  const started = performance.now();
  const store = await createStore(path, PASSPHRASE);
  const s = createServices(store, () => new Date('2026-03-15T12:00:00Z'));
  for (let i = 0; i < PROVIDERS; i++) {
    const p = await s.providers.add({
      name: `Provider ${String(i).padStart(4, '0')}`,
      category: ['energy', 'bank', 'telecom', 'retail'][i % 4],
      domains: [`p${i}.example`],
    });
    await s.contracts.add({
      providerId: p.id,
      name: 'Plan',
      price: String(5 + (i % 50)),
      currency: 'EUR',
      billingCycle: i % 3 ? 'monthly' : 'yearly',
      startDate: '2025-01-01',
      noticePeriod: '1 month',
    });
    if (i % 10 === 0) await s.cases.add({ providerId: p.id, title: 'Billing error' });
  }
  for (let i = 0; i < INTERACTIONS; i++) {
    await s.interactions.add({
      providerId: 1 + (i % PROVIDERS),
      channel: CHANNELS[i % CHANNELS.length] ?? 'email',
      direction: i % 2 ? 'inbound' : 'outbound',
      subject: `Interaction ${i}`,
      occurredAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
      followUpOn: i % 50 === 0 ? '2026-03-18' : undefined,
    });
  }
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
