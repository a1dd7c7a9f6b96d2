import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VrmError } from '../platform/errors.js';
import { sendThrough } from '../test/campaign.js';
import { startExim, type Exim } from '../test/exim.js';
import { freshStore, type TestStore } from '../test/store.js';
import { RequestRepository } from './repository.js';

/**
 * A request goes once (issue 16, part 7): two sends of the same request at once, and a send that
 * stopped half-way (set up exactly rather than by a random kill: the outbox draft made, the request
 * not yet claimed for it), leave exactly one Message-ID at the server and nothing in the outbox
 * for a later "send all" to send a second time.
 */
let exim: Exim;
let t: TestStore;
let round = 0;
let to = '';
let providerId = 0;

beforeAll(async () => {
  exim = await startExim();
});
afterAll(async () => {
  await exim.stop();
});
beforeEach(async () => {
  t = await freshStore();
  round++;
  // Each test writes to its own address, so the Maildir counts are its own.
  to = `privacy${String(round)}@harbour.example`;
  const s = t.services;
  await s.vault.add({ kind: 'name', label: 'legal', value: { full: 'Alex Morgan' } });
  providerId = (await s.providers.add({ name: 'Harbour Bank', privacyEmail: to, country: 'GB' })).id;
  await s.identities.addEmail({ provider: providerId, address: 'alex+harbour@example.org' });
  await sendThrough(s, exim);
});
afterEach(async () => {
  await t.dispose();
});

const messageIdOf = (raw: Buffer): string => /^Message-ID: <([^>]+)>/im.exec(raw.toString())?.[1] ?? '?';

/** The outbox draft a send makes for a request's message before it claims the message for it. */
const draftFor = (message: { id: number; subject: string; body: string } | undefined) =>
  t.services.outbound.draft({
    providerId,
    channel: 'email',
    subject: message?.subject ?? '',
    body: message?.body ?? '',
    purpose: { kind: 'request', id: message?.id ?? 0 },
  });

/** Waits for the one delivery the outbox saw sent, then gives every Message-ID delivered. */
async function deliveredIds(): Promise<string[]> {
  const sent = (await t.services.outbound.list({ state: 'sent' })).length;
  await exim.waitFor(to, sent);
  return exim.delivered(to).map(messageIdOf);
}

describe('sending a request', () => {
  it('sends it once when two sends of it run at once', async () => {
    const s = t.services;
    const p = await s.requests.draft({ provider: providerId });
    const results = await Promise.allSettled([s.requests.send(p.id), s.requests.send(p.id)]);
    // Each send either sent it, found it sent already, or said there is nothing left to send.
    for (const result of results) {
      if (result.status === 'rejected') {
        expect(result.reason).toBeInstanceOf(VrmError);
        expect((result.reason as VrmError).message).toMatch(/nothing drafted to send/);
      }
    }
    const outcomes = results.flatMap((r) => (r.status === 'fulfilled' ? r.value.outcomes : []));
    expect(outcomes.map((o) => o.item.state)).toEqual(['sent']);
    const ids = await deliveredIds();
    expect(ids).toHaveLength(1);
    const outbox = await s.outbound.list({ purpose: { kind: 'request' } });
    expect(outbox.map((o) => [o.state, o.messageId])).toEqual([['sent', ids[0]]]);
    expect((await s.requests.get(p.id)).state).toBe('sent');
  });

  it('takes up the draft a send left that stopped before it claimed the request, and sends it once', async () => {
    const s = t.services;
    const p = await s.requests.draft({ provider: providerId });
    // The stopped send: its outbox draft made, the request not yet claimed for it.
    const left = await draftFor(p.messages[0]);
    const { proceeding } = await s.requests.send(p.id);
    expect(proceeding.state).toBe('sent');
    const outbox = await s.outbound.list({ purpose: { kind: 'request' } });
    expect(outbox.map((o) => [o.id, o.state])).toEqual([[left.id, 'sent']]);
    // A "send all" in the outbox afterwards finds nothing of it to send again.
    await s.outbound.send();
    expect(await deliveredIds()).toEqual([outbox[0]?.messageId]);
  });

  it('sends the outbox item a stopped send claimed the request for, and deletes any other draft of it', async () => {
    const s = t.services;
    const p = await s.requests.draft({ provider: providerId });
    const message = p.messages[0];
    const held = await draftFor(message);
    expect(await new RequestRepository(t.store.db).claimMessage(message?.id ?? 0, null, held.id, 'x')).toBe(
      true,
    );
    // A second send that lost the claim and stopped before it deleted its own draft.
    const stray = await draftFor(message);
    await s.requests.send(p.id);
    const outbox = await s.outbound.list({ purpose: { kind: 'request' } });
    expect(outbox.map((o) => [o.id, o.state])).toEqual([[held.id, 'sent']]);
    expect(outbox.some((o) => o.id === stray.id)).toBe(false);
    await s.outbound.send();
    expect(await deliveredIds()).toEqual([outbox[0]?.messageId]);
  });

  it('withdrawn after a stopped send, leaves no stray draft of it in the outbox', async () => {
    const s = t.services;
    const p = await s.requests.draft({ provider: providerId });
    await draftFor(p.messages[0]);
    await s.requests.withdraw(p.id);
    expect(await s.outbound.list({ purpose: { kind: 'request' } })).toEqual([]);
  });

  it('withdrawn after a send stopped before it queued the draft it claimed, deletes that draft', async () => {
    const s = t.services;
    const p = await s.requests.draft({ provider: providerId });
    const message = p.messages[0];
    const held = await draftFor(message);
    await new RequestRepository(t.store.db).claimMessage(message?.id ?? 0, null, held.id, 'x');
    // The draft never left: withdrawing is not refused for it, and it goes with the request.
    expect((await s.requests.withdraw(p.id)).state).toBe('withdrawn');
    expect(await s.outbound.list({ purpose: { kind: 'request' } })).toEqual([]);
  });
});
