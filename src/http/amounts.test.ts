import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../test/http.js';
import { startServer, type RunningServer } from './server.js';

const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

let dir: string;
let server: RunningServer;
let browser: Browser;
let providerId: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-amounts-'));
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
  expect((await browser.call('POST', '/api/store', { passphrase: 'amounts test passphrase' })).status).toBe(
    200,
  );
  providerId = (await browser.call('POST', '/api/providers', { name: 'Stadtwerke' })).json<{ id: number }>()
    .id;
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const contract = (price: unknown) => ({
  providerId,
  name: 'Strom',
  price,
  currency: 'EUR',
  billingCycle: 'monthly',
  startDate: '2026-01-01',
});

describe('amounts in the HTTP API (issue 14 point 1)', () => {
  it('reads a price sent as text with a decimal comma, and a price sent as a JSON number', async () => {
    const comma = await browser.call('POST', '/api/contracts', contract('12,99'));
    expect(comma.status).toBe(201);
    expect(comma.json()).toMatchObject({ priceMinor: 1299, currency: 'EUR' });
    const number = await browser.call('POST', '/api/contracts', contract(12.99));
    expect(number.json()).toMatchObject({ priceMinor: 1299 });
    const { id } = comma.json<{ id: number }>();
    const updated = await browser.call('PATCH', `/api/contracts/${id}`, { price: '1.299,00' });
    expect(updated.json()).toMatchObject({ priceMinor: 129900 });
  });

  it('refuses an ambiguous price with both readings, naming the field', async () => {
    const response = await browser.call('POST', '/api/contracts', contract('1,299'));
    expect(response.status).toBe(400);
    const { error } = response.json<{
      error: { message: string; details: { path: string; message: string }[] };
    }>();
    expect(error.details).toEqual([
      {
        path: 'price',
        message:
          '"1,299" is unclear: with "," between thousands it is 1299,00 EUR; as a decimal "," it is 1,299 EUR, more decimals than EUR has. Write 1299 for the first, or 1,30 for the second',
      },
    ]);
    expect(error.message).toMatch(/price.*"1,299" is unclear/);
  });
});
