import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../test/store.js';
import type { CampaignItem } from './views.js';

/**
 * Change campaigns (issue 15, part 2): a new address told to every provider that holds the old
 * one, each on the channel it can be reached by, from the identity it knows, followed until it
 * confirms; a confirmed provider then holds the new version in Who knows what.
 */
let t: TestStore;
let home: number;
const ids: Record<string, number> = {};

beforeEach(async () => {
  t = await freshStore();
  const s = t.services;
  await s.vault.add({ kind: 'name', label: 'legal', value: { full: 'Alex Morgan' } });
  home = (
    await s.vault.add({
      kind: 'postal_address',
      label: 'home',
      value: { lines: ['4 Old Mill Lane'], locality: 'Manchester', postcode: 'M4 6AB', country: 'GB' },
      validFrom: '2019-08-01',
    })
  ).id;
  await s.identities.addStrategy({ kind: 'catchall', base: 'alexmorgan.example' });
  const add = async (name: string, fields: Record<string, string>) => {
    ids[name] = (await s.providers.add({ name, ...fields })).id;
  };
  await add('Harbour Bank', { privacyEmail: 'privacy@harbour.example', country: 'GB' });
  await add('Stadtwerke Köln', { postalAddress: 'Stadtwerke Köln\nPostfach 1\n50667 Köln', country: 'DE' });
  await add('Lumen Fibre', { webForm: 'https://lumen.example/contact' });
  await add('Quiet Ltd', {});
  await add('Aegis Insurance', { supportEmail: 'help@aegis.example' });
  await s.identities.addEmail({ provider: ids['Harbour Bank'] ?? 0, address: 'harbour@alexmorgan.example' });
  await s.accounts.add({ providerId: ids['Harbour Bank'] ?? 0, customerNumber: 'HB-1234' });
  await s.accounts.add({ providerId: ids['Stadtwerke Köln'] ?? 0, customerNumber: 'SW-77' });
  for (const id of Object.values(ids))
    await s.disclosures.record({ provider: id, facts: [home], on: '2020-01-10', purposes: ['service'] });
  await s.vault.update(home, {
    value: { lines: ['12 Cotham Hill'], locality: 'Bristol', postcode: 'BS6 6LA', country: 'GB' },
    validFrom: '2026-02-01',
  });
});

afterEach(async () => {
  await t.dispose();
});

const itemOf = (campaign: { items: readonly CampaignItem[] }, name: string): CampaignItem => {
  const item = campaign.items.find((i) => i.provider === name);
  if (!item) throw new Error(`no item for ${name}`);
  return item;
};

describe('starting a campaign', () => {
  it('lists every provider that holds the old address, each with its channel, identity and a drafted notice', async () => {
    const campaign = await t.services.changes.start({ fact: 'home' });
    expect(campaign.progress).toMatchObject({ total: 5, updated: 0, drafted: 5 });
    expect(campaign.title).toBe('home (postal address): 12 Cotham Hill, BS6 6LA Bristol, GB');

    const bank = itemOf(campaign, 'Harbour Bank');
    expect(bank).toMatchObject({
      channel: 'email',
      from: 'harbour@alexmorgan.example',
      recipient: 'privacy@harbour.example',
      problem: null,
      held: '4 Old Mill Lane, M4 6AB Manchester, GB',
      subject: 'Change of address (customer number HB-1234)',
    });
    expect(bank.body).toContain(
      'From 1 February 2026, my postal address is:\n    12 Cotham Hill\n    Bristol\n    BS6 6LA',
    );
    expect(bank.body).toContain('It was:\n    4 Old Mill Lane\n    Manchester');
    expect(bank.body).toMatch(/Kind regards,\nAlex Morgan\n$/);

    // A German provider is written to in German, by letter, its only channel.
    const stadtwerke = itemOf(campaign, 'Stadtwerke Köln');
    expect(stadtwerke).toMatchObject({ channel: 'letter', subject: 'Adressänderung (Kundennummer SW-77)' });
    expect(stadtwerke.body).toContain('Ab dem 1. Februar 2026 lautet meine Anschrift:');
    expect(stadtwerke.body).toContain('Mit freundlichen Grüßen');

    expect(itemOf(campaign, 'Lumen Fibre')).toMatchObject({
      channel: 'web_form',
      recipient: 'https://lumen.example/contact',
    });
    // No channel at all, and an e-mail but no identity to write from: said, with what to do.
    expect(itemOf(campaign, 'Quiet Ltd')).toMatchObject({ channel: null });
    expect(itemOf(campaign, 'Quiet Ltd').problem).toMatch(
      /no e-mail address, postal address or web form.*add one/,
    );
    expect(itemOf(campaign, 'Aegis Insurance')).toMatchObject({ channel: 'email', from: null });
    expect(itemOf(campaign, 'Aegis Insurance').problem).toMatch(/no e-mail identity.*vrm identity new/);
  });

  it('leaves out a provider told the new address already', async () => {
    await t.services.disclosures.record({
      provider: ids['Harbour Bank'] ?? 0,
      facts: [home],
      on: '2026-02-03',
      purposes: ['service'],
    });
    const campaign = await t.services.changes.start({ fact: home });
    expect(campaign.items.map((i) => i.provider)).not.toContain('Harbour Bank');
    expect(campaign.progress.total).toBe(4);
  });

  it('refuses a fact with no older version, a kind no provider is told about, and a second campaign for one version', async () => {
    const s = t.services;
    await s.vault.add({
      kind: 'postal_address',
      label: 'office',
      value: { lines: ['1 Quay'], locality: 'Bristol', country: 'GB' },
    });
    await expect(s.changes.start({ fact: 'office' })).rejects.toThrow(
      /"office" has no older version.*vrm fact update/,
    );
    await s.vault.add({ kind: 'date', label: 'birthday', value: { date: '1992-05-14' } });
    await expect(s.changes.start({ fact: 'birthday' })).rejects.toThrow(/"birthday" is a date/);
    const first = await s.changes.start({ fact: 'home' });
    await expect(s.changes.start({ fact: 'home' })).rejects.toThrow(
      new RegExp(`campaign ${first.id} already tells providers.*vrm change show ${first.id}`),
    );
    await expect(s.changes.start({ fact: 'home', waitDays: 0 })).rejects.toThrow(
      /wait days must be at least 1/,
    );
    expect(await s.changes.list()).toHaveLength(1);
  });
});

