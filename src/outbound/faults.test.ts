import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startExim, type Exim } from '../test/exim.js';
import { freshStore, type TestStore } from '../test/store.js';

/**
 * Faults of sending (issue 15, part 5), against a real Exim: each has a clear message, and
 * nothing is half-recorded (no settings kept, no interaction, no document, the item failed).
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

const settings = (over: Record<string, unknown> = {}) => ({
  host: '127.0.0.1',
  port: exim.port,
  security: 'starttls' as const,
  username: exim.user,
  password: exim.password,
  allowSelfSigned: true,
  ...over,
});

async function expectNothingKept(): Promise<void> {
  expect(await t.services.outbound.sending.get()).toBeNull();
}

describe('setting up sending', () => {
  it('refuses an unreachable server, naming it', async () => {
    t = await freshStore();
    const port = await freePort();
    await expect(t.services.outbound.sending.setup(settings({ port }))).rejects.toThrow(
      `cannot connect to the SMTP server 127.0.0.1:${String(port)}: connection refused`,
    );
    await expectNothingKept();
  });

  it('refuses implicit TLS against a plain port', async () => {
    t = await freshStore();
    await expect(t.services.outbound.sending.setup(settings({ security: 'tls' }))).rejects.toThrow(
      /the TLS handshake failed \(does this port use implicit TLS\?/,
    );
    await expectNothingKept();
  });

  it('logs in with implicit TLS on the TLS port', async () => {
    t = await freshStore();
    const view = await t.services.outbound.sending.setup(settings({ security: 'tls', port: exim.tlsPort }));
    expect(view).toMatchObject({ security: 'tls', passwordSet: true });
  });

  it('refuses a server that offers no STARTTLS, rather than sending the password in the clear', async () => {
    t = await freshStore();
    const plain = await startExim({ noTls: true });
    try {
      await expect(t.services.outbound.sending.setup(settings({ port: plain.port }))).rejects.toThrow(
        /does not offer STARTTLS, so vrm will not send the password to it/,
      );
    } finally {
      await plain.stop();
    }
    await expectNothingKept();
  });

  it('refuses an untrusted certificate unless told to trust it', async () => {
    t = await freshStore();
    await expect(t.services.outbound.sending.setup(settings({ allowSelfSigned: false }))).rejects.toThrow(
      /its TLS certificate is not trusted/,
    );
    await expectNothingKept();
  });

  it('refuses "none" for any server but 127.0.0.1, naming the field', async () => {
    t = await freshStore();
    await expect(
      t.services.outbound.sending.setup(settings({ host: 'smtp.example.org', security: 'none' })),
    ).rejects.toThrow(
      /Security "none" sends the password in the clear: it is only allowed for a server on 127\.0\.0\.1/,
    );
  });
});

describe('drafting', () => {
  it('refuses a provider with no address or channel at all, naming the letter and web-form channels', async () => {
    t = await freshStore();
    const provider = await t.services.providers.add({ name: 'Nowhere Ltd' });
    await expect(
      t.services.outbound.draft({ providerId: provider.id, channel: 'email', subject: 'Hello', body: 'Hi' }),
    ).rejects.toThrow(
      /Nowhere Ltd has no e-mail address to write to: it has no postal address or web form either/,
    );
    expect(await t.services.outbound.list()).toEqual([]);
  });

  it('offers the letter and the web form when a provider has no e-mail', async () => {
    t = await freshStore();
    const provider = await t.services.providers.add({
      name: 'Paper Bank',
      postalAddress: '1 High Street\nLeeds LS1 1AA',
      webForm: 'https://paper.example/contact',
    });
    await expect(
      t.services.outbound.draft({ providerId: provider.id, channel: 'email', subject: 'Hello', body: 'Hi' }),
    ).rejects.toThrow(
      /write by a letter \(it has a postal address\) or its web form \(https:\/\/paper\.example\/contact\) instead/,
    );
    const form = await t.services.outbound.draft({
      providerId: provider.id,
      channel: 'web_form',
      subject: 'Hello',
      body: 'Hi',
    });
    expect(form).toMatchObject({ state: 'draft', webForm: 'https://paper.example/contact' });
    const done = await t.services.outbound.markSent(form.id, { on: '2026-03-14' });
    expect(done).toMatchObject({ state: 'sent', sentAt: '2026-03-14T12:00:00.000Z' });
    expect((await t.services.interactions.get(done.interactionId ?? 0)).channel).toBe('web');
  });

  it('refuses a provider that knows no identity of the person, saying how to make one', async () => {
    t = await freshStore();
    const provider = await t.services.providers.add({
      name: 'Acme Energy',
      supportEmail: 'help@acme.example',
    });
    await expect(
      t.services.outbound.draft({ providerId: provider.id, channel: 'email', subject: 'Hello', body: 'Hi' }),
    ).rejects.toThrow(/knows no e-mail identity of yours.*`vrm identity new "Acme Energy"`.*Identities page/);
  });
});

describe('sending', () => {
  it('marks an item failed with the reason when the server is gone, and records nothing else', async () => {
    t = await freshStore();
    const gone = await startExim();
    await t.services.outbound.sending.setup(settings({ port: gone.port }));
    const provider = await t.services.providers.add({
      name: 'Acme Energy',
      supportEmail: 'help@acme.example',
    });
    await t.services.identities.addEmail({ provider: provider.id, address: 'alex+acme@example.org' });
    const draft = await t.services.outbound.draft({
      providerId: provider.id,
      channel: 'email',
      subject: 'Hello',
      body: 'Hi',
    });
    await gone.stop();
    const [outcome] = await t.services.outbound.send([draft.id]);
    expect(outcome?.item.state).toBe('failed');
    expect(outcome?.item.failure).toMatch(
      /cannot connect to the SMTP server 127\.0\.0\.1:\d+: connection refused/,
    );
    expect(outcome?.item).toMatchObject({ interactionId: null, documentId: null, sentAt: null });
    expect(await t.services.interactions.list({ provider: provider.id })).toEqual([]);
    expect(await t.services.documents.list({ provider: provider.id })).toEqual([]);
  });

  it('refuses to send before sending is set up, and moves nothing', async () => {
    t = await freshStore();
    const provider = await t.services.providers.add({
      name: 'Acme Energy',
      supportEmail: 'help@acme.example',
    });
    await t.services.identities.addEmail({ provider: provider.id, address: 'alex+acme@example.org' });
    const draft = await t.services.outbound.draft({
      providerId: provider.id,
      channel: 'email',
      subject: 'Hi',
      body: 'Hi',
    });
    await expect(t.services.outbound.send([draft.id])).rejects.toThrow(
      /sending is not set up: .*`vrm send setup`/,
    );
    expect((await t.services.outbound.get(draft.id)).state).toBe('draft');
  });
});
