import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendThrough } from '../test/campaign.js';
import { startExim, type Exim } from '../test/exim.js';
import { freshStore, type TestStore } from '../test/store.js';
import { seeded } from '../test/kill.js';

/**
 * The kill test of a request's send (issue 16, part 7: "a killed send"): a child process sends
 * the drafted requests of four providers through a slow Exim and is SIGKILLed at a random moment,
 * twenty times; after each kill the requests that went are withdrawn and new ones drafted, and
 * a new process takes up where the last stopped. Then the Maildirs are counted by Message-ID: no
 * request twice; each one sent and delivered once, or its outbox item uncertain (said so, never
 * resent by itself) and delivered at most once; nothing left in the outbox to go a second time.
 *
 * The kill moments come from a seeded generator; the seed is printed with every failure, and
 * `VRM_KILL_SEED=n` replays it.
 */

const ROUNDS = 20;
const PROVIDERS = ['Acme Energy', 'Brook Water', 'Cedar Bank', 'Delta Mobile'];
const SEED = Number(process.env.VRM_KILL_SEED || Math.floor(Math.random() * 2 ** 31));
const REPLAY = `kill moments from seed ${String(SEED)}: replay with VRM_KILL_SEED=${String(SEED)}`;
const SENDER = fileURLToPath(new URL('../test/request-send.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const random = seeded(SEED);

let exim: Exim;
let t: TestStore;

beforeAll(async () => {
  // 60 ms between the message's data and the server's 250: the window where a kill leaves doubt.
  exim = await startExim({ dataDelayMs: 60 });
  t = await freshStore();
});
afterAll(async () => {
  await t.dispose();
  await exim.stop();
});

const slug = (name: string) => name.split(' ')[0]?.toLowerCase() ?? '';
const privacyOf = (name: string) => `privacy@${slug(name)}.example`;
const messageIdOf = (raw: Buffer): string => /^Message-ID: <([^>]+)>/im.exec(raw.toString())?.[1] ?? '?';

interface Run {
  readonly killed: boolean;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Sends the requests in a child process; kills it `extraMs` after it has reported `afterOutcomes`
 * outcomes (0: after it opened the store), or never when `afterOutcomes` is undefined.
 */
function sendAndKill(ids: readonly number[], when: { afterOutcomes?: number; extraMs?: number }) {
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SENDER, t.path, ...ids.map(String)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, VRM_SESSION: t.store.sessionToken },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killing = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const told = (stdout.match(/^\d+: /gm) ?? []).length;
      if (
        !killing &&
        /^ready$/m.test(stdout) &&
        when.afterOutcomes !== undefined &&
        told >= when.afterOutcomes
      ) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), when.extraMs ?? 0);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ killed: signal === 'SIGKILL', code, stdout, stderr }));
  });
}

describe('a request send, killed at random moments', () => {
  it('sends no request twice and loses none', { timeout: 600_000 }, async () => {
    const s = t.services;
    const providers: number[] = [];
    for (const name of PROVIDERS) {
      const provider = await s.providers.add({ name, privacyEmail: privacyOf(name), country: 'GB' });
      await s.identities.addEmail({ provider: provider.id, address: `alex+${slug(name)}@example.org` });
      providers.push(provider.id);
    }
    await sendThrough(s, exim);

    /** Each provider's open request: a draft to send, or a new one when the last went. */
    const drafted = async (): Promise<number[]> => {
      // What the killed process left: a send half-way is uncertain, and its request moves.
      await s.outbound.recoverInterrupted();
      await s.requests.followOutbox();
      const ids: number[] = [];
      for (const providerId of providers) {
        const [latest] = await s.requests.list({ provider: providerId });
        if (latest?.state === 'drafted') ids.push(latest.id);
        else {
          if (latest) await s.requests.withdraw(latest.id);
          ids.push((await s.requests.draft({ provider: providerId })).id);
        }
      }
      return ids;
    };

    let kills = 0;
    for (let round = 0; kills < ROUNDS && round < ROUNDS * 3; round++) {
      const ids = await drafted();
      const result = await sendAndKill(ids, {
        afterOutcomes: Math.floor(random() * PROVIDERS.length),
        extraMs: Math.floor(random() * 120),
      });
      if (result.killed) kills++;
      else expect(result.code, `${result.stderr}\n${REPLAY}`).toBe(0);
    }
    expect(kills, REPLAY).toBe(ROUNDS);

    // A last process, not killed, sends what is left.
    const last = await sendAndKill(await drafted(), {});
    expect(last.code, `${last.stderr}\n${REPLAY}`).toBe(0);
    await s.requests.followOutbox();

    const outbox = await s.outbound.list({ purpose: { kind: 'request' } });
    for (const name of PROVIDERS) {
      const taken = outbox.filter((o) => o.providerName === name && o.state === 'sent').length;
      await exim.waitFor(privacyOf(name), taken);
    }
    const delivered = new Map<string, number>();
    for (const name of PROVIDERS) {
      for (const raw of exim.delivered(privacyOf(name))) {
        const id = messageIdOf(raw);
        delivered.set(id, (delivered.get(id) ?? 0) + 1);
      }
    }
    // No Message-ID twice, and every one delivered belongs to a request's outbox item.
    expect(
      [...delivered.entries()].filter(([, n]) => n > 1),
      REPLAY,
    ).toEqual([]);
    const known = new Set(outbox.map((o) => o.messageId));
    expect(
      [...delivered.keys()].filter((id) => !known.has(id)),
      REPLAY,
    ).toEqual([]);
    // Nothing is left in the outbox for a later "send all" to send a second time.
    expect(
      outbox
        .filter((o) => ['draft', 'queued', 'sending'].includes(o.state))
        .map((o) => `${String(o.id)} ${o.state}`),
      REPLAY,
    ).toEqual([]);

    // Each request went once: sent and delivered once, or uncertain (said so) and delivered at most once.
    const proceedings = await s.requests.list();
    expect(proceedings.length, REPLAY).toBeGreaterThan(PROVIDERS.length);
    for (const p of proceedings) {
      const label = `request ${String(p.id)} to ${p.provider}\n${REPLAY}`;
      const request = p.messages.find((m) => m.kind === 'request');
      expect(request?.state, label).toBe('sent');
      expect(['sent', 'withdrawn'], label).toContain(p.state);
      const mine = outbox.filter((o) => o.purposeId === request?.id);
      expect(
        mine.map((o) => o.state),
        label,
      ).toHaveLength(1);
      const [went] = mine;
      const count = delivered.get(went?.messageId ?? '') ?? 0;
      if (went?.state === 'sent') expect(count, label).toBe(1);
      else {
        expect(went?.state, label).toBe('uncertain');
        expect(count, label).toBeLessThanOrEqual(1);
        expect(went?.failure, label).toMatch(/Look for it in your sent mail/);
      }
    }
    expect(outbox.filter((o) => o.state === 'uncertain').length, REPLAY).toBeLessThanOrEqual(kills);
  });
});
