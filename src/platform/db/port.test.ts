import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshStore, TEST_PASSPHRASE, type TestStore } from '../../test/store.js';
import { LATEST_VERSION } from './migrations.js';
import {
  columnsOf,
  containsIgnoringCase,
  countAsNumber,
  distinctJoined,
  fromDbBoolean,
  sequences,
  setSequence,
  toDbBoolean,
} from './queries.js';
import { sqliteConnection } from './sqlite/connection.js';
import { openStore } from './store.js';

let t: TestStore;
beforeEach(async () => {
  t = await freshStore();
});
afterEach(async () => {
  await t.dispose();
});

const addFact = async (label: string): Promise<number> => {
  const row = await t.store.db
    .insertInto('facts')
    .values({ kind: 'custom', label, createdAt: '2026-03-15T12:00:00.000Z', retiredAt: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
};

const auditRows = async (): Promise<number> =>
  countAsNumber(
    (
      await t.store.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the SQLite database port', () => {
  it("moves its change counter with each write, its own or another connection's", async () => {
    const counter = t.store.dataVersion();
    const writes = t.store.changes();
    await addFact('home');
    expect(t.store.changes()).toBeGreaterThan(writes);
    expect(t.store.dataVersion()).not.toBe(counter);

    const mine = t.store.changes();
    const seen = t.store.dataVersion();
    const other = await openStore(t.path, { sessionToken: t.store.sessionToken });
    try {
      await other.db.insertInto('mail_state').values({ key: 'written', value: 'elsewhere' }).execute();
    } finally {
      await other.close();
    }
    // Another connection's commit moves the counter, not this connection's own write count.
    expect(t.store.changes()).toBe(mine);
    expect(t.store.dataVersion()).not.toBe(seen);
  });

  it('reports the schema version and a sound store, and is closed with the store', async () => {
    expect(t.store.schemaVersion()).toBe(LATEST_VERSION);
    expect(t.store.port.integrityProblems()).toEqual([]);
    expect(t.store.isOpen()).toBe(true);
    const other = await openStore(t.path, { sessionToken: t.store.sessionToken });
    await other.close();
    expect(other.isOpen()).toBe(false);
  });

  it('lifts the audit triggers and puts them back', async () => {
    await addFact('audited');
    expect(await auditRows()).toBe(1);
    t.store.port.dropAuditTriggers();
    await addFact('not audited');
    expect(await auditRows()).toBe(1);
    t.store.port.installAuditTriggers();
    await addFact('audited again');
    expect(await auditRows()).toBe(2);
  });

  it('copies the whole store into a file that opens with the same passphrase', async () => {
    await addFact('copied');
    const copy = join(t.dir, 'copy.db');
    t.store.port.snapshotInto(copy);
    const opened = await openStore(copy, { passphrase: TEST_PASSPHRASE });
    try {
      const labels = await opened.db.selectFrom('facts').select('label').execute();
      expect(labels).toEqual([{ label: 'copied' }]);
    } finally {
      await opened.close();
      rmSync(copy, { force: true });
    }
  });

  it('tunes the store for a bulk import only while it runs, even when the import fails', async () => {
    const connection = sqliteConnection(t.store);
    const autocheckpoint = () => connection.pragma('wal_autocheckpoint', { simple: true }) as number;
    expect(autocheckpoint()).toBe(1000);
    expect(await t.store.port.bulkWrites(() => Promise.resolve(autocheckpoint()))).toBe(10_000);
    expect(autocheckpoint()).toBe(1000);
    await expect(t.store.port.bulkWrites(() => Promise.reject(new Error('disk gone')))).rejects.toThrow(
      'disk gone',
    );
    expect(autocheckpoint()).toBe(1000);
  });

  it('keeps the store tuned through nested and overlapping bulk work until the last one ends', async () => {
    const connection = sqliteConnection(t.store);
    const autocheckpoint = () => connection.pragma('wal_autocheckpoint', { simple: true }) as number;
    let releaseFirst = () => {};
    const first = t.store.port.bulkWrites(
      () =>
        new Promise<void>((resolve) => {
          releaseFirst = resolve;
        }),
    );
    // Several files in a row: each file's own bulk work is inside the command's.
    const inner = await t.store.port.bulkWrites(async () => {
      await t.store.port.bulkWrites(() => Promise.resolve());
      return autocheckpoint();
    });
    expect(inner).toBe(10_000);
    // The overlapping import has not ended: the store stays tuned for it.
    expect(autocheckpoint()).toBe(10_000);
    releaseFirst();
    await first;
    expect(autocheckpoint()).toBe(1000);
    expect(() =>
      t.store.port.bulkWrites(() => {
        throw new Error('no file');
      }),
    ).toThrow('no file');
    expect(autocheckpoint()).toBe(1000);
  });
});

describe('the query helpers', () => {
  const matching = async (text: string): Promise<string[]> =>
    (
      await t.store.db
        .selectFrom('facts')
        .select('label')
        .where((eb) => containsIgnoringCase(eb.ref('label'), text))
        .orderBy('id')
        .execute()
    ).map((r) => r.label);

  it('finds text contained in a column, ignoring the case of ASCII letters, with % and _ literal', async () => {
    for (const label of ['Home Address', '100% sure', 'snake_case', 'snakeXcase', 'Ünïcode']) {
      await addFact(label);
    }
    expect(await matching('home')).toEqual(['Home Address']);
    expect(await matching('ADDRESS')).toEqual(['Home Address']);
    expect(await matching('%')).toEqual(['100% sure']);
    expect(await matching('_')).toEqual(['snake_case']);
    expect(await matching('e_c')).toEqual(['snake_case']);
    expect(await matching('\\')).toEqual([]);
    expect(await matching('nïc')).toEqual(['Ünïcode']);
    // SQLite folds the case of ASCII letters only.
    expect(await matching('NÏC')).toEqual([]);
  });

  it('converts booleans and counts', async () => {
    expect([toDbBoolean(true), toDbBoolean(false)]).toEqual([1, 0]);
    expect([fromDbBoolean(1), fromDbBoolean(0), fromDbBoolean(true), fromDbBoolean(null)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect([countAsNumber(3), countAsNumber('42')]).toEqual([3, 42]);
    await addFact('one');
    await addFact('two');
    expect(await auditRows()).toBe(2);
  });

  it('joins the distinct values of a group with commas', async () => {
    for (const label of ['b', 'a', 'b', 'a']) await addFact(label);
    await t.store.db
      .insertInto('facts')
      .values({ kind: 'email', label: 'c', createdAt: '2026-03-15T12:00:00.000Z', retiredAt: null })
      .execute();
    const rows = await t.store.db
      .selectFrom('facts')
      .select((eb) => ['kind', distinctJoined(eb.ref('label')).as('labels')])
      .groupBy('kind')
      .orderBy('kind')
      .execute();
    expect(rows.map((r) => [r.kind, r.labels.split(',').sort()])).toEqual([
      ['custom', ['a', 'b']],
      ['email', ['c']],
    ]);
  });

  it("lists a table's columns, camelCased, with their types", async () => {
    expect(await columnsOf(t.store.db, 'facts')).toEqual([
      { name: 'id', type: 'INTEGER', notNull: false },
      { name: 'kind', type: 'TEXT', notNull: true },
      { name: 'label', type: 'TEXT', notNull: true },
      { name: 'createdAt', type: 'TEXT', notNull: true },
      { name: 'retiredAt', type: 'TEXT', notNull: false },
    ]);
  });

  it('reads and sets the next-id counters', async () => {
    expect(await addFact('first')).toBe(1);
    expect((await sequences(t.store.db)).facts).toBe(1);
    await setSequence(t.store.db, 'facts', 41);
    expect((await sequences(t.store.db)).facts).toBe(41);
    expect(await addFact('after')).toBe(42);
  });
});
