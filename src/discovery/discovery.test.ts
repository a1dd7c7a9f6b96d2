import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../test/store.js';

/**
 * Finding who holds the person's data (issue 16, part 5): organisations that wrote to the
 * person's addresses but are not in the ledger, from mail imported through the real importer.
 */
let t: TestStore;
let acme: number;

const MAIN = 'alex.morgan@posteo.de';
const ACME_ALIAS = 'acme.k3f9qx@alexmorgan.example';

interface Letter {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly date?: string;
  readonly headers?: readonly string[];
}

function letter({ from, to, subject, date = 'Tue, 10 Mar 2026 09:00:00 +0000', headers = [] }: Letter) {
  const id = `${Math.random().toString(36).slice(2)}@test.example`;
  return [
    ...headers,
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Date: ${date}`,
    `Message-ID: <${id}>`,
    '',
    'Hello.',
    '',
  ].join('\n');
}

async function importAll(messages: readonly Letter[]) {
  const path = join(t.dir, `mail-${Math.random().toString(36).slice(2)}.mbox`);
  writeFileSync(path, '');
  for (const m of messages)
    appendFileSync(path, `From x@example.org Tue Mar 10 09:00:00 2026\n${letter(m)}\n`);
  await t.services.mail.importPath(path, { poolSize: 0 });
}

/** The crafted mailbox of the brief: one of each kind of sender. */
const MAILBOX: readonly Letter[] = [
  // A provider of the ledger: never listed.
  { from: 'Acme News <news@acme.example>', to: ACME_ALIAS, subject: 'Acme news' },
  // An unknown shop, to the person's main address (a vault fact), twice.
  {
    from: 'Corner Shop <orders@cornershop.example>',
    to: MAIN,
    subject: 'Your order 1',
    date: 'Mon, 2 Feb 2026 09:00:00 +0000',
  },
  {
    from: '"Corner Shop Team" <news@mail.cornershop.example>',
    to: MAIN,
    subject: 'Spring sale',
    date: 'Wed, 11 Mar 2026 09:00:00 +0000',
  },
  {
    from: 'Corner Shop <orders@cornershop.example>',
    to: MAIN,
    subject: 'Your order 2',
    date: 'Thu, 5 Mar 2026 09:00:00 +0000',
  },
  // An unknown sender, to the alias given to Acme: a leak.
  { from: 'Broker Deals <offers@databroker.example>', to: ACME_ALIAS, subject: 'Deals for you' },
  // A shop that sends through SendGrid: grouped by its From domain, and found in the directory.
  {
    from: 'Zalando <info@service.zalando.de>',
    to: MAIN,
    subject: 'Neue Styles',
    headers: [
      'Return-Path: <bounces+123-abc=posteo.de@em123.sendgrid.net>',
      'DKIM-Signature: v=1; a=rsa-sha256; d=sendgrid.net; s=smtpapi; b=abc',
    ],
  },
  // A person writing from free mail: never an organisation.
  { from: 'Sam <sam.friend@gmail.com>', to: MAIN, subject: 'Dinner?' },
  // The person's own mail, and mail that reached none of the person's addresses.
  { from: `Alex <${MAIN}>`, to: 'someone@elsewhere.example', subject: 'Sent by me' },
  { from: 'List <list@unrelated.example>', to: 'other.person@elsewhere.example', subject: 'Not for Alex' },
];

beforeEach(async () => {
  t = await freshStore();
  const s = t.services;
  acme = (await s.providers.add({ name: 'Acme', domains: ['acme.example'] })).id;
  await s.identities.addStrategy({ kind: 'catchall', base: 'alexmorgan.example' });
  await s.identities.addEmail({ provider: acme, address: ACME_ALIAS });
  await s.vault.add({ kind: 'email', label: 'personal', value: { address: MAIN } });
  await importAll(MAILBOX);
});

afterEach(async () => {
  await t.dispose();
});

describe('DiscoveryService.organisations', () => {
  it('lists the organisations outside the ledger that wrote to the person, most messages first', async () => {
    const found = await t.services.discovery.organisations();
    expect(found.map((o) => o.domain)).toEqual(['cornershop.example', 'databroker.example', 'zalando.de']);
    const shop = found[0];
    expect(shop).toMatchObject({
      name: 'Corner Shop',
      messages: 3,
      firstAt: '2026-02-02T09:00:00.000Z',
      lastAt: '2026-03-11T09:00:00.000Z',
      leak: false,
      subjects: ['Spring sale', 'Your order 2', 'Your order 1'],
      directory: null,
      dismissed: false,
    });
    expect(shop?.wroteTo).toEqual([
      {
        address: MAIN,
        label: 'your personal address',
        identityId: null,
        givenTo: null,
        messages: 3,
        leak: false,
      },
    ]);
  });

  it('flags a leak when an organisation wrote to the alias given to another provider', async () => {
    const broker = (await t.services.discovery.organisations()).find(
      (o) => o.domain === 'databroker.example',
    );
    expect(broker).toMatchObject({ name: 'Broker Deals', messages: 1, leak: true });
    expect(broker?.wroteTo).toEqual([
      {
        address: ACME_ALIAS,
        label: 'given to Acme',
        identityId: expect.any(Number) as number,
        givenTo: { providerId: acme, name: 'Acme' },
        messages: 1,
        leak: true,
      },
    ]);
  });

  it('groups mail sent through a bulk-mail service by its From domain, with the directory entry', async () => {
    const found = await t.services.discovery.organisations();
    expect(found.some((o) => /sendgrid/.test(o.domain))).toBe(false);
    expect(found.find((o) => o.domain === 'zalando.de')).toMatchObject({
      name: 'Zalando SE',
      messages: 1,
      directory: { slug: 'zalando', name: 'Zalando SE', hasPrivacyContact: true },
    });
  });

  it('leaves out free mail, the person, providers, and mail that reached none of their addresses', async () => {
    const domains = (await t.services.discovery.organisations()).map((o) => o.domain);
    for (const left of ['gmail.com', 'posteo.de', 'acme.example', 'unrelated.example', 'elsewhere.example'])
      expect(domains).not.toContain(left);
  });

  it('leaves out a domain whose mail classification gives to a provider (its mail service)', async () => {
    // Acme's mail service writes from its own domain, with Acme's DKIM signature.
    await importAll([
      {
        from: 'Acme Billing <billing@acme-mailer.example>',
        to: ACME_ALIAS,
        subject: 'Invoice',
        headers: ['DKIM-Signature: v=1; a=rsa-sha256; d=acme.example; s=s1; b=abc'],
      },
      // The same service's reminder lost its signature on the way: it is still Acme's.
      { from: 'Acme Billing <billing@acme-mailer.example>', to: ACME_ALIAS, subject: 'Reminder' },
    ]);
    const domains = (await t.services.discovery.organisations()).map((o) => o.domain);
    expect(domains).not.toContain('acme-mailer.example');
  });
});

describe('DiscoveryService.organisations and discussion lists', () => {
  it('gives a member’s post that a list relayed to the list’s operator, not to the member', async () => {
    await importAll([
      {
        from: 'Pat Member <pat@member-home.example>',
        to: 'talk@lists.community.example',
        subject: 'Re: meetup',
        headers: [
          `Delivered-To: ${MAIN}`,
          'Sender: talk-bounces@lists.community.example',
          'List-Id: Community talk <talk.lists.community.example>',
        ],
      },
    ]);
    const found = await t.services.discovery.organisations();
    expect(found.map((o) => o.domain)).not.toContain('member-home.example');
    expect(found.find((o) => o.domain === 'community.example')).toMatchObject({
      name: 'community.example',
      messages: 1,
      wroteTo: [{ address: MAIN, identityId: null, givenTo: null, messages: 1, leak: false }],
    });
  });
});

describe('DiscoveryService.organisations and allowed senders', () => {
  it('leaves out a sender the person allowed for a provider: they said whose mail service it is', async () => {
    await t.services.mail.allowSender({
      provider: acme,
      sender: 'databroker.example',
      reason: 'Acme’s offers partner',
    });
    const domains = (await t.services.discovery.organisations()).map((o) => o.domain);
    expect(domains).toEqual(['cornershop.example', 'zalando.de']);
  });
});

describe('DiscoveryService.add', () => {
  it('adds an unknown organisation with its name and domain, and its past mail becomes its own', async () => {
    const added = await t.services.discovery.add('Mail.CornerShop.example');
    expect(added).toMatchObject({ messages: 3, fromDirectory: false });
    expect(added.provider).toMatchObject({ name: 'Corner Shop', domains: ['cornershop.example'] });
    const inbox = await t.services.mail.inbox({ provider: added.provider.id, limit: 10 });
    expect(inbox.map((m) => m.subject).sort()).toEqual(['Spring sale', 'Your order 1', 'Your order 2']);
    const domains = (await t.services.discovery.organisations()).map((o) => o.domain);
    expect(domains).toEqual(['databroker.example', 'zalando.de']);
  });

  it('adds an organisation of the directory from its entry, privacy contact included', async () => {
    const added = await t.services.discovery.add('zalando.de');
    expect(added.fromDirectory).toBe(true);
    expect(added.messages).toBe(1);
    expect(added.provider).toMatchObject({
      name: 'Zalando SE',
      directorySlug: 'zalando',
      privacyEmail: 'datenschutz@zalando.de',
    });
    expect(added.provider.domains).toContain('zalando.de');
  });

  it('gives the new provider its domain in the name when another provider has that name', async () => {
    await t.services.providers.add({ name: 'Corner Shop', domains: ['other-corner.example'] });
    const added = await t.services.discovery.add('cornershop.example');
    expect(added.provider.name).toBe('Corner Shop (cornershop.example)');
  });

  it('says clearly what is wrong with a domain that is bad, a provider already, or never wrote', async () => {
    const { discovery } = t.services;
    await expect(discovery.add('not a domain')).rejects.toThrow(
      'domain must be a mail domain such as shop.example',
    );
    await expect(discovery.add('acme.example')).rejects.toThrow(
      `acme.example is already in your providers as Acme (provider ${acme})`,
    );
    await expect(discovery.add('gmail.com')).rejects.toThrow(
      'no organisation at gmail.com wrote to your addresses in the imported mail',
    );
  });
});

describe('DiscoveryService.dismiss', () => {
  it('hides a dismissed organisation, shows it on request, and shows it again when undismissed', async () => {
    const { discovery } = t.services;
    await discovery.dismiss('databroker.example');
    expect((await discovery.organisations()).map((o) => o.domain)).not.toContain('databroker.example');
    const all = await discovery.organisations({ includeDismissed: true });
    expect(all.find((o) => o.domain === 'databroker.example')?.dismissed).toBe(true);
    await discovery.undismiss('databroker.example');
    expect((await discovery.organisations()).map((o) => o.domain)).toContain('databroker.example');
  });
});
