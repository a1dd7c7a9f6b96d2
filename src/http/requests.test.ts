import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, type HttpResult } from '../test/http.js';
import { craftZip } from '../test/zip.js';
import { buildOpenApi } from './openapi.js';
import { startServer, type RunningServer } from './server.js';

/**
 * Data-subject requests over the HTTP API (issue 16): every route's happy path through a letter
 * request that is posted, answered with a ZIP, compared, admonished and complained of; bad input
 * named by its field; answers too large or sent in chunks refused before they are read; nothing
 * before the store is unlocked. The server's clock moves as the days of a real proceeding would.
 */
let dir: string;
let server: RunningServer;
let browser: Browser;
let now = '2027-01-04T10:00:00.000Z';
const ids: Record<string, number> = {};

interface ProceedingBody {
  id: number;
  providerId: number;
  status: string;
  state: string;
  channel: string | null;
  dueOn: string | null;
  sentOn: string | null;
  deadlines: { label: string; day: string; explanation: string }[];
  messages: { kind: string; state: string; subject: string; body: string }[];
  authority: string | null;
  answer: string | null;
  missingItems: string[];
}
interface ErrorAnswer {
  error: { code: string; message: string; details: { path?: string; message: string }[] };
}

const ok = <T>(result: HttpResult): T => {
  expect(result.status, result.text).toBe(200);
  return result.json<T>();
};
const call = (method: string, path: string, body?: unknown) => browser.call(method, path, body);
const PASSPHRASE = 'requests over http';
/** Moves the server's clock to `day`; the session, idle meanwhile, is unlocked again. */
async function travel(day: string): Promise<void> {
  now = `${day}T10:00:00.000Z`;
  await browser.open();
  expect((await call('POST', '/api/session', { passphrase: PASSPHRASE })).status).toBe(200);
}

