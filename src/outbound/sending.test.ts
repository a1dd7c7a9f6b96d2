import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../test/store.js';
import { startExim, type Exim } from '../test/exim.js';
import type { Services } from '../app.js';

/**
 * Sending through a real SMTP server (Debian's Exim on 127.0.0.1, issue 15 part 4): the settings,
 * a draft from the provider's own alias, and the delivered bytes read back from the Maildir.
 */

const ALIAS = 'alex+acme@example.org';
const PRIVACY = 'privacy@acme.example';

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

async function setUp(services: Services, password = exim.password) {
  return services.outbound.sending.setup({
    host: '127.0.0.1',
    port: exim.port,
    security: 'starttls',
    username: exim.user,
    password,
    displayName: 'Alex Example',
    allowSelfSigned: true,
  });
}

async function acme(services: Services) {
  const provider = await services.providers.add({
    name: 'Acme Energy',
    privacyEmail: PRIVACY,
    supportEmail: 'help@acme.example',
  });
  await services.identities.addEmail({ provider: provider.id, address: ALIAS });
  return provider;
}

/** The delivered file less the Received: line Exim adds, with the stored CRLF line ends. */
const asSent = (delivered: Buffer): string =>
  delivered
    .toString('utf8')
    .replace(/^Received:[^\n]*\n(?:[ \t][^\n]*\n)*/, '')
    .replace(/\r?\n/g, '\r\n');

describe('sending settings', () => {
  it('keeps the SMTP server after logging in, and never shows the password', async () => {
    t = await freshStore();
    const view = await setUp(t.services);
    expect(view).toMatchObject({ host: '127.0.0.1', port: exim.port, passwordSet: true });
    expect(JSON.stringify(view)).not.toContain(exim.password);
    expect(JSON.stringify(await t.services.outbound.sending.get())).not.toContain(exim.password);
    const audit = await t.services.audit.list({ entity: 'smtp_settings' });
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(exim.password);
  });

  it('refuses a wrong password with the server reason, and keeps nothing', async () => {
    t = await freshStore();
    const refused = setUp(t.services, 'not-the-password');
    await expect(refused).rejects.toThrow(
      /refused the login for testuser: 535 Incorrect authentication data/,
    );
    await expect(refused).rejects.not.toThrow(/not-the-password/);
    expect(await t.services.outbound.sending.get()).toBeNull();
  });

  it('sends a test message and reports the server answer', async () => {
    t = await freshStore();
    await setUp(t.services);
    const { response } = await t.services.outbound.sending.test({ to: 'me@example.org' });
    expect(response).toMatch(/^250 /);
    const [mail] = await exim.waitFor('me@example.org', 1);
    expect(mail?.toString()).toContain('Subject: vrm: test message');
  });
});

describe('the outbox', () => {
  it('sends a draft from the alias, keeps the Message-ID, and the delivered bytes are the stored ones', async () => {
    t = await freshStore();
    await setUp(t.services);
    const provider = await acme(t.services);
    const draft = await t.services.outbound.draft({
      providerId: provider.id,
      channel: 'email',
      subject: 'My new address',
      body: 'Hello,\n\nI have moved to 1 New Street, Bristol.\n\nAlex',
      purpose: { kind: 'change', id: 7 },
    });
    expect(draft).toMatchObject({ state: 'draft', fromAddress: ALIAS, toAddress: PRIVACY, messageId: null });

    const edited = await t.services.outbound.edit(draft.id, {
      body: 'Hello,\n\nI have moved to Bristol.\n\nAlex',
    });
    expect(edited.body).toContain('moved to Bristol');

    const [outcome] = await t.services.outbound.send([draft.id]);
    expect(outcome?.said).toMatch(/^250 /);
    const sent = await t.services.outbound.get(draft.id);
    expect(sent.state).toBe('sent');
    expect(sent.messageId).toBe(`${sent.idempotencyKey}@example.org`);

    const [delivered] = await exim.waitFor(PRIVACY, 1);
    const text = delivered?.toString('utf8') ?? '';
    expect(text).toMatch(/^From: "?Alex Example"? <alex\+acme@example\.org>$/m);
    expect(text).toContain(`Message-ID: <${sent.messageId ?? ''}>`);
    expect(text).not.toMatch(/[\s<]alex@example\.org/);
    const stored = await t.services.outbound.raw(draft.id);
    expect(asSent(delivered ?? Buffer.alloc(0))).toBe(stored.toString('utf8'));

    // The record: an outbound e-mail on the timeline, the exact bytes as the provider's document.
    const timeline = await t.services.providerTimeline.page(provider.id);
    expect(timeline.items.some((i) => i.title.includes('My new address'))).toBe(true);
    const interaction = await t.services.interactions.get(sent.interactionId ?? 0);
    expect(interaction).toMatchObject({ channel: 'email', direction: 'outbound', subject: 'My new address' });
    const document = await t.services.documents.get(sent.documentId ?? 0);
    expect(document.mediaType).toBe('message/rfc822');
    expect(Buffer.compare((await t.services.documents.content(document.id)).content, stored)).toBe(0);
  });
});
