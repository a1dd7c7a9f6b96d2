import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vrm } from '../test/cli.js';
import { freshStore, type TestStore } from '../test/store.js';
import { parseAddress, providerSlug } from './matching.js';
import type { Recognition } from './service.js';

describe('parseAddress', () => {
  it.each([
    ['Alex@Example.org', 'alex@example.org', 'alex@example.org', null],
    [' <alex+Acme7K@example.org> ', 'alex+acme7k@example.org', 'alex@example.org', 'acme7k'],
    ['mailto:alex@example.org.', 'alex@example.org', 'alex@example.org', null],
    ['a.l.e.x@gmail.com', 'alex@gmail.com', 'alex@gmail.com', null],
    ['A.Lex+Shop@GoogleMail.com', 'alex+shop@gmail.com', 'alex@gmail.com', 'shop'],
    ['a.lex@example.org', 'a.lex@example.org', 'a.lex@example.org', null],
  ])('reads %s as %s (mailbox %s, tag %s)', (text, key, mailbox, tag) => {
    expect(parseAddress(text)).toMatchObject({ key, mailbox, tag });
  });

  it.each(['', 'alex', 'alex@', '@example.org', 'alex@localhost', 'al ex@example.org', '+tag@example.org'])(
    'refuses %j',
    (text) => {
      expect(parseAddress(text)).toBeNull();
    },
  );
});

describe('providerSlug', () => {
  it('keeps at most 12 lower-case ASCII letters and digits', () => {
    expect(providerSlug('Brightside Energy Ltd')).toBe('brightsideen');
    expect(providerSlug('Société Générale')).toBe('societegener');
    expect(providerSlug('!!!')).toBe('org');
  });
});

