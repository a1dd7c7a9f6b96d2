import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vrm, type CliResult } from '../test/cli.js';

let dir: string;
let env: Record<string, string>;

const run = (...args: string[]): CliResult => vrm(['--store', join(dir, 'store.db'), ...args], env);
const ok = (...args: string[]): string => {
  const result = run(...args);
  expect(result.stderr.startsWith('vrm:') ? result.stderr : '', args.join(' ')).toBe('');
  expect(result.code, args.join(' ')).toBe(0);
  return result.stdout;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-cli-calendar-'));
  // 1 February 2027: a contract begun on 31 January renews on 28 February, not on 3 March.
  env = { VRM_PASSPHRASE: 'calendar from the command line', VRM_TODAY: '2027-02-01' };
  ok('init');
  ok('provider', 'add', 'Brightside Energy');
  ok(
    'contract',
    'add',
    'Strom',
    '--provider',
    'Brightside Energy',
    '--price',
    '89,50',
    '--currency',
    'EUR',
    '--cycle',
    'monthly',
    '--start',
    '2027-01-31',
    '--notice',
    '7 days',
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vrm calendar', () => {
  it('lists the agenda by month, in words', () => {
    const out = ok('calendar', 'agenda');
    expect(out).toContain('Agenda from 2027-02-01 until 2028-02-01');
    expect(out).toContain('February 2027');
    expect(out).toMatch(/2027-02-21\s+Last day to cancel: Brightside Energy – Strom/);
    expect(out).toMatch(/2027-02-28\s+Renewal: Brightside Energy – Strom/);
    const bad = run('calendar', 'agenda', '--from', '2027-02-30');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/from.*real date/);
  });

  it('makes the feed’s address, shows it only then, renews and revokes it', () => {
    const first = ok('calendar', 'feed');
    const url = /http:\/\/127\.0\.0\.1:7464\/calendar\/([A-Za-z0-9_-]{43})\.ics/.exec(first);
    expect(url).not.toBeNull();
    const again = ok('calendar', 'feed');
    expect(again).toContain('cannot show it again');
    expect(again).not.toContain(url?.[1] ?? '?');
    const renewed = ok('calendar', 'feed', '--renew', '--port', '8080');
    expect(renewed).toMatch(/http:\/\/127\.0\.0\.1:8080\/calendar\/[A-Za-z0-9_-]{43}\.ics/);
    expect(renewed).not.toContain(url?.[1] ?? '?');
    expect(ok('calendar', 'feed', '--revoke')).toContain('ended');
    const both = run('calendar', 'feed', '--renew', '--revoke');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/cannot be used with/);
  });

  it('exports the feed to a file only its owner can read, with the same UIDs each time', () => {
    const file = join(dir, 'deadlines.ics');
    expect(ok('calendar', 'export', '--out', file)).toContain('2 events');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const first = readFileSync(file, 'utf8');
    expect(first).toContain('DTSTART;VALUE=DATE:20270228');
    ok('calendar', 'export', '--out', file);
    const uids = (text: string) => text.match(/^UID:.*$/gm);
    expect(uids(readFileSync(file, 'utf8'))).toEqual(uids(first));
    expect(uids(first)).toHaveLength(2);
  });
});
