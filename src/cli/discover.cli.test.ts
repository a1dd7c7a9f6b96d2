import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vrm, type CliResult } from '../test/cli.js';

/** `vrm discover` (issue 16, part 5): who else has my data, at the terminal. */
let dir: string;
let env: Record<string, string>;

const run = (...args: string[]): CliResult => vrm(['--store', join(dir, 'store.db'), ...args], env);
const ok = (...args: string[]): string => {
  const result = run(...args);
  expect(result.stderr.startsWith('vrm:') ? result.stderr : '', args.join(' ')).toBe('');
  expect(result.code, args.join(' ')).toBe(0);
  return result.stdout;
};

const message = (from: string, to: string, subject: string, day: number) =>
  [
    `From x@example.org Tue Mar ${day} 09:00:00 2026`,
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Date: ${day} Mar 2026 09:00:00 +0000`,
    `Message-ID: <${subject.replace(/\W/g, '')}@test.example>`,
    '',
    'Hello.',
    '',
  ].join('\n');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-cli-discover-'));
  env = { VRM_PASSPHRASE: 'who else has my data', VRM_TODAY: '2026-03-15' };
  ok('init');
  ok('provider', 'add', 'Acme', '--domain', 'acme.example');
  ok('alias', 'setup', '--kind', 'catchall', 'alexmorgan.example');
  ok('identity', 'add', '--provider', 'Acme', '--email', 'acme@alexmorgan.example');
  ok('fact', 'add', 'email', 'alex.morgan@posteo.de', '--label', 'personal');
  const mbox = join(dir, 'inbox.mbox');
  writeFileSync(
    mbox,
    [
      message('Acme <news@acme.example>', 'acme@alexmorgan.example', 'Acme news', 2),
      message('Corner Shop <orders@cornershop.example>', 'alex.morgan@posteo.de', 'Order one', 3),
      message('Corner Shop <orders@cornershop.example>', 'alex.morgan@posteo.de', 'Order two', 9),
      message('Broker Deals <offers@databroker.example>', 'acme@alexmorgan.example', 'Deals', 4),
      message('Sam <sam@gmail.com>', 'alex.morgan@posteo.de', 'Dinner', 5),
    ].join('\n'),
  );
  ok('mail', 'import', mbox);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vrm discover', () => {
  it('lists who wrote to my addresses and is no provider, with the leak said plainly', () => {
    const out = ok('discover');
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^ORGANISATION\s+MESSAGES\s+LAST\s+WROTE TO\s+IN DIRECTORY$/);
    expect(lines[1]).toMatch(
      /^Corner Shop \(cornershop\.example\)\s+2\s+2026-03-09\s+alex\.morgan@posteo\.de \(your personal address\)\s+no$/,
    );
    expect(lines[2]).toMatch(
      /^Broker Deals \(databroker\.example\)\s+1\s+2026-03-04\s+acme@alexmorgan\.example \(LEAK: given to Acme\)\s+no$/,
    );
    expect(out).not.toContain('gmail.com');
    expect(out).not.toContain('acme.example)');
    expect(out).toContain('vrm discover add cornershop.example');
    const json = JSON.parse(ok('discover', 'list', '--json')) as { domain: string; leak: boolean }[];
    expect(json.map((o) => [o.domain, o.leak])).toEqual([
      ['cornershop.example', false],
      ['databroker.example', true],
    ]);
  });

  it('adds one to the providers, with its past mail, and hides and shows one again', () => {
    const added = ok('discover', 'add', 'cornershop.example');
    expect(added).toMatch(/^Added Corner Shop \(provider \d+\); 2 messages are now its mail\./);
    expect(ok('provider', 'list')).toContain('Corner Shop');
    expect(ok('discover')).not.toContain('cornershop.example');

    expect(ok('discover', 'dismiss', 'databroker.example')).toContain('Dismissed Broker Deals');
    expect(ok('discover')).toContain('Nobody outside your providers wrote to your addresses');
    expect(ok('discover', '--all')).toContain('Broker Deals (databroker.example) · dismissed');
    ok('discover', 'undismiss', 'databroker.example');
    expect(ok('discover')).toContain('Broker Deals (databroker.example)');
  });

  it('answers a bad, known or unknown domain with one line and the right exit code', () => {
    const bad = run('discover', 'add', 'not a domain');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('domain must be a mail domain such as shop.example');
    const known = run('discover', 'add', 'acme.example');
    expect(known.code).toBe(4);
    expect(known.stderr).toContain('acme.example is already in your providers as Acme');
    const unknown = run('discover', 'add', 'nobody.example');
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('no organisation at nobody.example wrote to your addresses');
  });
});
