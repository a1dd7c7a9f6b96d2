import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VrmError } from '../platform/errors.js';
import { freshStore, type TestStore } from '../test/store.js';
import { craftZip } from '../test/zip.js';

/**
 * Request proceedings (issue 16, parts 1–4): a request drafted from what the provider holds, sent,
 * its deadline counted as the law counts it, extended, answered, admonished and complained of.
 * The clock moves as the days of a real proceeding would.
 */
let t: TestStore;
let now = '2027-01-04T10:00:00.000Z';
const ids: Record<string, number> = {};

beforeEach(async () => {
  now = '2027-01-04T10:00:00.000Z';
  t = await freshStore(() => new Date(now));
  const s = t.services;
  await s.vault.add({ kind: 'name', label: 'legal', value: { full: 'Alex Morgan' } });
  const home = await s.vault.add({
    kind: 'postal_address',
    label: 'home',
    value: { lines: ['12 Cotham Hill'], locality: 'Bristol', postcode: 'BS6 6LA', country: 'GB' },
  });
  await s.vault.add({ kind: 'date', label: 'birthday', value: { date: '1988-04-12' } });
  await s.identities.addStrategy({ kind: 'catchall', base: 'alexmorgan.example' });
  const add = async (name: string, fields: Record<string, string | string[]>) => {
    ids[name] = (await s.providers.add({ name, ...fields })).id;
  };
  await add('Harbour Bank', {
    privacyEmail: 'privacy@harbour.example',
    postalAddress: 'Harbour Bank plc\nData Protection Officer\n1 Quay Street\nBristol\nBS1 4DJ',
    country: 'GB',
  });
  await add('Stadtwerke Köln', { postalAddress: 'Stadtwerke Köln\nPostfach 1\n50667 Köln', country: 'DE' });
  await add('Quiet Ltd', { domains: ['quiet.example'] });
  await s.identities.addEmail({ provider: ids['Harbour Bank'] ?? 0, address: 'harbour@alexmorgan.example' });
  await s.accounts.add({ providerId: ids['Harbour Bank'] ?? 0, customerNumber: 'HB-1234' });
  for (const id of [ids['Harbour Bank'], ids['Stadtwerke Köln']])
    await s.disclosures.record({
      provider: id ?? 0,
      facts: [home.id],
      on: '2024-01-10',
      purposes: ['service'],
    });
});

afterEach(async () => {
  await t.dispose();
});

