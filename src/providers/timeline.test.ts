import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../test/store.js';
import type { TimelinePage } from './timeline.js';

/**
 * A provider's timeline across every area (issue 14, point 4): interactions, cases opened and
 * closed, its mail, the leaks of its identities, disclosures, agreements and documents, newest
 * first, by kind and in pages, on a real store.
 */

let t: TestStore;
let acme: number;
const alias = 'acme.k3f9qx@alexmorgan.example';

const message = (from: string, subject: string, date: string, to = alias): string =>
  [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Date: ${date}`,
    `Message-ID: <${subject.replace(/\W/g, '')}@test.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello.',
    '',
  ].join('\n');

async function importMail(messages: readonly string[]): Promise<void> {
  const path = join(t.dir, 'timeline.mbox');
  writeFileSync(path, '');
  for (const m of messages) appendFileSync(path, `From sender@example.org Tue Mar 10 09:00:00 2026\n${m}\n`);
  await t.services.mail.importPath(path, { poolSize: 0 });
}

/** Every page of the timeline, following `next`. */
async function allPages(kinds: string[] | undefined, limit: number): Promise<TimelinePage[]> {
  const pages: TimelinePage[] = [];
  let after: string | undefined;
  do {
    const page = await t.services.providerTimeline.page(acme, { kinds, limit, after });
    pages.push(page);
    after = page.next ?? undefined;
  } while (after !== undefined && pages.length < 50);
  return pages;
}

beforeEach(async () => {
  t = await freshStore();
  const s = t.services;
  acme = (await s.providers.add({ name: 'Acme Insurance', domains: ['acme-insurance.example'] })).id;
  await s.providers.add({ name: 'Other Shop', domains: ['other.example'] });
  await s.identities.addStrategy({ kind: 'catchall', base: 'alexmorgan.example' });
  await s.identities.addEmail({ provider: acme, address: alias });
  await s.interactions.add({
    providerId: acme,
    channel: 'phone',
    direction: 'outbound',
    subject: 'Asked about the renewal',
    occurredAt: '2026-02-10T09:00:00.000Z',
  });
  await s.interactions.add({
    providerId: acme,
    channel: 'letter',
    direction: 'inbound',
    subject: 'Welcome letter',
    occurredAt: '2025-11-02T10:00:00.000Z',
  });
  const kase = await s.cases.add({ providerId: acme, title: 'Overcharged', openedOn: '2026-01-20' });
  await s.cases.update(kase.id, { status: 'resolved', resolvedOn: '2026-02-25', resolution: 'Refunded' });
  await s.documents.add({ providerId: acme, filename: 'Policy.pdf', content: Buffer.from('%PDF-1.4') });
  const home = await s.vault.add({
    kind: 'email',
    label: 'Personal',
    value: { address: 'alex@example.org' },
  });
  await s.disclosures.record({
    provider: acme,
    facts: [home.id],
    purposes: ['service'],
    on: '2026-01-05',
    override: 'given at sign-up',
  });
  await s.agreements.proffer({ provider: acme, terms: 'SD-BASE-DP', on: '2026-01-06' });
  await importMail([
    message('policy@acme-insurance.example', 'Your policy', 'Mon, 5 Jan 2026 08:00:00 +0000'),
    message('billing@acme-insurance.example', 'Your bill for January', 'Sun, 1 Feb 2026 08:00:00 +0000'),
    message('billing@acme-insurance.example', 'Your bill for February', 'Sun, 1 Mar 2026 08:00:00 +0000'),
    message('news@acme-insurance.example', 'Spring news', 'Fri, 20 Mar 2026 08:00:00 +0000'),
    message('offers@spammy-broker.example', 'Cheap loans', 'Wed, 4 Mar 2026 10:00:00 +0000'),
    message('hello@other.example', 'Other shop news', 'Thu, 5 Mar 2026 10:00:00 +0000', 'alex@example.org'),
  ]);
});

afterEach(async () => {
  await t.dispose();
});

