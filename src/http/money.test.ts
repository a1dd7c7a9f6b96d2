import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { booking, shaOf, statement } from '../test/statements.js';
import { useApiServer } from '../test/http.js';

const FIXTURES = fileURLToPath(new URL('../money/formats/fixtures/', import.meta.url));

/** The routes of My money (issue 17): the lists, assigning a booking, rules, and bad input to them. */
const PASSPHRASE = 'my money over http, kept at home';

interface Listed {
  total: number;
  items: { id: number; counterpartyName: string; provider: string | null; confirmed: boolean }[];
}

const api = useApiServer('money', PASSPHRASE, {
  seed: async (services) => {
    await services.providers.add({ name: 'Streamline TV' });
    const read = statement([
      booking({ key: 'ref:1', counterpartyName: 'STV LIMITED', creditorId: 'DE98ZZZ09999999999' }),
      booking({
        key: 'ref:2',
        bookedOn: '2026-02-02',
        counterpartyName: 'STV LIMITED',
        creditorId: 'DE98ZZZ09999999999',
      }),
      booking({ key: 'ref:3', bookedOn: '2026-02-10', counterpartyName: 'John Smith', amountMinor: 5000 }),
    ]);
    await services.money.importStatement(read, { name: 'jan.xml', sha256: shaOf(read) });
  },
});

