import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MessageParseError, parseMessage } from './parse.js';
import { ParsePool } from './pool.js';

function fixture(name: string): Buffer {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
}

const names = [
  'encoded-words.eml',
  'bulk-sendgrid.eml',
  'forwarded-message.eml',
  'plus-and-received-for.eml',
  'raw-8bit-headers.eml',
];

describe('ParsePool', () => {
  const pools: ParsePool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  for (const size of [0, 1, 2]) {
    it(`parses like parseMessage with ${size} worker(s)`, async () => {
      const pool = ParsePool.create(size);
      pools.push(pool);
      for (const name of names) {
        const raw = fixture(name);
        expect(await pool.parse(raw, '2024-06-04T10:00:00Z')).toEqual(parseMessage(raw));
      }
    });

    it(`rejects with the same MessageParseError with ${size} worker(s), and carries on`, async () => {
      const pool = ParsePool.create(size);
      pools.push(pool);
      const failure = pool.parse(Buffer.from('not a message\n\nat all'));
      await expect(failure).rejects.toBeInstanceOf(MessageParseError);
      await expect(failure).rejects.toThrow('not a mail message: no header line before the first blank line');
      await expect(pool.parse(Buffer.alloc(0))).rejects.toThrow('no header block: the message is empty');
      expect((await pool.parse(fixture('no-message-id.eml'))).subject).toBe('No id here');
    });
  }

  it('leaves the caller’s bytes alone unless asked to transfer them', async () => {
    const pool = ParsePool.create(1);
    pools.push(pool);
    const raw = Buffer.from(fixture('no-message-id.eml'));
    const owned = Buffer.alloc(raw.length);
    raw.copy(owned);
    await pool.parse(raw);
    expect(raw.length).toBeGreaterThan(0);
    // A slice of a larger buffer is copied, so the larger buffer survives even with transfer.
    const big = Buffer.concat([Buffer.alloc(1000), raw]);
    const slice = big.subarray(1000);
    expect((await pool.parse(slice, undefined, { transfer: true })).subject).toBe('No id here');
    expect(big.length).toBe(1000 + raw.length);
    // A Buffer that owns its memory whole is handed over without a copy.
    expect(owned.byteOffset === 0 && owned.byteLength === owned.buffer.byteLength).toBe(true);
    expect((await pool.parse(owned, undefined, { transfer: true })).subject).toBe('No id here');
    expect(owned.buffer.byteLength).toBe(0);
  });

  /** A source that notes, at each item it hands out, how many are out and not yet yielded back. */
  function measured<T>(items: readonly T[]): {
    source: Generator<T>;
    consumed: () => void;
    most: () => number;
  } {
    let pulled = 0;
    let consumed = 0;
    let most = 0;
    function* source(): Generator<T> {
      for (const item of items) {
        pulled++;
        most = Math.max(most, pulled - consumed);
        yield item;
      }
    }
    return {
      source: source(),
      consumed: () => {
        consumed++;
      },
      most: () => most,
    };
  }

  it('yields results in order with a bounded number in flight, parse errors included', async () => {
    const pool = ParsePool.create(2);
    pools.push(pool);
    const items = [...names, 'bad', ...names].map((name, index) => ({
      index,
      raw: name === 'bad' ? Buffer.from('garbage without headers\n\n') : fixture(name),
    }));
    const flight = measured(items);
    const seen: number[] = [];
    let errors = 0;
    for await (const outcome of pool.parseInOrder(flight.source, { messages: 3 })) {
      flight.consumed();
      seen.push(outcome.item.index);
      if (outcome.error !== null) errors++;
      else expect(outcome.message).toEqual(parseMessage(outcome.item.raw));
    }
    expect(seen).toEqual(items.map((i) => i.index));
    expect(errors).toBe(1);
    // Never more than the bound at once, and the bound is used: three parse side by side.
    expect(flight.most()).toBe(3);
  });

  it('holds back once the bytes in flight reach their bound', async () => {
    const pool = ParsePool.create(1);
    pools.push(pool);
    const raw = fixture('no-message-id.eml');
    const items = Array.from({ length: 8 }, (_, index) => ({ index, raw }));
    const flight = measured(items);
    const seen: number[] = [];
    for await (const outcome of pool.parseInOrder(flight.source, { messages: 100, bytes: 2 * raw.length })) {
      flight.consumed();
      seen.push(outcome.item.index);
    }
    expect(seen).toEqual(items.map((i) => i.index));
    expect(flight.most()).toBe(2);
  });

  it('refuses work after close', async () => {
    const pool = ParsePool.create(1);
    await pool.close();
    await expect(pool.parse(fixture('no-message-id.eml'))).rejects.toThrow('the parse pool is closed');
  });

  it('keeps the process alive until close() is done, even with replies queued behind a busy caller', () => {
    // A program of its own: only there does an event loop with nothing left in it end the process
    // (exit code 13, "unsettled top-level await") while close() is still awaited.
    const dir = mkdtempSync(join(tmpdir(), 'vrm-pool-'));
    try {
      const script = join(dir, 'close.mts');
      writeFileSync(
        script,
        `import { readFileSync } from 'node:fs';
import { ParsePool } from ${JSON.stringify(new URL('./pool.ts', import.meta.url).href)};
const raw = readFileSync(${JSON.stringify(new URL('./fixtures/html-only.eml', import.meta.url).pathname)});
const pool = ParsePool.create(1);
const parses = Array.from({ length: 200 }, () => pool.parse(raw).catch(() => undefined));
await parses[0];
// Busy on the main thread (as an import writing a batch is) while the worker's replies queue up.
const until = Date.now() + 100;
while (Date.now() < until);
await pool.close();
process.stdout.write('closed');
`,
      );
      const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
        cwd: new URL('../..', import.meta.url).pathname,
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect({ code: result.status, stdout: result.stdout }).toEqual({ code: 0, stdout: 'closed' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
