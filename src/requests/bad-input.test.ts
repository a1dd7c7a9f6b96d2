import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VrmError } from '../platform/errors.js';
import { freshStore, type TestStore } from '../test/store.js';
import { craftZip } from '../test/zip.js';

/**
 * Bad input to data-subject requests (issue 16, part 7): a provider with no privacy contact,
 * deadlines that make no sense, an answer imported twice, hostile and broken answer files. Each
 * gets a clear message naming the field or the file; nothing is lost, nothing kept twice, and a
 * refused answer leaves the store as it was.
 */
let t: TestStore;
let now = '2027-01-04T10:00:00.000Z';

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
  const bank = await s.providers.add({
    name: 'Harbour Bank',
    postalAddress: 'Harbour Bank plc\n1 Quay Street\nBristol\nBS1 4DJ',
    country: 'GB',
  });
  await s.disclosures.record({
    provider: bank.id,
    facts: [home.id],
    on: '2024-01-10',
    purposes: ['service'],
  });
  await s.providers.add({ name: 'Quiet Ltd', domains: ['quiet.example'] });
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

/** A letter request to Harbour Bank, posted on 4 January 2027. */
async function sentLetter() {
  const p = await t.services.requests.draft({ provider: 'Harbour Bank' });
  return t.services.requests.markSent(p.id, { deliveryDays: 2 });
}

const documentCount = async () => (await t.services.documents.list({})).length;

describe('a provider with no privacy contact', () => {
  it('says where to find one, and offers a letter or the web form; nothing is sent', async () => {
    // Asked for a letter it has no address for, it says which field and what to do.
    const letter = await refusal(t.services.requests.draft({ provider: 'Quiet Ltd', channel: 'letter' }));
    expect(letter.message).toMatch(
      /^request: Channel: Quiet Ltd has no postal address .*add one on its page/,
    );
    const p = await t.services.requests.draft({ provider: 'Quiet Ltd' });
    expect(p.channel).toBeNull();
    expect(p.problem).toMatch(/privacy notice must name one \(Art\. 13\(1\)\(b\) GDPR\)/);
    expect(p.problem).toContain('https://quiet.example');
    expect(p.problem).toMatch(/as a letter or through its web form/);
    const error = await refusal(t.services.requests.send(p.id));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('no privacy contact');
    expect(await t.services.outbound.list()).toEqual([]);
  });
});

