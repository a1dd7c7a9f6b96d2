import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vrm, type CliResult } from '../test/cli.js';
import { buildProgram } from './main.js';
import { REFERENCE_START, renderReference } from './reference.js';

const PASSPHRASE = 'a long enough passphrase';
let dir: string;
let store: string;
let session: string;

/** Runs vrm on the test store with the session token. */
const run = (...args: string[]): CliResult =>
  vrm(['--store', store, ...args], { VRM_SESSION: session, VRM_TODAY: '2026-03-15' });
const json = <T>(...args: string[]): T => {
  const result = run(...args, '--json');
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
};
const ok = (...args: string[]): string => {
  const result = run(...args);
  expect(result.stderr + result.stdout).not.toMatch(/^\s+at /m);
  expect(result.code, `vrm ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
};
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The one-line error contract: a message, no stack trace, a documented non-zero exit. */
function expectOneLineError(result: CliResult, code: number, pattern?: RegExp): void {
  expect(result.code, `stderr: ${result.stderr}`).toBe(code);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^vrm: /);
  expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
  if (pattern) expect(lines[0]).toMatch(pattern);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-cli-'));
  store = join(dir, 'store.db');
  expect(vrm(['--store', store, 'init'], { VRM_PASSPHRASE: PASSPHRASE }).code).toBe(0);
  session = vrm(['--store', store, 'unlock', '--raw'], { VRM_PASSPHRASE: PASSPHRASE }).stdout.trim();
  ok(
    'provider',
    'add',
    'Northwind Energy',
    '--category',
    'energy',
    '--domain',
    'northwind.example',
    '--country',
    'GB',
  );
  ok('provider', 'add', 'Contoso Mobile', '--category', 'telecom', '--website', 'contoso.example');
  ok('account', 'add', '--provider', 'northwind', '--number', 'NW-100200');
  ok(
    'contract',
    'add',
    'Dual fuel',
    '--provider',
    'Northwind Energy',
    '--account',
    '1',
    '--price',
    '84.50',
    '--currency',
    'GBP',
    '--cycle',
    'monthly',
    '--start',
    '2025-01-15',
    '--term',
    '12 months',
    '--notice',
    '30 days',
  );
  ok('case', 'add', '--provider', '1', '--title', 'Estimated bills too high');
  ok(
    'interaction',
    'add',
    '--provider',
    '1',
    '--case',
    '1',
    '--channel',
    'phone',
    '--direction',
    'outbound',
    '--subject',
    'Asked for a meter reading',
    '--at',
    '2026-03-10T09:30:00Z',
    '--follow-up',
    '2026-03-14',
  );
  writeFileSync(join(dir, 'bill.txt'), 'March bill: 84.50 GBP');
  ok('document', 'add', join(dir, 'bill.txt'), '--provider', '1', '--contract', '1');
  ok('fact', 'add', 'email', 'alex@example.org', '--label', 'personal');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('vrm init, unlock and passphrase', () => {
  it('refuses to create a store over an existing one', () => {
    expectOneLineError(vrm(['--store', store, 'init'], { VRM_PASSPHRASE: PASSPHRASE }), 4, /already exists/);
  });

  it('opens the store with the session token alone, and prints no passphrase', () => {
    expect(session).toMatch(/^vrm1\.[A-Za-z0-9_-]{43}$/);
    expect(session).not.toContain(PASSPHRASE);
    const result = vrm(['--store', store, 'unlock'], { VRM_PASSPHRASE: PASSPHRASE });
    expect(result.stdout).toContain(`export VRM_SESSION="${session}"`);
    expect(result.stdout).not.toContain(PASSPHRASE);
  });

  it('rejects a wrong passphrase with exit 5 and leaves the file unchanged', () => {
    run('info'); // settle the WAL first, so only the wrong passphrase could change the file
    const before = { hash: sha256(store), mtime: statSync(store).mtimeMs };
    expectOneLineError(
      vrm(['--store', store, 'provider', 'list'], { VRM_PASSPHRASE: 'not the passphrase' }),
      5,
      /wrong passphrase/,
    );
    expectOneLineError(
      vrm(['--store', store, 'provider', 'list'], { VRM_SESSION: 'vrm1.bogus' }),
      5,
      /malformed/,
    );
    expect({ hash: sha256(store), mtime: statSync(store).mtimeMs }).toEqual(before);
  });

  it('says where to start when there is no store', () => {
    expectOneLineError(
      vrm(['--store', join(dir, 'none.db'), 'provider', 'list'], { VRM_PASSPHRASE: PASSPHRASE }),
      6,
      /vrm init/,
    );
  });

  it('asks for the passphrase on a terminal only, and says how to pass it otherwise', () => {
    expectOneLineError(vrm(['--store', store, 'provider', 'list']), 5, /VRM_PASSPHRASE/);
  });

  it('re-keys the store: the new passphrase opens it, the old one and old tokens no longer do', () => {
    const copy = join(dir, 'rekey.db');
    expect(vrm(['--store', copy, 'init'], { VRM_PASSPHRASE: PASSPHRASE }).code).toBe(0);
    const changed = vrm(['--store', copy, 'passphrase'], {
      VRM_PASSPHRASE: PASSPHRASE,
      VRM_NEW_PASSPHRASE: 'another good passphrase',
    });
    expect(changed.code, changed.stderr).toBe(0);
    expect(vrm(['--store', copy, 'info'], { VRM_PASSPHRASE: 'another good passphrase' }).code).toBe(0);
    expect(vrm(['--store', copy, 'info'], { VRM_PASSPHRASE: PASSPHRASE }).code).toBe(5);
    const short = vrm(['--store', copy, 'passphrase'], {
      VRM_PASSPHRASE: 'another good passphrase',
      VRM_NEW_PASSPHRASE: 'short',
    });
    expectOneLineError(short, 2, /at least 8 characters/);
  });
});

describe('the provider ledger through the CLI', () => {
  it('shows a provider with its accounts, contracts, cases, timeline and documents', () => {
    const view = json<{
      provider: { name: string; domains: string[] };
      accounts: unknown[];
      contracts: { derived: { nextRenewal: string; cancelBy: string; yearlyCostMinor: number } }[];
      cases: unknown[];
      timeline: unknown[];
      documents: unknown[];
      yearlyCosts: { currency: string; yearlyMinor: number }[];
    }>('provider', 'show', 'northwind');
    expect(view.provider).toMatchObject({ name: 'Northwind Energy', domains: ['northwind.example'] });
    expect([
      view.accounts.length,
      view.contracts.length,
      view.cases.length,
      view.timeline.length,
      view.documents.length,
    ]).toEqual([1, 1, 1, 1, 1]);
    expect(view.contracts[0]?.derived).toEqual({
      active: true,
      nextRenewal: '2027-01-15',
      cancelBy: '2026-12-16',
      nextChance: null,
      yearlyCostMinor: 101_400,
    });
    expect(view.yearlyCosts).toEqual([{ currency: 'GBP', yearlyMinor: 101_400 }]);
    expect(ok('provider', 'show', 'northwind')).toContain('1,014.00 GBP');
  });

  it('updates, retires and deletes a provider, refusing to drop records without --cascade', () => {
    ok('provider', 'update', 'contoso', '--domain', 'contoso.example', '--notes', 'pay as you go');
    expect(
      json<{ domains: string[]; notes: string }[]>('provider', 'list', '--search', 'contoso')[0],
    ).toMatchObject({
      domains: ['contoso.example'],
      notes: 'pay as you go',
    });
    ok('provider', 'retire', 'contoso');
    expect(json<{ name: string }[]>('provider', 'list', '--status', 'former').map((p) => p.name)).toEqual([
      'Contoso Mobile',
    ]);
    ok('account', 'add', '--provider', 'contoso', '--number', 'C-1');
    expectOneLineError(run('provider', 'delete', 'contoso'), 4, /--cascade|cascade/);
    ok('provider', 'delete', 'contoso', '--cascade');
    expectOneLineError(run('provider', 'show', 'contoso'), 3);
  });

  it('walks a contract from creation to its end, with derived renewal figures', () => {
    ok(
      'contract',
      'add',
      'Gym',
      '--provider',
      '1',
      '--price',
      '8',
      '--currency',
      'gbp',
      '--cycle',
      '28d',
      '--start',
      '2026-01-01',
      '--notice',
      '2 weeks',
      '--kind',
      'subscription',
    );
    const gym = json<
      {
        id: number;
        billingCycle: string;
        billingIntervalDays: number;
        derived: { nextRenewal: string; cancelBy: string };
      }[]
    >('contract', 'list').find((c) => c.billingCycle === 'days');
    expect(gym).toMatchObject({
      billingIntervalDays: 28,
      derived: { nextRenewal: '2026-03-26', cancelBy: '2026-03-12' },
    });
    const id = String(gym?.id);
    ok('contract', 'update', id, '--price', '9.50', '--no-auto-renew');
    expect(
      json<{ priceMinor: number; autoRenews: boolean; derived: { nextRenewal: null } }>(
        'contract',
        'show',
        id,
      ),
    ).toMatchObject({
      priceMinor: 950,
      autoRenews: false,
      derived: { nextRenewal: null },
    });
    ok('contract', 'end', id, '--on', '2026-03-01');
    expect(json<unknown[]>('contract', 'list')).toHaveLength(1);
    expect(json<unknown[]>('contract', 'list', '--all')).toHaveLength(2);
    ok('contract', 'delete', id);
    expectOneLineError(run('contract', 'show', id), 3, /contract \d+ does not exist/);
  });

  it('shows the dashboard for the day asked, for people and as JSON', () => {
    const board = json<{
      asOf: string;
      renewals: { total: number };
      followUps: { total: number; items: { overdue: boolean }[] };
      spend: { currency: string; totalMinor: number }[];
    }>('dashboard');
    expect(board).toMatchObject({ asOf: '2026-03-15', renewals: { total: 0 }, followUps: { total: 1 } });
    expect(board.followUps.items).toMatchObject([{ overdue: true }]);
    expect(board.spend).toMatchObject([{ currency: 'GBP', totalMinor: 101_400 }]);
    const text = ok('dashboard');
    expect(text).toMatch(/^Dashboard for 2026-03-15: 0 renewals in the next 60 days · 1 follow-up due/);
    expect(text).toMatch(/Nothing renews in the next 60 days\./);
    expect(text).toMatch(/OVERDUE/);
    expect(text).toMatch(/Total per year: .*1,014\.00/);
    expect(json<{ asOf: string }>('dashboard', '--as-of', '2026-04-01').asOf).toBe('2026-04-01');
  });

  it('lists renewals by last day to cancel, yearly costs and due follow-ups for the day asked', () => {
    const renewals = json<{ cancelBy: string; providerName: string }[]>('renewals', '--within', '400');
    expect(renewals.map((r) => [r.providerName, r.cancelBy])).toEqual([['Northwind Energy', '2026-12-16']]);
    expect(json<unknown[]>('renewals', '--within', '30')).toEqual([]);
    expect(json<{ totals: unknown[] }>('costs').totals).toEqual([{ currency: 'GBP', yearlyMinor: 101_400 }]);
    const due = json<{ overdue: boolean; interaction: { id: number } }[]>('follow-ups');
    expect(due).toMatchObject([{ overdue: true }]);
    ok('interaction', 'done', String(due[0]?.interaction.id));
    expect(json<unknown[]>('follow-ups')).toEqual([]);
  });

  it('dates case status changes and lists unresolved cases', () => {
    ok('case', 'update', '1', '--status', 'escalated');
    expect(
      json<{ status: string; escalatedOn: string; interactions: unknown[] }>('case', 'show', '1'),
    ).toMatchObject({
      status: 'escalated',
      escalatedOn: '2026-03-15',
      interactions: [{ subject: 'Asked for a meter reading' }],
    });
    expect(json<unknown[]>('case', 'list', '--status', 'unresolved')).toHaveLength(1);
    ok('case', 'update', '1', '--status', 'resolved', '--resolution', 'Refund of 40 GBP');
    expect(json<unknown[]>('case', 'list', '--status', 'unresolved')).toHaveLength(0);
  });

  it('keeps documents byte for byte', () => {
    const out = join(dir, 'bill-out.txt');
    ok('document', 'get', '1', '--output', out);
    expect(readFileSync(out, 'utf8')).toBe('March bill: 84.50 GBP');
    expect(json<{ mediaType: string; size: number }>('document', 'show', '1')).toMatchObject({
      mediaType: 'text/plain',
      size: 21,
    });
  });
});

describe('the vault through the CLI', () => {
  it('versions a fact on change and shows its history', () => {
    ok(
      'fact',
      'add',
      'postal-address',
      '--line',
      '1 Old Road',
      '--locality',
      'Manchester',
      '--postcode',
      'M1 1AA',
      '--country',
      'gb',
      '--label',
      'home',
      '--valid-from',
      '2020-01-01',
    );
    const added = json<{ id: number }[]>('fact', 'list', '--kind', 'postal-address')[0];
    const id = String(added?.id);
    ok(
      'fact',
      'update',
      id,
      '--line',
      '2 New Street',
      '--locality',
      'Bristol',
      '--postcode',
      'BS1 4DJ',
      '--valid-from',
      '2026-03-01',
      '--note',
      'moved',
    );
    const history = json<
      { version: number; value: { lines: string[]; locality: string; country: string } }[]
    >('fact', 'history', id);
    expect(history.map((v) => [v.version, v.value.locality, v.value.country])).toEqual([
      [1, 'Manchester', 'GB'],
      [2, 'Bristol', 'GB'],
    ]);
    ok('fact', 'retire', id);
    expect(json<unknown[]>('fact', 'list', '--kind', 'postal-address')).toEqual([]);
    expect(json<unknown[]>('fact', 'list', '--kind', 'postal-address', '--all')).toHaveLength(1);
  });

  it('normalises a national phone number to E.164', () => {
    expect(ok('fact', 'add', 'phone', '07911 123456', '--country', 'GB', '--label', 'mobile')).toContain(
      '+447911123456',
    );
  });
});

describe('contracts at the end of the calendar', () => {
  it('refuses a start whose first renewal falls after 9999-12-31, and never prints a date that is not one', () => {
    const own = mkdtempSync(join(tmpdir(), 'vrm-cli-calendar-'));
    try {
      const at = (today: string, ...args: string[]): CliResult =>
        vrm(['--store', join(own, 'store.db'), ...args], { VRM_PASSPHRASE: PASSPHRASE, VRM_TODAY: today });
      expect(at('2026-03-15', 'init').code).toBe(0);
      expect(at('2026-03-15', 'provider', 'add', 'Northwind').code).toBe(0);
      const add = (...extra: string[]) =>
        at(
          '2026-03-15',
          'contract',
          'add',
          'Far',
          '--provider',
          'northwind',
          '--price',
          '10',
          '--currency',
          'GBP',
          '--cycle',
          'monthly',
          '--term',
          '12 months',
          '--notice',
          '30 days',
          ...extra,
        );
      expectOneLineError(
        add('--start', '9999-12-31'),
        2,
        /^vrm: contract: --start: the first renewal, 12 months after 9999-12-31, would fall after 9999-12-31, the last date vrm can hold/,
      );
      expect(add('--start', '9999-12-31', '--no-auto-renew').code).toBe(0);
      expect(add('--start', '2025-01-15').code).toBe(0);
      // In the year 9999 the yearly renewal on 15 January comes once more, then has no date.
      for (const today of ['9999-01-01', '9999-02-01', '9999-12-30']) {
        const shown = [
          at(today, 'contract', 'list'),
          at(today, 'contract', 'show', '2'),
          at(today, 'renewals', '--within', '400'),
          at(today, 'provider', 'show', 'northwind'),
        ];
        for (const result of shown) {
          expect(result.code, result.stderr).toBe(0);
          expect(result.stdout).not.toMatch(/NaN|\d{5}-\d{2}-\d{2}/);
        }
        const listed = JSON.parse(at(today, 'contract', 'list', '--json').stdout) as {
          derived: { nextRenewal: string | null; cancelBy: string | null };
        }[];
        expect(listed.map((c) => c.derived)).toMatchObject(
          today === '9999-01-01'
            ? [{ nextRenewal: null }, { nextRenewal: '9999-01-15', cancelBy: '9998-12-16' }]
            : [{ nextRenewal: null }, { nextRenewal: null, cancelBy: null }],
        );
      }
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});

describe('vrm export and restore', () => {
  it('round-trips the whole store: export, restore into a new store, export again gives identical JSON', () => {
    const first = join(dir, 'export-1.json');
    // With the secrets: without them, the restored store signs with a key of its own.
    ok('export', '--with-secrets', '--output', first);
    const target = join(dir, 'restored.db');
    const restored = vrm(['--store', target, 'restore', first], {
      VRM_PASSPHRASE: 'restored store passphrase',
    });
    expect(restored.code, restored.stderr).toBe(0);
    const again = vrm(['--store', target, 'export', '--with-secrets'], {
      VRM_PASSPHRASE: 'restored store passphrase',
    });
    expect(again.stdout).toBe(readFileSync(first, 'utf8'));
    expect(JSON.parse(again.stdout)).toMatchObject({ format: 'vrm-export', formatVersion: 1 });
  });

  it('restores the good records of a damaged export and names each bad one', () => {
    const data = JSON.parse(run('export').stdout) as { tables: Record<string, Record<string, unknown>[]> };
    const contract = data.tables.contracts?.[0];
    if (contract) contract.priceMinor = 'eighty';
    const file = join(dir, 'damaged.json');
    writeFileSync(file, JSON.stringify(data));
    const result = vrm(['--store', join(dir, 'partial.db'), 'restore', file], { VRM_PASSPHRASE: PASSPHRASE });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('contracts[0] (id 1): priceMinor: must be a whole number');
    const providers = vrm(['--store', join(dir, 'partial.db'), 'provider', 'list', '--json'], {
      VRM_PASSPHRASE: PASSPHRASE,
    });
    expect(JSON.parse(providers.stdout)).toHaveLength(1);
  });

  it('names the line and column of broken JSON and creates no store', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "format": "vrm-export",\n  "tables": {,\n}');
    expectOneLineError(
      vrm(['--store', join(dir, 'never.db'), 'restore', file], { VRM_PASSPHRASE: PASSPHRASE }),
      2,
      /broken\.json:3:14: not valid JSON/,
    );
    expect(() => statSync(join(dir, 'never.db'))).toThrow();
  });
});

/** Every leaf command of the CLI, with its full name (`contract add`). */
function leafCommands(command: Command, prefix: string[] = []): { path: string[]; command: Command }[] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    return sub.commands.length > 0 ? leafCommands(sub, path) : [{ path, command: sub }];
  });
}

describe('bad input to every command', () => {
  const commands = leafCommands(buildProgram()).filter(
    ({ path }) => !['tour', 'demo'].includes(path[0] ?? ''),
  );

  it('covers every command of the CLI', () => {
    // Written out, so a new command fails here until its bad input is part of the walk below.
    expect(commands.map(({ path }) => path.join(' '))).toEqual([
      'serve',
      'init',
      'unlock',
      'passphrase',
      'info',
      'export',
      'backup',
      'restore',
      'audit',
      'fact add',
      'fact list',
      'fact show',
      'fact history',
      'fact update',
      'fact retire',
      'fact delete',
      'provider add',
      'provider list',
      'provider show',
      'provider timeline',
      'provider update',
      'provider retire',
      'provider delete',
      'directory search',
      'directory show',
      'discover list',
      'discover add',
      'discover dismiss',
      'discover undismiss',
      'account add',
      'account list',
      'account show',
      'account update',
      'account close',
      'account delete',
      'contract add',
      'contract list',
      'contract show',
      'contract update',
      'contract price',
      'contract end',
      'contract delete',
      'renewals',
      'costs',
      'case add',
      'case list',
      'case show',
      'case update',
      'case delete',
      'interaction add',
      'interaction list',
      'interaction show',
      'interaction update',
      'interaction done',
      'interaction delete',
      'follow-ups',
      'document add',
      'document list',
      'document show',
      'document get',
      'document update',
      'document delete',
      'dashboard',
      'calendar agenda',
      'calendar feed',
      'calendar export',
      'alias setup',
      'alias list',
      'alias default',
      'alias remove',
      'identity new',
      'identity add',
      'identity postal',
      'identity phone',
      'identity list',
      'identity show',
      'identity which',
      'identity import',
      'identity review',
      'identity confirm',
      'identity reject',
      'identity retire',
      'identity replace',
      'identity mail',
      'identity off',
      'identity on',
      'identity delete',
      'change start',
      'change list',
      'change show',
      'change notice',
      'change letter',
      'change add',
      'change drop',
      'change edit',
      'change send',
      'change follow-up',
      'change sent',
      'change acknowledged',
      'change failed',
      'change confirm',
      'terms list',
      'terms show',
      'terms add',
      'terms delete',
      'policy list',
      'policy add',
      'policy delete',
      'policy check',
      'disclosure record',
      'disclosure share',
      'disclosure list',
      'disclosure withdraw',
      'disclosure fact',
      'disclosure provider',
      'disclosure matrix',
      'agreement proffer',
      'agreement answer',
      'agreement list',
      'agreement show',
      'agreement export',
      'agreement countersignature',
      'agreement verify',
      'receipt list',
      'receipt export',
      'receipt verify',
      'package new',
      'package list',
      'package present',
      'verify',
      'keys list',
      'keys export',
      'keys rotate',
      'mail import',
      'mail account add',
      'mail account list',
      'mail account folders',
      'mail account use-folders',
      'mail account remove',
      'mail fetch',
      'mail imports',
      'mail inbox',
      'mail list',
      'mail show',
      'mail place',
      'mail search',
      'mail leaks',
      'mail leak',
      'mail complain',
      'mail not-leak',
      'mail allow',
      'mail allowed',
      'mail disallow',
      'mail rule add',
      'mail rule update',
      'mail rule preview',
      'mail rule list',
      'mail rule move',
      'mail rule delete',
      'mail export',
      'mail triage',
      'mail reclassify',
      'letter write',
      'letter posted',
      'send setup',
      'send show',
      'send test',
      'send remove',
      'outbox list',
      'outbox show',
      'outbox draft',
      'outbox edit',
      'outbox send',
      'outbox send-again',
      'outbox done',
      'outbox delete',
      'request new',
      'request list',
      'request show',
      'request edit',
      'request send',
      'request sent',
      'request letter',
      'request bundle',
      'request extension',
      'request received',
      'request answered',
      'request answer',
      'request admonish',
      'request complain',
      'request authorities',
      'request done',
      'request withdraw',
      'request campaign start',
      'request campaign list',
      'request campaign show',
      'request campaign send',
      'money import',
      'money subscriptions',
      'money confirm',
      'money series',
      'money case',
      'money dismiss',
      'money restore',
      'money accounts',
      'money transactions',
      'money assign',
      'money accept',
      'money rules list',
      'money rules remove',
      'money imports',
      'money mapping list',
      'money mapping save',
      'money mapping remove',
      'money spend',
      'money paid',
      'money payments',
      'persona new',
      'persona list',
      'persona show',
      'persona retire',
      'persona leaks',
      'intent new',
      'intent list',
      'intent show',
      'intent document',
      'intent qr',
      'intent vendors',
      'intent send',
      'offer compare',
      'offer add',
      'offer import',
      'offer show',
      'offer accept',
      'offer rate',
    ]);
  });

  it('answers each mistake with one line and a non-zero exit, and leaves the store unchanged', () => {
    const before = run('export').stdout;
    let checked = 0;
    for (const { path, command } of commands) {
      const args = command.registeredArguments;
      const mandatory = command.options.filter((o) => o.mandatory);
      const needsSomething = args.some((a) => a.required) || mandatory.length > 0;
      if (needsSomething) {
        expectOneLineError(run(...path), 2);
        checked++;
      }
      const idArg = args.findIndex((a) => a.name() === 'id');
      if (idArg === 0) {
        // The other arguments it needs, as placeholders: the id is checked first.
        const rest = args.slice(1).flatMap((a) => (a.required ? ['x'] : []));
        expectOneLineError(run(...path, 'abc', ...rest), 2, /positive whole number/);
        const unknown = run(
          ...path,
          '9999',
          ...(rest.length > 0 ? rest : path[0] === 'fact' && path[1] === 'update' ? ['x'] : []),
        );
        expectOneLineError(unknown, 3, /does not exist/);
        checked += 2;
      }
      if (args[0]?.name() === 'provider') {
        // Required options are checked first: given placeholders (and a text, for a letter), the
        // provider is what is refused.
        const filled = [
          ...mandatory.flatMap((o) => [o.long ?? '', 'x']),
          ...(command.options.some((o) => o.long === '--body') ? ['--body', 'x'] : []),
        ];
        expectOneLineError(run(...path, 'No Such Provider Ltd', ...filled), 3, /no provider/);
        checked++;
      }
      expectOneLineError(run(...path, '--no-such-option'), 2, /unknown option|required|missing/);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    expect(run('export').stdout).toBe(before);
    // About 460 runs of the real binary (the mail commands added a hundred, the money alerts eight):
    // minutes on a busy machine; 240 s were too few at a load of 6 on two cores.
  }, 360_000);

  it.each([
    [['provider', 'add', 'X', '--website', 'not a url'], /website/],
    [['provider', 'add', 'X', '--country', 'XX'], /country.*ISO 3166/],
    [['provider', 'add', 'X', '--support-email', 'nope'], /--support-email: is not an e-mail/],
    [['provider', 'add', 'X', '--domain', 'not_a_domain'], /--domain: is not a mail domain/],
    [['provider', 'add', 'northwind energy'], /already exists/, 4],
    [['provider', 'list', '--status', 'gone'], /Allowed choices/],
    [
      [
        'contract',
        'add',
        'X',
        '--provider',
        '1',
        '--price',
        '9.9999',
        '--currency',
        'GBP',
        '--cycle',
        'monthly',
      ],
      /decimal places/,
    ],
    [
      [
        'contract',
        'add',
        'X',
        '--provider',
        '1',
        '--price',
        'abc',
        '--currency',
        'GBP',
        '--cycle',
        'monthly',
      ],
      /not an amount/,
    ],
    [
      ['contract', 'add', 'X', '--provider', '1', '--price', '9', '--currency', 'GBX', '--cycle', 'monthly'],
      /ISO 4217/,
    ],
    [
      [
        'contract',
        'add',
        'X',
        '--provider',
        '1',
        '--price',
        '9',
        '--currency',
        'GBP',
        '--cycle',
        'fortnightly',
      ],
      /billing cycle/,
    ],
    [
      [
        'contract',
        'add',
        'X',
        '--provider',
        '1',
        '--price',
        '9',
        '--currency',
        'GBP',
        '--cycle',
        'monthly',
        '--start',
        '2026-02-30',
      ],
      /real date/,
    ],
    [
      [
        'contract',
        'add',
        'X',
        '--provider',
        '1',
        '--price',
        '9',
        '--currency',
        'GBP',
        '--cycle',
        'monthly',
        '--notice',
        'soon',
      ],
      /period/,
    ],
    [['contract', 'add', 'X', '--provider', '1', '--price', '9', '--currency', 'GBP'], /--cycle/],
    [
      [
        'contract',
        'add',
        'X',
        '--provider',
        '1',
        '--price',
        '9',
        '--currency',
        'GBP',
        '--cycle',
        'monthly',
        '--account',
        '9999',
      ],
      /account 9999 does not exist/,
      3,
    ],
    [
      [
        'interaction',
        'add',
        '--provider',
        '1',
        '--channel',
        'fax',
        '--direction',
        'inbound',
        '--subject',
        'x',
      ],
      /Allowed choices/,
    ],
    [['interaction', 'add', '--provider', '1', '--channel', 'phone', '--direction', 'inbound'], /--subject/],
    [
      [
        'interaction',
        'add',
        '--provider',
        '1',
        '--channel',
        'phone',
        '--direction',
        'inbound',
        '--subject',
        'x',
        '--at',
        'yesterday',
      ],
      /date-time/,
    ],
    [['case', 'add', '--provider', '1', '--title', 'x', '--opened', '2026-13-01'], /real date/],
    [['document', 'add', '/no/such/file.pdf', '--provider', '1'], /no such file/],
    [['fact', 'add', 'email', 'not-an-address', '--label', 'x'], /e-mail/],
    [['fact', 'add', 'bank-account', 'GB29 NWBK 6016 1331 9268 18', '--label', 'x'], /check digits/],
    [['fact', 'add', 'phone', '07911 123456', '--label', 'x'], /international prefix|country/],
    [['fact', 'add', 'postal-address', '--line', '1 Road', '--country', 'GB', '--label', 'x'], /locality/],
    [
      [
        'fact',
        'add',
        'identity-document',
        'P123',
        '--type',
        'passport',
        '--issuer',
        'GB',
        '--issued',
        '2030-01-01',
        '--expires',
        '2020-01-01',
        '--label',
        'x',
      ],
      /--expires: must be after/,
    ],
    [['fact', 'add', 'starsign', 'Leo', '--label', 'x'], /unknown kind/],
    [['fact', 'add', 'custom', '--label', 'x', '--value-json', '{broken'], /not valid JSON/],
    [['audit', '--id', '3'], /--entity/],
  ] as [string[], RegExp, number?][])(
    'rejects %j with a message naming the problem',
    (args, pattern, code = 2) => {
      const before = run('export').stdout;
      // Exit codes as docs/cli.md gives them: 2 bad input, 3 not found, 4 conflict.
      expectOneLineError(run(...args), code, pattern);
      expect(run('export').stdout).toBe(before);
    },
  );
});

describe('vrm --version', () => {
  it('prints the version without opening a store', () => {
    const result = vrm(['--version']);
    expect(result).toMatchObject({
      code: 0,
      stdout: `${(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version}\n`,
    });
  });
});

describe('docs/cli.md', () => {
  it('documents every command and option exactly as the CLI defines them', () => {
    const doc = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');
    expect(doc.slice(doc.indexOf(REFERENCE_START))).toBe(renderReference(buildProgram()));
  });
});
