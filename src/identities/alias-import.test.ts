import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vrm } from '../test/cli.js';
import { freshStore, type TestStore } from '../test/store.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const read = (name: string) => readFileSync(fixture(name), 'utf8');

describe('importing alias-service exports', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore();
    await t.services.providers.add({ name: 'Acme Insurance', domains: ['acme.example'] });
    await t.services.providers.add({ name: 'Brightside Energy', domains: ['brightside.example'] });
  });
  afterEach(async () => {
    await t.dispose();
  });

  it("reads SimpleLogin's export, names each bad line, keeps the good rows, and suggests providers", async () => {
    const report = await t.services.aliasImport.importCsv(read('simplelogin.csv'), {
      file: 'simplelogin.csv',
    });
    expect(report).toMatchObject({ format: 'simplelogin', rows: 10, imported: 5, duplicates: 1 });
    expect(report.problems.map((p) => p.message)).toEqual([
      'simplelogin.csv: line 5: alias "not-an-address" is not an e-mail address',
      'simplelogin.csv: line 7: expected 4 fields (alias,note,enabled,mailboxes), found 3',
      'simplelogin.csv: line 9: enabled must be true or false, not "maybe"',
      'simplelogin.csv: line 10: a quote opens here and is never closed',
    ]);
    const byAddress = new Map(report.identities.map((i) => [i.value, i]));
    expect(byAddress.get('acme_insurance.k3f9@simplelogin.com')).toMatchObject({
      providerId: 1,
      review: 'suggested',
      reviewReason: 'the alias holds "acme", which names Acme Insurance',
      note: 'Car insurance, renewed yearly',
      origin: 'simplelogin',
    });
    expect(byAddress.get('random.word55@aleeas.com')).toMatchObject({
      providerId: 2,
      reviewReason: 'the note mentions brightside.example, a domain of Brightside Energy',
    });
    expect(byAddress.get('netflix.x7q2@simplelogin.com')).toMatchObject({
      providerId: null,
      review: 'suggested',
      reviewReason: expect.stringMatching(
        /names Netflix .* in the directory \[directory:[a-z0-9-]+\]$/,
      ) as unknown,
    });
    expect(byAddress.get('forum.z9@simplelogin.com')).toMatchObject({
      enabled: 0,
      note: 'a "quoted" note',
      review: 'unmatched',
    });
    expect(byAddress.get('last.ok@simplelogin.com')).toMatchObject({ review: 'unmatched' });
    // Nothing is recorded as disclosed until the person confirms.
    expect(await t.services.disclosures.list()).toEqual([]);

    // Importing the same file again changes nothing.
    const again = await t.services.aliasImport.importCsv(read('simplelogin.csv'), {
      file: 'simplelogin.csv',
    });
    expect(again).toMatchObject({ imported: 0, duplicates: 6 });
  });

  it('confirms a suggestion (making the provider from the directory), rejects another, and records the disclosure', async () => {
    const { aliasImport, providers, disclosures } = t.services;
    const report = await aliasImport.importCsv(read('simplelogin.csv'));
    const id = (value: string) => report.identities.find((i) => i.value === value)?.id ?? 0;
    expect((await aliasImport.queue()).length).toBe(5);

    const acme = await aliasImport.confirm(id('acme_insurance.k3f9@simplelogin.com'));
    expect(acme).toMatchObject({ review: 'confirmed', providerId: 1 });
    const netflix = await aliasImport.confirm(id('netflix.x7q2@simplelogin.com'));
    const made = await providers.get(netflix.providerId ?? 0);
    expect(made.name).toMatch(/^Netflix/);
    expect(made.directorySlug).not.toBeNull();
    expect((await disclosures.list()).map((d) => [d.provider, d.identityId])).toEqual([
      ['Acme Insurance', acme.id],
      [made.name, netflix.id],
    ]);

    const wrong = await aliasImport.reject(id('random.word55@aleeas.com'));
    expect(wrong).toMatchObject({ providerId: null, review: 'unmatched', reviewReason: null });
    await expect(aliasImport.confirm(wrong.id)).rejects.toThrow(/no suggested provider: name the provider/);
    expect(await aliasImport.confirm(wrong.id, { provider: 'brightside energy' })).toMatchObject({
      providerId: 2,
    });
    await expect(aliasImport.confirm(wrong.id)).rejects.toThrow(/confirmed already/);
    await expect(aliasImport.reject(9999)).rejects.toThrow(/identity 9999 does not exist/);
    expect((await aliasImport.queue()).length).toBe(2);
  });

  it("reads addy.io's export: description as the note, active and deleted_at for the status", async () => {
    const report = await t.services.aliasImport.importCsv(read('addy.csv'), { file: 'addy.csv' });
    expect(report).toMatchObject({ format: 'addy', imported: 2 });
    expect(report.problems.map((p) => p.message)).toEqual([
      'addy.csv: line 4: email "bad@@alex.anonaddy.com" is not an e-mail address',
    ]);
    expect(report.identities.map((i) => [i.value, i.providerId, i.enabled, i.origin])).toEqual([
      ['acme@alex.anonaddy.com', 1, 1, 'addy'],
      ['old@alex.anonaddy.com', null, 0, 'addy'],
    ]);
    expect(report.identities[0]?.reviewReason).toBe('the note names Acme Insurance');
  });

  it('reports each broken quote on the line it opens, and imports every good row around it', async () => {
    const report = await t.services.aliasImport.importCsv(read('broken-quotes.csv'), {
      file: 'broken-quotes.csv',
    });
    expect(report.problems.map((p) => p.message)).toEqual([
      'broken-quotes.csv: line 4: a quote opens here and is not closed on this line (read on to line 6, the record is broken)',
      'broken-quotes.csv: line 8: a quote opens here and is not closed on this line: it would take in line 9, a row of its own',
      'broken-quotes.csv: line 10: a quote inside field 2, which does not start with one: quote the whole field and double the quote ("")',
      'broken-quotes.csv: line 12: a quote opens here and is never closed',
    ]);
    expect(report.identities.map((i) => [i.value, i.note])).toEqual([
      ['first.a1@simplelogin.com', 'plain'],
      ['good.b2@simplelogin.com', 'read on its own line'],
      ['multi.c3@simplelogin.com', 'a note\nover two lines, as SimpleLogin writes it'],
      ['good.e5@simplelogin.com', 'would be swallowed by the quote above'],
      ['good.g7@simplelogin.com', 'after them'],
      ['good.i9@simplelogin.com', 'the last row'],
    ]);
    // Every line that starts a record is either imported or reported: 6 + 4.
    expect(report.rows).toBe(10);
  });

  it('whichever row loses its closing quote, that row alone is reported and every other row is imported', async () => {
    const header = 'alias,note,enabled,mailboxes';
    for (let broken = 0; broken < 8; broken++) {
      const rows = Array.from({ length: 8 }, (_, k) =>
        k === broken
          ? `r${broken}.row${k}@simplelogin.com,"note ${k},true,alex@example.org`
          : `r${broken}.row${k}@simplelogin.com,"note ${k}",true,alex@example.org`,
      );
      const report = await t.services.aliasImport.importCsv([header, ...rows, ''].join('\r\n'));
      expect(
        report.problems.map((p) => p.line),
        `row ${broken}`,
      ).toEqual([broken + 2]);
      expect(report.identities.map((i) => i.value)).toEqual(
        rows.map((_, k) => `r${broken}.row${k}@simplelogin.com`).filter((_, k) => k !== broken),
      );
    }
  });

  it('refuses a file it cannot read as a whole, and says where', async () => {
    const { aliasImport } = t.services;
    await expect(aliasImport.importCsv('', { file: 'empty.csv' })).rejects.toThrow(
      'empty.csv: line 1: the file is empty; expected a header line',
    );
    await expect(aliasImport.importCsv('name,address\nx,y\n', { file: 'other.csv' })).rejects.toThrow(
      /^other\.csv: line 1: the header \(name,address\) is neither SimpleLogin's export/,
    );
    await expect(
      aliasImport.importCsv(read('addy.csv'), { format: 'simplelogin', file: 'addy.csv' }),
    ).rejects.toThrow(/addy\.csv: line 1: .* is not SimpleLogin's export/);
  });
});

