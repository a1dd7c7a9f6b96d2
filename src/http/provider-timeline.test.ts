import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Browser } from '../test/http.js';
import { startServer, type RunningServer } from './server.js';

let dir: string;
let server: RunningServer;
let browser: Browser;
let acme: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-http-timeline-'));
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
  });
  browser = new Browser(server.url);
  await browser.open();
  expect((await browser.call('POST', '/api/store', { passphrase: 'timeline over http' })).status).toBe(200);
  acme = (await browser.call('POST', '/api/providers', { name: 'Acme Insurance' })).json<{ id: number }>().id;
  for (const [subject, occurredAt] of [
    ['First call', '2026-01-01T09:00:00.000Z'],
    ['Second call', '2026-02-01T09:00:00.000Z'],
  ] as const)
    await browser.call('POST', '/api/interactions', {
      providerId: acme,
      channel: 'phone',
      direction: 'outbound',
      subject,
      occurredAt,
    });
  await browser.call('POST', '/api/cases', {
    providerId: acme,
    title: 'Overcharged',
    openedOn: '2026-01-15',
  });
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Page {
  items: { kind: string; title: string }[];
  kinds: { kind: string; count: number }[];
  next: string | null;
}

describe('GET /api/providers/:id/timeline', () => {
  it('gives the timeline in pages and by kind, with the counts of each kind', async () => {
    const first = await browser.call('GET', `/api/providers/${acme}/timeline?limit=2`);
    expect(first.status).toBe(200);
    const page = first.json<Page>();
    expect(page.items.map((i) => i.title)).toEqual(['Second call', 'Case opened: Overcharged']);
    expect(page.kinds.find((k) => k.kind === 'interaction')?.count).toBe(2);
    const rest = await browser.call(
      'GET',
      `/api/providers/${acme}/timeline?limit=2&after=${encodeURIComponent(page.next ?? '')}`,
    );
    expect(rest.json<Page>()).toMatchObject({ items: [{ title: 'First call' }], next: null });
    const cases = await browser.call('GET', `/api/providers/${acme}/timeline?kind=case,message`);
    expect(cases.json<Page>().items.map((i) => i.kind)).toEqual(['case']);
  });

  it('refuses a kind it does not know, saying which there are', async () => {
    const refused = await browser.call('GET', `/api/providers/${acme}/timeline?kind=letters`);
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(
      /there is no kind \\"letters\\" in a timeline; choose from interaction, case/,
    );
  });
});