describe('deadlines that make no sense', () => {
  it('refuses a request marked sent on a day still to come', async () => {
    const p = await t.services.requests.draft({ provider: 'Harbour Bank' });
    const error = await refusal(t.services.requests.markSent(p.id, { on: '2027-01-05' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('request: On: 2027-01-05 is in the future: give the day it went');
    expect((await t.services.requests.get(p.id)).state).toBe('drafted');
  });

  it('refuses an extension of a request not yet sent', async () => {
    const p = await t.services.requests.draft({ provider: 'Harbour Bank' });
    const error = await refusal(
      t.services.requests.extension(p.id, { on: '2027-01-04', reasons: 'We are busy.' }),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/is drafted: an extension is recorded for a request sent/);
  });

  it('refuses 31 delivery days, naming the field and the limit', async () => {
    const error = await refusal(t.services.requests.draft({ provider: 'Harbour Bank', deliveryDays: 31 }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/Delivery days must be at most 30/);
    const sent = await refusal(
      t.services.requests.markSent((await t.services.requests.draft({ provider: 'Harbour Bank' })).id, {
        deliveryDays: '31',
      }),
    );
    expect(sent.message).toMatch(/Delivery days must be at most 30/);
  });

  it('refuses an answer before the request was sent, and one dated before it went', async () => {
    const p = await t.services.requests.draft({ provider: 'Harbour Bank' });
    const never = await refusal(t.services.requests.answered(p.id));
    expect(never.code).toBe('conflict');
    expect(never.message).toMatch(/is drafted: an answer is recorded for a request that was sent/);
    await t.services.requests.markSent(p.id);
    const early = await refusal(t.services.requests.answered(p.id, { on: '2027-01-03' }));
    expect(early.code).toBe('invalid_input');
    expect(early.message).toBe('answer: On: 2027-01-03 is before the request was sent (2027-01-04)');
  });
});

describe('importing an answer', () => {
  it('refuses the same answer twice, naming the day it came, and keeps it once', async () => {
    const p = await sentLetter();
    const zip = craftZip([{ name: 'profile.json', data: JSON.stringify({ email: 'alex@example.org' }) }]);
    await t.services.requests.importAnswer(p.id, { name: 'export.zip', bytes: zip });
    const documents = await documentCount();
    now = '2027-01-20T10:00:00.000Z';
    const error = await refusal(t.services.requests.importAnswer(p.id, { name: 'copy.zip', bytes: zip }));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      `answer: copy.zip was imported into request ${String(p.id)} already, on 2027-01-04 (as export.zip); nothing was added`,
    );
    expect(await documentCount()).toBe(documents);
    expect((await t.services.requests.get(p.id)).answers).toHaveLength(1);
  });

  it('refuses an empty file, saying so', async () => {
    const p = await sentLetter();
    const error = await refusal(
      t.services.requests.importAnswer(p.id, { name: 'export.zip', bytes: Buffer.alloc(0) }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('answer: export.zip is empty: choose the file they sent');
    expect((await t.services.requests.get(p.id)).state).toBe('sent');
  });

  it('names each bad entry (a bomb, a way out of the folder, a broken one) and keeps the good ones', async () => {
    const p = await sentLetter();
    const before = await documentCount();
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('name,email,city\r\nAlex Morgan,alex@example.org,Köln\r\n', 'utf16le'),
    ]);
    const zip = craftZip([
      { name: 'profile.json', data: JSON.stringify({ dateOfBirth: '1988-04-12' }) },
      { name: 'contacts.csv', data: utf16 },
      { name: 'logs.txt', data: Buffer.alloc(20 * 1024 * 1024) },
      { name: '../../etc/passwd', data: 'root:x:0:0' },
      { name: 'broken.txt', data: 'the data of this entry', crc: 0x1234 },
    ]);
    const result = await t.services.requests.importAnswer(p.id, { name: 'export.zip', bytes: zip });
    expect(result.files).toBe(2);
    expect(result.proceeding.answers[0]?.files.map((f) => f.path).sort()).toEqual([
      'contacts.csv',
      'profile.json',
    ]);
    const problems = Object.fromEntries(result.problems.map((x) => [x.path, x]));
    expect(Object.keys(problems).sort()).toEqual(['../../etc/passwd', 'broken.txt', 'logs.txt']);
    expect(problems['logs.txt']).toMatchObject({ code: 'compression_ratio', kept: false });
    expect(problems['logs.txt']?.message).toMatch(/zip bomb/);
    expect(problems['../../etc/passwd']?.kept).toBe(false);
    expect(problems['../../etc/passwd']?.message).toMatch(/folder/);
    expect(problems['broken.txt']?.kept).toBe(false);
    expect(await documentCount()).toBe(before + 2);
    // The UTF-16 CSV was read as text: the name in it is found, with its row.
    const comparison = await t.services.requests.comparison(p.id);
    const name = comparison?.neverGiven.find((n) => n.fact.label === 'legal');
    expect(name?.finding.places).toContainEqual(expect.objectContaining({ file: 'contacts.csv', row: 1 }));
    // The problems stay with the answer, each naming its file.
    const answer = (await t.services.requests.get(p.id)).answers[0];
    expect(answer?.problems.map((x) => x.file).sort()).toEqual([
      '../../etc/passwd',
      'broken.txt',
      'logs.txt',
    ]);
  });

  it('refused as a whole, leaves the store as it was', async () => {
    const p = await sentLetter();
    const before = await documentCount();
    const zip = craftZip([
      { name: '../outside.json', data: '{"email":"alex@example.org"}' },
      { name: 'bomb.txt', data: Buffer.alloc(20 * 1024 * 1024) },
    ]);
    const error = await refusal(t.services.requests.importAnswer(p.id, { name: 'export.zip', bytes: zip }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(
      /^answer: nothing in export\.zip could be read: \.\.\/outside\.json: .*; bomb\.txt: /,
    );
    expect(error.details.map((d) => d.path)).toEqual(['../outside.json', 'bomb.txt']);
    expect(await documentCount()).toBe(before);
    const after = await t.services.requests.get(p.id);
    expect(after).toMatchObject({ state: 'sent', answers: [] });
    // The same file, refused, can be tried again later: it was never recorded as imported.
    const again = await refusal(t.services.requests.importAnswer(p.id, { name: 'export.zip', bytes: zip }));
    expect(again.message).toMatch(/nothing in export\.zip could be read/);
  });
});

describe('a withdrawn request', () => {
  it('sends nothing more: no letter is made or marked posted', async () => {
    const p = await t.services.requests.draft({ provider: 'Harbour Bank' });
    await t.services.requests.withdraw(p.id);
    const send = await refusal(t.services.requests.markSent(p.id));
    expect(send.code).toBe('conflict');
    expect(send.message).toMatch(/^request \d+ is withdrawn: nothing more goes out for it/);
    const letter = await refusal(t.services.requests.letter(p.id));
    expect(letter.message).toMatch(/is withdrawn/);
    expect((await t.services.requests.get(p.id)).messages.map((m) => m.state)).toEqual(['drafted']);
    expect(await t.services.documents.list({})).toEqual([]);
  });
});
