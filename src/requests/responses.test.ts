import { afterEach, beforeEach, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../test/store.js';
import { craftZip } from '../test/zip.js';

/**
 * Responses among imported mail (issue 16, part 3): an acknowledgement first and the data weeks
 * later both become responses of the request, and the ZIP attached to the second is imported and
 * compared; a newsletter to the same alias is not taken for an answer.
 */
let t: TestStore;
let now = '2027-01-04T10:00:00.000Z';

beforeEach(async () => {
  now = '2027-01-04T10:00:00.000Z';
  t = await freshStore(() => new Date(now));
  const s = t.services;
  await s.vault.add({ kind: 'name', label: 'legal', value: { full: 'Alex Morgan' } });
  await s.vault.add({ kind: 'date', label: 'birthday', value: { date: '1988-04-12' } });
  await s.identities.addStrategy({ kind: 'catchall', base: 'alexmorgan.example' });
  const shop = await s.providers.add({
    name: 'Parcelpoint',
    privacyEmail: 'privacy@parcelpoint.example',
    domains: ['parcelpoint.example'],
  });
  await s.identities.addEmail({ provider: shop.id, address: 'parcel@alexmorgan.example' });
});

afterEach(async () => {
  await t.dispose();
});

const mail = (
  id: string,
  subject: string,
  body: string,
  attachment?: { name: string; bytes: Buffer },
): Buffer => {
  const head = [
    'From: Parcelpoint <privacy@parcelpoint.example>',
    'To: parcel@alexmorgan.example',
    `Subject: ${subject}`,
    'Date: Mon, 11 Jan 2027 08:00:00 +0000',
    `Message-ID: <${id}@parcelpoint.example>`,
    'MIME-Version: 1.0',
  ];
  if (!attachment) return Buffer.from([...head, 'Content-Type: text/plain', '', body, ''].join('\r\n'));
  return Buffer.from(
    [
      ...head,
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      body,
      '--b1',
      `Content-Type: application/zip; name="${attachment.name}"`,
      'Content-Transfer-Encoding: base64',
      `Content-Disposition: attachment; filename="${attachment.name}"`,
      '',
      attachment.bytes.toString('base64').replace(/.{76}/g, '$&\r\n'),
      '--b1--',
      '',
    ].join('\r\n'),
  );
};

it('links the acknowledgement and the answer, imports the ZIP, and passes over a newsletter', async () => {
  const s = t.services;
  const request = await s.requests.draft({ provider: 'Parcelpoint' });
  expect(request).toMatchObject({ channel: 'email', from: 'parcel@alexmorgan.example' });
  // Sent by the person from their own mail program, then marked sent.
  await s.requests.markSent(request.id);
  now = '2027-01-12T10:00:00.000Z';
  const zip = craftZip([
    { name: 'account.json', data: JSON.stringify({ name: 'Alex Morgan', birthDate: '1988-04-12' }) },
  ]);
  await s.mail.importRaw('inbox', [
    {
      location: 'ack',
      raw: mail('ack-1', 'Your data request 4711', 'We have your request and will answer within a month.'),
    },
    { location: 'news', raw: mail('news-1', 'Our January deals', 'Save 20 % this week.') },
    {
      location: 'answer',
      raw: mail('answer-1', 'Your personal data', 'Please find your data attached.', {
        name: 'export.zip',
        bytes: zip,
      }),
    },
  ]);
  await s.afterWrite();
  const after = await s.requests.get(request.id);
  expect(
    after.messages
      .filter((m) => m.kind === 'response')
      .map((m) => m.subject)
      .sort(),
  ).toEqual(['Your data request 4711', 'Your personal data']);
  expect(after.messages.find((m) => m.subject === 'Your personal data')?.mailMessageId).toBe(
    'answer-1@parcelpoint.example',
  );
  expect(after).toMatchObject({ state: 'answered', answer: 'complete' });
  expect(after.answers.map((a) => a.name)).toEqual(['export.zip']);
  const comparison = await s.requests.comparison(request.id);
  // The ledger shows neither the name nor the date of birth went to them.
  expect(comparison?.neverGiven.map((n) => n.fact.label).sort()).toEqual(['birthday', 'legal']);
  // A second look finds nothing new: nothing is recorded twice.
  await s.afterWrite();
  expect((await s.requests.get(request.id)).messages).toHaveLength(after.messages.length);
});
