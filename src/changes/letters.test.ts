import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GEOMETRY, pt } from '../letters/layout.js';
import type { Letter } from '../letters/service.js';
import { VrmError } from '../platform/errors.js';
import { freshStore, type TestStore } from '../test/store.js';
import { letterText } from './letters.js';
import type { CampaignDetail, CampaignItem } from './views.js';

/**
 * The letters of a change campaign (issue 15, "send them by e-mail and as letters"): a letter
 * item's notice as a PDF, read back with Debian's pdftotext and checked with qpdf, and the letter
 * kept with the provider when the item is marked posted, in one transaction with the item.
 */
let t: TestStore;
let home: number;
const ids: Record<string, number> = {};
const dir = mkdtempSync(join(tmpdir(), 'vrm-change-letters-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
  await add('Northern Power', { postalAddress: '1 Mill Street\nLeeds\nLS1 2AB', country: 'GB' });
  await add('Stadtwerke Köln', { postalAddress: 'Postfach 1\n50667 Köln', country: 'DE' });
  await add('Harbour Bank', { privacyEmail: 'privacy@harbour.example', country: 'GB' });
  await s.identities.addEmail({ provider: ids['Harbour Bank'] ?? 0, address: 'harbour@alexmorgan.example' });
  await s.accounts.add({ providerId: ids['Northern Power'] ?? 0, customerNumber: 'NP-4471' });
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

let files = 0;
/** The letter's text as pdftotext lays it out, whole or cropped to its window (millimetres). */
function read(letter: Letter, window = false): string {
  const file = join(dir, `${String((files += 1))}.pdf`);
  writeFileSync(file, letter.pdf);
  const box = GEOMETRY[letter.layout].window;
  const crop = window
    ? ['-r', '72', '-x', String(Math.floor(pt(box.left))), '-y', String(Math.floor(pt(box.top)))]
    : [];
  const size = window
    ? ['-W', String(Math.ceil(pt(box.width))), '-H', String(Math.ceil(pt(box.height)))]
    : [];
  return execFileSync('pdftotext', ['-layout', ...crop, ...size, file, '-'], { encoding: 'utf8' });
}

const qpdfCheck = (letter: Letter) => {
  const file = join(dir, `${String((files += 1))}.pdf`);
  writeFileSync(file, letter.pdf);
  return spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
};

const count = (text: string, words: string) => text.split(words).length - 1;

const refusal = async (promise: Promise<unknown>): Promise<VrmError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VrmError);
  return error as VrmError;
};

