import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../platform/db/store.js';
import { vrm } from '../test/cli.js';
import { corpusFiles, writeCorpusMaildir, writeCorpusMbox } from '../test/corpus.js';
import { startDovecot, type Dovecot } from '../test/dovecot.js';
import { TEST_PASSPHRASE } from '../test/store.js';
import type { ImportSummary } from './importer.js';
import { sqliteConnection } from '../platform/db/sqlite/connection.js';

/**
 * The real SpamAssassin corpus (6,046 messages) imported with the real `vrm` binary three ways:
 * from an mbox, from a Maildir, and from a real Dovecot IMAP server. Each must give the same
 * messages; importing again adds nothing; IMAP fetches only what is new.
 */
let dir: string;
let dovecot: Dovecot;
const stores = { mbox: '', maildir: '', imap: '' };
const summaries: Record<string, ImportSummary> = {};

const run = (store: string, ...args: string[]) => {
  const result = vrm(['--store', store, ...args], {
    VRM_PASSPHRASE: TEST_PASSPHRASE,
    VRM_IMAP_PASSWORD: dovecot.password,
  });
  if (result.code !== 0) throw new Error(`vrm ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
};
const json = <T>(store: string, ...args: string[]): T => JSON.parse(run(store, ...args, '--json')) as T;

async function fingerprints(path: string): Promise<string[]> {
  const store = await openStore(path, { passphrase: TEST_PASSPHRASE });
  try {
    const rows = sqliteConnection(store)
      .prepare('SELECT fingerprint FROM messages ORDER BY fingerprint')
      .pluck()
      .all();
    return rows as string[];
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-corpus-'));
  writeCorpusMbox(join(dir, 'corpus.mbox'));
  writeCorpusMaildir(join(dir, 'Maildir'));
  dovecot = await startDovecot({ seed: (maildir) => writeCorpusMaildir(maildir) });
  for (const kind of Object.keys(stores) as (keyof typeof stores)[]) {
    stores[kind] = join(dir, `${kind}.db`);
    run(stores[kind], 'init');
  }
  summaries.mbox = json<ImportSummary>(stores.mbox, 'mail', 'import', join(dir, 'corpus.mbox'));
  summaries.maildir = json<ImportSummary>(stores.maildir, 'mail', 'import', join(dir, 'Maildir'));
  run(
    stores.imap,
    'mail',
    'account',
    'add',
    '--host',
    '127.0.0.1',
    '--port',
    String(dovecot.port),
    '--security',
    'none',
    '--user',
    dovecot.user,
  );
  summaries.imap = json<ImportSummary>(stores.imap, 'mail', 'fetch');
}, 300_000);

afterAll(async () => {
  await dovecot.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('importing the SpamAssassin corpus', () => {
  it('reads every message of the corpus from each kind of source, and skips none', () => {
    const total = corpusFiles().length;
    expect(total).toBe(6046);
    for (const [kind, s] of Object.entries(summaries)) {
      expect(s, kind).toMatchObject({ seen: total, skipped: 0 });
      expect(s.imported + s.duplicates, kind).toBe(total);
    }
  });

  it('gives the same messages whether they come by IMAP, by mbox or by Maildir', async () => {
    const [mbox, maildir, imap] = await Promise.all([
      fingerprints(stores.mbox),
      fingerprints(stores.maildir),
      fingerprints(stores.imap),
    ]);
    expect(mbox.length).toBeGreaterThan(5800);
    expect(maildir).toEqual(mbox);
    expect(imap).toEqual(mbox);
  });

  it('stores a message once however often it is imported', () => {
    const again = json<ImportSummary>(stores.maildir, 'mail', 'import', join(dir, 'Maildir'));
    expect(again).toMatchObject({ imported: 0, duplicates: 6046, skipped: 0 });
    // The mbox goes on where it stopped: nothing new to read.
    expect(json<ImportSummary>(stores.mbox, 'mail', 'import', join(dir, 'corpus.mbox'))).toMatchObject({
      seen: 0,
    });
  });

  it('fetches only new mail from IMAP the next time', async () => {
    await dovecot.deliver(
      'INBOX',
      'From: news@lists.example\nTo: jm@jmason.org\nSubject: one more\nMessage-ID: <new@x>\n\nNew.\n',
    );
    expect(json<ImportSummary>(stores.imap, 'mail', 'fetch')).toMatchObject({ seen: 1, imported: 1 });
    expect(json<ImportSummary>(stores.imap, 'mail', 'fetch')).toMatchObject({ seen: 0, imported: 0 });
  });

  it('searches the corpus with ranked, highlighted results and operators', () => {
    const hits = json<{ subject: string; snippet: { text: string; hit: boolean }[] | null }[]>(
      stores.mbox,
      'mail',
      'search',
      'spamassassin',
      'razor',
    );
    expect(hits.length).toBeGreaterThan(5);
    expect(hits[0]?.snippet?.some((p) => p.hit)).toBe(true);
    const before = json<{ sentAt: string }[]>(
      stores.mbox,
      'mail',
      'search',
      'before:2002-08-01',
      '--limit',
      '50',
    );
    expect(before.length).toBeGreaterThan(0);
    for (const m of before) expect(m.sentAt < '2002-08-01').toBe(true);
    expect(json<unknown[]>(stores.mbox, 'mail', 'search', 'has:attachment', '--limit', '5')).toHaveLength(5);
  });

  it('sorts the corpus by attention: its list mail waits, and every message says why', () => {
    const counts = json<{ total: number; attention: Record<string, number> }>(stores.mbox, 'mail', 'inbox');
    expect(counts.total).toBe(summaries.mbox?.imported);
    expect(counts.attention.later).toBeGreaterThan(1000);
    const list = json<{ ruleReason: string }[]>(stores.mbox, 'mail', 'list', '--limit', '20');
    for (const m of list) expect(m.ruleReason).toMatch(/^default: /);
  });

  it('finds a leak in the corpus once the address is known as an identity given to one provider', () => {
    // jm@jmason.org received the corpus; say it was the address given only to "SpamAssassin Lists".
    run(stores.mbox, 'provider', 'add', 'SpamAssassin Lists', '--domain', 'lists.sourceforge.net');
    run(stores.mbox, 'identity', 'add', '--provider', 'SpamAssassin Lists', '--email', 'jm@jmason.org');
    const report = json<{ events: { senderLabel: string; messageCount: number }[] }>(
      stores.mbox,
      'mail',
      'leaks',
    );
    expect(report.events.length).toBeGreaterThan(10);
    const text = run(stores.mbox, 'mail', 'leaks');
    expect(text).toMatch(/SpamAssassin Lists/);
  });
});
