/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodedMime } from '../test/intents.js';
import { startExim, type Exim } from '../test/exim.js';
import { useWebServer } from '../test/web-server.js';
import { ROUTES } from './routes.js';

/**
 * Issue 18 in Debian's Chromium: the Intents page shows an intent's vendors and its offers side by
 * side against the contract paid today, and accepts one, sending the chosen facts through a real
 * Exim to that vendor alone.
 */
const PASSPHRASE = 'shopping in the browser';
const web = useWebServer('intents');
let exim: Exim;

beforeAll(async () => {
  exim = await startExim();
});
afterAll(async () => {
  await exim.stop();
});

async function call<T>(page: Page, name: keyof typeof ROUTES, body?: unknown, id?: number): Promise<T> {
  const { method, path } = ROUTES[name];
  return (await page.evaluate(
    async ({ method, path, body }) => {
      const status = (await (await fetch('/api/status')).json()) as { csrfToken: string };
      const response = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': status.csrfToken },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const data: unknown = await response.json();
      if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(data)}`);
      return data;
    },
    { method, path: id === undefined ? path : path.replace(':id', String(id)), body },
  )) as T;
}

describe('the Intents page in Chromium', () => {
  it('compares the offers with the contract paid today and accepts one, revealing only the chosen facts', async () => {
    const page = await web.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    await page.goto(web.server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create my store' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    // Alex's facts, Aegis's contract, two other insurers, a persona and an intent, by the API.
    await call(page, 'addFact', { kind: 'name', label: 'Name', value: { full: 'Alex Morgan' } });
    const home = await call<{ id: number }>(page, 'addFact', {
      kind: 'postal_address',
      label: 'Home',
      value: { lines: ['14 Quay Street'], locality: 'Bristol', postcode: 'BS1 4DJ', country: 'GB' },
    });
    await call(page, 'addFact', { kind: 'phone', label: 'Mobile', value: { number: '+447400123456' } });
    const vendor = (name: string, email: string) =>
      call<{ id: number }>(page, 'addProvider', {
        name,
        supportEmail: email,
        category: 'insurance',
        country: 'GB',
        phone: '+44 20 7946 0000',
      });
    const aegis = await vendor('Aegis Insurance', 'quotes@aegis.example');
    await vendor('Harbour Mutual', 'sales@harbourmutual.example');
    await vendor('Kestrel Direct', 'new@kestrel.example');
    await call(page, 'addContract', {
      providerId: aegis.id,
      name: 'Car insurance',
      price: '612',
      currency: 'GBP',
      billingCycle: 'yearly',
      startDate: '2026-01-15',
      autoRenews: true,
    });
    await call(page, 'addAliasStrategy', { kind: 'catchall', base: 'shop-17.example' });
    const persona = await call<{ id: number; alias: string }>(page, 'addPersona', {
      displayName: 'Quiet Harbour',
      states: [{ fact: home.id, form: 'postcode_area' }],
    });
    const answerBy = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const intent = await call<{ id: number }>(page, 'addIntent', {
      persona: persona.id,
      category: 'car insurance',
      description: 'Comprehensive cover for a 2019 hatchback.',
      answerBy,
    });
    await call(
      page,
      'changeIntentVendors',
      { add: ['Aegis Insurance', 'Harbour Mutual', 'Kestrel Direct'] },
      intent.id,
    );
    await call(page, 'setupSending', {
      host: '127.0.0.1',
      port: exim.port,
      security: 'starttls',
      username: exim.user,
      password: exim.password,
      allowSelfSigned: true,
    });
    await call(page, 'sendIntent', undefined, intent.id);
    await exim.waitFor('sales@harbourmutual.example', 1);
    await call(page, 'addOffer', {
      intent: intent.id,
      vendor: 'Harbour Mutual',
      price: '47,20',
      currency: 'GBP',
      period: 'month',
    });
    await call(page, 'addOffer', {
      intent: intent.id,
      vendor: 'Kestrel Direct',
      price: '575',
      currency: 'GBP',
      period: 'year',
    });

    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Intents' }).click();
    await page.getByRole('heading', { name: 'Intents', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'car insurance' }).click();
    await page.getByRole('heading', { name: /^car insurance: offers by/ }).waitFor();
    await expect
      .poll(() => page.getByText(/^You pay Aegis Insurance/).textContent())
      .toMatch(/612.*a year now \(Car insurance\)/);
    const harbour = page.getByRole('row').filter({ hasText: 'Harbour Mutual' }).last();
    await expect.poll(() => harbour.textContent()).toMatch(/47[.,]20.*a month.*566[.,]40.*45[.,]60.*less/);
    expect(await page.getByRole('row').filter({ hasText: 'quotes@aegis.example' }).textContent()).toMatch(
      /Sent, waiting for an offer/,
    );

    await harbour.getByRole('button', { name: 'Accept Harbour Mutual…' }).click();
    const form = page.getByRole('form', { name: 'Accept the offer of Harbour Mutual' });
    await form.getByLabel('Name').check();
    await form.getByLabel('Home').check();
    await form.getByRole('button', { name: 'Accept and send to Harbour Mutual' }).click();
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: 'Harbour Mutual' }).last().textContent())
      .toMatch(/Accepted/);
    await page.getByRole('heading', { name: 'car insurance: closed' }).waitFor();

    const [, acceptance] = await exim.waitFor('sales@harbourmutual.example', 2);
    const decoded = decodedMime(acceptance ?? Buffer.alloc(0));
    expect(decoded).toContain(`From: Quiet Harbour <${persona.alias}>`);
    expect(decoded).toContain('Alex Morgan');
    expect(decoded).not.toMatch(/7400\s?123\s?456/);
    const [, decline] = await exim.waitFor('new@kestrel.example', 2);
    expect(decodedMime(decline ?? Buffer.alloc(0))).not.toContain('Alex Morgan');
    await page.close();
  });
});
