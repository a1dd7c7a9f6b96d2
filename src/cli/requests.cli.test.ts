import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vrm, type CliResult } from '../test/cli.js';
import { craftZip } from '../test/zip.js';

/**
 * Data-subject requests from the CLI (issue 16): a letter request to a provider of the directory,
 * its deadline in words, an answer imported and compared with what was given; a late one
 * admonished and complained of to the ICO with its PDF bundle; and bad input, each refused with
 * one line and the store unchanged. The day is set with VRM_TODAY, as a real proceeding's days go.
 */
const PASSPHRASE = 'request cli passphrase';
let dir: string;
let store: string;
let session: string;

const run = (today: string, ...args: string[]): CliResult =>
  vrm(['--store', store, ...args], { VRM_SESSION: session, VRM_TODAY: today });

const ok = (today: string, ...args: string[]): string => {
  const result = run(today, ...args);
  expect(result.stderr.startsWith('vrm:') ? result.stderr : '', args.join(' ')).toBe('');
  expect(result.code, `vrm ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
};

/** One line on stderr, a documented exit code, no stack trace. */
function refused(result: CliResult, code: number, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(code);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^vrm: /);
  expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(lines[0]).toMatch(pattern);
}

// Each step runs the real binary, a second or more on a busy machine.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-request-cli-'));
  store = join(dir, 'store.db');
  expect(vrm(['--store', store, 'init'], { VRM_PASSPHRASE: PASSPHRASE }).code).toBe(0);
  session = vrm(['--store', store, 'unlock', '--raw'], { VRM_PASSPHRASE: PASSPHRASE }).stdout.trim();
  const day = '2026-01-05';
  ok(day, 'fact', 'add', 'name', 'Alex Morgan', '--label', 'name');
  ok(
    day,
    'fact',
    'add',
    'postal-address',
    '12 Cotham Hill',
    '--label',
    'home',
    '--locality',
    'Bristol',
    '--postcode',
    'BS6 6LA',
    '--country',
    'GB',
  );
  ok(day, 'fact', 'add', 'email', 'alex@example.org', '--label', 'personal');
  ok(day, 'fact', 'add', 'date', '1988-04-12', '--label', 'birthday');
  // Two organisations of the directory, each given the home address and the e-mail address.
  for (const slug of ['spotify', 'barclays']) {
    expect(ok(day, 'provider', 'add', '--from-directory', slug)).toMatch(/from the directory/);
    ok(
      day,
      'disclosure',
      'record',
      slug,
      '--facts',
      'home,personal',
      '--purpose',
      'service',
      '--on',
      '2024-01-10',
    );
  }
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('vrm request', () => {
  it('drafts a letter, counts its deadline from receipt, and compares the answer with what was given', () => {
    const day = '2026-03-02';
    const drafted = ok(day, 'request', 'new', 'Spotify AB', '--channel', 'letter');
    expect(drafted).toMatch(/Drafted request 1: Access to my personal data \(Art\. 15\) to Spotify AB/);
    expect(drafted).toMatch(/^to:\s+.*Stockholm/m);
    expect(drafted).toMatch(/^by:\s+letter$/m);
    expect(drafted).toMatch(/^subject:\s+Access to my personal data \(Art\. 15 GDPR\)$/m);
    expect(drafted).toContain('12 Cotham Hill');
    expect(drafted).toMatch(/^Next: /m);
    // The date of birth was never given to them: it is not in the request.
    expect(drafted).not.toContain('1988');

    const pdf = join(dir, 'request.pdf');
    expect(ok(day, 'request', 'letter', '1', '--out', pdf)).toMatch(/Wrote .*request\.pdf: \d pages?/);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    // Posted Monday 2 March with three days' post: received Thursday 5 March; a month on is
    // Sunday 5 April, then Easter Monday, so the answer is due Tuesday 7 April.
    expect(ok(day, 'request', 'sent', '1', '--delivery-days', '3')).toMatch(
      /sent on 2026-03-02; the answer is due by 2026-04-07/,
    );
    const shown = ok('2026-03-10', 'request', 'show', '1');
    expect(shown).toMatch(/^status:\s+waiting$/m);
    expect(shown).toContain('Received: 2026-03-05');
    expect(shown).toContain('Posted Monday 2 March 2026 + 3 delivery days = Thursday 5 March 2026');
    expect(shown).toContain('Answer due (one month): 2026-04-07');
    expect(shown).toMatch(/Easter Monday → Tuesday 7 April 2026/);
    expect(shown).toMatch(/2026-03-02 {2}request to them by letter \(sent\)/);

    // Their answer: a ZIP with a profile that holds the date of birth, and an entry that escapes.
    const zip = join(dir, 'spotify-export.zip');
    writeFileSync(
      zip,
      craftZip([
        {
          name: 'profile.json',
          data: JSON.stringify({ email: 'alex@example.org', dateOfBirth: '1988-04-12' }),
        },
        { name: '../escape.txt', data: 'outside' },
      ]),
    );
    const imported = ok('2026-03-20', 'request', 'answer', '1', zip);
    expect(imported).toMatch(/Imported spotify-export\.zip: 1 file kept/);
    expect(imported).toMatch(/problem: \.\.\/escape\.txt: .*\(not kept\)/);
    expect(imported).toMatch(/1 never given, 0 outdated, 1 left out, 0 unknown, 0 passed on/);

    const answered = ok('2026-03-20', 'request', 'show', '1');
    expect(answered).toMatch(/^status:\s+answered$/m);
    expect(answered).toContain('spotify-export.zip, imported 2026-03-20: 1 file kept');
    expect(answered).toMatch(
      /They hold what you never gave them[^\n]*:\n {2}- birthday: 1988-04-12, in profile\.json at \$\.dateOfBirth/,
    );
    expect(answered).toMatch(/the answer leaves it out[^\n]*:\n {2}- home/);
    const json = JSON.parse(ok('2026-03-20', 'request', 'show', '1', '--json')) as {
      status: string;
      comparison: { neverGiven: { fact: { label: string } }[] };
    };
    expect(json.status).toBe('answered');
    expect(json.comparison.neverGiven.map((n) => n.fact.label)).toEqual(['birthday']);
  }, 240_000);

  it('admonishes a late request, complains to the ICO, and makes the complaint’s PDF bundle', () => {
    ok('2026-01-05', 'request', 'new', 'barclays', '--channel', 'letter');
    ok('2026-01-05', 'request', 'sent', '2', '--delivery-days', '2');
    const late = '2026-02-20';
    const list = ok(late, 'request', 'list', '--status', 'overdue');
    expect(list).toMatch(/^\s*2\s+Barclays PLC\s+.*overdue\s+2026-02-09 \(late\)\s+The answer is late/m);
    expect(list).not.toContain('Spotify');

    const admonition = ok(late, 'request', 'admonish', '2');
    expect(admonition).toMatch(/Drafted an admonition to Barclays PLC/);
    expect(admonition).toMatch(/the period of Art\. 12\(3\) GDPR ended on 9 February 2026/);
    expect(admonition).toMatch(/Post or paste it, then `vrm request sent 2`/);
    expect(admonition).not.toMatch(/^Next: /m);
    expect(ok(late, 'request', 'sent', '2')).toMatch(
      /admonition to Barclays PLC sent on 2026-02-20; the answer is due by 2026-03-06/,
    );

    const later = '2026-03-10';
    expect(ok(later, 'request', 'show', '2')).toMatch(/^status:\s+overdue$/m);
    const complaint = ok(later, 'request', 'complain', '2', '--authority', 'gbico');
    expect(complaint).toMatch(/Drafted a complaint to .*Information Commissioner/);
    const bundle = join(dir, 'complaint.pdf');
    expect(ok(later, 'request', 'bundle', '2', '--out', bundle)).toMatch(/Wrote .*complaint\.pdf/);
    expect(existsSync(bundle)).toBe(true);
    expect(() => execFileSync('qpdf', ['--check', bundle], { stdio: 'pipe' })).not.toThrow();
    const text = execFileSync('pdftotext', ['-layout', bundle, '-']).toString('utf8');
    expect(text).toContain('Barclays PLC');
    expect(ok(later, 'request', 'sent', '2')).toMatch(/complaint to Barclays PLC sent on 2026-03-10/);
    expect(ok(later, 'request', 'show', '2')).toMatch(/^status:\s+complaint lodged$/m);
    expect(ok(later, 'request', 'authorities', 'GB')).toMatch(/gbico\s+.*Information Commissioner/);
  }, 240_000);

  it('asks everyone who holds a fact in one campaign, with one view of its progress', () => {
    const day = '2026-03-20';
    const started = ok(day, 'request', 'campaign', 'start', '--fact', 'personal', '--kind', 'erasure');
    expect(started).toMatch(/Started request campaign 1: drafted 2 requests to everyone who holds personal/);
    expect(started).toMatch(/Barclays PLC\s+Erasure of my personal data \(Art\. 17\)\s+letter\s+drafted/);
    expect(started).toMatch(/Spotify AB\s+Erasure of my personal data \(Art\. 17\)\s+letter\s+drafted/);
    expect(ok(day, 'request', 'campaign', 'list')).toMatch(
      /^\s*1\s+Erasure .*everyone who holds personal\s+2026-03-20\s+2 drafted$/m,
    );
    expect(ok(day, 'request', 'campaign', 'show', '1')).toMatch(/2 requests: 2 drafted\./);
    // Both go by letter (no alias of theirs to send from): nothing for the outbox, and it says how.
    refused(
      run(day, 'request', 'campaign', 'send', '1'),
      4,
      /no e-mail request ready to send: letters and web forms are sent by you/,
    );
    refused(
      run(day, 'request', 'send', '3'),
      4,
      /goes by a letter: print it \(`vrm request letter 3`\), then mark it sent/,
    );
    refused(run(day, 'request', 'campaign', 'start'), 2, /Give either a fact .* or a category/);
    refused(run(day, 'request', 'campaign', 'show', '9'), 3, /no request campaign 9/);
  }, 240_000);

  it('edits a draft, records an extension, a message by post and an answer read on paper, then withdraws it', () => {
    ok('2026-03-20', 'request', 'new', 'Spotify AB', '--kind', 'restriction', '--channel', 'letter');
    expect(ok('2026-03-20', 'request', 'edit', '5', '--subject', 'Restrict my data, please')).toMatch(
      /Saved request 5 to Spotify AB \(by letter\)/,
    );
    expect(ok('2026-03-20', 'request', 'show', '5')).toContain('Restrict my data, please');
    ok('2026-03-20', 'request', 'sent', '5', '--delivery-days', '0');
    const day = '2026-03-25';
    expect(ok(day, 'request', 'extension', '5', '--on', day)).toMatch(
      /does not extend the deadline.*no reasons/,
    );
    expect(
      ok(day, 'request', 'extension', '5', '--on', day, '--reasons', 'The number of requests this month'),
    ).toMatch(/^Extension recorded: the answer is due by 2026-06-2\d\./m);
    expect(ok(day, 'request', 'received', '5', '--on', day, '--subject', 'We are on it')).toMatch(
      /Recorded the message from Spotify AB of 2026-03-25/,
    );
    expect(ok('2026-04-01', 'request', 'answered', '5', '--missing', 'source,recipients')).toMatch(
      /as incomplete, leaving out source, recipients/,
    );
    expect(ok('2026-04-01', 'request', 'show', '5')).toMatch(/notice of extension from them \(received\)/);
    expect(ok('2026-04-02', 'request', 'withdraw', '5')).toMatch(/Withdrawn on 2026-04-02/);
    expect(ok('2026-04-02', 'request', 'list', '--status', 'withdrawn')).toMatch(
      /^\s*5\s+Spotify AB\s+Restriction/m,
    );
  }, 240_000);

  it('refuses bad input with one clear line and leaves the store as it was', () => {
    const day = '2026-03-20';
    const before = ok(day, 'export');
    refused(run(day, 'request', 'new', 'No Such Provider Ltd'), 3, /no provider .*No Such Provider Ltd/);
    refused(
      run(day, 'request', 'new', 'Spotify AB', '--kind', 'erasure', '--delivery-days', '99'),
      2,
      /Delivery days must be at most 30/,
    );
    refused(
      run(day, 'request', 'extension', '1', '--on', '2020-13-01'),
      2,
      /--on: must be a real date written YYYY-MM-DD/,
    );
    const empty = join(dir, 'empty.zip');
    writeFileSync(empty, '');
    refused(run(day, 'request', 'answer', '1', empty), 2, /empty\.zip is empty/);
    refused(
      run(day, 'request', 'answer', '1', join(dir, 'spotify-export.zip')),
      4,
      /imported into request 1 already, on 2026-03-20.*nothing was added/,
    );
    refused(run(day, 'request', 'answer', '1'), 2, /give the file they sent/);
    refused(run(day, 'request', 'show', '9999'), 3, /no request 9999/);
    refused(run(day, 'request', 'new', 'Spotify AB', '--kind', 'everything'), 2, /Allowed choices/);
    expect(ok(day, 'export')).toBe(before);
  }, 240_000);
});
