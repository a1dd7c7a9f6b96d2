import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../app.js';
import { sqliteConnection } from '../platform/db/sqlite/connection.js';
import { createStore, openStore } from '../platform/db/store.js';
import { VrmError } from '../platform/errors.js';
import { fixedClock, freshStore, TEST_PASSPHRASE, type TestStore } from '../test/store.js';

/** A contract's price history (issue 17, point 3): "Streamline TV: £10.99 → £12.99 from 14 March". */
let t: TestStore;
beforeEach(async () => {
  t = await freshStore();
});
afterEach(async () => {
  await t.dispose();
});

async function rejection(promise: Promise<unknown>): Promise<VrmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VrmError);
  return error as VrmError;
}

async function streamline() {
  const provider = await t.services.providers.add({ name: 'Streamline TV' });
  return t.services.contracts.add({
    providerId: provider.id,
    name: 'Streamline Standard',
    kind: 'subscription',
    price: '10,99',
    currency: 'GBP',
    billingCycle: 'monthly',
    startDate: '2025-02-03',
  });
}

const prices = (history: readonly { priceMinor: number; validFrom: string }[]) =>
  history.map((p) => [p.validFrom, p.priceMinor]);

describe('a contract’s price history', () => {
  it('starts with the price the contract was added with, from its start', async () => {
    const contract = await streamline();
    expect(contract.priceHistory).toMatchObject([
      { priceMinor: 1099, currency: 'GBP', validFrom: '2025-02-03', source: 'person', changePercent: null },
    ]);
  });

  it('records a price changed in an edit, from the day given, with the change in percent', async () => {
    const contract = await streamline();
    const raised = await t.services.contracts.update(contract.id, {
      price: '12,99',
      priceFrom: '2026-03-14',
    });
    expect(raised.priceMinor).toBe(1299);
    expect(raised.priceHistory).toMatchObject([
      { priceMinor: 1099, validFrom: '2025-02-03', changePercent: null },
      { priceMinor: 1299, validFrom: '2026-03-14', source: 'person', changePercent: 18.2 },
    ]);
    expect(await t.services.contracts.priceHistory(contract.id)).toEqual(raised.priceHistory);
  });

  it('dates a changed price today when no day is given, and records nothing when the price stays', async () => {
    const contract = await streamline();
    await t.services.contracts.update(contract.id, { name: 'Streamline Standard HD', price: '10.99' });
    expect((await t.services.contracts.get(contract.id)).priceHistory).toHaveLength(1);
    const raised = await t.services.contracts.update(contract.id, { price: '11.99' });
    expect(prices(raised.priceHistory)).toEqual([
      ['2025-02-03', 1099],
      ['2026-03-15', 1199],
    ]);
  });

  it('puts a change of a past price in its place, and keeps the latest price the contract’s own', async () => {
    const contract = await streamline();
    await t.services.contracts.update(contract.id, { price: '12,99', priceFrom: '2026-03-14' });
    const corrected = await t.services.contracts.update(contract.id, {
      price: '11,49',
      priceFrom: '2025-09-01',
    });
    expect(prices(corrected.priceHistory)).toEqual([
      ['2025-02-03', 1099],
      ['2025-09-01', 1149],
      ['2026-03-14', 1299],
    ]);
    expect(corrected.priceHistory.map((p) => p.changePercent)).toEqual([null, 4.5, 13.1]);
    expect(corrected.priceMinor).toBe(1299);
  });

  it('records the bank’s price once however often it is seen, and makes the latest the contract’s price', async () => {
    const contract = await streamline();
    const bank = { price: '12.99', validFrom: '2026-03-14', source: 'bank' as const };
    await t.services.contracts.recordPrice(contract.id, bank);
    const again = await t.services.contracts.recordPrice(contract.id, bank);
    // The same price seen again in a later payment is no change either.
    await t.services.contracts.recordPrice(contract.id, { ...bank, validFrom: '2026-04-14' });
    const history = await t.services.contracts.priceHistory(contract.id);
    expect(history).toHaveLength(2);
    expect(history[1]).toMatchObject({ priceMinor: 1299, source: 'bank', validFrom: '2026-03-14' });
    expect(again.priceMinor).toBe(1299);
    // An earlier price from the bank goes into the history; the contract keeps its latest price.
    const earlier = await t.services.contracts.recordPrice(contract.id, {
      priceMinor: 1149,
      validFrom: '2025-09-03',
      source: 'bank',
      note: 'seen in the September payment',
    });
    expect(earlier.priceMinor).toBe(1299);
    expect(earlier.priceHistory[1]).toMatchObject({
      priceMinor: 1149,
      note: 'seen in the September payment',
    });
  });

  it('corrects the price of a day given again with another price', async () => {
    const contract = await streamline();
    await t.services.contracts.recordPrice(contract.id, { price: '12.99', validFrom: '2026-03-14' });
    const fixed = await t.services.contracts.recordPrice(contract.id, {
      price: '12.49',
      validFrom: '2026-03-14',
    });
    expect(prices(fixed.priceHistory)).toEqual([
      ['2025-02-03', 1099],
      ['2026-03-14', 1249],
    ]);
    expect(fixed.priceMinor).toBe(1249);
  });

  it('shows no percentage across a change of currency', async () => {
    const contract = await streamline();
    const euros = await t.services.contracts.update(contract.id, {
      price: '12,99',
      currency: 'EUR',
      priceFrom: '2026-01-01',
    });
    expect(euros.currency).toBe('EUR');
    expect(euros.priceHistory[1]).toMatchObject({ currency: 'EUR', changePercent: null });
  });

  it('moves the first price with the start, but never past a later change', async () => {
    const contract = await streamline();
    const moved = await t.services.contracts.update(contract.id, { startDate: '2025-01-20' });
    expect(moved.priceHistory[0]?.validFrom).toBe('2025-01-20');
    await t.services.contracts.update(contract.id, { price: '12,99', priceFrom: '2026-03-14' });
    const error = await rejection(t.services.contracts.update(contract.id, { startDate: '2026-04-01' }));
    expect(error.message).toMatch(/startDate: the price changed on 2026-03-14/);
  });

  it('goes when its contract is deleted', async () => {
    const contract = await streamline();
    await t.services.contracts.delete(contract.id);
    expect((await rejection(t.services.contracts.priceHistory(contract.id))).code).toBe('not_found');
  });
});