describe('following a campaign', () => {
  it('moves an item from drafted to sent, acknowledged and confirmed, and Who knows what stops showing it outdated', async () => {
    const s = t.services;
    const campaign = await s.changes.start({ fact: 'home', waitDays: 14 });
    const bank = itemOf(campaign, 'Harbour Bank');
    const edited = await s.changes.edit(bank.id, {
      body: 'Please update my address to 12 Cotham Hill, Bristol.',
    });
    expect(edited.body).toBe('Please update my address to 12 Cotham Hill, Bristol.');
    const sent = await s.changes.markSent(bank.id, { on: '2026-02-05' });
    expect(sent).toMatchObject({ state: 'sent', sentOn: '2026-02-05', dueOn: '2026-02-19' });
    await expect(s.changes.edit(bank.id, { subject: 'Again' })).rejects.toThrow(
      /was sent already; only a draft is edited/,
    );
    expect((await s.changes.acknowledge(bank.id, { on: '2026-02-07' })).state).toBe('acknowledged');

    expect(itemOf(await s.changes.get(campaign.id), 'Harbour Bank').mayHaveConfirmed).toBeNull();
    // A letter from the bank, scanned after its reply: perhaps the confirmation.
    await s.documents.add({
      providerId: bank.providerId,
      title: 'Your new address',
      filename: 'address-changed.txt',
      content: Buffer.from('We have updated your address.'),
    });
    expect(itemOf(await s.changes.get(campaign.id), 'Harbour Bank').mayHaveConfirmed).toMatch(
      /a document from Harbour Bank came on \d{4}-\d\d-\d\d, after its reply: “Your new address”/,
    );

    const outdatedBefore = (await s.disclosures.forFact(home)).holders.find(
      (h) => h.providerId === bank.providerId,
    );
    expect(outdatedBefore?.outdated).toBe(true);
    const confirmed = await s.changes.confirm(bank.id, { on: '2026-02-10' });
    expect(confirmed).toMatchObject({ state: 'confirmed', confirmedOn: '2026-02-10' });
    const holding = (await s.disclosures.forFact(home)).holders.find((h) => h.providerId === bank.providerId);
    expect(holding).toMatchObject({ outdated: false, version: 2 });
    expect((await s.changes.get(campaign.id)).progress).toMatchObject({ total: 5, updated: 1 });
  });

  it('shows a sent notice unanswered past the wait as overdue', async () => {
    const s = t.services;
    const campaign = await s.changes.start({ fact: 'home', waitDays: 7 });
    await s.changes.markSent(itemOf(campaign, 'Lumen Fibre').id, { on: '2026-01-01' });
    const after = await s.changes.get(campaign.id);
    expect(itemOf(after, 'Lumen Fibre')).toMatchObject({ overdue: true, dueOn: '2026-01-08' });
    expect(after.progress.overdue).toBe(1);
    // The dashboard reminds: the campaign is in progress and Lumen's answer is late.
    expect((await s.dashboard.build()).campaigns).toEqual([
      {
        id: campaign.id,
        title: campaign.title,
        total: 5,
        updated: 0,
        failed: 0,
        late: ['Lumen Fibre'],
      },
    ]);
  });

  it('drops and adds providers, changes the channel only to one the provider has, and refuses to send without a channel', async () => {
    const s = t.services;
    const campaign = await s.changes.start({ fact: 'home' });
    const quiet = itemOf(campaign, 'Quiet Ltd');
    await expect(s.changes.markSent(quiet.id)).rejects.toThrow(
      /no e-mail address, postal address or web form/,
    );
    expect((await s.changes.drop(quiet.id)).state).toBe('dropped');
    expect((await s.changes.get(campaign.id)).progress.total).toBe(4);
    await expect(s.changes.confirm(quiet.id)).rejects.toThrow(/dropped.*add it back/);
    expect((await s.changes.addProvider(campaign.id, { provider: 'Quiet Ltd' })).state).toBe('drafted');
    await expect(s.changes.addProvider(campaign.id, { provider: 'Quiet Ltd' })).rejects.toThrow(/already/);

    await expect(s.changes.edit(itemOf(campaign, 'Lumen Fibre').id, { channel: 'letter' })).rejects.toThrow(
      /Lumen Fibre has no postal address/,
    );
    const bank = await s.changes.edit(itemOf(campaign, 'Harbour Bank').id, { channel: 'email' });
    expect(bank.channel).toBe('email');
    const other = (await s.providers.add({ name: 'Counter Ltd', postalAddress: '1 Road\nLeeds' })).id;
    const added = await s.changes.addProvider(campaign.id, { provider: other });
    expect(added).toMatchObject({ channel: 'letter', heldVersion: null, held: null });
    expect(added.body).not.toContain('It was:');
  });

  it('records a failure with its reason, and the item can be edited and sent again', async () => {
    const s = t.services;
    const campaign = await s.changes.start({ fact: 'home' });
    const bank = itemOf(campaign, 'Harbour Bank');
    await s.changes.markSent(bank.id);
    expect(await s.changes.fail(bank.id, { reason: '550 5.1.1 mailbox unknown' })).toMatchObject({
      state: 'failed',
      failure: '550 5.1.1 mailbox unknown',
    });
    expect((await s.changes.get(campaign.id)).progress.failed).toBe(1);
    await s.changes.edit(bank.id, { subject: 'Change of address, again' });
    expect((await s.changes.markSent(bank.id)).failure).toBeNull();
  });
});