describe('ProviderTimelineService', () => {
  it('holds every kind of item about the provider, newest first, and counts each kind', async () => {
    const page = await t.services.providerTimeline.page('acme', {});
    expect(page.items.map((i) => [i.kind, i.at.slice(0, 10), i.title])).toEqual([
      ['message', '2026-03-20', 'Spring news'],
      // Added today, by the store's clock: the document, and the identity given to Acme.
      ['document', '2026-03-15', 'Policy.pdf'],
      ['disclosure', '2026-03-15', `Gave the identity ${alias}`],
      [
        'leak',
        '2026-03-04',
        `spammy-broker.example wrote to ${alias}, the address you gave only this provider`,
      ],
      ['message', '2026-03-01', 'Your bill for February'],
      ['case', '2026-02-25', 'Case closed: Overcharged'],
      ['interaction', '2026-02-10', 'Asked about the renewal'],
      ['message', '2026-02-01', 'Your bill for January'],
      ['case', '2026-01-20', 'Case opened: Overcharged'],
      ['agreement', '2026-01-06', 'Proffered your terms “SD-BASE-DP”'],
      ['message', '2026-01-05', 'Your policy'],
      ['disclosure', '2026-01-05', 'Gave Personal (email)'],
      ['interaction', '2025-11-02', 'Welcome letter'],
    ]);
    expect(Object.fromEntries(page.kinds.map((k) => [k.kind, k.count]))).toEqual({
      interaction: 2,
      case: 2,
      document: 1,
      message: 4,
      leak: 1,
      disclosure: 2,
      agreement: 1,
      payment: 0,
    });
    expect(page.total).toBe(13);
    expect(page.next).toBeNull();
    // Mail links to the message in the inbox, a leak to its event.
    const spring = page.items.find((i) => i.title === 'Spring news');
    expect(spring?.route).toMatch(/^mail\/message\/\d+$/);
    expect(page.items.find((i) => i.kind === 'leak')?.route).toMatch(/^mail\/leaks\/\d+$/);
    // Mail from another provider is not this provider's.
    expect(page.items.some((i) => i.title === 'Other shop news')).toBe(false);
  });

  it('shows only the kinds asked for, with the counts of every kind for the filter', async () => {
    const page = await t.services.providerTimeline.page(acme, { kinds: ['message', 'leak'] });
    expect(page.shown).toEqual(['message', 'leak']);
    expect(page.items.map((i) => i.kind)).toEqual(['message', 'leak', 'message', 'message', 'message']);
    expect(page.total).toBe(5);
    expect(page.kinds.find((k) => k.kind === 'interaction')?.count).toBe(2);
  });

  it('pages through the timeline without losing or repeating an item, also at one instant', async () => {
    // Three more interactions at the very instant of the "Your policy" message and the disclosure's day.
    for (const subject of ['Call A', 'Call B', 'Call C'])
      await t.services.interactions.add({
        providerId: acme,
        channel: 'phone',
        direction: 'inbound',
        subject,
        occurredAt: '2026-01-05T00:00:00.000Z',
      });
    const whole = await t.services.providerTimeline.page(acme, { limit: 200 });
    for (const limit of [1, 2, 3, 5]) {
      const pages = await allPages(undefined, limit);
      const keys = pages.flatMap((p) => p.items.map((i) => i.key));
      expect(keys, `pages of ${limit}`).toEqual(whole.items.map((i) => i.key));
      expect(pages.every((p) => p.items.length <= limit)).toBe(true);
      expect(pages.at(-1)?.next).toBeNull();
    }
    const messages = await allPages(['message'], 3);
    expect(messages.map((p) => p.items.length)).toEqual([3, 1]);
  });

  it('reads at most one page from each source, however much mail the provider has', async () => {
    const many = Array.from({ length: 120 }, (_, i) =>
      message(
        'news@acme-insurance.example',
        `Newsletter ${i}`,
        new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toUTCString(),
      ),
    );
    await importMail(many);
    const page = await t.services.providerTimeline.page(acme, { kinds: ['message'], limit: 10 });
    expect(page.items).toHaveLength(10);
    expect(page.total).toBe(124);
    expect(page.next).not.toBeNull();
  });

  it('refuses an unknown kind, a page size out of range and a cursor from nowhere, naming what to do', async () => {
    const { providerTimeline } = t.services;
    await expect(providerTimeline.page(acme, { kinds: ['letters'] })).rejects.toThrow(
      /kind: there is no kind "letters" in a timeline; choose from interaction, case, document, message, leak/,
    );
    await expect(providerTimeline.page(acme, { limit: 0 })).rejects.toThrow(/limit: must be at least 1/);
    await expect(providerTimeline.page(acme, { after: 'yesterday' })).rejects.toThrow(
      /after: not a place in this timeline/,
    );
  });
});
