import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../platform/db/store.js';
import { vrm } from '../test/cli.js';
import { startDovecot, type Dovecot } from '../test/dovecot.js';
import { TEST_PASSPHRASE } from '../test/store.js';
import { sqliteConnection } from '../platform/db/sqlite/connection.js';

/**
 * `vrm export` leaves the secrets out: the private signing keys and the IMAP passwords. A store
 * restored from such an export verifies what was signed before, signs with a fresh key, and asks
 * for the IMAP password again; `--with-secrets` puts them in and restores the store whole.
 */

let dir: string;
let dovecot: Dovecot;
let source: string;
/** A JWK's private member `d`, bare or inside a JSON string (the store keeps each JWK as JSON text). */
const PRIVATE_MEMBER = /\\?"d\\?":/;

const run = (store: string, ...args: string[]) =>
  vrm(['--store', store, ...args], { VRM_PASSPHRASE: TEST_PASSPHRASE, VRM_IMAP_PASSWORD: dovecot.password });
const ok = (store: string, ...args: string[]): string => {
  const result = run(store, ...args);
  if (result.code !== 0) throw new Error(`vrm ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
};
const addAccount = (store: string) =>
  run(
    store,
    ...['mail', 'account', 'add', '--host', '127.0.0.1', '--port', String(dovecot.port)],
    ...['--security', 'none', '--user', dovecot.user],
  );

/** How many keys in a store still have their private half. */
async function privateKeys(path: string): Promise<number> {
  const store = await openStore(path, { passphrase: TEST_PASSPHRASE });
  try {
    return sqliteConnection(store)
      .prepare('SELECT count(*) FROM signing_keys WHERE private_jwk IS NOT NULL')
      .pluck()
      .get() as number;
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-export-secrets-'));
  dovecot = await startDovecot();
  await dovecot.deliver(
    'INBOX',
    'From: a@example.org\r\nSubject: kept\r\nMessage-ID: <1@example.org>\r\n\r\nhello\r\n',
  );
  source = join(dir, 'source.db');
  ok(source, 'init');
  ok(source, 'provider', 'add', 'Parcelpoint');
  ok(source, 'agreement', 'proffer', 'parcelpoint', '--terms', 'SD-BASE-DP', '--on', '2024-02-01');
  ok(source, 'agreement', 'answer', '1', '--status', 'accepted', '--evidence', 'their e-mail of 3 Feb');
  // The agreement was signed by the first key; after the rotation it is a retired key.
  ok(source, 'keys', 'rotate');
  expect(addAccount(source).code).toBe(0);
  ok(source, 'mail', 'fetch');
}, 120_000);

afterAll(async () => {
  await dovecot.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('vrm export', () => {
  it('leaves out every private key and password, and restores to a store that verifies, signs anew and asks for the password', async () => {
    const file = join(dir, 'plain.json');
    const made = run(source, 'export', '--output', file);
    expect(made.code).toBe(0);
    expect(made.stderr).toMatch(/Secrets \(private keys, passwords\) are left out; --with-secrets/);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(PRIVATE_MEMBER);
    expect(text).not.toContain(dovecot.password);
    const data = JSON.parse(text) as {
      withSecrets: boolean;
      tables: Record<string, Record<string, unknown>[]>;
    };
    expect(data.withSecrets).toBe(false);
    expect(data.tables.signing_keys?.map((k) => k.privateJwk)).toEqual([null, null]);
    expect(data.tables.mail_sources?.map((s) => s.password)).toEqual([null]);
    // On stdout as well.
    expect(ok(source, 'export')).toBe(text);

    const restored = join(dir, 'from-plain.db');
    const result = run(restored, 'restore', file);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /1 signing key\(s\) in use came without their private half.*a new signing key \S+ signs/,
    );
    expect(result.stderr).toMatch(
      /1 IMAP account\(s\) came without their password: imap:\/\/testuser@127\.0\.0\.1/,
    );
    expect(result.stderr).toMatch(/vrm mail account add/);

    // What the old keys signed still verifies; a new key signs, the only private key in the store.
    expect(ok(restored, 'agreement', 'verify', '1')).toMatch(/signature is valid/);
    expect(await privateKeys(restored)).toBe(1);
    const keys = JSON.parse(ok(restored, 'keys', 'list', '--json')) as {
      current: boolean;
      retiredAt: string | null;
    }[];
    expect(keys.map((k) => k.current)).toEqual([false, false, true]);
    expect(keys.slice(0, 2).every((k) => k.retiredAt !== null)).toBe(true);
    ok(restored, 'agreement', 'proffer', 'parcelpoint', '--terms', 'SD-BASE-DP', '--on', '2024-03-01');
    ok(restored, 'agreement', 'answer', '2', '--status', 'accepted', '--evidence', 'a letter');
    expect(ok(restored, 'agreement', 'verify', '2')).toMatch(/signature is valid/);

    // The IMAP account asks for its password, and takes it when added again.
    const fetch = run(restored, 'mail', 'fetch');
    expect(fetch.code).not.toBe(0);
    expect(fetch.stderr).toMatch(/has no password \(it came from an export without secrets\)/);
    expect(addAccount(restored).code).toBe(0);
    await dovecot.deliver(
      'INBOX',
      'From: b@example.org\r\nSubject: new\r\nMessage-ID: <2@example.org>\r\n\r\nagain\r\n',
    );
    // Messages are not in an export: the account fetches both again, the one from before and the new.
    expect(JSON.parse(ok(restored, 'mail', 'fetch', '--json'))).toMatchObject({ imported: 2 });
  }, 120_000);

  it('puts the secrets in with --with-secrets, with a warning, and restores the store whole', () => {
    const file = join(dir, 'secrets.json');
    const made = run(source, 'export', '--with-secrets', '--output', file);
    expect(made.code).toBe(0);
    expect(made.stderr).toMatch(/^Warning: this export holds your private signing keys and IMAP passwords/);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(PRIVATE_MEMBER);
    expect(text).toContain(dovecot.password);
    // Only the current key has a private half: the retired one lost it when it was rotated.
    const data = JSON.parse(text) as {
      withSecrets: boolean;
      tables: Record<string, Record<string, unknown>[]>;
    };
    expect(data.withSecrets).toBe(true);
    expect(data.tables.signing_keys?.map((k) => k.privateJwk === null)).toEqual([true, false]);

    const restored = join(dir, 'from-secrets.db');
    const result = run(restored, 'restore', file);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(ok(restored, 'export', '--with-secrets')).toBe(text);
    expect(ok(restored, 'agreement', 'verify', '1')).toMatch(/signature is valid/);
    expect(JSON.parse(ok(restored, 'mail', 'fetch', '--json'))).toMatchObject({
      imported: expect.any(Number) as unknown,
    });
  }, 120_000);
});
