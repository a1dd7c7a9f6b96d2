import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { movedHome, sendThrough } from '../test/campaign.js';
import { startExim, type Exim } from '../test/exim.js';
import { freshStore, type TestStore } from '../test/store.js';

/**
 * A campaign's e-mails go through the outbox to a real SMTP server (Debian's Exim): each from the
 * alias its provider knows, the items move to sent, and a bounce or a reply moves them on.
 */
let exim: Exim;
let t: TestStore;

beforeAll(async () => {
  exim = await startExim();
});
afterAll(async () => {
  await exim.stop();
});
afterEach(async () => {
  await t.dispose();
});

describe('sending a campaign', () => {
  it('sends each e-mail notice from the alias its provider knows, and follows the outbox', async () => {
    t = await freshStore();
    const s = t.services;
    const home = (
      await s.vault.add({
        kind: 'postal_address',
        label: 'home',
        value: { lines: ['4 Old Mill Lane'], locality: 'Manchester', country: 'GB' },
        validFrom: '2019-08-01',
      })
    ).id;
    const bank = await s.providers.add({ name: 'Harbour Bank', privacyEmail: 'privacy@harbour.example' });
    const shop = await s.providers.add({ name: 'Corner Shop', postalAddress: '1 High St\nLeeds' });
    await s.identities.addEmail({ provider: bank.id, address: 'harbour@alexmorgan.example' });
    for (const provider of [bank.id, shop.id])
      await s.disclosures.record({ provider, facts: [home], on: '2020-01-10', purposes: ['service'] });
    await s.vault.update(home, {
      value: { lines: ['12 Cotham Hill'], locality: 'Bristol', country: 'GB' },
      validFrom: '2026-02-01',
    });
    const campaign = await s.changes.start({ fact: 'home' });

    // Without sending settings nothing moves, and nothing is half-made.
    await expect(s.changes.send(campaign.id)).rejects.toThrow(/send setup|sending/i);
    expect(await s.outbound.list()).toEqual([]);

    await sendThrough(s, exim);
    const { campaign: after, outcomes } = await s.changes.send(campaign.id);
    expect(outcomes).toHaveLength(1);
    const [delivered] = await exim.waitFor('privacy@harbour.example', 1);
    const text = delivered?.toString('utf8') ?? '';
    expect(text).toMatch(/^From: .*harbour@alexmorgan\.example/m);
    expect(text).toMatch(/^Subject: Change of address/m);
    expect(text).toContain('12 Cotham Hill');
    const item = after.items.find((i) => i.provider === 'Harbour Bank');
    expect(item?.state).toBe('sent');
    // The letter is left to the person.
    expect(after.items.find((i) => i.provider === 'Corner Shop')?.state).toBe('drafted');

    // Sending again sends nothing twice: nothing e-mail is left to send.
    await expect(s.changes.send(campaign.id)).rejects.toThrow(/no e-mail notice ready to send/);
    expect(exim.delivered('privacy@harbour.example')).toHaveLength(1);
  });
});

describe('a refused draft', () => {
  it('takes back the outbox drafts already made, so nothing is left for a later send to repeat', async () => {
    t = await freshStore();
    const s = t.services;
    const home = (
      await s.vault.add({
        kind: 'postal_address',
        label: 'home',
        value: { lines: ['4 Old Mill Lane'], locality: 'Manchester', country: 'GB' },
        validFrom: '2019-08-01',
      })
    ).id;
    const names = ['Alpha Bank', 'Zeta Card'];
    const identities: number[] = [];
    for (const name of names) {
      const provider = await s.providers.add({
        name,
        privacyEmail: `privacy@${name.split(' ')[0]?.toLowerCase() ?? ''}.example`,
      });
      const slug = name.split(' ')[0]?.toLowerCase() ?? '';
      identities.push(
        (await s.identities.addEmail({ provider: provider.id, address: `${slug}@alexmorgan.example` })).id,
      );
      await s.disclosures.record({
        provider: provider.id,
        facts: [home],
        on: '2020-01-10',
        purposes: ['service'],
      });
    }
    await s.vault.update(home, {
      value: { lines: ['12 Cotham Hill'], locality: 'Bristol', country: 'GB' },
      validFrom: '2026-02-01',
    });
    const campaign = await s.changes.start({ fact: 'home' });
    await sendThrough(s, exim);
    // The second provider's alias is retired after the campaign drafted its notice.
    await s.identities.retire(identities[1] ?? 0);
    await expect(s.changes.send(campaign.id)).rejects.toThrow();
    expect(await s.outbound.list()).toEqual([]);
    expect((await s.changes.get(campaign.id)).items.map((i) => i.state)).toEqual(['drafted', 'drafted']);
  });
});