describe('bad input to the price history', () => {
  it('names an unknown contract', async () => {
    const error = await rejection(t.services.contracts.recordPrice(999, { price: '12.99' }));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('contract 999 does not exist');
    expect((await rejection(t.services.contracts.priceHistory(999))).message).toBe(
      'contract 999 does not exist',
    );
  });

  it('refuses a price from before the contract started, saying from when it may apply', async () => {
    const contract = await streamline();
    const error = await rejection(
      t.services.contracts.recordPrice(contract.id, { price: '9.99', validFrom: '2024-12-01' }),
    );
    expect(error.message).toMatch(
      /validFrom: 2024-12-01 is before the contract started on 2025-02-03: give a day on or after its start/,
    );
    const edit = await rejection(
      t.services.contracts.update(contract.id, { price: '9.99', priceFrom: '2024-12-01' }),
    );
    expect(edit.details[0]?.path).toBe('priceFrom');
  });

  it('refuses an amount that reads two ways, showing both', async () => {
    const contract = await streamline();
    const error = await rejection(t.services.contracts.recordPrice(contract.id, { price: '1,299' }));
    expect(error.message).toMatch(/"1,299" is unclear/);
    expect((await t.services.contracts.priceHistory(contract.id)).length).toBe(1);
  });

  it('asks for the price when only the day it applies from is given', async () => {
    const contract = await streamline();
    const error = await rejection(t.services.contracts.update(contract.id, { priceFrom: '2026-03-01' }));
    expect(error.message).toMatch(/priceFrom: give the price that applies from 2026-03-01/);
  });
});

