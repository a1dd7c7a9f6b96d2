import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../test/http.js';
import { startServer, type RunningServer } from './server.js';

/** A contract's price history over HTTP (issue 17, point 3). */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

let dir: string;
let server: RunningServer;
let browser: Browser;
let contractId: number;

interface ApiError {
  error: { message: string; details: { path: string; message: string }[] };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-prices-http-'));
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    webRoot: WEB_ROOT,
    clock: () => new Date('2026-03-15T12:00:00Z'),
    log: () => undefined,
  });
  browser = new Browser(server.url);
  await browser.open();
  expect((await browser.call('POST', '/api/store', { passphrase: 'prices test passphrase' })).status).toBe(
    200,
  );
  const providerId = (await browser.call('POST', '/api/providers', { name: 'Streamline TV' })).json<{
    id: number;
  }>().id;
  contractId = (
    await browser.call('POST', '/api/contracts', {
      providerId,
      name: 'Streamline Standard',
      price: '10,99',
      currency: 'GBP',
      billingCycle: 'monthly',
      startDate: '2025-02-03',
    })
  ).json<{ id: number }>().id;
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/contracts/:id/prices', () => {
  it('records a price from a day on; the contract carries its history', async () => {
    const response = await browser.call('POST', `/api/contracts/${contractId}/prices`, {
      price: '12,99',
      validFrom: '2026-03-14',
      source: 'bank',
    });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({
      priceMinor: 1299,
      priceHistory: [
        { priceMinor: 1099, validFrom: '2025-02-03', source: 'person', changePercent: null },
        { priceMinor: 1299, validFrom: '2026-03-14', source: 'bank', changePercent: 18.2 },
      ],
    });
    const listed = await browser.call('GET', '/api/contracts');
    expect(listed.json<{ priceHistory: unknown[] }[]>()[0]?.priceHistory).toHaveLength(2);
  });

  it('records an edited price from the day the form gives', async () => {
    const response = await browser.call('PATCH', `/api/contracts/${contractId}`, {
      price: '13,49',
      priceFrom: '2026-06-01',
    });
    expect(response.status).toBe(200);
    expect(response.json<{ priceHistory: { validFrom: string }[] }>().priceHistory.at(-1)).toMatchObject({
      validFrom: '2026-06-01',
      priceMinor: 1349,
    });
  });

  it('answers bad input with the field and how to fix it', async () => {
    const unclear = await browser.call('POST', `/api/contracts/${contractId}/prices`, { price: '1,299' });
    expect(unclear.status).toBe(400);
    expect(unclear.json<ApiError>().error.message).toMatch(/price: "1,299" is unclear/);
    const early = await browser.call('POST', `/api/contracts/${contractId}/prices`, {
      price: '9.99',
      validFrom: '2024-12-01',
    });
    expect(early.status).toBe(400);
    expect(early.json<ApiError>().error.details).toEqual([
      {
        path: 'validFrom',
        message: '2024-12-01 is before the contract started on 2025-02-03: give a day on or after its start',
      },
    ]);
    const unknown = await browser.call('POST', '/api/contracts/999/prices', { price: '9.99' });
    expect(unknown.status).toBe(404);
    expect(unknown.json<ApiError>().error.message).toBe('contract 999 does not exist');
    const badSource = await browser.call('POST', `/api/contracts/${contractId}/prices`, {
      price: '9.99',
      source: 'rumour',
    });
    expect(badSource.json<ApiError>().error.message).toMatch(/source must be one of person, bank/);
  });
});