describe('vrm identity import, review, confirm and reject', () => {
  it('imports with a summary and each bad line on stderr, then confirms from the queue', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrm-alias-import-cli-'));
    const env = { VRM_HOME: dir, VRM_PASSPHRASE: 'alias import cli passphrase' };
    const run = (...args: string[]) => vrm(args, env);
    try {
      expect(run('init').code).toBe(0);
      expect(run('provider', 'add', 'Acme Insurance', '--domain', 'acme.example').code).toBe(0);
      const imported = run('identity', 'import', fixture('simplelogin.csv').pathname);
      // Some lines were refused: the good rows are in, and the exit code says not all were.
      expect(imported.code).toBe(2);
      expect(imported.stderr).toMatch(
        /^vrm: .*simplelogin\.csv: 4 lines refused, listed above; the other rows were imported$/m,
      );
      expect(imported.stdout).toMatch(
        /Imported 5 aliases from .*simplelogin\.csv \(SimpleLogin\): 2 suggested, 3 unmatched; 1 duplicate; 4 lines skipped/,
      );
      expect(imported.stderr).toMatch(
        /simplelogin\.csv: line 5: alias "not-an-address" is not an e-mail address/,
      );
      const queue = JSON.parse(run('identity', 'review', '--json').stdout) as { id: number; value: string }[];
      expect(queue).toHaveLength(5);
      const acme = queue.find((q) => q.value.startsWith('acme_insurance'));
      expect(run('identity', 'confirm', String(acme?.id)).stdout).toMatch(
        /given to Acme Insurance \(recorded as disclosed\)/,
      );
      expect(run('identity', 'reject', String(acme?.id)).stderr).toMatch(/^vrm: identity \d+ is confirmed/);
      const missing = run('identity', 'import', join(dir, 'nope.csv'));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^vrm: cannot read .*nope\.csv: no such file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
