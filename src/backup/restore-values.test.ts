import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vrm } from '../test/cli.js';
import { TEST_PASSPHRASE } from '../test/store.js';

/**
 * Restore checks every value of a JSON export as the services would: a crafted export with one
 * bad value per kind of record restores the rest, names each bad record, and leaves a store on
 * which later commands work.
 */

type Row = Record<string, unknown>;
interface Export {
  tables: Record<string, Row[]>;
}

let dir: string;
let exported: Export;
const env = { VRM_PASSPHRASE: TEST_PASSPHRASE, VRM_TODAY: '2026-03-15' };
const run = (store: string, ...args: string[]) => vrm(['--store', store, ...args], env);

/** The first row of a table, which the demo store must have. */
function first(data: Export, table: string): Row {
  const row = data.tables[table]?.[0];
  if (!row) throw new Error(`the demo export has no ${table}`);
  return row;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-restore-values-'));
  const demo = join(dir, 'demo.db');
  expect(run(demo, 'demo').code).toBe(0);
  const file = join(dir, 'demo.json');
  // With the secrets: the whole store, every record of it, private keys and passwords too.
  expect(run(demo, 'export', '--with-secrets', '-o', file).code).toBe(0);
  exported = JSON.parse(readFileSync(file, 'utf8')) as Export;
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('restore checks every value', () => {
  it('restores a real export with no record skipped', () => {
    const file = join(dir, 'clean.json');
    writeFileSync(file, JSON.stringify(exported));
    const restored = run(join(dir, 'clean.db'), 'restore', file);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
  });

  it('skips and names one bad value of each kind of record, and later commands work', () => {
    const data = structuredClone(exported);
    const contract = first(data, 'contracts');
    contract.currency = '??';
    const policy = first(data, 'disclosure_policies');
    policy.facts = '{}';
    const audit = first(data, 'audit_log');
    audit.newValues = '{"price_minor": NaN}';
    // A provider of its own, so that its skip takes no other record with it.
    const providers = data.tables.providers ?? [];
    const lonely: Row = {
      ...first(data, 'providers'),
      id: Math.max(...providers.map((p) => Number(p.id))) + 1,
      name: 'Lonely Ltd',
      directorySlug: null,
    };
    providers.push(lonely);
    lonely.website = 'ftp://files.example';
    first(data, 'provider_domains').domain = 'not a domain';
    first(data, 'accounts').openedOn = '2026-13-45';
    first(data, 'cases').title = '   ';
    first(data, 'interactions').followUpOn = 'tomorrow';
    first(data, 'documents').filename = '../../etc/passwd';
    first(data, 'disclosures').purposes = '["world domination"]';
    first(data, 'mail_rules').actions = '{}';
    data.tables.personal_terms = [
      {
        id: 1,
        code: 'mine',
        name: 'My terms',
        summary: 'Only what is needed',
        purposes: 'service',
        thirdParties: 'none',
        retention: null,
        profiling: 0,
        aiTraining: 0,
        tracking: 0,
        basedOn: null,
        createdAt: '2026-03-15T12:00:00.000Z',
        updatedAt: '2026-03-15T12:00:00.000Z',
      },
    ];
    const file = join(dir, 'crafted.json');
    writeFileSync(file, JSON.stringify(data));
    const store = join(dir, 'crafted.db');
    const restored = run(store, 'restore', file);
    expect(restored.code).toBe(2);
    const named = (table: string, row: Row, rest: string) =>
      `${table}[${String(data.tables[table]?.indexOf(row))}] (id ${String(row.id)}): ${rest}`;
    for (const line of [
      named('contracts', contract, 'currency: '),
      named('disclosure_policies', policy, 'facts: '),
      named('audit_log', audit, 'newValues: is not JSON'),
      named('providers', lonely, 'website: is not a web address'),
      named('provider_domains', first(data, 'provider_domains'), 'domain: is not a mail domain'),
      named('accounts', first(data, 'accounts'), 'openedOn: '),
      named('cases', first(data, 'cases'), 'title: title must not be empty'),
      named('interactions', first(data, 'interactions'), 'followUpOn: '),
      named('documents', first(data, 'documents'), 'filename: must be a file name, not a path'),
      named('disclosures', first(data, 'disclosures'), 'purposes[0]: "world domination" is not a purpose'),
      named('mail_rules', first(data, 'mail_rules'), 'actions: a rule needs at least one action'),
      named('personal_terms', first(data, 'personal_terms'), 'purposes: is not JSON'),
    ]) {
      expect(restored.stderr).toContain(line);
    }

    const providerId = String(contract.providerId);
    const shown = run(store, 'provider', 'show', providerId);
    expect(shown.stderr).toBe('');
    expect(shown.code).toBe(0);
    const check = run(store, 'policy', 'check', providerId, '--fields', 'email', '--purpose', 'service');
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    const log = run(store, 'audit', '--limit', '5000', '--json');
    expect(log.code).toBe(0);
    expect((JSON.parse(log.stdout) as unknown[]).length).toBe((data.tables.audit_log?.length ?? 0) - 1);
    for (const command of [['contract', 'list'], ['renewals'], ['costs'], ['mail', 'rule', 'list']]) {
      const result = run(store, ...command);
      expect(result.stderr, command.join(' ')).toBe('');
    }
  }, 120_000);
});
