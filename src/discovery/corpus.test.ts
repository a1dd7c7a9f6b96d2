import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFreeMail } from '../directory/free-mail.js';
import { bulkService } from '../mail/bulk-senders.js';
import { writeCorpusMbox } from '../test/corpus.js';
import { freshStore, type TestStore } from '../test/store.js';

/**
 * Who else has my data on real mail (issue 16, part 5): the SpamAssassin corpus (6,046 messages
 * of 2002, spam and ham), delivered to two mailboxes that become the person's addresses.
 */
const MINE = ['yyyy@localhost.netnoteinc.com', 'yyyy@localhost.spamassassin.taint.org'];
let t: TestStore;

beforeAll(async () => {
  t = await freshStore();
  for (const [i, address] of MINE.entries())
    await t.services.vault.add({ kind: 'email', label: `mailbox ${String(i + 1)}`, value: { address } });
  const mbox = join(t.dir, 'corpus.mbox');
  writeCorpusMbox(mbox);
  await t.services.mail.importPath(mbox);
}, 300_000);

afterAll(async () => {
  await t.dispose();
});

describe('DiscoveryService on the SpamAssassin corpus', () => {
  it('lists organisations that wrote to the mailboxes, by registrable domain, quickly', async () => {
    const started = performance.now();
    const found = await t.services.discovery.organisations();
    const took = performance.now() - started;
    expect(found.length).toBeGreaterThan(50);
    // Interactive: the web page asks for it on every visit.
    expect(took).toBeLessThan(3000);
    for (const o of found) {
      expect(isFreeMail(o.domain), o.domain).toBe(false);
      expect(bulkService(o.domain), o.domain).toBeUndefined();
      expect(o.domain.split('.').length, o.domain).toBeLessThanOrEqual(3);
      expect(o.domain.endsWith('netnoteinc.com') || o.domain.endsWith('taint.org'), o.domain).toBe(false);
      expect(o.messages).toBeGreaterThan(0);
      expect(o.subjects.length).toBeGreaterThan(0);
      expect(o.subjects.length).toBeLessThanOrEqual(3);
      for (const w of o.wroteTo) expect(MINE, `${o.domain} wrote to ${w.address}`).toContain(w.address);
    }
    const counts = found.map((o) => o.messages);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('adds the organisation that wrote most, and its mail becomes its own', async () => {
    const [top] = await t.services.discovery.organisations();
    if (!top) throw new Error('nothing found in the corpus');
    const added = await t.services.discovery.add(top.domain);
    expect(added.messages).toBeGreaterThanOrEqual(top.messages);
    const after = await t.services.discovery.organisations();
    expect(after.map((o) => o.domain)).not.toContain(top.domain);
  });
});