describe('the letter of a letter item', () => {
  let campaign: CampaignDetail;
  beforeEach(async () => {
    campaign = await t.services.changes.start({ fact: 'home' });
  });

  it('is written from the new address, to the provider in the window, with the customer number and subject, greeted once', async () => {
    const item = itemOf(campaign, 'Northern Power');
    expect(item.channel).toBe('letter');
    const letter = await t.services.changes.letter(item.id, { date: '2026-03-16' });
    expect(qpdfCheck(letter).status).toBe(0);
    expect(letter).toMatchObject({ layout: 'uk', language: 'en', date: '2026-03-16' });
    expect(letter.sender).toEqual(['Alex Morgan', '12 Cotham Hill', 'BRISTOL', 'BS6 6LA']);
    expect(letter.filename).toBe('2026-03-16-letter-northern-power.pdf');

    const window = read(letter, true);
    for (const line of ['Northern Power', '1 Mill Street', 'LS1 2AB']) expect(window).toContain(line);
    const text = read(letter);
    expect(text).toContain('Change of address (customer number NP-4471)');
    expect(text).toMatch(/Customer number\s+NP-4471/);
    expect(text).toContain('12 Cotham Hill');
    expect(text).toContain('From 1 February 2026, my postal address is:');
    // The letter's own salutation and closing, each once; the e-mail's are gone.
    expect(count(text, 'Dear Sir or Madam,')).toBe(1);
    expect(count(text, 'Yours faithfully,')).toBe(1);
    expect(text).not.toContain('Kind regards');
    expect(count(text, 'Alex Morgan')).toBeGreaterThanOrEqual(1);
  });

  it('is German for a German provider, as its notice is', async () => {
    const item = itemOf(campaign, 'Stadtwerke Köln');
    expect(item.subject).toBe('Adressänderung (Kundennummer SW-77)');
    const letter = await t.services.changes.letter(item.id);
    expect(qpdfCheck(letter).status).toBe(0);
    expect(letter).toMatchObject({ language: 'de', layout: 'din5008-b', date: '2026-03-15' });
    const text = read(letter);
    expect(count(text, 'Sehr geehrte Damen und Herren,')).toBe(1);
    expect(count(text, 'Mit freundlichen Grüßen')).toBe(1);
    expect(text).toContain('Ab dem 1. Februar 2026 lautet meine Anschrift:');
    expect(text).toMatch(/Kundennummer\s+SW-77/);
    expect(text).toMatch(/Datum\s+15\. März 2026/);
    expect(read(letter, true)).toContain('50667 Köln');
  });

  it('keeps a greeting and closing the person wrote, and adds none of its own', async () => {
    const item = itemOf(campaign, 'Northern Power');
    await t.services.changes.edit(item.id, {
      body: 'Dear Ms Lee,\n\nI have moved to 12 Cotham Hill, Bristol.\n\nBest wishes,\nAlex',
    });
    const text = read(await t.services.changes.letter(item.id));
    expect(text).toContain('Dear Ms Lee,');
    expect(text).toContain('Best wishes,');
    expect(text).not.toContain('Dear Sir or Madam');
    expect(text).not.toContain('Yours faithfully');
  });

  it('refuses an e-mail item and a dropped one, saying why and what to do', async () => {
    const bank = itemOf(campaign, 'Harbour Bank');
    const byMail = await refusal(t.services.changes.letter(bank.id));
    expect(byMail.message).toContain('the notice to Harbour Bank goes by e-mail');
    expect(byMail.message).toContain(`vrm change edit ${String(bank.id)} --channel letter`);
    const power = itemOf(campaign, 'Northern Power');
    await t.services.changes.drop(power.id);
    const dropped = await refusal(t.services.changes.letter(power.id));
    expect(dropped.message).toContain('Northern Power was dropped from campaign');
  });
});

describe('a letter for a change that is not a move', () => {
  it('is written from the address given to the provider, and says where to add one when there is none', async () => {
    const s = t.services;
    const mail = await s.vault.add({ kind: 'email', label: 'mail', value: { address: 'old@example.org' } });
    await s.disclosures.record({
      provider: ids['Northern Power'] ?? 0,
      facts: [mail.id],
      on: '2020-01-10',
      purposes: ['service'],
    });
    await s.vault.update(mail.id, { value: { address: 'new@example.org' }, validFrom: '2026-02-01' });
    const campaign = await s.changes.start({ fact: 'mail' });
    const item = itemOf(campaign, 'Northern Power');
    // The only postal address is the one it is written from.
    const letter = await s.changes.letter(item.id);
    expect(letter.sender).toEqual(['Alex Morgan', '12 Cotham Hill', 'BRISTOL', 'BS6 6LA']);
    expect(read(letter)).toContain('new@example.org');

    // Two addresses, neither given to it: which one is for the person to say.
    await s.vault.add({
      kind: 'postal_address',
      label: 'office',
      value: { lines: ['3 Quay Street'], locality: 'Bristol', postcode: 'BS1 4DJ', country: 'GB' },
    });
    const error = await refusal(s.changes.letter(item.id));
    expect(error.message).toContain('none is given to Northern Power');
    expect(error.message).toContain('vrm identity postal');
  });
});

