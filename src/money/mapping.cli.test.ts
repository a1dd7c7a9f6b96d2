import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../platform/db/store.js';
import { vrm, type CliResult } from '../test/cli.js';

/**
 * `vrm money mapping list|save|remove` (issue 17): a bank's CSV no preset knows, mapped from the
 * command line (by options or a JSON file), used by `vrm money import --mapping`, and removed.
 */
const PASSPHRASE = 'my own bank layout on the command line';
let dir: string;
const env = { VRM_PASSPHRASE: PASSPHRASE };
const run = (...args: string[]): CliResult => vrm(['--store', join(dir, 'store.db'), ...args], env);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-cli-mapping-'));
  await (await createStore(join(dir, 'store.db'), PASSPHRASE)).close();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('vrm money mapping', () => {
  it('saves a mapping from options, imports a CSV with it, lists it, and removes it', () => {
    const csv = join(dir, 'giro.csv');
    writeFileSync(
      csv,
      'Buchungstag;Empfänger;Betrag (EUR)\n05.03.2026;Stadtwerke;-61,50\n06.03.2026;Bäcker;-3,20\n',
    );
    expect(run('money', 'mapping', 'list').stdout).toMatch(/No CSV mappings saved yet/);
    const saved = run(
      'money',
      'mapping',
      'save',
      'Meine Bank',
      '--date',
      'Buchungstag',
      '--amount',
      'Betrag (EUR)',
      '--payee',
      'Empfänger',
      '--currency',
      'EUR',
      '--date-format',
      'DD.MM.YYYY',
      '--decimal-comma',
    );
    expect(saved.stderr).toBe('');
    expect(saved.stdout).toMatch(
      /Saved the CSV mapping "Meine Bank" \(date: Buchungstag, amount: Betrag \(EUR\)/,
    );
    const imported = run('money', 'import', csv, '--mapping', 'Meine Bank');
    expect(imported.stderr + imported.stdout).toMatch(/2 imported, 0 already held, 0 skipped/);
    const listed = run('money', 'mapping', 'list', '--json');
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { name: 'Meine Bank', mapping: { currency: 'EUR', decimalMark: ',', dateFormat: 'DD.MM.YYYY' } },
    ]);

    // The same mapping from a JSON file, as `list --json` prints it, under another name.
    const file = join(dir, 'mapping.json');
    writeFileSync(file, JSON.stringify((JSON.parse(listed.stdout) as unknown[])[0]));
    expect(run('money', 'mapping', 'save', 'Copy', '--file', file).stdout).toMatch(
      /Saved the CSV mapping "Copy"/,
    );
    expect(run('money', 'mapping').stdout).toMatch(/Copy[\s\S]*Meine Bank|Meine Bank[\s\S]*Copy/);

    expect(run('money', 'mapping', 'remove', 'Copy').stdout).toMatch(/Removed the CSV mapping "Copy"/);
    expect(run('money', 'mapping', 'list').stdout).not.toMatch(/Copy/);
  });

  it('says what is wrong, by the option, with a non-zero exit', () => {
    const cases: [string[], RegExp][] = [
      [['money', 'mapping', 'save', 'X', '--date', 'Datum'], /amount column: name the amount column/],
      [
        ['money', 'mapping', 'save', 'X', '--date', 'D', '--amount', 'A', '--date-format', 'YY/DD'],
        /date format must be one of DD\.MM\.YYYY/,
      ],
      [
        ['money', 'mapping', 'save', 'X', '--file', join(dir, 'missing.json')],
        /cannot read the mapping .*no such file/,
      ],
      [['money', 'mapping', 'remove', 'Nobody'], /no CSV mapping is named "Nobody"/],
    ];
    for (const [args, message] of cases) {
      const result = run(...args);
      expect.soft(result.code, args.join(' ')).not.toBe(0);
      expect.soft(result.stderr, args.join(' ')).toMatch(message);
      expect.soft(result.stderr).not.toMatch(/at .+\.(ts|js):\d+/);
    }
  });
});
