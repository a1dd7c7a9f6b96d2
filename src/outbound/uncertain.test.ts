import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startExim, type Exim } from '../test/exim.js';
import { restoreExport } from '../backup/restore.js';
import { freshStore, type TestStore } from '../test/store.js';
import { OutboundRepository } from './repository.js';
import { composeMessage } from './smtp.js';

/**
 * What a stopped send leaves (issue 15, part 1): an item found `sending` is uncertain, never sent
 * again by itself; the person sends it again (same bytes, same Message-ID) or marks it sent. And
 * what the store keeps of sending: no password in a plain export; a provider deleted with its items.
 */

const TO = 'privacy@acme.example';
const ALIAS = 'alex+acme@example.org';
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

async function ready() {
  t = await freshStore();
  await t.services.outbound.sending.setup({
    host: '127.0.0.1',
    port: exim.port,
    username: exim.user,
    password: exim.password,
    allowSelfSigned: true,
  });
  const provider = await t.services.providers.add({ name: 'Acme Energy', privacyEmail: TO });
  await t.services.identities.addEmail({ provider: provider.id, address: ALIAS });
  return provider;
}

/** A draft left as a send killed after its intent was recorded leaves it: bytes stored, `sending`. */
async function interrupted(providerId: number, subject: string) {
  const draft = await t.services.outbound.draft({ providerId, channel: 'email', subject, body: 'Hello' });
  const messageId = `${draft.idempotencyKey}@example.org`;
  const raw = await composeMessage({
    from: ALIAS,
    to: TO,
    subject,
    text: 'Hello',
    messageId: `<${messageId}>`,
    date: new Date('2026-03-15T12:00:00Z'),
  });
  await new OutboundRepository(t.store.db).update(draft.id, { state: 'sending', raw, messageId });
  return { id: draft.id, messageId, raw };
}

const messageIds = (address: string): string[] =>
  exim.delivered(address).map((m) => /^Message-ID: <([^>]+)>/im.exec(m.toString())?.[1] ?? '');

describe('an interrupted send', () => {
  it('becomes uncertain, is refused by a plain send, and goes once more only when asked', async () => {
    const provider = await ready();
    const before = exim.delivered(TO).length;
    const left = await interrupted(provider.id, 'Left sending');

    // A plain send of everything recovers it first, and does not send it.
    expect(await t.services.outbound.send()).toEqual([]);
    const item = await t.services.outbound.get(left.id);
    expect(item.state).toBe('uncertain');
    expect(item.failure).toMatch(/may or may not have taken it.*"Mark as sent" or "Send again"/);
    await expect(t.services.outbound.send([left.id])).rejects.toThrow(
      /may have gone already: check your sent mail/,
    );
    expect(exim.delivered(TO).length).toBe(before);

    // Send again: the same bytes, with the same Message-ID.
    const again = await t.services.outbound.sendAgain(left.id);
    expect(again.item.state).toBe('sent');
    const delivered = await exim.waitFor(TO, before + 1);
    expect(messageIds(TO).filter((id) => id === left.messageId)).toHaveLength(1);
    expect(delivered.at(-1)?.toString()).toContain(`Message-ID: <${left.messageId}>`);
    expect(Buffer.compare(await t.services.outbound.raw(left.id), left.raw)).toBe(0);
  });

  it('can be marked sent by the person, and is then on the timeline without a second send', async () => {
    const provider = await ready();
    const before = exim.delivered(TO).length;
    const left = await interrupted(provider.id, 'Found in sent mail');
    expect(await t.services.outbound.recoverInterrupted()).toEqual([left.id]);
    await expect(t.services.outbound.markSent(left.id, { on: '15.03.2026' })).rejects.toThrow(
      /Sent on must be a date such as 2026-03-15/,
    );
    const done = await t.services.outbound.markSent(left.id, { on: '2026-03-15' });
    expect(done).toMatchObject({ state: 'sent', sentAt: '2026-03-15T12:00:00.000Z' });
    expect((await t.services.interactions.get(done.interactionId ?? 0)).subject).toBe('Found in sent mail');
    expect((await t.services.documents.get(done.documentId ?? 0)).mediaType).toBe('message/rfc822');
    expect(exim.delivered(TO).length).toBe(before);
  });
});

describe('what the store keeps of sending', () => {
  it('leaves the SMTP password out of a plain export, and in with the secrets', async () => {
    await ready();
    const plain = await t.services.backup.export();
    expect(plain.tables.smtp_settings).toHaveLength(1);
    expect(JSON.stringify(plain)).not.toContain(exim.password);
    const whole = await t.services.backup.export({ withSecrets: true });
    expect(JSON.stringify(whole.tables.smtp_settings)).toContain(exim.password);

    // Restored without it: the person is told, and sending asks for it.
    const other = await freshStore();
    try {
      const report = await restoreExport(other.store, plain);
      expect(report.notes.join('\n')).toMatch(
        /The SMTP server 127\.0\.0\.1 \(testuser\) came without its password/,
      );
      expect(await other.services.outbound.sending.get()).toMatchObject({ passwordSet: false });
      await expect(other.services.outbound.sending.forSending()).rejects.toThrow(
        /has no password \(it came from an export without secrets\)/,
      );
    } finally {
      await other.dispose();
    }
  });

  it('deletes a provider with its sent items, interactions and documents in one cascade', async () => {
    const provider = await ready();
    const draft = await t.services.outbound.draft({
      providerId: provider.id,
      channel: 'email',
      subject: 'Goodbye',
      body: 'Please close my account.',
    });
    await t.services.outbound.send([draft.id]);
    await expect(t.services.providers.delete(provider.id)).rejects.toThrow(/1 outbox item/);
    await t.services.providers.delete(provider.id, { cascade: true });
    expect(await t.services.outbound.list()).toEqual([]);
  });
});
