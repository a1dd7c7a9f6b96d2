import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../test/store.js';

/**
 * What a leak leads to (issue 14, point 5): retiring the leaked address and giving the provider a
 * new one in one step, and a complaint case drafted from the event.
 */

let t: TestStore;
let acme: number;
let leakedId: number;
const alias = 'acme.k3f9qx@alexmorgan.example';

beforeEach(async () => {
  t = await freshStore();
  const s = t.services;
  acme = (await s.providers.add({ name: 'Acme Insurance', domains: ['acme-insurance.example'] })).id;
  await s.identities.addStrategy({ kind: 'catchall', base: 'alexmorgan.example' });
  leakedId = (await s.identities.addEmail({ provider: acme, address: alias })).id;
  const path = join(t.dir, 'leak.mbox');
  const mail = (subject: string, date: string) =>
    `From x Tue Mar 10 09:00:00 2026\nFrom: Spammy Broker <offers@spammy-broker.example>\nTo: ${alias}\n` +
    `Subject: ${subject}\nDate: ${date}\nMessage-ID: <${subject.replace(/\W/g, '')}@b.example>\n\nCheap loans.\n\n`;
  writeFileSync(
    path,
    mail('Loans 1', 'Mon, 2 Mar 2026 10:00:00 +0000') + mail('Loans 2', 'Thu, 5 Mar 2026 10:00:00 +0000'),
  );
  await s.mail.importPath(path, { poolSize: 0 });
});

afterEach(async () => {
  await t.dispose();
});

describe('IdentityService.replace', () => {
  it('retires the leaked address and gives the provider a new alias from the same strategy', async () => {
    const { retired, replacement } = await t.services.identities.replace(leakedId);
    expect(retired).toMatchObject({ id: leakedId, value: alias });
    expect(retired.retiredAt).not.toBeNull();
    expect(replacement).toMatchObject({
      providerId: acme,
      kind: 'email',
      origin: 'catchall',
      retiredAt: null,
    });
    expect(replacement.value).toMatch(/^acmeinsuranc\.[a-z0-9]+@alexmorgan\.example$/);
    expect(replacement.value).not.toBe(alias);
    // The old one is still recognised, so its mail and its leak stay where they are.
    expect((await t.services.mail.leaks()).events).toHaveLength(1);
  });

  it('refuses an identity retired already, saying what to do instead', async () => {
    await t.services.identities.replace(leakedId);
    await expect(t.services.identities.replace(leakedId)).rejects.toThrow(
      new RegExp(
        `${alias.replace(/\./g, '\\.')} was retired on \\d{4}-\\d\\d-\\d\\d already: give the provider a new alias with \`vrm identity new ${acme}\``,
      ),
    );
  });

  it('makes no new alias when the old one cannot be retired: both happen in one transaction', async () => {
    // A store that refuses the retirement (as a full disk or a crash would stop it half-way).
    await sql`CREATE TRIGGER refuse_retire BEFORE UPDATE OF retired_at ON identities
      BEGIN SELECT RAISE(ABORT, 'the disk is full'); END`.execute(t.store.db);
    const before = await t.services.identities.list({ provider: acme });
    await expect(t.services.identities.replace(leakedId)).rejects.toThrow();
    expect(await t.services.identities.list({ provider: acme })).toEqual(before);
    expect((await t.services.disclosures.list()).length).toBe(1);
  });

  it('changes nothing when no new alias can be made', async () => {
    const manual = await t.services.identities.addEmail({
      provider: acme,
      address: 'alex.acme@mailbox.example',
    });
    // The only strategy made no alias yet, so it can go: then no new alias can be made.
    for (const strategy of await t.services.identities.listStrategies())
      await t.services.identities.removeStrategy(strategy.id);
    expect(await t.services.identities.listStrategies()).toEqual([]);
    await expect(t.services.identities.replace(manual.id)).rejects.toThrow(/no alias strategy is set up/);
    expect((await t.services.identities.get(manual.id)).retiredAt).toBeNull();
  });
});

describe('the complaint a leak leads to', () => {
  it('names the leaked address, the sender and the dates, for the provider it was given to', async () => {
    const [event] = (await t.services.mail.leaks()).events;
    const { complaint } = await t.services.mail.leak(event?.id ?? 0);
    expect(complaint).toEqual({
      providerId: acme,
      title: `Leak: ${alias} used by spammy-broker.example`,
      description:
        `I gave the e-mail address ${alias} only to Acme Insurance. spammy-broker.example wrote to it 2 times ` +
        'between 2026-03-02 and 2026-03-05. Please tell me to whom you passed it on, when and why, and stop any further sharing.',
    });
  });
});
