import { hostname } from 'node:os';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JWK } from 'jose';
import { startExim, type Exim } from '../test/exim.js';
import { alexShopping, decodedMime, INSURERS, personIn } from '../test/intents.js';
import { fixedClock, freshStore, type TestStore } from '../test/store.js';
import { readSignedDemand } from './demand.js';

/**
 * Casting an intent (issue 18, point 2) through Debian's Exim on 127.0.0.1: the vendors chosen
 * from the ledger and the directory, the e-mail from the persona's alias under its name with the
 * signed Demand attached, each vendor recorded as having seen the persona, and every byte that
 * left read back from the server's Maildir, decoded by another reader, free of the person.
 */

let exim: Exim;
let t: TestStore;
let shop: Awaited<ReturnType<typeof alexShopping>>;

beforeAll(async () => {
  exim = await startExim();
});
afterAll(async () => {
  await exim.stop();
});
beforeEach(async () => {
  t = await freshStore(fixedClock('2026-12-07T10:00:00Z'));
  shop = await alexShopping(t.services);
});
afterEach(async () => {
  await t.dispose();
});

/** Sending set up as the person would: with their own name as the display name. */
const setUpSending = () =>
  t.services.outbound.sending.setup({
    host: '127.0.0.1',
    port: exim.port,
    security: 'starttls',
    username: exim.user,
    password: exim.password,
    displayName: 'Alex Morgan',
    allowSelfSigned: true,
  });

/** A part of a decoded message: the text after its Content-Disposition names the file. */
function attachment(decoded: string, filename: string): string {
  const at = decoded.indexOf(`filename="${filename}"`);
  if (at < 0) throw new Error(`no attachment ${filename} in:\n${decoded}`);
  const rest = decoded.slice(at).split('\n').slice(1);
  // The part's headers come first (Name: value lines), then its content up to the next part.
  while (/^[A-Za-z-]+: /.test(rest[0] ?? '')) rest.shift();
  const end = rest.findIndex((line) => /^Content-Type: /.test(line));
  return rest.slice(0, end < 0 ? undefined : end).join('\n');
}

describe('choosing the vendors', () => {
  it('offers the ledger’s insurers first, then the directory’s of the category, by country', async () => {
    const { casting } = t.services;
    const all = await casting.vendors(shop.intent.id);
    expect(all.slice(0, 3).map((v) => v.name)).toEqual(INSURERS.map((v) => v.name).sort());
    expect(all.slice(0, 3).every((v) => v.providerId !== null)).toBe(true);
    const fromDirectory = all.filter((v) => v.providerId === null);
    expect(fromDirectory.length).toBeGreaterThan(20);
    expect(fromDirectory.every((v) => v.category === 'insurance' && v.email !== null)).toBe(true);
    const german = await casting.vendors(shop.intent.id, { country: 'de' });
    expect(german.filter((v) => v.providerId === null).length).toBeLessThan(fromDirectory.length);
    await expect(casting.vendors(shop.intent.id, { category: 'gardening' })).rejects.toThrow(
      /the directory has no category in "gardening": name one of .*insurance/,
    );
  });

  it('adds a directory organisation to the ledger as a prospect, and refuses an unknown name, adding none', async () => {
    const { casting, providers } = t.services;
    const slug = (await casting.vendors(shop.intent.id)).find((v) => v.providerId === null)?.slug ?? '';
    const recipients = await casting.addRecipients(shop.intent.id, ['Aegis Insurance', `directory:${slug}`]);
    expect(recipients.map((r) => r.state)).toEqual(['chosen', 'chosen']);
    const added = recipients.find((r) => r.providerName !== 'Aegis Insurance');
    expect((await providers.get(added?.providerId ?? 0)).status).toBe('prospect');
    // Added twice is added once.
    expect(await casting.addRecipients(shop.intent.id, ['Aegis Insurance'])).toHaveLength(2);
    await expect(casting.addRecipients(shop.intent.id, ['Harbour Mutual', 'Nobody Ltd'])).rejects.toThrow(
      /no provider or directory organisation "Nobody Ltd"/,
    );
    expect(await casting.recipients(shop.intent.id)).toHaveLength(2);
    const silent = await providers.add({ name: 'Phone Only Insurance', phone: '+44 20 7946 0000' });
    await expect(casting.addRecipients(shop.intent.id, [silent.name])).rejects.toThrow(
      /Phone Only Insurance has no e-mail address to send the intent to: add one with `vrm provider update "Phone Only Insurance" --support-email ADDRESS`/,
    );
  });
});