describe('a contract from a recurring payment', () => {
  it('is made in one step, with the bank’s prices as its history', async () => {
    const provider = await t.services.providers.add({ name: 'Streamline TV' });
    const contract = await t.services.contracts.createFromBank({
      providerId: provider.id,
      name: 'Streamline TV',
      currency: 'GBP',
      billingCycle: 'monthly',
      startDate: '2025-02-03',
      notes: 'Found in the bank statements',
      priceHistory: [
        { priceMinor: 1299, validFrom: '2026-03-14' },
        { priceMinor: 1099, validFrom: '2025-02-03' },
      ],
    });
    expect(contract).toMatchObject({ kind: 'subscription', priceMinor: 1299, autoRenews: true });
    expect(contract.priceHistory).toMatchObject([
      { priceMinor: 1099, validFrom: '2025-02-03', source: 'bank' },
      { priceMinor: 1299, validFrom: '2026-03-14', source: 'bank', changePercent: 18.2 },
    ]);
  });

  it('takes the price alone when the bank saw no change, and refuses prices before the start', async () => {
    const provider = await t.services.providers.add({ name: 'Cloudbox' });
    const plain = await t.services.contracts.createFromBank({
      providerId: provider.id,
      name: 'Cloudbox 2 TB',
      priceMinor: 5999,
      currency: 'EUR',
      billingCycle: 'yearly',
      startDate: '2024-05-10',
    });
    expect(prices(plain.priceHistory)).toEqual([['2024-05-10', 5999]]);
    const error = await rejection(
      t.services.contracts.createFromBank({
        providerId: provider.id,
        name: 'Cloudbox 2 TB',
        currency: 'EUR',
        billingCycle: 'yearly',
        startDate: '2024-05-10',
        priceHistory: [{ priceMinor: 5999, validFrom: '2024-01-01' }],
      }),
    );
    expect(error.message).toMatch(/priceHistory\[0\]\.validFrom: 2024-01-01 is before the contract's start/);
  });
});

describe('the migration to price histories', () => {
  it('gives each contract of an older store its price from its start, and keeps documents and ids', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrm-prices-'));
    try {
      const path = join(dir, 'store.db');
      const old = await createStore(path, TEST_PASSPHRASE, { schemaVersion: 14 });
      const db = sqliteConnection(old);
      db.exec(`
        INSERT INTO providers (id, name, status, created_at, updated_at)
          VALUES (1, 'Streamline TV', 'active', '2025-01-01', '2025-01-01');
        INSERT INTO contracts (id, provider_id, name, kind, price_minor, currency, billing_cycle, start_date,
          auto_renews, created_at, updated_at)
          VALUES (1, 1, 'Standard', 'subscription', 1099, 'GBP', 'monthly', '2025-02-03', 1, '2025-02-03', '2025-02-03'),
                 (2, 1, 'Sport', 'subscription', 500, 'GBP', 'monthly', '2025-06-01', 1, '2025-06-01', '2025-06-01'),
                 (3, 1, 'Trial', 'subscription', 0, 'GBP', 'weekly', '2025-01-01', 1, '2025-01-01', '2025-01-01');
        DELETE FROM contracts WHERE id = 3;
        INSERT INTO documents (provider_id, contract_id, title, filename, media_type, size, sha256, content, added_at)
          VALUES (1, 1, 'Welcome letter', 'welcome.pdf', 'application/pdf', 1, 'x', x'00', '2025-02-03');
      `);
      await old.close();

      const store = await openStore(path, { passphrase: TEST_PASSPHRASE });
      try {
        const services = createServices(store, fixedClock());
        const [standard, sport] = await services.contracts.list();
        expect(standard?.priceHistory).toMatchObject([
          { priceMinor: 1099, currency: 'GBP', validFrom: '2025-02-03', source: 'person' },
        ]);
        expect(sport?.priceHistory).toMatchObject([{ priceMinor: 500, validFrom: '2025-06-01' }]);
        const [document] = await services.documents.list({ provider: 1 });
        expect(document?.contractId).toBe(1);
        // Setting the links aside and back is housekeeping, not a change the log should show.
        expect(await services.audit.list({ entity: 'documents' })).toHaveLength(1);
        // Half-yearly now passes the store's own check; the id of the deleted contract stays used.
        const added = await services.contracts.add({
          providerId: 1,
          name: 'Annual pass',
          price: '30',
          currency: 'GBP',
          billingCycle: 'half-yearly',
          startDate: '2026-01-01',
        });
        expect(added.id).toBe(4);
        const [change] = await services.audit.list({ entity: 'contract_prices', limit: 1 });
        expect(change?.newValues).toMatchObject({ contract_id: 4, price_minor: 3000 });
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
