import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VRM_BIN } from '../test/cli.js';
import { startExim, type Exim } from '../test/exim.js';
import { freshStore, type TestStore } from '../test/store.js';

/**
 * The kill test of the outbox (issue 15, part 5): `vrm outbox send --all` sends a queue of ten
 * e-mails through a real Exim and is SIGKILLed at a random moment, twenty times, each time with the
 * queue filled up again and the command started anew. Then the deliveries are counted per
 * Message-ID in the Maildir: none twice; every item is sent, or shown as uncertain (and went at
 * most once); none is lost without a word.
 */

const TO = 'privacy@acme.example';
const ROUNDS = 20;
const QUEUE = 10;

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

/** Runs `vrm outbox send --all`; kills it after `afterSent` "Sent" lines and a few milliseconds more. */
function sendAndKill(afterSent: number, extraMs: number): Promise<{ killed: boolean; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VRM_BIN, '--store', t.path, 'outbox', 'send', '--all'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, VRM_SESSION: t.store.sessionToken },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      setTimeout(() => child.kill('SIGKILL'), extraMs);
    };
    if (afterSent === 0) kill();
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if ((stdout.match(/^Sent /gm) ?? []).length >= afterSent) kill();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({ killed: signal === 'SIGKILL', stdout: `${String(code)} ${stdout}` });
    });
  });
}

const messageIdOf = (raw: Buffer): string => /^Message-ID: <([^>]+)>/im.exec(raw.toString())?.[1] ?? '?';

describe('the outbox, killed while sending', () => {
  it('never sends a message twice and loses none silently', async () => {
    const s = t.services;
    await s.outbound.sending.setup({
      host: '127.0.0.1',
      port: exim.port,
      security: 'starttls',
      username: exim.user,
      password: exim.password,
      allowSelfSigned: true,
    });
    const provider = await s.providers.add({ name: 'Acme Energy', privacyEmail: TO });
    await s.identities.addEmail({ provider: provider.id, address: 'alex+acme@example.org' });

    let kills = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const waiting = await s.outbound.list({ state: 'draft' });
      const queued = await s.outbound.list({ state: 'queued' });
      for (let i = waiting.length + queued.length; i < QUEUE; i++) {
        await s.outbound.draft({
          providerId: provider.id,
          channel: 'email',
          subject: `Notice ${String(round)}.${String(i)}`,
          body: `Round ${String(round)}, message ${String(i)}.`,
        });
      }
      const result = await sendAndKill(Math.floor(Math.random() * 6), Math.floor(Math.random() * 40));
      if (result.killed) kills++;
    }
    expect(kills).toBeGreaterThanOrEqual(ROUNDS - 2);

    // Started once more, to the end: the queue empties, the interrupted ones are named.
    const last = await sendAndKill(Number.POSITIVE_INFINITY, 0);
    expect(last.killed).toBe(false);
    expect(last.stdout).toMatch(/^0 /);

    const items = await s.outbound.list();
    const delivered = new Map<string, number>();
    for (const raw of await exim.waitFor(TO, items.filter((i) => i.state === 'sent').length)) {
      const id = messageIdOf(raw);
      delivered.set(id, (delivered.get(id) ?? 0) + 1);
    }
    // None twice.
    expect([...delivered.values()].filter((n) => n > 1)).toEqual([]);
    // Every item sent or uncertain; none still waiting, none lost.
    expect(items.filter((i) => !['sent', 'uncertain'].includes(i.state))).toEqual([]);
    for (const item of items) {
      const count = delivered.get(item.messageId ?? '') ?? 0;
      if (item.state === 'sent') expect(count, `item ${String(item.id)}`).toBe(1);
      else expect(count, `item ${String(item.id)}`).toBeLessThanOrEqual(1);
      if (item.state === 'uncertain') expect(item.failure).toMatch(/Look for it in your sent mail/);
    }
    // Each kill leaves at most one item in doubt.
    const uncertain = items.filter((i) => i.state === 'uncertain').length;
    expect(uncertain).toBeLessThanOrEqual(kills);
    // Every message delivered belongs to an item.
    const known = new Set(items.map((i) => i.messageId));
    expect([...delivered.keys()].filter((id) => !known.has(id))).toEqual([]);
  });
});