describe('two sends of one campaign at once', () => {
  it('sends each notice once', async () => {
    t = await freshStore();
    const s = t.services;
    await movedHome(s, [
      { name: 'Twin Bank', privacyEmail: 'privacy@twin.example', alias: 'twin@alexmorgan.example' },
    ]);
    const campaign = await s.changes.start({ fact: 'home' });
    await sendThrough(s, exim);
    // Both finish without an error: the one that finds the notice taken sends nothing.
    const both = await Promise.allSettled([s.changes.send(campaign.id), s.changes.send(campaign.id)]);
    expect(both.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
    await exim.waitFor('privacy@twin.example', 1);
    expect(exim.delivered('privacy@twin.example')).toHaveLength(1);
    expect((await s.outbound.list()).filter((i) => i.state === 'sent')).toHaveLength(1);
  });
});

describe('a late answer', () => {
  it('is followed up in the thread of the first notice, and a reply to the first still acknowledges', async () => {
    let now = new Date('2026-03-02T09:00:00Z');
    t = await freshStore(() => now);
    const s = t.services;
    await movedHome(s, [
      { name: 'Slow Bank', privacyEmail: 'privacy@slow.example', alias: 'slow@alexmorgan.example' },
    ]);
    const campaign = await s.changes.start({ fact: 'home', waitDays: 14 });
    await sendThrough(s, exim);
    await s.changes.send(campaign.id);
    const [first] = await exim.waitFor('privacy@slow.example', 1);
    const firstId = /^Message-ID: (<[^>]+>)/im.exec(first?.toString('utf8') ?? '')?.[1] ?? '';
    expect(firstId).not.toBe('');

    // Not late yet: nothing to follow up.
    await expect(s.changes.followUp(campaign.id)).rejects.toThrow(/no late answer to follow up/);
    now = new Date('2026-03-20T09:00:00Z');
    const late = (await s.changes.get(campaign.id)).items[0];
    expect(late).toMatchObject({ state: 'sent', overdue: true, dueOn: '2026-03-16' });

    const { drafted } = await s.changes.followUp(campaign.id);
    expect(drafted).toHaveLength(1);
    expect(drafted[0]).toMatchObject({ state: 'drafted', followUps: 1, sentOn: '2026-03-02' });
    expect(drafted[0]?.subject).toMatch(/^Reminder: Change of address/);
    expect(drafted[0]?.body).toContain('I wrote to you about this on 2 March 2026');

    await s.changes.send(campaign.id);
    const delivered = await exim.waitFor('privacy@slow.example', 2);
    const second = delivered[1]?.toString('utf8') ?? '';
    expect(second).toMatch(/^From: .*slow@alexmorgan\.example/m);
    expect(second).toMatch(/^Subject: Reminder: Change of address/m);
    expect(second).toContain(`In-Reply-To: ${firstId}`);
    expect(second).toContain(`References: ${firstId}`);
    const after = (await s.changes.get(campaign.id)).items[0];
    // The answer is due again, counted from the follow-up.
    expect(after).toMatchObject({
      state: 'sent',
      sentOn: '2026-03-02',
      followedUpOn: '2026-03-20',
      dueOn: '2026-04-03',
      overdue: false,
    });

    // The bank answers the FIRST notice: the item is acknowledged all the same.
    now = new Date('2026-03-22T09:00:00Z');
    await s.mail.importRaw('replies', [
      {
        location: 'reply-1',
        raw: Buffer.from(
          [
            'From: Slow Bank <privacy@slow.example>',
            'To: slow@alexmorgan.example',
            'Subject: Re: Change of address',
            'Date: Sun, 22 Mar 2026 08:00:00 +0000',
            'Message-ID: <answer-1@slow.example>',
            `In-Reply-To: ${firstId}`,
            '',
            'We have updated your address.',
            '',
          ].join('\r\n'),
        ),
      },
    ]);
    await t.services.afterWrite();
    expect((await s.changes.get(campaign.id)).items[0]).toMatchObject({
      state: 'acknowledged',
      acknowledgedOn: '2026-03-22',
    });
    // A sent or answered notice is not followed up again by choice either.
    await expect(s.changes.followUp(campaign.id, { only: [after?.id ?? 0] })).rejects.toThrow(
      /is acknowledged: only a sent notice/,
    );
  });
});
