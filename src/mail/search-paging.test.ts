import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RANKED } from './repository.js';
import { freshStore, type TestStore } from '../test/store.js';

/**
 * Search results a page at a time, through the store's mail index: every match is reachable by
 * paging, each once, the ranked ones first and the rest newest first, with the total; filters
 * alone page too; a page out of bounds is refused in words.
 */
let t: TestStore;
/** More matches than the index ranks, so paging crosses from ranked into unranked results. */
const MATCHES = RANKED + 120;

beforeAll(async () => {
  t = await freshStore();
  const path = join(t.dir, 'many.mbox');
  writeFileSync(path, '');
  for (let i = 0; i < MATCHES + 30; i++) {
    const day = new Date(Date.UTC(2025, 0, 1) + i * 3_600_000);
    // Every 50th names the invoice in its subject, so it ranks above those with it in the text.
    const subject = i % 50 === 0 ? `Invoice ${String(i)}` : `Letter ${String(i)}`;
    const body = i < MATCHES ? `Please find the invoice for month ${String(i)}.` : 'Nothing to pay.';
    appendFileSync(
      path,
      [
        'From billing@acme.example Wed Jan  1 00:00:00 2025',
        'From: billing@acme.example',
        'To: alex@example.org',
        `Subject: ${subject}`,
        `Date: ${day.toUTCString()}`,
        `Message-ID: <m${String(i)}@acme.example>`,
        ...(i % 3 === 0 ? ['MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', ''] : ['']),
        ...(i % 3 === 0
          ? [
              '--b',
              'Content-Type: text/plain',
              '',
              body,
              '--b',
              'Content-Type: application/pdf; name="a.pdf"',
            ]
          : [body]),
        ...(i % 3 === 0
          ? ['Content-Disposition: attachment; filename="a.pdf"', '', 'JVBERi0=', '--b--']
          : []),
        '',
        '',
      ].join('\n'),
    );
  }
  const summary = await t.services.mail.importPath(path, { poolSize: 0 });
  expect(summary.imported).toBe(MATCHES + 30);
});

afterAll(async () => {
  await t.dispose();
});

/** Every result of a search, page by page. */
async function everyPage(text: string, limit: number) {
  const pages = [];
  for (let offset = 0; ; offset += limit) {
    const page = await t.services.mail.search(text, { limit, offset });
    pages.push(page);
    if (page.results.length < limit) return pages;
  }
}

describe('search pages', () => {
  it('reaches every match once, paging past the ranked ones, with the total on every page', async () => {
    const pages = await everyPage('invoice', 100);
    for (const page of pages) expect(page.total).toBe(MATCHES);
    const ids = pages.flatMap((p) => p.results.map((r) => r.id));
    expect(ids).toHaveLength(MATCHES);
    expect(new Set(ids).size).toBe(MATCHES);
    // The best come first: the subjects that name the invoice, among the ranked.
    const first = pages[0]?.results.slice(0, 5).map((r) => r.subject) ?? [];
    for (const subject of first) expect(subject).toMatch(/^Invoice/);
    // Beyond the ranked, newest first.
    const rest = ids.slice(RANKED);
    expect(rest).toEqual([...rest].sort((a, b) => b - a));
  });

  it('pages the same way with a filter, and with filters alone', async () => {
    const attached = await everyPage('invoice has:attachment', 70);
    const ids = attached.flatMap((p) => p.results.map((r) => r.id));
    const expected = Math.ceil(MATCHES / 3);
    expect(attached[0]?.total).toBe(expected);
    expect(new Set(ids).size).toBe(expected);
    const all = await everyPage('has:attachment', 64);
    expect(all[0]?.total).toBe(Math.ceil((MATCHES + 30) / 3));
    const sent = all.flatMap((p) => p.results.map((r) => r.sentAt ?? ''));
    expect(sent).toEqual([...sent].sort().reverse());
  });

  it('answers a page past the end with no results and the total, and refuses a bad page in words', async () => {
    expect(await t.services.mail.search('invoice', { offset: 5000 })).toMatchObject({
      total: MATCHES,
      results: [],
    });
    await expect(t.services.mail.search('invoice', { limit: 0 })).rejects.toThrow(/limit/);
    await expect(t.services.mail.search('invoice', { offset: -1 })).rejects.toThrow(/offset/);
  });
});
