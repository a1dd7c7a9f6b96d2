import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movedHome, sendThrough } from '../test/campaign.js';
import { startExim, type Exim } from '../test/exim.js';
import { freshStore, type TestStore } from '../test/store.js';
import { OutboundRepository } from '../outbound/repository.js';
import { ChangeRepository } from './repository.js';

/**
 * A campaign send stopped half-way (issue 15, part 5), set up exactly rather than by a random
 * kill: a notice held by the draft its stopped send made, and a draft made for a notice that never
 * claimed it. The next send sends the held one, deletes the stray, and sends nothing twice.
 */
let exim: Exim;
let t: TestStore;

beforeAll(async () => {
  exim = await startExim();
  t = await freshStore();
});
afterAll(async () => {
  await t.dispose();
  await exim.stop();
});

describe('a campaign send after one that stopped half-way', () => {
  it('sends the notice a stopped send held, deletes its stray draft, and sends each notice once', async () => {
    const s = t.services;
    await movedHome(
      s,
      ['Alder', 'Birch'].map((name) => ({
        name,
        privacyEmail: `privacy@${name.toLowerCase()}.example`,
        alias: `alex+${name.toLowerCase()}@example.org`,
      })),
    );
    const campaign = await s.changes.start({ fact: 'home' });
    await sendThrough(s, exim);
    const [alder, birch] = campaign.items;
    const draftFor = (item: typeof alder) =>
      s.outbound.draft({
        providerId: item?.providerId ?? 0,
        channel: 'email',
        subject: item?.subject ?? '',
        body: item?.body ?? '',
        purpose: { kind: 'change', id: item?.id ?? 0 },
      });
    // The stopped send: Alder's notice claimed by its draft, Birch's draft made but not claimed.
    const held = await draftFor(alder);
    expect(await new ChangeRepository(t.store.db).claimItem(alder?.id ?? 0, null, held.id, 'x')).toBe(true);
    const stray = await draftFor(birch);

    const { campaign: after } = await s.changes.send(campaign.id);
    expect(after.items.map((i) => i.state)).toEqual(['sent', 'sent']);
    const outbox = await s.outbound.list();
    expect(outbox.find((o) => o.id === held.id)?.state).toBe('sent');
    expect(outbox.some((o) => o.id === stray.id)).toBe(false);
    expect(outbox.filter((o) => o.state !== 'sent')).toEqual([]);
    await exim.waitFor('privacy@alder.example', 1);
    await exim.waitFor('privacy@birch.example', 1);
    expect(exim.delivered('privacy@alder.example')).toHaveLength(1);
    expect(exim.delivered('privacy@birch.example')).toHaveLength(1);
    // A "send all" in the outbox finds nothing left to send a second time.
    expect(await s.outbound.send()).toEqual([]);
  });
});

describe('a notice whose send stopped at an unknown point', () => {
  it('shows as sent with the outbox item to check, and is not sent again by itself', async () => {
    const u = await freshStore();
    try {
      const s = u.services;
      const {
        providerIds: [cedar],
      } = await movedHome(s, [
        { name: 'Cedar', privacyEmail: 'privacy@cedar.example', alias: 'alex+cedar@example.org' },
      ]);
      const provider = { id: cedar ?? 0 };
      const campaign = await s.changes.start({ fact: 'home' });
      const item = campaign.items[0];
      const outbox = await s.outbound.draft({
        providerId: provider.id,
        channel: 'email',
        subject: item?.subject ?? '',
        body: item?.body ?? '',
        purpose: { kind: 'change', id: item?.id ?? 0 },
      });
      expect(await new ChangeRepository(u.store.db).claimItem(item?.id ?? 0, null, outbox.id, 'x')).toBe(
        true,
      );
      // The process died while the server had the message: the outbox item was left `sending`.
      expect(
        await new OutboundRepository(u.store.db).update(outbox.id, { state: 'sending' }, ['draft']),
      ).toBe(true);
      expect((await s.changes.get(campaign.id)).items[0]?.uncertainOutboxId).toBeNull();
      await s.outbound.recoverInterrupted();
      await s.changes.followOutbox();
      expect((await s.changes.get(campaign.id)).items[0]).toMatchObject({
        state: 'sent',
        uncertainOutboxId: outbox.id,
      });
    } finally {
      await u.dispose();
    }
  });
});
