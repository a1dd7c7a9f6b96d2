import { describe, expect, it } from 'vitest';
import { useApiServer } from '../test/http.js';

/**
 * The routes of the saved CSV column mappings (issue 17, the import page's mapping form): list,
 * save, remove, bad input named by its field, an unknown name a 404, and an upload read with one.
 */
const PASSPHRASE = 'my own bank layout, saved at home';

interface Saved {
  name: string;
  mapping: { columns: Record<string, unknown>; dateFormat?: string; decimalMark?: string };
}

const api = useApiServer('csv-mappings', PASSPHRASE);

const CSV = Buffer.from(
  'Buchung;Empfaenger;Betrag;Verwendung\n03.03.2026;Streamline TV;-12,99;Abo März\n04.03.2026;Bäckerei;-3,50;Brötchen\n',
);

describe('saved CSV column mappings over HTTP', () => {
  it('saves a mapping, lists it, imports a CSV no preset knows with it, and removes it', async () => {
    expect((await api.browser.call('GET', '/api/money/csv-mappings')).json()).toEqual([]);
    // A file no bank preset knows: the import names the header line and asks for a mapping.
    const unknown = await api.browser.call('POST', '/api/money/statements?name=bank.csv&currency=EUR', CSV);
    expect(unknown.status).toBe(200);
    expect(unknown.json<{ imported: number; skips: { location: string; reason: string }[] }>()).toMatchObject(
      {
        imported: 0,
        skips: [{ location: 'bank.csv:1', reason: expect.stringMatching(/map its columns/u) as string }],
      },
    );

    const mapping = {
      delimiter: 'auto',
      dateFormat: 'DD.MM.YYYY',
      decimalMark: ',',
      currency: 'EUR',
      columns: { date: 'Buchung', amount: 'Betrag', payee: 'Empfaenger', text: 'Verwendung' },
    };
    const saved = await api.browser.call('PUT', '/api/money/csv-mappings', { name: 'My bank', mapping });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json()).toMatchObject({ name: 'My bank', mapping: { columns: mapping.columns } });
    const listed = (await api.browser.call('GET', '/api/money/csv-mappings')).json<Saved[]>();
    expect(listed).toMatchObject([{ name: 'My bank', mapping: { columns: mapping.columns } }]);

    const imported = await api.browser.call(
      'POST',
      '/api/money/statements?name=bank.csv&mapping=My%20bank',
      CSV,
    );
    expect(imported.status, imported.text).toBe(200);
    expect(imported.json()).toMatchObject({ imported: 2, skipped: 0 });
    const bookings = (await api.browser.call('GET', '/api/money/transactions?search=streamline')).json<{
      items: { amountMinor: number; currency: string; bookedOn: string }[];
    }>();
    expect(bookings.items).toMatchObject([{ amountMinor: -1299, currency: 'EUR', bookedOn: '2026-03-03' }]);

    const removed = await api.browser.call('DELETE', '/api/money/csv-mappings/My%20bank');
    expect(removed.status, removed.text).toBe(200);
    expect(removed.json()).toEqual({ removed: 'My bank' });
    expect((await api.browser.call('GET', '/api/money/csv-mappings')).json()).toEqual([]);
  });

  it('names the field of a bad mapping, and answers an unknown name with 404', async () => {
    const cases: [string, string, unknown, number, RegExp][] = [
      ['PUT', '/api/money/csv-mappings', { mapping: { columns: { date: 'D', amount: 'A' } } }, 400, /name/u],
      [
        'PUT',
        '/api/money/csv-mappings',
        { name: 'X', mapping: { columns: { date: 'D' } } },
        400,
        /amount column: name the amount column, or both the debit and the credit column/u,
      ],
      [
        'PUT',
        '/api/money/csv-mappings',
        { name: 'X', mapping: { dateFormat: 'YYYY/DD', columns: { date: 'D', amount: 'A' } } },
        400,
        /date format must be one of DD\.MM\.YYYY/u,
      ],
      [
        'PUT',
        '/api/money/csv-mappings',
        { name: 'X', mapping: { currency: 'EURO', columns: { date: 'D', amount: 'A' } } },
        400,
        /currency/u,
      ],
      ['PUT', '/api/money/csv-mappings', { name: '  ', mapping: {} }, 400, /name must not be empty/u],
      ['DELETE', '/api/money/csv-mappings/Nobody', undefined, 404, /no CSV mapping is named "Nobody"/u],
    ];
    for (const [method, path, body, status, message] of cases) {
      const result = await api.browser.call(method, path, body);
      expect.soft(result.status, `${method} ${path}: ${result.text}`).toBe(status);
      const error = result.json<{ error?: { message: string; details: { path?: string }[] } }>().error;
      expect.soft(error?.message ?? result.text, `${method} ${path}`).toMatch(message);
      expect.soft(result.text).not.toMatch(/at .+\.(ts|js):\d+/u);
    }
    const bad = await api.browser.call('PUT', '/api/money/csv-mappings', {
      name: 'X',
      mapping: { columns: { date: 'D' } },
    });
    expect(bad.json<{ error: { details: { path?: string }[] } }>().error.details).toContainEqual(
      expect.objectContaining({ path: 'mapping.columns.amount' }),
    );
  });
});