describe('sending the intent', () => {
  it('goes from the persona’s alias under its name, signed, once to each vendor, who has seen the persona', async () => {
    const { casting, personas } = t.services;
    await setUpSending();
    await casting.addRecipients(
      shop.intent.id,
      INSURERS.map((v) => v.name),
    );
    const { intent, recipients, outcomes } = await casting.send(shop.intent.id);
    expect(outcomes).toHaveLength(3);
    expect(intent.status).toBe('cast');
    expect(recipients.map((r) => r.state)).toEqual(['sent', 'sent', 'sent']);
    const persona = await personas.get(shop.persona.id);
    expect(persona.shownTo.map((s) => s.providerName).sort()).toEqual(INSURERS.map((v) => v.name).sort());
    expect(persona.shownTo[0]?.shownOn).toBe('2026-12-07');
    expect(persona.shownTo[0]?.how).toMatch(/^intent \d+ \(car insurance\) by e-mail$/);

    for (const vendor of INSURERS) {
      const [raw] = await exim.waitFor(vendor.quotes, 1);
      const decoded = decodedMime(raw ?? Buffer.alloc(0));
      expect(decoded).toContain(`From: Quiet Harbour <${persona.alias}>`);
      expect(decoded).toContain('Subject: Request for offers: car insurance (answers by 2026-12-20)');
      expect(decoded).toContain('I am looking for: car insurance');
      // The signed Demand verifies with the attached key, which is the persona's.
      const jwk = JSON.parse(attachment(decoded, 'persona-key.jwk')) as JWK;
      expect(jwk.kid).toBe(persona.kid);
      const demand = await readSignedDemand(attachment(decoded, 'intent.jws').trim(), jwk);
      expect(demand).toMatchObject({ '@type': 'Demand', identifier: shop.intent.identifier });
      expect(JSON.parse(attachment(decoded, 'intent.jsonld'))).toEqual(demand);
    }

    // Every byte that left, raw and decoded by another reader: nothing of the person.
    const everything = exim.deliveredAll();
    expect(everything).toHaveLength(3);
    for (const { address, bytes } of everything) {
      expect(personIn(decodedMime(bytes), shop.secrets), address).toEqual([]);
      expect(personIn(bytes.toString('latin1'), shop.secrets), address).toEqual([]);
      // Not even the name of this machine, which SMTP's greeting would carry into Received.
      if (hostname().length > 3 && hostname() !== 'localhost')
        expect(bytes.toString('latin1'), address).not.toContain(hostname());
    }

    // A second send sends nothing again.
    const again = await casting.send(shop.intent.id);
    expect(again.outcomes).toEqual([]);
    expect(exim.deliveredAll()).toHaveLength(3);
  });

  it('refuses a persona’s e-mail that would give the person away: it fails with the reason and nothing leaves', async () => {
    const { outbound, personas, providers } = t.services;
    await setUpSending();
    const persona = await personas.get(shop.persona.id);
    const vendor = await providers.add({ name: 'Nosy Cover', supportEmail: 'nosy@nosy.example' });
    const before = exim.deliveredAll().length;
    for (const body of [
      'Call me on 07400 123456.',
      'Yours, A. MORGAN',
      'Pay from GB33 BUKB 2020 1555 5555 55',
    ]) {
      const draft = await outbound.draft(
        {
          providerId: vendor.id,
          channel: 'email',
          subject: 'Quote',
          body,
          purpose: { kind: 'intent', id: 999 },
        },
        { sender: { identityId: persona.identityId, address: persona.alias, name: persona.displayName } },
      );
      const [outcome] = await outbound.send([draft.id]);
      expect(outcome?.item.state, body).toBe('failed');
      expect(outcome?.said).toMatch(
        /^this e-mail from persona Quiet Harbour would give you away: it holds .+\. Nothing was sent/,
      );
    }
    // A display name of the person's own is refused the same way.
    const named = await outbound.draft(
      { providerId: vendor.id, channel: 'email', subject: 'Quote', body: 'Hello' },
      { sender: { identityId: persona.identityId, address: persona.alias, name: 'Alex Morgan' } },
    );
    expect((await outbound.send([named.id]))[0]?.item.state).toBe('failed');
    expect(exim.deliveredAll().length).toBe(before);
  });

  it('refuses to send without vendors, or after the answer-by day, saying what to do', async () => {
    const { casting } = t.services;
    await setUpSending();
    await expect(casting.send(shop.intent.id)).rejects.toThrow(
      /goes to no vendor yet: add some with `vrm intent vendors \d+ --add NAME`/,
    );
    await casting.addRecipients(shop.intent.id, ['Kestrel Direct']);
    await t.services.personas.retire(shop.persona.id);
    await expect(casting.send(shop.intent.id)).rejects.toThrow(/persona Quiet Harbour is retired/);
  });
});