describe('marking a letter item posted', () => {
  it('keeps the letter as a document of the provider and puts an outbound letter on its timeline', async () => {
    const s = t.services;
    const campaign = await s.changes.start({ fact: 'home' });
    const item = itemOf(campaign, 'Northern Power');
    const sent = await s.changes.markSent(item.id, { on: '2026-03-14' });
    expect(sent).toMatchObject({ state: 'sent', sentOn: '2026-03-14' });

    const [document] = await s.documents.list({ provider: item.providerId });
    expect(document).toMatchObject({
      title: 'Letter: Change of address (customer number NP-4471)',
      filename: '2026-03-14-letter-northern-power.pdf',
      mediaType: 'application/pdf',
    });
    const { content } = await s.documents.content(document?.id ?? 0);
    const kept = read({ pdf: content, layout: 'uk' } as Letter);
    expect(kept).toContain('12 Cotham Hill');
    expect(kept).toMatch(/Date\s+14 March 2026/);
    const [letter] = await s.interactions.list({ provider: item.providerId });
    expect(letter).toMatchObject({
      channel: 'letter',
      direction: 'outbound',
      subject: 'Change of address (customer number NP-4471)',
      occurredAt: '2026-03-14T12:00:00.000Z',
    });
    expect(letter?.notes).toContain(`the letter is document ${String(document?.id)}`);
  });

  it('records nothing when the store refuses to mark the item sent: no document, no letter on the timeline', async () => {
    const s = t.services;
    const campaign = await s.changes.start({ fact: 'home' });
    const item = itemOf(campaign, 'Northern Power');
    await sql`CREATE TRIGGER refuse_sent BEFORE UPDATE OF state ON change_items
      BEGIN SELECT RAISE(ABORT, 'the disk is full'); END`.execute(t.store.db);
    await expect(s.changes.markSent(item.id)).rejects.toThrow();
    expect(await s.documents.list({ provider: item.providerId })).toEqual([]);
    expect(await s.interactions.list({ provider: item.providerId })).toEqual([]);
    expect((await s.changes.item(item.id)).state).toBe('drafted');
  });

  it('marks a web-form item sent without a letter', async () => {
    const s = t.services;
    const lumen = await s.providers.add({ name: 'Lumen Fibre', webForm: 'https://lumen.example/contact' });
    await s.disclosures.record({
      provider: lumen.id,
      facts: [home],
      on: '2020-01-10',
      purposes: ['service'],
    });
    const campaign = await s.changes.start({ fact: 'home' });
    const item = itemOf(campaign, 'Lumen Fibre');
    expect(item.channel).toBe('web_form');
    expect((await s.changes.markSent(item.id)).state).toBe('sent');
    expect(await s.documents.list({ provider: lumen.id })).toEqual([]);
  });
});

describe('letterText', () => {
  const template = 'Dear Sir or Madam,\n\nPlease update it.\n\nThank you.\n\nKind regards,\nAlex Morgan\n';

  it("takes off the template's greeting and closing with its signature", () => {
    expect(letterText(template, 'Alex Morgan')).toEqual({
      body: 'Please update it.\n\nThank you.',
      language: 'en',
      ownSalutation: false,
      ownClosing: false,
    });
    const german =
      'Sehr geehrte Damen und Herren,\n\nbitte ändern Sie sie.\n\nMit freundlichen Grüßen\nAlex Morgan';
    expect(letterText(german, 'Alex Morgan')).toMatchObject({
      body: 'bitte ändern Sie sie.',
      language: 'de',
    });
  });

  it('keeps a closing signed with more than the name, and says so, so the letter adds none', () => {
    const signed = template.replace('Alex Morgan', 'Alex Morgan\nFlat 2');
    expect(letterText(signed, 'Alex Morgan')).toMatchObject({
      body: 'Please update it.\n\nThank you.\n\nKind regards,\nAlex Morgan\nFlat 2',
      ownClosing: true,
    });
  });

  it('keeps text without a greeting or closing as written', () => {
    expect(letterText('I have moved.\n\nPlease update it.', 'Alex Morgan')).toEqual({
      body: 'I have moved.\n\nPlease update it.',
      language: null,
      ownSalutation: false,
      ownClosing: false,
    });
  });
});