describe('campaign reminders in the calendar', () => {
  it('puts the day an answer is due for each sent notice in the feed, and takes it out once answered', async () => {
    const s = t.services;
    const campaign = await s.changes.start({ fact: 'home', waitDays: 14 });
    const bank = itemOf(campaign, 'Harbour Bank');
    await s.changes.markSent(bank.id, { on: '2026-03-10' });
    const due = (await s.calendar.events()).filter((e) => e.kind === 'change');
    expect(due).toMatchObject([
      { date: '2026-03-24', summary: 'Answer due: Harbour Bank – home changed', remindDaysBefore: [1] },
    ]);
    await s.changes.acknowledge(bank.id);
    expect((await s.calendar.events()).filter((e) => e.kind === 'change')).toEqual([]);
  });
});

describe('following up a letter', () => {
  it('drafts a German follow-up, and the answer is due from the day it is posted', async () => {
    const s = t.services;
    const campaign = await s.changes.start({ fact: 'home', waitDays: 10 });
    const letter = itemOf(campaign, 'Stadtwerke Köln');
    await s.changes.markSent(letter.id, { on: '2026-01-05' });
    // The fixed test clock is past the wait: the answer is late.
    expect(itemOf(await s.changes.get(campaign.id), 'Stadtwerke Köln')).toMatchObject({
      overdue: true,
      dueOn: '2026-01-15',
    });
    // Unsent items are not followed up.
    const bank = itemOf(campaign, 'Harbour Bank');
    await expect(s.changes.followUp(campaign.id, { only: [bank.id] })).rejects.toThrow(
      /Harbour Bank is drafted: only a sent notice/,
    );

    const { drafted } = await s.changes.followUp(campaign.id);
    expect(drafted.map((i) => i.provider)).toEqual(['Stadtwerke Köln']);
    const draft = drafted[0];
    expect(draft?.subject).toBe('Erinnerung: Adressänderung (Kundennummer SW-77)');
    expect(draft?.body).toContain(
      'Ich habe Ihnen deswegen bereits am 5. Januar 2026 geschrieben und noch keine Antwort erhalten.',
    );
    // Its letter says so too, under the letter's own salutation, once.
    const pdf = (await s.changes.letter(letter.id, { date: '2026-02-01' })).pdf;
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Erinnerung: Adressänderung');
    expect(text).toContain('bereits am 5. Januar 2026 geschrieben');
    expect(text.match(/Sehr geehrte Damen und Herren/g)).toHaveLength(1);
    // A follow-up is a draft like any other: it can be edited, then posted.
    await s.changes.edit(letter.id, { body: `${draft?.body ?? ''}\nPS: Kundennummer SW-77.\n` });
    const posted = await s.changes.markSent(letter.id, { on: '2026-02-02' });
    expect(posted).toMatchObject({
      state: 'sent',
      sentOn: '2026-01-05',
      followedUpOn: '2026-02-02',
      followUps: 1,
      dueOn: '2026-02-12',
    });
    // A second follow-up counts on.
    const again = await s.changes.followUp(campaign.id, { only: [letter.id] });
    expect(again.drafted[0]?.subject).toBe('2. Erinnerung: Adressänderung (Kundennummer SW-77)');
  });
});
