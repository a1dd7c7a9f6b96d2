import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vrm } from '../test/cli.js';

/** `vrm letter write` and `vrm letter posted`, through the real binary. */
const dir = mkdtempSync(join(tmpdir(), 'vrm-letter-cli-'));
const env = { VRM_HOME: dir, VRM_PASSPHRASE: 'letter cli passphrase', VRM_TODAY: '2026-12-07' };
const run = (...args: string[]) => vrm(args, env);
const ok = (...args: string[]) => {
  const result = run(...args);
  expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result.stdout;
};
const refused = (...args: string[]) => {
  const result = run(...args);
  expect(result.code, args.join(' ')).not.toBe(0);
  expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  return result.stderr.trim();
};

beforeAll(() => {
  ok('init');
  ok('fact', 'add', 'name', 'Alex Morgan', '--label', 'name');
  ok(
    'fact',
    'add',
    'postal_address',
    '--label',
    'Bristol',
    '--line',
    '12 Harbour Road',
    '--locality',
    'Bristol',
    '--postcode',
    'BS1 4DJ',
    '--country',
    'GB',
  );
  ok('fact', 'add', 'email', 'alex@example.org', '--label', 'mail');
  ok(
    'provider',
    'add',
    'Northern Power',
    '--country',
    'GB',
    '--address',
    '1 Mill Street\\nMANCHESTER\\nM1 2AB',
  );
  ok('account', 'add', '--provider', 'Northern Power', '--number', 'NP-123456');
  ok('provider', 'add', 'Nowhere Ltd', '--country', 'GB');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pdftotext = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('vrm letter write', () => {
  it('writes the PDF readable by its owner alone, and will not overwrite it without --force', () => {
    const out = join(dir, 'letter.pdf');
    const said = ok(
      'letter',
      'write',
      'Northern Power',
      '--from',
      'bristol',
      '--subject',
      'Change of address',
      '--body',
      'I have moved.\n\nPlease update my account.',
      '--out',
      out,
    );
    expect(said).toContain(
      `Wrote ${out}: 1 page, uk layout, to Northern Power, 1 Mill Street, MANCHESTER, M1 2AB.`,
    );
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const text = pdftotext(out);
    expect(text).toContain('Change of address');
    expect(text).toMatch(/Customer number\s+NP-123456/);
    expect(text).toContain('7 December 2026');

    const again = refused(
      'letter',
      'write',
      'Northern Power',
      '--from',
      'bristol',
      '--subject',
      'Second',
      '--body',
      'x',
      '--out',
      out,
    );
    expect(again).toBe(`vrm: ${out} already exists: give the name of a new file for the letter`);
    expect(pdftotext(out)).toContain('Change of address');
    ok(
      'letter',
      'write',
      'Northern Power',
      '--from',
      'bristol',
      '--subject',
      'Second letter',
      '--body',
      'x',
      '--out',
      out,
      '--force',
    );
    expect(pdftotext(out)).toContain('Second letter');
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('reads the text from a file, in German with form A when asked', () => {
    const body = join(dir, 'body.txt');
    writeFileSync(body, 'Bitte ändern Sie meine Anschrift.\n\nDie Gebühr von 12,50 € ist bezahlt.\n');
    const out = join(dir, 'brief.pdf');
    ok(
      'letter',
      'write',
      'Northern Power',
      '--from',
      'Bristol',
      '--subject',
      'Neue Anschrift',
      '--body-file',
      body,
      '--layout',
      'din5008-a',
      '--language',
      'de',
      '--date',
      '2026-12-24',
      '--out',
      out,
    );
    const text = pdftotext(out);
    expect(text).toContain('Die Gebühr von 12,50 € ist bezahlt.');
    expect(text).toMatch(/Datum\s+24\. Dezember 2026/);
    expect(text).toMatch(/Kundennummer\s+NP-123456/);
  });

  it('names the option of each refusal', () => {
    const out = join(dir, 'never.pdf');
    expect(
      refused(
        'letter',
        'write',
        'Nowhere Ltd',
        '--from',
        'bristol',
        '--subject',
        'Hello',
        '--body',
        'x',
        '--out',
        out,
      ),
    ).toBe(
      'vrm: letter: Nowhere Ltd has no postal address: add one on the provider page (Edit → Postal address), or with vrm provider update "Nowhere Ltd" --address "…"',
    );
    expect(
      refused(
        'letter',
        'write',
        'Northern Power',
        '--from',
        'mail',
        '--subject',
        'Hello',
        '--body',
        'x',
        '--out',
        out,
      ),
    ).toBe(
      'vrm: letter: --from: "mail" is an e-mail address, not a postal address: choose one of your postal addresses',
    );
    expect(
      refused(
        'letter',
        'write',
        'Northern Power',
        '--from',
        'bristol',
        '--subject',
        'Hello',
        '--body',
        ' ',
        '--out',
        out,
      ),
    ).toBe('vrm: letter: body must not be empty');
    expect(
      refused('letter', 'write', 'Northern Power', '--from', 'bristol', '--subject', 'Hello', '--out', out),
    ).toBe('vrm: --body: the letter needs a text: give --body TEXT or --body-file FILE');
    expect(
      refused(
        'letter',
        'write',
        'Northern Power',
        '--from',
        'bristol',
        '--subject',
        'Hello',
        '--body',
        'Danke 😀',
        '--out',
        out,
      ),
    ).toBe(
      'vrm: letter: body: "😀" (U+1F600) cannot be printed in the letter\'s font (Helvetica, Western European characters): replace it',
    );
    expect(() => statSync(out)).toThrow();
  });
});

describe('vrm letter posted', () => {
  it('puts the letter on the provider’s timeline with its PDF as a document', () => {
    const said = ok(
      'letter',
      'posted',
      'Northern Power',
      '--from',
      'bristol',
      '--subject',
      'Change of address',
      '--body',
      'I have moved.',
      '--on',
      '2026-12-08',
    );
    expect(said).toMatch(
      /^Recorded: letter "Change of address" posted on 2026-12-08 \(interaction \d+; the PDF is document (\d+)\)\./,
    );
    const id = /document (\d+)/.exec(said)?.[1] ?? '';
    const pdf = join(dir, 'kept.pdf');
    ok('document', 'get', id, '--output', pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(ok('interaction', 'list', '--provider', 'Northern Power')).toMatch(/→ letter\s+Change of address/);
  });
});
