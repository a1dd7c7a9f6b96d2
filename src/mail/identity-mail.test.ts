import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../test/store.js';
import { SWITCHED_OFF } from './rules.js';

/**
 * Identities as an alias service shows them (issue 14, point 9): how much mail reached each and
 * from whom, and switching one off; and the order of the person's rules (point 10).
 */
let t: TestStore;
let now = new Date('2026-03-15T12:00:00.000Z');
let acme: number;
let alias: number;

const ADDRESS = 'acme.k3f9qx@alexmorgan.example';

function letter(from: string, subject: string, date = 'Tue, 10 Mar 2026 09:00:00 +0000'): string {
  const id = `${Math.random().toString(36).slice(2)}@test.example`;
  return `From: ${from}\nTo: ${ADDRESS}\nSubject: ${subject}\nDate: ${date}\nMessage-ID: <${id}>\n\nHello.\n`;
}

async function importAll(name: string, messages: readonly string[]) {
  const path = join(t.dir, name);
  writeFileSync(path, '');
  for (const m of messages) appendFileSync(path, `From x@example.org Tue Mar 10 09:00:00 2026\n${m}\n`);
  return t.services.mail.importPath(path, { poolSize: 0 });
}

async function folderOf(subject: string) {
  const all = [
    ...(await t.services.mail.inbox({ limit: 500 })),
    ...(await t.services.mail.inbox({ muted: true, limit: 500 })),
  ];
  const found = all.find((m) => m.subject === subject);
  if (!found) throw new Error(`no message "${subject}"`);
  return (await t.services.mail.message(found.id)).folder;
}

beforeEach(async () => {
  now = new Date('2026-03-15T12:00:00.000Z');
  t = await freshStore(() => now);
  const s = t.services;
  acme = (await s.providers.add({ name: 'Acme', domains: ['acme.example'] })).id;
  await s.identities.addStrategy({ kind: 'catchall', base: 'alexmorgan.example' });
  alias = (await s.identities.addEmail({ provider: acme, address: ADDRESS })).id;
});

afterEach(async () => {
  await t.dispose();
});

describe('identity mail', () => {
  it('counts the messages and senders of each identity, top senders first, then how many more', async () => {
    await importAll('senders.mbox', [
      letter('news@acme.example', 'News 1', 'Mon, 2 Mar 2026 09:00:00 +0000'),
      letter('news@acme.example', 'News 2', 'Wed, 11 Mar 2026 09:00:00 +0000'),
      letter('billing@acme.example', 'Invoice'),
      letter('offers@broker.example', 'Offer'),
    ]);
    expect(await t.services.mail.identityMailCounts()).toEqual([
      { identityId: alias, messages: 4, senders: 3, lastAt: '2026-03-11T09:00:00.000Z' },
    ]);
    const mail = await t.services.mail.identityMail(alias, { limit: 2 });
    expect(mail).toMatchObject({ messages: 4, senders: 3, moreSenders: 1 });
    expect(mail.senderList[0]).toEqual({
      address: 'news@acme.example',
      label: 'Acme',
      providerId: acme,
      messages: 2,
      lastAt: '2026-03-11T09:00:00.000Z',
      leak: false,
    });
    expect(mail.senderList).toHaveLength(2);
    await expect(t.services.mail.identityMail(alias, { limit: 0 })).rejects.toThrow(
      'limit must be a whole number from 1 to 500',
    );
  });

  it('switches an identity off: later mail goes to its own folder as unwanted; on again restores it', async () => {
    await importAll('before.mbox', [letter('billing@acme.example', 'Before')]);
    now = new Date('2026-03-16T12:00:00.000Z');
    const { identity } = await t.services.mail.switchIdentity(alias, { off: true });
    expect(identity.switchedOffAt).toBe('2026-03-16T12:00:00.000Z');
    expect(identity.switchedOffExisting).toBe(false);
    now = new Date('2026-03-17T12:00:00.000Z');
    await importAll('after.mbox', [letter('spam@broker.example', 'After')]);
    expect(await folderOf('Before')).toBe('inbox');
    expect(await folderOf('After')).toBe(SWITCHED_OFF);
    const after = (await t.services.mail.inbox({ muted: true, limit: 10 })).find(
      (m) => m.subject === 'After',
    );
    expect(after).toMatchObject({ attention: 'never', folder: SWITCHED_OFF });

    const all = await t.services.mail.switchIdentity(alias, { off: true, existing: true });
    expect(all.moved).toBe(1);
    expect(await folderOf('Before')).toBe(SWITCHED_OFF);

    const on = await t.services.mail.switchIdentity(alias, { off: false });
    expect(on.identity.switchedOffAt).toBeNull();
    expect(await folderOf('Before')).toBe('inbox');
    expect(await folderOf('After')).toBe('leaked');
  });

  it('switches only e-mail identities', async () => {
    const phone = await t.services.identities.addPhone({ provider: acme, number: '+442071838750' });
    await expect(t.services.mail.switchIdentity(phone.id, { off: true })).rejects.toThrow(
      'only an e-mail identity is switched off',
    );
  });
});

describe('alias strategies', () => {
  it('makes another strategy the default for new aliases', async () => {
    const plus = await t.services.identities.addStrategy({ kind: 'plus', base: 'alex@example.org' });
    expect(plus.isDefault).toBe(0);
    await t.services.identities.makeDefaultStrategy(plus.id);
    const made = await t.services.identities.generate({ provider: acme });
    expect(made.origin).toBe('plus');
    expect((await t.services.identities.listStrategies()).map((s) => s.isDefault)).toEqual([0, 1]);
  });
});

describe('rule order', () => {
  it('moves a rule up or down, renumbers the positions and runs the rules again', async () => {
    const mail = t.services.mail;
    const add = (name: string, folder: string) =>
      mail.addRule({ name, conditions: { senderDomains: ['acme.example'] }, actions: { folder } });
    const first = (await add('First', 'one')).rule;
    const second = (await add('Second', 'two')).rule;
    await importAll('order.mbox', [letter('billing@acme.example', 'Ordered')]);
    expect(await folderOf('Ordered')).toBe('one');
    const moved = await mail.moveRule(second.id, 'up');
    expect(moved.rules.map((r) => [r.name, r.position])).toEqual([
      ['Second', 1],
      ['First', 2],
    ]);
    expect(await folderOf('Ordered')).toBe('two');
    await expect(mail.moveRule(second.id, 'up')).rejects.toThrow(
      'rule "Second" is first already: it cannot move up',
    );
    await expect(mail.moveRule(first.id, 'down')).rejects.toThrow('is last already');
  });
});
