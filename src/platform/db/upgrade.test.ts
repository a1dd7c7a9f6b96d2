import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../app.js';
import { LATEST_VERSION } from './migrations.js';
import { createStore, openStore } from './store.js';
import { sqliteConnection } from './sqlite/connection.js';

describe('a store written by an older vrm', () => {
  it('is migrated when it opens, keeps its data, and audits the new columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrm-upgrade-'));
    try {
      const path = join(dir, 'store.db');
      const old = await createStore(path, 'old store passphrase', { schemaVersion: 1 });
      expect(old.schemaVersion()).toBe(1);
      sqliteConnection(old)
        .prepare(
          `INSERT INTO providers (name, status, created_at, updated_at) VALUES ('Written By Version One', 'active', '2026-01-01', '2026-01-01')`,
        )
        .run();
      await old.close();

      const store = await openStore(path, { passphrase: 'old store passphrase' });
      expect(store.schemaVersion()).toBe(LATEST_VERSION);
      const services = createServices(store);
      const [provider] = await services.providers.list();
      expect(provider?.name).toBe('Written By Version One');
      await services.providers.update(provider?.id ?? 0, { directorySlug: '1and1-gb' });
      const [change] = await services.audit.list({ entity: 'providers', limit: 1 });
      expect(change?.newValues).toMatchObject({ directory_slug: '1and1-gb' });
      await store.close();
      // Unchanged on disk for anyone else: still a SQLCipher file.
      const raw = new Database(path, { readonly: true });
      raw.pragma(`cipher = 'sqlcipher'`);
      raw.pragma('legacy = 4');
      raw.pragma(`key = 'old store passphrase'`);
      expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      raw.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gains the who-knows-what tables, and a signing key whose private half stays out of the audit log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrm-upgrade-'));
    try {
      const path = join(dir, 'store.db');
      const old = await createStore(path, 'old store passphrase', { schemaVersion: 2 });
      sqliteConnection(old)
        .prepare(
          `INSERT INTO providers (name, status, created_at, updated_at) VALUES ('Written By Version Two', 'active', '2026-01-01', '2026-01-01')`,
        )
        .run();
      await old.close();

      const store = await openStore(path, { passphrase: 'old store passphrase' });
      const tables = sqliteConnection(store)
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
        .all()
        .map((r) => (r as { name: string }).name);
      expect(tables).toEqual(
        expect.arrayContaining([
          'identities',
          'disclosures',
          'agreements',
          'consent_receipts',
          'signing_keys',
        ]),
      );
      const services = createServices(store);
      const key = await services.keys.ensure();
      expect(key.jwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: key.kid, alg: 'ES256', use: 'sig' });
      expect(key.jwk).not.toHaveProperty('d');
      const [entry] = await services.audit.list({ entity: 'signing_keys', limit: 1 });
      expect(entry?.newValues).toMatchObject({ kid: key.kid });
      expect(JSON.stringify(entry)).not.toMatch(/private_jwk|"d"/);
      // A second call finds the key rather than making another.
      expect((await services.keys.ensure()).kid).toBe(key.kid);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