describe('IdentityService', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore();
    await t.services.providers.add({ name: 'Acme Insurance' });
    await t.services.providers.add({ name: 'Brightside Energy' });
  });
  afterEach(async () => {
    await t.dispose();
  });

  const disclosuresOf = (identityId: number) =>
    t.store.db.selectFrom('disclosures').selectAll().where('identityId', '=', identityId).execute();

  it('makes a plus alias on the mailbox and a catch-all alias with an unguessable suffix', async () => {
    const { identities } = t.services;
    await identities.addStrategy({ kind: 'plus', base: 'Alex@Example.org' });
    const catchall = await identities.addStrategy({ kind: 'catchall', base: 'AlexMorgan.example' });
    const plus = await identities.generate({ provider: 'acme' });
    expect(plus.value).toMatch(/^alex\+acmeinsuranc[a-z0-9]{2}@example\.org$/);
    expect(plus).toMatchObject({ origin: 'plus', providerId: 1, kind: 'email' });
    const other = await identities.generate({ provider: 'brightside', strategy: catchall.id });
    expect(other.value).toMatch(/^brightsideen\.[a-z0-9]{6}@alexmorgan\.example$/);
    const many = new Set<string>();
    for (let i = 0; i < 20; i++)
      many.add((await identities.generate({ provider: 'acme', strategy: 'catchall' })).value);
    expect(many.size).toBe(20);
  });

  it('records each identity as disclosed to its provider, once, in the same act', async () => {
    const { identities } = t.services;
    const manual = await identities.addEmail({
      provider: 'Acme Insurance',
      address: 'acme@alexmorgan.example',
    });
    const rows = await disclosuresOf(manual.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      providerId: 1,
      factId: null,
      disclosedOn: '2026-03-15',
      purposes: '["service"]',
    });
    await expect(identities.delete(manual.id)).rejects.toMatchObject({ code: 'conflict' });
    const retired = await identities.retire(manual.id);
    expect(retired.retiredAt).not.toBeNull();
  });

  it('recognises an identity whatever its case, Gmail dots or googlemail, and says when an alias was never given', async () => {
    const { identities } = t.services;
    await identities.addStrategy({ kind: 'plus', base: 'alex.morgan@gmail.com' });
    await identities.addStrategy({ kind: 'catchall', base: 'alexmorgan.example' });
    const acme = await identities.addEmail({ provider: 'acme', address: 'alex.morgan+acme@gmail.com' });
    const bright = await identities.addEmail({
      provider: 'brightside',
      address: 'bright@alexmorgan.example',
    });

    expect(await identities.recognise('AlexMorgan+ACME@googlemail.com')).toMatchObject({
      how: 'exact',
      providerId: 1,
      identity: { id: acme.id },
    });
    expect(await identities.recognise('Bright@AlexMorgan.Example')).toMatchObject({
      how: 'exact',
      providerId: 2,
    });
    expect(await identities.recognise('bright+x@alexmorgan.example')).toMatchObject({
      how: 'tag-added',
      identity: { id: bright.id },
    });
    expect(await identities.recognise('alex.morgan+lottery@gmail.com')).toMatchObject({
      how: 'unknown-tag',
      identity: null,
    });
    expect(await identities.recognise('sales@alexmorgan.example')).toMatchObject({ how: 'catchall-unknown' });
    expect(await identities.recognise('someone@else.example')).toMatchObject({ how: 'unknown' });
    await expect(identities.recognise('not an address')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('keeps a tagged postal address and a phone number per provider', async () => {
    const { identities, vault } = t.services;
    const home = await vault.add({
      kind: 'postal_address',
      label: 'home',
      value: { lines: ['12 Cotham Hill'], locality: 'Bristol', postcode: 'BS6 6LA', country: 'GB' },
    });
    const postal = await identities.addPostal({ provider: 'acme', factId: home.id, tag: 'Dept AC7K' });
    expect(JSON.parse(postal.value)).toMatchObject({
      lines: ['12 Cotham Hill', 'Dept AC7K'],
      tag: 'Dept AC7K',
    });
    const phone = await identities.addPhone({ provider: 'acme', number: '07911 123456', country: 'GB' });
    expect(phone.value).toBe('+447911123456');
    await expect(
      identities.addPhone({ provider: 'brightside', number: '+447911123456' }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(identities.addPostal({ provider: 'acme', factId: 99, tag: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('names what is wrong with a strategy or a request', async () => {
    const { identities } = t.services;
    await expect(identities.generate({ provider: 'acme' })).rejects.toThrow(/no alias strategy is set up/);
    await expect(identities.addStrategy({ kind: 'plus', base: 'nope' })).rejects.toThrow(
      /base: "nope" is not an e-mail/,
    );
    await expect(identities.addStrategy({ kind: 'plus', base: 'me+x@example.org' })).rejects.toThrow(
      /without a tag/,
    );
    await expect(identities.addStrategy({ kind: 'catchall', base: 'no domain' })).rejects.toThrow(
      /not a domain/,
    );
    await expect(
      identities.addEmail({ provider: 'No Such Ltd', address: 'a@b.example' }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    const s = await identities.addStrategy({ kind: 'catchall', base: 'alexmorgan.example' });
    await expect(
      identities.addStrategy({ kind: 'catchall', base: 'ALEXMORGAN.example' }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    await identities.generate({ provider: 'acme' });
    await expect(identities.removeStrategy(s.id)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('keeps a provider with identities from being deleted, unless with cascade, which removes them too', async () => {
    const { identities, providers } = t.services;
    await identities.addEmail({ provider: 'acme', address: 'acme@alexmorgan.example' });
    await expect(providers.delete('acme')).rejects.toThrow(/1 disclosure, 1 identity/);
    await providers.delete('acme', { cascade: true });
    expect(await identities.list()).toEqual([]);
  });
});

describe('vrm alias and vrm identity', () => {
  it('sets up a strategy, gives a provider its own address, and tells who an address was given to', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrm-identity-cli-'));
    const env = { VRM_HOME: dir, VRM_PASSPHRASE: 'identity cli passphrase' };
    try {
      const run = (...args: string[]) => vrm(args, env);
      expect(run('init').code).toBe(0);
      expect(run('provider', 'add', 'Acme Insurance').code).toBe(0);
      expect(run('alias', 'setup', '--kind', 'catchall', 'AlexMorgan.example').stdout).toMatch(
        /catchall on alexmorgan\.example \(default\)/,
      );
      const made = run('identity', 'new', 'acme');
      expect(made.stdout).toMatch(
        /^Identity 1: acmeinsuranc\.[a-z0-9]{6}@alexmorgan\.example, given to Acme/,
      );
      const address = /: (\S+@\S+),/.exec(made.stdout)?.[1] ?? '';
      const which = JSON.parse(
        run('identity', 'which', address.toUpperCase(), '--json').stdout,
      ) as Recognition;
      expect(which).toMatchObject({ how: 'exact', providerId: 1 });
      expect(run('identity', 'which', 'guess@alexmorgan.example').stdout).toMatch(/never given out/);
      const bad = run('identity', 'add', '--provider', 'acme', '--email', 'not-an-address');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toBe('vrm: identity: address: "not-an-address" is not an e-mail address\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