/** A body announced (Content-Length) or streamed (chunked) that the server must refuse unread. */
function announce(path: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: `${url.pathname}${url.search}`,
        headers: {
          'content-type': 'application/octet-stream',
          cookie: browser.cookie,
          'x-csrf-token': browser.csrf,
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
          req.destroy();
        });
      },
    );
    req.on('error', reject);
    // A few bytes only: the server must answer from the headers alone.
    req.write(Buffer.from('PK'));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-http-requests-'));
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    clock: () => new Date(now),
  });
  browser = new Browser(server.url);
  await browser.open();
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('data-subject requests over HTTP', () => {
  it('answers nothing before the store is unlocked', async () => {
    for (const [method, path] of [
      ['GET', '/api/requests'],
      ['POST', '/api/requests'],
      ['GET', '/api/requests/1/letter.pdf'],
      ['POST', '/api/requests/1/answers?name=a.zip'],
      ['GET', '/api/request-campaigns'],
      ['GET', '/api/authorities'],
    ] as const) {
      const result = await call(method, path, method === 'POST' ? Buffer.from('{}') : undefined);
      expect(result.status, `${method} ${path}`).toBe(401);
    }
    expect((await call('POST', '/api/store', { passphrase: PASSPHRASE })).status).toBe(200);
    const post = async (path: string, body: unknown) => {
      const result = await call('POST', path, body);
      expect(result.status, result.text).toBeLessThan(300);
      return result.json<{ id: number }>();
    };
    await post('/api/facts', { kind: 'name', label: 'legal', value: { full: 'Alex Morgan' } });
    const home = await post('/api/facts', {
      kind: 'postal_address',
      label: 'home',
      value: { lines: ['12 Cotham Hill'], locality: 'Bristol', postcode: 'BS6 6LA', country: 'GB' },
    });
    await post('/api/facts', { kind: 'date', label: 'birthday', value: { date: '1988-04-12' } });
    const add = async (name: string, fields: Record<string, unknown>) => {
      const result = await call('POST', '/api/providers', { name, ...fields });
      expect(result.status, result.text).toBe(201);
      ids[name] = result.json<{ id: number }>().id;
    };
    await add('Harbour Bank', {
      privacyEmail: 'privacy@harbour.example',
      postalAddress: 'Harbour Bank plc\nData Protection Officer\n1 Quay Street\nBristol\nBS1 4DJ',
      country: 'GB',
      category: 'bank',
    });
    await add('Stadtwerke Köln', {
      postalAddress: 'Stadtwerke Köln\nPostfach 1\n50667 Köln',
      country: 'DE',
      category: 'energy',
    });
    for (const provider of [ids['Harbour Bank'], ids['Stadtwerke Köln']]) {
      const given = await call('POST', '/api/disclosures', {
        provider,
        facts: [home.id],
        on: '2024-01-10',
        purposes: ['service'],
      });
      expect(given.status, given.text).toBeLessThan(300);
    }
  });

  it('drafts a request, lists it by provider and status, and refuses bad input by its field', async () => {
    const drafted = ok<ProceedingBody>(
      await call('POST', '/api/requests', { provider: ids['Harbour Bank'], kind: 'access' }),
    );
    // No alias is given to the bank yet: the request goes by letter, to its postal address.
    expect(drafted).toMatchObject({ status: 'drafted', channel: 'letter', dueOn: null });
    ids.access = drafted.id;
    expect(drafted.messages[0]).toMatchObject({ kind: 'request', state: 'drafted' });

    const listed = ok<ProceedingBody[]>(
      await call('GET', `/api/requests?provider=Harbour%20Bank&status=drafted`),
    );
    expect(listed.map((p) => p.id)).toEqual([drafted.id]);
    expect(ok<ProceedingBody[]>(await call('GET', '/api/requests?status=overdue'))).toEqual([]);
    expect(ok<ProceedingBody>(await call('GET', `/api/requests/${String(drafted.id)}`)).id).toBe(drafted.id);

    const badStatus = await call('GET', '/api/requests?status=late');
    expect(badStatus.status).toBe(400);
    expect(badStatus.json<ErrorAnswer>().error.details[0]).toMatchObject({ path: 'status' });
    expect(badStatus.json<ErrorAnswer>().error.details[0]?.message).toMatch(/^Status must be one of/);
    const badKind = await call('POST', '/api/requests', {
      provider: ids['Harbour Bank'],
      kind: 'everything',
    });
    expect(badKind.status).toBe(400);
    expect(badKind.json<ErrorAnswer>().error).toMatchObject({
      code: 'invalid_input',
      details: [{ path: 'kind', message: expect.stringMatching(/^Kind must be one of access/) as string }],
    });
    const noProvider = await call('POST', '/api/requests', { kind: 'access' });
    expect(noProvider.json<ErrorAnswer>().error.details[0]).toMatchObject({ path: 'provider' });
    const twice = await call('POST', '/api/requests', { provider: ids['Harbour Bank'], kind: 'access' });
    expect(twice.status).toBe(409);
    expect(twice.json<ErrorAnswer>().error.message).toMatch(/already asks Harbour Bank/);
    const missing = await call('GET', '/api/requests/9999');
    expect(missing.status).toBe(404);
  });

  it('edits a draft into a letter, answers its PDF, marks it posted and counts the deadline', async () => {
    const id = String(ids.access);
    const badDays = await call('PATCH', `/api/requests/${id}`, { deliveryDays: 99 });
    expect(badDays.status).toBe(400);
    expect(badDays.json<ErrorAnswer>().error.details[0]).toMatchObject({
      path: 'deliveryDays',
      message: expect.stringMatching(/^Delivery days must be at most/) as string,
    });
    const nothing = await call('PATCH', `/api/requests/${id}`, {});
    expect(nothing.status).toBe(400);
    expect(nothing.json<ErrorAnswer>().error.message).toMatch(/Give something to change/);
    const letter = ok<ProceedingBody>(await call('PATCH', `/api/requests/${id}`, { channel: 'letter' }));
    expect(letter.channel).toBe('letter');
    // An e-mail send is refused for a letter, in words.
    const send = await call('POST', `/api/requests/${id}/send`);
    expect(send.status).toBe(409);
    expect(send.json<ErrorAnswer>().error.message).toMatch(/goes by a letter/);

    const pdf = await call('GET', `/api/requests/${id}/letter.pdf?date=2027-01-04`);
    expect(pdf.status, pdf.text).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.headers['content-disposition'])).toMatch(/^attachment; filename=/);
    const badDate = await call('GET', `/api/requests/${id}/letter.pdf?date=2027-13-01`);
    expect(badDate.status).toBe(400);
    expect(badDate.json<ErrorAnswer>().error.details[0]).toMatchObject({ path: 'date' });

    const future = await call('POST', `/api/requests/${id}/sent`, { on: '2027-02-01' });
    expect(future.status).toBe(400);
    expect(future.json<ErrorAnswer>().error.details[0]).toMatchObject({ path: 'on' });
    const posted = ok<ProceedingBody>(
      await call('POST', `/api/requests/${id}/sent`, { on: '2027-01-04', deliveryDays: 2 }),
    );
    expect(posted.sentOn).toBe('2027-01-04');
    expect(posted.dueOn).toBe('2027-02-08');
    expect(posted.deadlines[0]).toMatchObject({ label: 'Received', day: '2027-01-06' });
    expect(posted.deadlines[1]?.explanation).toMatch(/\w/);
  });

  it('records an extension notice, a message received and an incomplete answer by its items', async () => {
    await travel('2027-02-02');
    const other = ok<ProceedingBody>(
      await call('POST', '/api/requests', {
        provider: ids['Stadtwerke Köln'],
        kind: 'access',
        channel: 'letter',
      }),
    );
    ids.other = other.id;
    ok(await call('POST', `/api/requests/${String(other.id)}/sent`, { on: '2027-01-04', deliveryDays: 3 }));
    const noDay = await call('POST', `/api/requests/${String(other.id)}/extension`, { reasons: 'busy' });
    expect(noDay.status).toBe(400);
    expect(noDay.json<ErrorAnswer>().error.details[0]).toMatchObject({ path: 'on' });
    const extended = ok<ProceedingBody & { extension: { counts: boolean } }>(
      await call('POST', `/api/requests/${String(other.id)}/extension`, {
        on: '2027-01-20',
        reasons: 'Many requests at once',
      }),
    );
    expect(extended.extension.counts).toBe(true);
    expect(extended.status).toBe('extended');
    const received = ok<ProceedingBody>(
      await call('POST', `/api/requests/${String(other.id)}/received`, {
        on: '2027-01-21',
        subject: 'Your request',
        body: 'We are working on it.',
      }),
    );
    expect(received.messages.some((m) => m.kind === 'response' && m.subject === 'Your request')).toBe(true);
    const badItem = await call('POST', `/api/requests/${String(other.id)}/answered`, {
      missing: ['secrets'],
    });
    expect(badItem.status).toBe(400);
    expect(badItem.json<ErrorAnswer>().error.details[0]?.path).toMatch(/^missing/);
    const answered = ok<ProceedingBody>(
      await call('POST', `/api/requests/${String(other.id)}/answered`, {
        on: '2027-02-01',
        complete: false,
        missing: ['source', 'recipients'],
      }),
    );
    expect(answered).toMatchObject({ status: 'answered', answer: 'incomplete' });
    expect(answered.missingItems).toEqual(['source', 'recipients']);
  });

  it('imports a ZIP answer from the body, refuses it twice, and compares it with what was given', async () => {
    const id = String(ids.access);
    expect(ok<null>(await call('GET', `/api/requests/${id}/comparison`))).toBeNull();
    const zip = craftZip([
      {
        name: 'profile.json',
        data: JSON.stringify({ email: 'alex@example.org', dateOfBirth: '1988-04-12' }),
      },
      { name: '../escape.txt', data: 'nope' },
    ]);
    const imported = ok<{
      files: number;
      problems: { path: string; message: string }[];
      proceeding: ProceedingBody;
    }>(await call('POST', `/api/requests/${id}/answers?name=export.zip`, zip));
    expect(imported.files).toBe(1);
    expect(imported.problems.map((p) => p.path)).toContain('../escape.txt');
    expect(imported.proceeding.state).toBe('answered');
    const again = await call('POST', `/api/requests/${id}/answers?name=again.zip`, zip);
    expect(again.status).toBe(409);
    expect(again.json<ErrorAnswer>().error.message).toMatch(/imported into request \d+ already/);
    const empty = await call('POST', `/api/requests/${id}/answers?name=empty.zip`, Buffer.alloc(0));
    expect(empty.status).toBe(400);

    const comparison = ok<{
      neverGiven: { fact: { label: string }; finding: { places: { file: string }[] }; ask: string }[];
      leftOut: { fact: { label: string } }[];
    }>(await call('GET', `/api/requests/${id}/comparison`));
    expect(comparison.neverGiven.map((n) => [n.fact.label, n.finding.places[0]?.file])).toEqual([
      ['birthday', 'profile.json'],
    ]);
    expect(comparison.neverGiven[0]?.ask).toMatch(/\w/);
    expect(comparison.leftOut.map((l) => l.fact.label)).toEqual(['home']);

    const fromNothing = await call('POST', `/api/requests/${id}/answers/from-message`, { mailId: 'one' });
    expect(fromNothing.status).toBe(400);
    expect(fromNothing.json<ErrorAnswer>().error.details[0]).toMatchObject({ path: 'mailId' });
    const noMail = await call('POST', `/api/requests/${id}/answers/from-message`, { mailId: 4242 });
    expect(noMail.status).toBe(404);
  });

  it('refuses an answer above the upload limit, or sent in chunks, before reading it', async () => {
    const path = `/api/requests/${String(ids.access)}/answers?name=huge.zip`;
    const huge = await announce(path, { 'content-length': String(1024 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.text)).toMatchObject({
      error: {
        code: 'payload_too_large',
        message: expect.stringMatching(
          /larger than the 100 MB an upload takes: .*vrm request answer/,
        ) as string,
      },
    });
    const chunked = await announce(path, { 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(400);
    expect(chunked.text).toMatch(/must say its length/);
  });

  it('admonishes a late request, complains to the authority, answers its bundle, then closes it', async () => {
    const id = String(ids.access);
    const late = ok<ProceedingBody>(
      await call('POST', '/api/requests', {
        provider: ids['Harbour Bank'],
        kind: 'erasure',
        channel: 'letter',
      }),
    );
    ok(await call('POST', `/api/requests/${String(late.id)}/sent`, { on: '2027-01-04', deliveryDays: 2 }));
    await travel('2027-02-20');
    expect(ok<ProceedingBody>(await call('GET', `/api/requests/${String(late.id)}`)).status).toBe('overdue');
    const badDays = await call('POST', `/api/requests/${String(late.id)}/admonish`, { days: 0 });
    expect(badDays.status).toBe(400);
    expect(badDays.json<ErrorAnswer>().error.details[0]).toMatchObject({ path: 'days' });
    const admonition = ok<ProceedingBody>(
      await call('POST', `/api/requests/${String(late.id)}/admonish`, {}),
    );
    expect(admonition.messages.at(-1)).toMatchObject({ kind: 'admonition', state: 'drafted' });
    ok(await call('POST', `/api/requests/${String(late.id)}/sent`, {}));
    await travel('2027-03-08');
    const noBundle = await call('GET', `/api/requests/${String(late.id)}/bundle.pdf`);
    expect(noBundle.status).toBe(409);
    expect(noBundle.json<ErrorAnswer>().error.message).toMatch(/no complaint yet/);
    const badBy = await call('POST', `/api/requests/${String(late.id)}/complain`, { by: 'neighbour' });
    expect(badBy.status).toBe(400);
    expect(badBy.json<ErrorAnswer>().error.details[0]).toMatchObject({ path: 'by' });
    const complaint = ok<ProceedingBody>(await call('POST', `/api/requests/${String(late.id)}/complain`, {}));
    expect(complaint.authority).toBe('gbico');
    const bundle = await call('GET', `/api/requests/${String(late.id)}/bundle.pdf`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toBe('application/pdf');
    expect(String(bundle.headers['content-disposition'])).toMatch(/complaint-harbour-bank\.pdf/);
    ok(await call('POST', `/api/requests/${String(late.id)}/sent`, {}));
    expect(ok<ProceedingBody>(await call('POST', `/api/requests/${String(late.id)}/done`, {})).status).toBe(
      'done',
    );
    expect(ok<ProceedingBody>(await call('POST', `/api/requests/${id}/withdraw`, {})).status).toBe(
      'withdrawn',
    );
  });

  it('lists the supervisory authorities, of one country when asked', async () => {
    const all = ok<{ slug: string }[]>(await call('GET', '/api/authorities'));
    expect(all.length).toBeGreaterThan(50);
    const gb = ok<{ slug: string; name: string }[]>(await call('GET', '/api/authorities?country=GB'));
    expect(gb.map((a) => a.slug)).toContain('gbico');
    expect(gb.length).toBeLessThan(all.length);
    const bad = await call('GET', '/api/authorities?country=1');
    expect(bad.status).toBe(400);
  });

  it('asks every provider of a category in one step, with one progress view', async () => {
    const badScope = await call('POST', '/api/request-campaigns', { kind: 'access' });
    expect(badScope.status).toBe(400);
    expect(badScope.json<ErrorAnswer>().error.message).toMatch(/Give either a fact .* or a category/);
    const none = await call('POST', '/api/request-campaigns', { category: 'bakeries' });
    expect(none.status).toBe(409);
    const started = ok<{ id: number; proceedings: { provider: string }[]; progress: Record<string, number> }>(
      await call('POST', '/api/request-campaigns', { category: 'energy', kind: 'portability' }),
    );
    expect(started.proceedings.map((p) => p.provider)).toEqual(['Stadtwerke Köln']);
    expect(started.progress).toEqual({ drafted: 1 });
    expect(ok<{ id: number }[]>(await call('GET', '/api/request-campaigns')).map((c) => c.id)).toEqual([
      started.id,
    ]);
    expect(ok<{ id: number }>(await call('GET', `/api/request-campaigns/${String(started.id)}`)).id).toBe(
      started.id,
    );
    // Stadtwerke Köln has no e-mail contact: its request is a letter, so there is no e-mail to send.
    const send = await call('POST', `/api/request-campaigns/${String(started.id)}/send`);
    expect(send.status).toBe(409);
    expect(send.json<ErrorAnswer>().error.message).toMatch(/no e-mail request ready to send/);
    expect((await call('GET', '/api/request-campaigns/999')).status).toBe(404);
  });

  it('documents every route in the OpenAPI document, the PDFs and the upload as files', () => {
    const doc = buildOpenApi() as { paths: Record<string, Record<string, Record<string, unknown>>> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/requests',
        '/api/requests/{id}',
        '/api/requests/{id}/letter.pdf',
        '/api/requests/{id}/bundle.pdf',
        '/api/requests/{id}/answers',
        '/api/requests/{id}/answers/from-message',
        '/api/requests/{id}/comparison',
        '/api/authorities',
        '/api/request-campaigns/{id}/send',
      ]),
    );
    expect(JSON.stringify(doc.paths['/api/requests/{id}/letter.pdf'])).toContain('application/pdf');
    expect(JSON.stringify(doc.paths['/api/requests/{id}/answers'])).toContain('application/octet-stream');
  });
});
