import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VrmError } from '../platform/errors.js';
import type { ProviderCreate } from '../providers/schemas.js';
import { fixedClock, freshStore, type TestStore } from '../test/store.js';

/** Letters from a real encrypted store: where each part comes from, and every refusal. */
let t: TestStore;
let bristolId: number;

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VrmError);
  return error as VrmError;
};

beforeEach(async () => {
  t = await freshStore(fixedClock('2026-12-07T09:00:00.000Z'));
  await t.services.vault.add({ kind: 'name', label: 'name', value: { full: 'Alex Morgan' } });
  const bristol = await t.services.vault.add({
    kind: 'postal_address',
    label: 'Bristol',
    value: { lines: ['12 Harbour Road'], locality: 'Bristol', postcode: 'BS1 4DJ', country: 'GB' },
  });
  bristolId = bristol.id;
  await t.services.vault.add({ kind: 'email', label: 'mail', value: { address: 'alex@example.org' } });
});
afterEach(() => t.dispose());

const provider = (fields: Partial<ProviderCreate>) =>
  t.services.providers.add({ name: 'Northern Power', ...fields });

const letter = { from: { factId: 'bristol' }, subject: 'Change of address', body: 'I have moved.' };

describe('letters.render', () => {
  it('takes the recipient from the ledger, the sender from the chosen fact, the customer number from the account', async () => {
    const p = await provider({
      country: 'GB',
      postalAddress: '1 Mill Street\nMANCHESTER\nM1 2AB\nUnited Kingdom',
    });
    await t.services.accounts.add({ providerId: p.id, customerNumber: 'NP-123456' });
    const made = await t.services.letters.render({ providerId: p.id, ...letter });
    expect(made.recipient).toEqual(['Northern Power', '1 Mill Street', 'MANCHESTER', 'M1 2AB']);
    expect(made.sender).toEqual(['Alex Morgan', '12 Harbour Road', 'BRISTOL', 'BS1 4DJ']);
    expect(made.customerNumber).toBe('NP-123456');
    expect(made).toMatchObject({ layout: 'uk', language: 'en', date: '2026-12-07', pages: 1 });
    expect(made.filename).toBe('2026-12-07-letter-northern-power.pdf');
    expect(made.pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('writes from the tagged form of the address this provider was given', async () => {
    const p = await provider({ country: 'GB', postalAddress: '1 Mill Street, MANCHESTER, M1 2AB' });
    await t.services.identities.addPostal({ provider: p.id, factId: bristolId, tag: 'Dept NP7' });
    const made = await t.services.letters.render({ providerId: 'Northern Power', ...letter });
    expect(made.sender).toEqual(['Alex Morgan', '12 Harbour Road', 'Dept NP7', 'BRISTOL', 'BS1 4DJ']);
    expect(made.recipient).toEqual(['Northern Power', '1 Mill Street', 'MANCHESTER', 'M1 2AB']);
  });

  it('falls back on the directory, writes German to a German provider and names the country abroad', async () => {
    const p = await provider({ name: '1blu AG', directorySlug: '1blu' });
    const made = await t.services.letters.render({ providerId: p.id, ...letter });
    expect(made.recipient).toEqual(['1blu AG', 'Riedemannweg 60', '13627 Berlin', 'Deutschland']);
    expect(made).toMatchObject({ layout: 'din5008-b', language: 'de' });
    expect(made.sender.at(-1)).toBe('VEREINIGTES KÖNIGREICH');
    const chosen = await t.services.letters.render({
      providerId: p.id,
      ...letter,
      layout: 'din5008-a',
      language: 'en',
    });
    expect(chosen).toMatchObject({ layout: 'din5008-a', language: 'en' });
    expect(chosen.sender.at(-1)).toBe('UNITED KINGDOM');
  });

  it('refuses a provider without a postal address and says where to add one', async () => {
    const p = await provider({ country: 'GB' });
    const error = await refusal(t.services.letters.render({ providerId: p.id, ...letter }));
    expect(error.message).toBe(
      'letter: Northern Power has no postal address: add one on the provider page (Edit → Postal address), or with vrm provider update "Northern Power" --address "…"',
    );
    expect(error.details[0]?.path).toBe('to');
  });

  it('refuses an address with more lines than the window holds', async () => {
    const p = await provider({ postalAddress: 'a\nb\nc\nd\ne\nf' });
    const error = await refusal(t.services.letters.render({ providerId: p.id, ...letter }));
    expect(error.message).toContain(
      "Northern Power's postal address takes 7 lines with its name, and the envelope's window holds 6",
    );
  });

  it('refuses a sender that is missing or not a postal address', async () => {
    const p = await provider({ postalAddress: '1 Mill Street\nMANCHESTER\nM1 2AB' });
    const missing = await refusal(
      t.services.letters.render({ providerId: p.id, ...letter, from: { factId: 'paris' } }),
    );
    expect(missing.message).toMatch(/^letter: from: no fact is labelled "paris"/);
    expect(missing.details[0]?.path).toBe('from');
    const mail = await refusal(
      t.services.letters.render({ providerId: p.id, ...letter, from: { factId: 'mail' } }),
    );
    expect(mail.message).toBe(
      'letter: from: "mail" is an e-mail address, not a postal address: choose one of your postal addresses',
    );
    const none = await refusal(
      t.services.letters.render({ providerId: p.id, ...letter, from: undefined } as never),
    );
    expect(none.message).toContain('from: choose one of your postal addresses');
    const empty = await refusal(
      t.services.letters.render({ providerId: p.id, ...letter, from: { factId: ' ' } }),
    );
    expect(empty.message).toBe('letter: from: choose one of your postal addresses');
    expect(empty.details[0]?.path).toBe('from');
  });

  it('refuses an empty text and an empty subject, naming each', async () => {
    const p = await provider({ postalAddress: '1 Mill Street\nMANCHESTER\nM1 2AB' });
    const error = await refusal(
      t.services.letters.render({ providerId: p.id, ...letter, body: '  \n ', subject: '' }),
    );
    expect(error.message).toBe('letter: subject must not be empty; body must not be empty');
    expect(error.details.map((d) => d.path)).toEqual(['subject', 'body']);
  });

  it('prints a stand-in for an arrow with a warning, and refuses a character the font lacks, naming it', async () => {
    const p = await provider({ postalAddress: '1 Mill Street\nMANCHESTER\nM1 2AB' });
    const arrow = await t.services.letters.render({
      providerId: p.id,
      ...letter,
      body: 'Old → new address: 12,50 €',
    });
    expect(arrow.warnings).toEqual(['body: "→" (U+2192) was printed as a plain stand-in']);
    const emoji = await refusal(
      t.services.letters.render({ providerId: p.id, ...letter, body: 'Thanks 😀' }),
    );
    expect(emoji.message).toBe(
      'letter: body: "😀" (U+1F600) cannot be printed in the letter\'s font (Helvetica, Western European characters): replace it',
    );
    expect(emoji.details[0]?.path).toBe('body');
  });

  it('signs with the name given, or refuses when the vault has none', async () => {
    const p = await provider({ postalAddress: '1 Mill Street\nMANCHESTER\nM1 2AB' });
    const named = await t.services.letters.render({ providerId: p.id, ...letter, senderName: 'A. Morgan' });
    expect(named.sender[0]).toBe('A. Morgan');
    const [name] = await t.services.vault.list({ kind: 'name' });
    await t.services.vault.delete(name?.id ?? 0);
    const error = await refusal(t.services.letters.render({ providerId: p.id, ...letter }));
    expect(error.message).toContain('senderName: there is no name in your vault to sign with');
  });
});

describe('letters.options and letters.posted', () => {
  it('offers the postal addresses, the tagged one first, and the window lines', async () => {
    const p = await provider({ country: 'GB', postalAddress: '1 Mill Street\nMANCHESTER\nM1 2AB' });
    await t.services.identities.addPostal({ provider: p.id, factId: bristolId, tag: 'Dept NP7' });
    const options = await t.services.letters.options(p.id);
    expect(options).toMatchObject({
      recipient: ['Northern Power', '1 Mill Street', 'MANCHESTER', 'M1 2AB'],
      recipientProblem: null,
      senders: [{ factId: bristolId, label: 'Bristol', tag: 'Dept NP7' }],
      suggestedFactId: bristolId,
      senderName: 'Alex Morgan',
      layout: 'uk',
      language: 'en',
      date: '2026-12-07',
    });
    const bare = await t.services.letters.options((await provider({ name: 'Nowhere Ltd' })).id);
    expect(bare.recipientProblem).toMatch(/^Nowhere Ltd has no postal address/);
  });

  it('records a posted letter on the timeline with its PDF kept as a document', async () => {
    const p = await provider({ postalAddress: '1 Mill Street\nMANCHESTER\nM1 2AB' });
    const { interaction, documentId } = await t.services.letters.posted({
      providerId: p.id,
      ...letter,
      postedOn: '2026-12-08',
    });
    expect(interaction).toMatchObject({
      channel: 'letter',
      direction: 'outbound',
      subject: 'Change of address',
    });
    expect(interaction.occurredAt.slice(0, 10)).toBe('2026-12-08');
    const { info, content } = await t.services.documents.content(documentId);
    expect(info.mediaType).toBe('application/pdf');
    expect(content.subarray(0, 5).toString()).toBe('%PDF-');
    const bad = await refusal(
      t.services.letters.posted({ providerId: p.id, ...letter, postedOn: '8.12.2026' }),
    );
    expect(bad.details[0]?.path).toBe('postedOn');
    expect(await t.services.documents.list({ provider: p.id })).toHaveLength(1);
  });
});
