import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VrmError } from '../platform/errors.js';
import { freshStore, type TestStore } from '../test/store.js';
import { versionAt } from './service.js';

let t: TestStore;
beforeEach(async () => {
  t = await freshStore();
});
afterEach(async () => {
  await t.dispose();
});

const rejection = async (promise: Promise<unknown>): Promise<VrmError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VrmError);
  return error as VrmError;
};

describe('VaultService', () => {
  it('stores each kind of fact in its normalised form', async () => {
    const { vault } = t.services;
    const phone = await vault.add({
      kind: 'phone',
      label: 'mobile',
      value: { number: '030 1234567', country: 'DE' },
    });
    const iban = await vault.add({
      kind: 'bank_account',
      label: 'main',
      value: { iban: 'gb29 nwbk 6016 1331 9268 19' },
    });
    const email = await vault.add({
      kind: 'email',
      label: 'work',
      value: { address: 'Alex.Morgan@Example.ORG' },
    });
    expect(phone.current.value).toEqual({ number: '+49301234567' });
    expect(iban.current.value).toEqual({ iban: 'GB29NWBK60161331926819' });
    expect(email.current.value).toEqual({ address: 'Alex.Morgan@example.org' });
    expect(iban.current.summary).toBe('GB29 NWBK 6016 1331 9268 19');
  });

  it('names the field and the reason when a value is invalid, and stores nothing', async () => {
    const error = await rejection(
      t.services.vault.add({
        kind: 'postal_address',
        label: 'home',
        value: { lines: ['1 Road'], country: 'GB' },
      }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/value\.locality/);
    expect(error.details[0]?.path).toBe('value.locality');
    expect(await t.services.vault.list()).toEqual([]);
  });

  it('keeps every version and shows the one in force today', async () => {
    const { vault } = t.services;
    const fact = await vault.add({
      kind: 'postal_address',
      label: 'home',
      value: { lines: ['1 Old Road'], locality: 'Manchester', country: 'GB' },
      validFrom: '2020-01-01',
    });
    await vault.update(fact.id, {
      value: { lines: ['2 New Street'], locality: 'Bristol', country: 'GB' },
      validFrom: '2026-03-01',
      note: 'moved',
    });
    const planned = await vault.update(fact.id, {
      value: { lines: ['3 Future Lane'], locality: 'Bath', country: 'GB' },
      validFrom: '2026-09-01',
    });
    expect(planned.history.map((v) => [v.version, v.validFrom])).toEqual([
      [1, '2020-01-01'],
      [2, '2026-03-01'],
      [3, '2026-09-01'],
    ]);
    // The clock says 2026-03-15: the move to Bristol is in force, the one to Bath not yet.
    expect(planned.current.version).toBe(2);
    expect(planned.current.note).toBe('moved');
  });

  it('refuses a version dated before the latest, so history is never rewritten silently', async () => {
    const { vault } = t.services;
    const fact = await vault.add({
      kind: 'email',
      label: 'x',
      value: { address: 'a@example.org' },
      validFrom: '2026-03-01',
    });
    const error = await rejection(
      vault.update(fact.id, { value: { address: 'b@example.org' }, validFrom: '2026-02-01' }),
    );
    expect(error.message).toMatch(/must not be before 2026-03-01/);
    expect((await vault.get(fact.id)).history).toHaveLength(1);
  });

  it('records a move after it happened: the new address is in force from its day, the old one before (issue 14 point 8)', async () => {
    const { vault } = t.services;
    // Added today (2026-03-15) without a date: "known since today", not "valid only from today".
    const fact = await vault.add({
      kind: 'postal_address',
      label: 'home',
      value: { lines: ['1 Old Road'], locality: 'Manchester', country: 'GB' },
    });
    const moved = await vault.update(fact.id, {
      value: { lines: ['2 New Street'], locality: 'Bristol', country: 'GB' },
      validFrom: '2026-02-01',
    });
    expect(moved.history.map((v) => [v.version, v.validFrom])).toEqual([
      [1, '2026-03-15'],
      [2, '2026-02-01'],
    ]);
    expect(moved.current.version).toBe(2);
    expect(versionAt(moved.history, '2026-01-31')?.version).toBe(1);
    expect(versionAt(moved.history, '2026-02-01')?.version).toBe(2);
    expect(versionAt(moved.history, '2026-03-20')?.version).toBe(2);
  });

  it('refuses a version that would silently cancel a move the person dated ahead', async () => {
    const { vault } = t.services;
    const fact = await vault.add({ kind: 'email', label: 'x', value: { address: 'a@example.org' } });
    await vault.update(fact.id, { value: { address: 'b@example.org' }, validFrom: '2026-09-01' });
    const error = await rejection(
      vault.update(fact.id, { value: { address: 'c@example.org' }, validFrom: '2026-06-01' }),
    );
    expect(error.details).toEqual([
      {
        path: 'validFrom',
        message:
          'must not be before 2026-09-01, the day version 2 was recorded to take effect; a version dated earlier would cancel that change. Give a date on or after 2026-09-01',
      },
    ]);
    expect((await vault.get(fact.id)).history).toHaveLength(2);
  });

  it('renames without a new version, and needs something to change', async () => {
    const { vault } = t.services;
    const fact = await vault.add({ kind: 'custom', label: 'shoe size', value: { text: '43' } });
    expect((await vault.update(fact.id, { label: 'shoe size (EU)' })).history).toHaveLength(1);
    expect((await rejection(vault.update(fact.id, {}))).message).toMatch(/nothing to change/);
  });

  it('retires a fact: it leaves the list but keeps its history, and cannot change any more', async () => {
    const { vault } = t.services;
    const fact = await vault.add({ kind: 'date', label: 'birthday', value: { date: '1990-04-12' } });
    await vault.retire(fact.id);
    expect(await vault.list()).toEqual([]);
    const other = await vault.add({ kind: 'custom', label: 'old', value: { text: 'x' } });
    // A day given is stored as an instant, like the default, so retiredAt has one format.
    expect((await vault.retire(other.id, '2026-01-31')).retiredAt).toBe('2026-01-31T00:00:00.000Z');
    expect(await vault.list({ includeRetired: true })).toHaveLength(2);
    expect((await rejection(vault.update(fact.id, { value: { date: '1990-04-13' } }))).code).toBe('conflict');
    expect((await rejection(vault.retire(fact.id))).code).toBe('conflict');
  });

  it('deletes a fact with its history and leaves the deletion in the audit log', async () => {
    const { vault, audit } = t.services;
    const fact = await vault.add({ kind: 'custom', label: 'note', value: { text: 'secret' } });
    await vault.delete(fact.id);
    expect((await rejection(vault.get(fact.id))).code).toBe('not_found');
    const deletions = (await audit.list({ entity: 'facts', entityId: fact.id })).filter(
      (e) => e.action === 'delete',
    );
    expect(deletions).toHaveLength(1);
    expect(deletions[0]?.oldValues).toMatchObject({ label: 'note' });
  });

  it('rejects an unknown kind with the list of kinds', async () => {
    const error = await rejection(t.services.vault.add({ kind: 'starsign' as never, label: 'x', value: {} }));
    expect(error.message).toMatch(/kind must be one of name, email/);
  });
});