describe('the money routes', () => {
  it('lists the accounts, bookings and imports', async () => {
    const accounts = await api.browser.call('GET', '/api/money/accounts');
    expect(accounts.status).toBe(200);
    expect(accounts.json<{ count: number; balances: unknown[] }[]>()[0]).toMatchObject({
      count: 3,
      balances: [{ currency: 'EUR', minor: 5000 - 999 - 999 }],
    });
    const listed = (
      await api.browser.call('GET', '/api/money/transactions?unmatched=true&limit=2')
    ).json<Listed>();
    expect(listed.total).toBe(3);
    expect(listed.items.map((t) => t.counterpartyName)).toEqual(['John Smith', 'STV LIMITED']);
    const imports = await api.browser.call('GET', '/api/money/imports');
    expect(imports.json<{ items: { fileName: string; imported: number }[] }>().items).toMatchObject([
      { fileName: 'jan.xml', imported: 3 },
    ]);
  });

  it('assigns a booking, saving a rule that matches the other booking, and removes the rule', async () => {
    const { items } = (await api.browser.call('GET', '/api/money/transactions?search=stv')).json<Listed>();
    const first = items[1];
    const result = await api.browser.call('POST', `/api/money/transactions/${first?.id}/assign`, {
      provider: 'Streamline TV',
    });
    expect(result.status, result.text).toBe(200);
    expect(result.json()).toMatchObject({
      transaction: { provider: 'Streamline TV', confirmed: true },
      rule: { field: 'creditor_id', value: 'DE98ZZZ09999999999', provider: 'Streamline TV' },
      rematched: 1,
    });
    const byProvider = (
      await api.browser.call('GET', '/api/money/transactions?provider=Streamline%20TV')
    ).json<Listed>();
    expect(byProvider.total).toBe(2);
    const rules = (await api.browser.call('GET', '/api/money/rules')).json<{ id: number }[]>();
    expect(rules).toHaveLength(1);
    const removed = await api.browser.call('DELETE', `/api/money/rules/${rules[0]?.id}`);
    expect(removed.status).toBe(200);
    expect(removed.json()).toMatchObject({ rematched: 1 });
  });

  it('answers bad input with the field and what is wrong, never a stack trace', async () => {
    const cases: [string, string, unknown, number, RegExp][] = [
      [
        'POST',
        '/api/money/transactions/9999/assign',
        { provider: 'Streamline TV' },
        404,
        /transaction 9999 does not exist/,
      ],
      [
        'POST',
        '/api/money/transactions/1/assign',
        { provider: 'Nobody Ltd' },
        404,
        /no provider with id or name "Nobody Ltd"/,
      ],
      ['POST', '/api/money/transactions/1/assign', {}, 400, /provider/],
      ['POST', '/api/money/transactions/abc/assign', { provider: null }, 400, /id/],
      ['POST', '/api/money/transactions/3/accept', undefined, 400, /no suggestion from the directory/],
      ['DELETE', '/api/money/rules/9999', undefined, 404, /rule 9999 does not exist/],
      ['GET', '/api/money/transactions?limit=100000', undefined, 400, /limit: must be at most 500/],
      ['GET', '/api/money/transactions?from=2026-13-01', undefined, 400, /from: must be a real date/],
      [
        'GET',
        '/api/money/transactions?from=2026-03-01&to=2026-01-01',
        undefined,
        400,
        /to: must not be before from/,
      ],
      [
        'GET',
        `/api/money/transactions?search=${'x'.repeat(300)}`,
        undefined,
        400,
        /search: must be at most 200 characters/,
      ],
      [
        'GET',
        '/api/money/transactions?account=DE00NOWHERE',
        undefined,
        404,
        /account: no bank account is "DE00NOWHERE"/,
      ],
      ['GET', '/api/money/transactions?colour=red', undefined, 400, /colour/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const result = await api.browser.call(method, path, body);
      expect.soft(result.status, `${method} ${path}: ${result.text}`).toBe(status);
      const said = result.json<{ error?: { message: string } }>().error?.message ?? result.text;
      expect.soft(said, `${method} ${path}`).toMatch(message);
      expect.soft(result.text).not.toMatch(/at .+\.(ts|js):\d+/);
    }
  });

  it('imports an uploaded statement, names what it skipped, and keeps each booking once', async () => {
    const file = readFileSync(join(FIXTURES, 'camt053-v08.xml'));
    const upload = (bytes: Buffer, query: string) =>
      api.browser.call('POST', `/api/money/statements?${query}`, bytes);
    const first = await upload(file, 'name=march.xml');
    expect(first.status).toBe(200);
    const summary = first.json<{
      format: string;
      imported: number;
      duplicates: number;
      note: string | null;
    }>();
    expect(summary.format).toBe('camt');
    expect(summary.imported).toBeGreaterThan(0);
    // Its pending entry is told as a note beside the skips, not skipped.
    expect(first.json<{ skipped: number; notes: { location: string; reason: string }[] }>()).toMatchObject({
      skipped: 0,
      notes: [{ location: 'march.xml:231', reason: expect.stringContaining('1 pending booking') as string }],
    });
    const again = (await upload(file, 'name=march.xml')).json<typeof summary>();
    expect(again).toMatchObject({ imported: 0, duplicates: summary.imported + summary.duplicates });
    expect(again.note).toMatch(/^already imported on /u);

    const csv = Buffer.from(
      'Date;Payee;Amount\n2026-03-03;Streamline TV;-12,99\n2026-04-03;Streamline TV;zwölf\n',
    );
    const partial = await upload(csv, 'name=mine.csv&preset=generic&currency=GBP');
    expect(partial.status).toBe(200);
    expect(partial.json<{ imported: number; skips: { location: string; reason: string }[] }>()).toMatchObject(
      {
        imported: 1,
        skips: [{ location: 'mine.csv:3' }],
      },
    );
  });

  it('answers a bad statement upload with what is wrong', async () => {
    const cases: [string, Buffer, RegExp, number?][] = [
      ['', Buffer.from('x'), /name is required/u],
      [
        'name=a.csv&preset=nobank',
        Buffer.from('a;b\n1;2\n'),
        /no CSV preset "nobank"; the presets are ing-de/u,
      ],
      ['name=a.csv&mapping=Mine', Buffer.from('a;b\n1;2\n'), /no CSV mapping is named "Mine"/u, 404],
      ['name=a.qif&currency=XYZ', Buffer.from('!Type:Bank\n'), /currency/u],
      ['name=a.qif&dateOrder=ymd', Buffer.from('!Type:Bank\n'), /date order must be dmy or mdy/u],
    ];
    for (const [query, bytes, message, status = 400] of cases) {
      const result = await api.browser.call('POST', `/api/money/statements?${query}`, bytes);
      expect(result.status, query).toBe(status);
      expect(result.json<{ error: { message: string } }>().error.message, query).toMatch(message);
    }
  });
});
