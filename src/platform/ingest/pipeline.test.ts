import { describe, expect, it } from 'vitest';
import { BackgroundJobs } from './background.js';
import { IngestRun, runIngest, SkipList, type IngestOutcome, type IngestProgress } from './pipeline.js';

type Outcome = IngestOutcome<string, { folder: string; uid: number }>;

async function* from(outcomes: readonly Outcome[]): AsyncGenerator<Outcome> {
  for (const outcome of outcomes) {
    await Promise.resolve();
    yield outcome;
  }
}

/** A store of natural keys: a record already held is a duplicate. */
function fakeStore() {
  const held = new Set<string>();
  const batches: { records: string[]; checkpoints: unknown[]; seenBefore: number }[] = [];
  return {
    held,
    batches,
    write: (
      batch: readonly string[],
      checkpoints: readonly unknown[],
      { counts }: { counts: { seen: number } },
    ) => {
      batches.push({ records: [...batch], checkpoints: [...checkpoints], seenBefore: counts.seen });
      return batch.map((record) => {
        const isNew = !held.has(record);
        held.add(record);
        return isNew;
      });
    },
  };
}

describe('SkipList', () => {
  it('counts every skip but keeps only the first ones, in order', () => {
    const skips = new SkipList(2);
    for (const line of [1, 2, 3]) skips.add({ location: `file.csv:${line}`, reason: 'no amount' });
    expect(skips.count).toBe(3);
    expect(skips.kept.map((s) => s.location)).toEqual(['file.csv:1', 'file.csv:2']);
    expect(skips.truncated).toBe(true);
  });
});

describe('runIngest', () => {
  it('writes records in batches, skips errors with their location, and counts duplicates', async () => {
    const store = fakeStore();
    store.held.add('b');
    const result = await runIngest(
      { write: store.write, unit: 'rows', total: 5, batchSize: 2 },
      from([
        { location: 'x.csv:1', record: 'a' },
        { location: 'x.csv:2', record: 'b' },
        { location: 'x.csv:3', error: 'the amount "12,3,4" is unclear' },
        { location: 'x.csv:4', record: 'c' },
        { location: 'x.csv:5', record: 'a' },
      ]),
    );
    expect(store.batches.map((b) => b.records)).toEqual([
      ['a', 'b'],
      ['c', 'a'],
      // The last write comes even when empty: it records the final counts.
      [],
    ]);
    expect(result).toMatchObject({
      seen: 5,
      imported: 2,
      duplicates: 2,
      skipped: 1,
      skips: [{ location: 'x.csv:3', reason: 'the amount "12,3,4" is unclear' }],
      skipsTruncated: false,
    });
  });

  it('saves the latest checkpoint of each key with the batch it belongs to', async () => {
    const store = fakeStore();
    await runIngest(
      { write: store.write, unit: 'messages', total: null, batchSize: 3, checkpointKey: (c) => c.folder },
      from([
        { location: 'INBOX/1', record: 'm1', checkpoint: { folder: 'INBOX', uid: 1 } },
        { location: 'INBOX/2', record: 'm2', checkpoint: { folder: 'INBOX', uid: 2 } },
        { location: 'Sent/7', record: 'm3', checkpoint: { folder: 'Sent', uid: 7 } },
        { location: 'Sent/8', error: 'cut off', checkpoint: { folder: 'Sent', uid: 8 } },
      ]),
    );
    expect(store.batches.map((b) => b.checkpoints)).toEqual([
      [
        { folder: 'INBOX', uid: 2 },
        { folder: 'Sent', uid: 7 },
      ],
      // A skipped record moves the checkpoint on too: a re-run does not meet it again.
      [{ folder: 'Sent', uid: 8 }],
    ]);
  });

  it('gives the writer the counts before its batch, so the record it keeps is never ahead', async () => {
    const store = fakeStore();
    await runIngest(
      { write: store.write, unit: 'rows', total: null, batchSize: 2 },
      from([
        { location: '1', record: 'a' },
        { location: '2', record: 'b' },
        { location: '3', record: 'c' },
      ]),
    );
    expect(store.batches.map((b) => b.seenBefore)).toEqual([2, 3]);
  });

  it('counts what the importer skipped before it became an outcome, and problems of the source', async () => {
    const store = fakeStore();
    const problems = [{ location: 'big.mbox', reason: 'the file ends inside a message' }];
    const run = new IngestRun({ write: store.write, unit: 'bytes', total: 100, problems });
    run.skipUnread({ location: 'big.mbox:1', reason: 'the message is 70.0 MB' });
    const result = await run.run(from([{ location: 'big.mbox:2', record: 'x', done: 100 }]));
    expect(result).toMatchObject({ seen: 3, imported: 1, skipped: 2 });
    expect(result.skips.map((s) => s.location)).toEqual(['big.mbox:1', 'big.mbox']);
    expect(problems).toEqual([]);
  });

  it('reports progress at most once per interval, and always at the end', async () => {
    const store = fakeStore();
    let clock = 0;
    const seen: IngestProgress<'bytes'>[] = [];
    const outcomes: Outcome[] = Array.from({ length: 10 }, (_, i) => ({
      location: String(i),
      record: `r${i}`,
      done: (i + 1) * 10,
    }));
    async function* ticking() {
      for (const outcome of outcomes) {
        clock += 50;
        await Promise.resolve();
        yield outcome;
      }
    }
    await runIngest(
      {
        write: store.write,
        unit: 'bytes',
        total: 100,
        batchSize: 100,
        progressEveryMs: 200,
        now: () => clock,
        onProgress: (p) => seen.push(p),
      },
      ticking(),
    );
    // 50 ms a record, at most one report in 200 ms: the first, then every fourth, then the end.
    expect(seen.map((p) => p.done)).toEqual([10, 50, 90, 100]);
    expect(seen.at(-1)).toMatchObject({ seen: 10, imported: 10, done: 100, total: 100, unit: 'bytes' });
  });
});

describe('BackgroundJobs', () => {
  it('answers with the id once the work records itself, and keeps its latest progress', async () => {
    const jobs = new BackgroundJobs<number>();
    let finish = () => {};
    const ended = new Promise<void>((resolve) => (finish = resolve));
    let removed = false;
    const started = await jobs.start(
      async ({ onStart, onProgress }) => {
        onStart(7);
        onProgress(40);
        await ended;
        onProgress(100);
      },
      () => {
        removed = true;
        return Promise.resolve();
      },
    );
    expect(started).toEqual({ id: 7 });
    expect(jobs.progress(7)).toBe(40);
    expect(jobs.running(7)).toBe(true);
    finish();
    await expect.poll(() => jobs.running(7)).toBe(false);
    expect(jobs.progress(7)).toBe(100);
    expect(removed).toBe(true);
  });

  it('passes an error before the work was recorded to the caller, and cleans up', async () => {
    const jobs = new BackgroundJobs<number>();
    let removed = false;
    await expect(
      jobs.start(
        () => Promise.reject(new Error('no such folder')),
        () => {
          removed = true;
          return Promise.resolve();
        },
      ),
    ).rejects.toThrow('no such folder');
    expect(removed).toBe(true);
  });

  it('does not leave the caller waiting when the work ends without recording itself', async () => {
    const jobs = new BackgroundJobs<number>();
    await expect(jobs.start(() => Promise.resolve())).rejects.toThrow('ended before it was recorded');
  });
});