const refusal = async (work: Promise<unknown>): Promise<VrmError> => {
  try {
    await work;
  } catch (error) {
    if (error instanceof VrmError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('drafting a request', () => {
  it('goes by e-mail from the alias to the privacy contact, identified only by what the provider holds', async () => {
    const p = await t.services.requests.draft({ provider: 'Harbour Bank', kind: 'access' });
    expect(p).toMatchObject({
      state: 'drafted',
      status: 'drafted',
      channel: 'email',
      from: 'harbour@alexmorgan.example',
      recipient: 'privacy@harbour.example',
      problem: null,
      place: 'GB',
      language: 'en',
      dueOn: null,
    });
    const request = p.messages[0];
    expect(request).toMatchObject({ kind: 'request', direction: 'out', state: 'drafted' });
    expect(request?.body).toContain('HB-1234');
    expect(request?.body).toContain('harbour@alexmorgan.example');
    // The bank was never given the date of birth: it is not in the request.
    expect(request?.body).not.toContain('1988');
  });

  it('writes to a German provider in German, by letter when it has only a postal address', async () => {
    const p = await t.services.requests.draft({ provider: 'Stadtwerke Köln' });
    expect(p).toMatchObject({
      channel: 'letter',
      language: 'de',
      place: 'DE',
      deliveryDays: 3,
      problem: null,
    });
  });

  it('says where to find a privacy contact when the provider has none', async () => {
    const p = await t.services.requests.draft({ provider: 'Quiet Ltd' });
    expect(p.channel).toBeNull();
    expect(p.problem).toContain('Art. 13(1)(b)');
    expect(p.problem).toContain('letter');
    const error = await refusal(t.services.requests.send(p.id));
    expect(error.message).toContain('no privacy contact');
  });

  it('refuses a second open request of the same kind to one provider, naming the first', async () => {
    const first = await t.services.requests.draft({ provider: 'Harbour Bank' });
    const error = await refusal(t.services.requests.draft({ provider: 'Harbour Bank' }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain(`vrm request show ${String(first.id)}`);
  });
});

describe('deadlines', () => {
  it('counts one month from the letter’s receipt, and shows waiting, then overdue', async () => {
    const p = await t.services.requests.draft({ provider: 'Stadtwerke Köln' });
    // Posted Friday 29 January 2027, three days' post: received Monday 1 February, due 1 March.
    now = '2027-01-29T09:00:00.000Z';
    const sent = await t.services.requests.markSent(p.id, { deliveryDays: 3 });
    expect(sent).toMatchObject({ state: 'sent', status: 'sent', sentOn: '2027-01-29', dueOn: '2027-03-01' });
    expect(sent.deadlines.map((d) => [d.label, d.day])).toEqual([
      ['Received', '2027-02-01'],
      ['Answer due (one month)', '2027-03-01'],
    ]);
    expect(sent.messages[0]).toMatchObject({ state: 'sent', on: '2027-01-29' });
    expect(sent.messages[0]?.documentId).not.toBeNull();
    now = '2027-02-10T09:00:00.000Z';
    expect((await t.services.requests.get(p.id)).status).toBe('waiting');
    now = '2027-03-02T09:00:00.000Z';
    const late = await t.services.requests.get(p.id);
    expect(late).toMatchObject({ status: 'overdue', overdue: true });
    expect(late.next).toContain('vrm request admonish');
  });

  it('extends by two months only for a notice within the first month with reasons', async () => {
    const p = await t.services.requests.draft({ provider: 'Harbour Bank' });
    await t.services.requests.edit(p.id, { channel: 'letter' });
    await t.services.requests.markSent(p.id, { deliveryDays: 0 });
    now = '2027-01-20T10:00:00.000Z';
    const noReasons = await t.services.requests.extension(p.id, { on: '2027-01-20' });
    expect(noReasons.state).toBe('sent');
    expect(noReasons.extension).toMatchObject({ counts: false });
    expect(noReasons.extension?.explanation).toContain('no reasons');
    const extended = await t.services.requests.extension(p.id, {
      on: '2027-01-20',
      reasons: 'The number of requests we received this month.',
    });
    // Received Monday 4 January; three months end on Sunday 4 April, so Monday 5 April.
    expect(extended).toMatchObject({ state: 'extended', status: 'extended', dueOn: '2027-04-05' });
    expect(extended.messages.filter((m) => m.kind === 'extension')).toHaveLength(2);
  });

  it('refuses an extension dated before the request went out', async () => {
    const p = await t.services.requests.draft({ provider: 'Stadtwerke Köln' });
    await t.services.requests.markSent(p.id);
    const error = await refusal(t.services.requests.extension(p.id, { on: '2026-12-01', reasons: 'busy' }));
    expect(error.message).toContain('before the request was sent');
  });
});

describe('answers and escalation', () => {
  it('imports a ZIP answer as documents, refuses it twice, and keeps the good files of a bad one', async () => {
    const p = await t.services.requests.draft({ provider: 'Stadtwerke Köln' });
    await t.services.requests.markSent(p.id);
    const zip = craftZip([
      {
        name: 'profile.json',
        data: JSON.stringify({ email: 'alex@example.org', dateOfBirth: '1988-04-12' }),
      },
      { name: '../escape.txt', data: 'nope' },
    ]);
    const result = await t.services.requests.importAnswer(p.id, { name: 'export.zip', bytes: zip });
    expect(result.files).toBe(1);
    expect(result.problems.map((x) => x.path)).toContain('../escape.txt');
    expect(result.proceeding).toMatchObject({ state: 'answered', answer: 'complete' });
    expect(result.proceeding.answers[0]?.files.map((f) => f.path)).toEqual(['profile.json']);
    const docs = await t.services.documents.list({ provider: p.providerId });
    expect(docs.some((d) => d.filename === 'profile.json')).toBe(true);
    const twice = await refusal(t.services.requests.importAnswer(p.id, { name: 'again.zip', bytes: zip }));
    expect(twice.message).toContain('imported into request');
    expect((await t.services.requests.get(p.id)).answers).toHaveLength(1);

    // The answer holds the date of birth, never given to them, and leaves out the home address.
    const comparison = await t.services.requests.comparison(p.id);
    expect(comparison?.neverGiven.map((n) => [n.fact.label, n.finding.places[0]?.file])).toEqual([
      ['birthday', 'profile.json'],
    ]);
    expect(comparison?.leftOut.map((l) => l.fact.label)).toEqual(['home']);
    // So an admonition names what was left out.
    const admonished = await t.services.requests.admonish(p.id);
    expect(admonished.messages.at(-1)?.body).toContain('home');
  });

  it('admonishes a late request, then complains to the ICO, each step moving the proceeding', async () => {
    const p = await t.services.requests.draft({ provider: 'Harbour Bank' });
    await t.services.requests.edit(p.id, { channel: 'letter' });
    await t.services.requests.markSent(p.id, { deliveryDays: 2 });
    const early = await refusal(t.services.requests.admonish(p.id));
    expect(early.message).toContain('not late');
    now = '2027-02-20T10:00:00.000Z';
    const drafted = await t.services.requests.admonish(p.id);
    const admonition = drafted.messages.at(-1);
    expect(admonition).toMatchObject({ kind: 'admonition', state: 'drafted', channel: 'letter' });
    const admonished = await t.services.requests.markSent(p.id);
    expect(admonished).toMatchObject({
      state: 'admonished',
      admonishedOn: '2027-02-20',
      dueOn: '2027-03-06',
    });
    now = '2027-03-08T10:00:00.000Z';
    expect((await t.services.requests.get(p.id)).status).toBe('overdue');
    const complaint = await t.services.requests.complain(p.id);
    expect(complaint.authority).toBe('gbico');
    expect(complaint.messages.at(-1)).toMatchObject({ kind: 'complaint', channel: 'web_form' });
    const bundle = await t.services.requests.bundle(p.id);
    expect(bundle.filename).toBe('2027-03-08-complaint-harbour-bank.pdf');
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: bundle.pdf }).toString('utf8');
    expect(text).toContain('Harbour Bank');
    expect(text).toContain(complaint.messages.at(-1)?.subject ?? 'no subject');
    const lodged = await t.services.requests.markSent(p.id);
    expect(lodged).toMatchObject({ state: 'complaint', complainedOn: '2027-03-08' });
    const done = await t.services.requests.done(p.id);
    expect(done.status).toBe('done');
  });

  it('puts each open deadline in the calendar with reminders, and takes it out when done', async () => {
    const p = await t.services.requests.draft({ provider: 'Stadtwerke Köln' });
    await t.services.requests.markSent(p.id, { deliveryDays: 3 });
    const events = async () =>
      (await t.services.calendar.agenda({ from: '2027-01-01', until: '2027-12-31' })).months.flatMap(
        (m) => m.events,
      );
    const event = (await events()).find((e) => e.kind === 'request');
    expect(event).toMatchObject({ date: '2027-02-08', provider: { name: 'Stadtwerke Köln' } });
    await t.services.requests.withdraw(p.id);
    expect((await events()).some((e) => e.kind === 'request')).toBe(false);
  });
});
