import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vrm } from '../test/cli.js';

/** `vrm change letter` and `vrm change sent` of a letter item, through the real binary (issue 15). */
const dir = mkdtempSync(join(tmpdir(), 'vrm-change-letter-cli-'));
const env = { VRM_HOME: dir, VRM_PASSPHRASE: 'change letter passphrase', VRM_TODAY: '2026-03-15' };
const run = (...args: string[]) => vrm(args, env);
const ok = (...args: string[]) => {
  const result = run(...args);
  expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result.stdout;
};
const pdftotext = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

beforeAll(() => {
  ok('init');
  ok('fact', 'add', 'name', 'Alex Morgan', '--label', 'name');
  ok(
    'fact',
    'add',
    'postal-address',
    '4 Old Mill Lane',
    '--label',
    'home',
    '--locality',
    'Manchester',
    '--postcode',
    'M4 6AB',
    '--country',
    'GB',
    '--valid-from',
    '2019-08-01',
  );
  ok('provider', 'add', 'Stadtwerke Köln', '--country', 'DE', '--address', 'Postfach 1\\n50667 Köln');
  ok('account', 'add', '--provider', 'Stadtwerke Köln', '--number', 'SW-77');
  ok('provider', 'add', 'Harbour Bank', '--country', 'GB', '--privacy-email', 'privacy@harbour.example');
  for (const name of ['Stadtwerke Köln', 'Harbour Bank'])
    ok('disclosure', 'record', name, '--facts', 'home', '--purpose', 'service', '--on', '2020-01-10');
  ok(
    'fact',
    'update',
    '2',
    '12 Cotham Hill',
    '--locality',
    'Bristol',
    '--postcode',
    'BS6 6LA',
    '--country',
    'GB',
    '--valid-from',
    '2026-03-01',
  );
  ok('change', 'start', 'home');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vrm change letter', () => {
  it('writes the letter notice as a PDF readable by its owner alone, in German for a German provider', () => {
    const out = join(dir, 'stadtwerke.pdf');
    const said = ok('change', 'letter', '1', '--out', out, '--date', '2026-03-16');
    expect(said).toContain(
      `Wrote ${out}: 1 page, din5008-b layout, to Stadtwerke Köln, Postfach 1, 50667 Köln.`,
    );
    expect(said).toContain('vrm change sent 1 --on DATE');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const text = pdftotext(out);
    expect(text).toContain('Adressänderung (Kundennummer SW-77)');
    expect(text).toContain('12 Cotham Hill');
    expect(text).toMatch(/Datum\s+16\. März 2026/);
    expect(text.split('Sehr geehrte Damen und Herren,')).toHaveLength(2);

    const again = run('change', 'letter', '1', '--out', out);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already exists');
    ok('change', 'letter', '1', '--out', out, '--force');
  });

  it('refuses an e-mail item, saying how to make it a letter', () => {
    const result = run('change', 'letter', '2', '--out', join(dir, 'bank.pdf'));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('the notice to Harbour Bank goes by e-mail');
    expect(result.stderr).toContain('vrm change edit 2 --channel letter');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('keeps the posted letter with the provider when the item is marked sent', () => {
    expect(ok('change', 'sent', '1', '--on', '2026-03-16')).toContain(
      'Sent to Stadtwerke Köln on 2026-03-16',
    );
    const documents = JSON.parse(ok('document', 'list', '--provider', 'Stadtwerke Köln', '--json')) as {
      title: string;
      mediaType: string;
    }[];
    expect(documents).toMatchObject([
      { title: 'Letter: Adressänderung (Kundennummer SW-77)', mediaType: 'application/pdf' },
    ]);
    const timeline = ok('interaction', 'list', '--provider', 'Stadtwerke Köln');
    expect(timeline).toContain('Adressänderung (Kundennummer SW-77)');
  });
});
