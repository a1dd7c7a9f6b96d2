import ICAL from 'ical.js';
import { createTransport } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { directoryEntry, providerFieldsFrom } from '../directory/directory.js';
import { sendThrough } from '../test/campaign.js';
import { useMailServers } from '../test/mail-servers.js';
import { craftZip } from '../test/zip.js';

/**
 * The full loop of a data-subject request against the real components (issue 16, part 6): an
 * access request to a provider from the directory goes through Debian's Exim from its alias; the
 * provider's answer, a reply to it with the download of its data as a ZIP, goes back through Exim
 * into the person's Dovecot mailbox; `vrm mail fetch` brings it in over IMAP and the request
 * follows by itself: the reply is the proceeding's response, the ZIP is imported as documents,
 * and the comparison lists the date of birth the person never gave it and the old address.
 */
const mail = useMailServers();

const ALIAS = 'alex+t212@example.org';
const PRIVACY = 'dpo@trading212.example';
const later = (): string => new Date(Date.now() + 86_400_000).toUTCString();
const messageIdOf = (raw: Buffer): string =>
  /^Message-ID: *(<[^>]+>)/im.exec(raw.toString('utf8'))?.[1] ?? '';

/** A data download in the shape of a broker's account export: profile, addresses, devices, a letter. */
function exportZip(): Buffer {
  const account = {
    exportedAt: '2026-12-01T09:00:00Z',
    customer: {
      id: 'T212-558811',
      profile: {
        firstName: 'Alex',
        lastName: 'Morgan',
        email: ALIAS,
        dateOfBirth: '1988-04-12',
        nationality: 'GB',
      },
      addresses: [
        {
          type: 'residential',
          line1: '4 Old Mill Lane',
          city: 'Manchester',
          postcode: 'M4 6AB',
          country: 'GB',
          since: '2020-01-10',
        },
      ],
    },
    devices: [{ name: "Alex's phone", os: 'Android 14', lastSeen: '2026-11-30T08:00:00Z' }],
    marketing: { segments: [{ name: 'Active traders', since: '2024-06-15' }] },
  };
  return craftZip([
    { name: 'data/account.json', data: JSON.stringify(account, null, 2) },
    {
      name: 'data/logins.csv',
      data: 'when,ip,device\r\n2026-11-30T08:00:00Z,192.0.2.7,Android\r\n',
    },
    {
      name: 'README.txt',
      data: 'This archive holds the personal data we process about you, as Art. 15 GDPR requires.\n',
    },
  ]);
}

describe('a data-subject request, from the directory to the comparison, with Exim and Dovecot', () => {
  it('sends, receives the answer by mail, imports it and lists what was never given', async () => {
    const s = mail.t.services;
    await s.vault.add({ kind: 'name', label: 'legal', value: { full: 'Alex Morgan' } });
    const home = await s.vault.add({
      kind: 'postal_address',
      label: 'home',
      value: { lines: ['4 Old Mill Lane'], locality: 'Manchester', postcode: 'M4 6AB', country: 'GB' },
      validFrom: '2019-08-01',
    });
    // The date of birth is in the vault, and never given to anyone.
    await s.vault.add({ kind: 'date', label: 'date of birth', value: { date: '1988-04-12' } });
    const entry = directoryEntry('trading212');
    // The directory asks for a date of birth to identify the person: it is not sent, as never given.
    expect(entry.requiredElements?.some((r) => r.type === 'birthdate')).toBe(true);
    const provider = await s.providers.add({ ...providerFieldsFrom(entry), privacyEmail: PRIVACY });
    await s.identities.addEmail({ provider: provider.id, address: ALIAS });
    const name = await s.vault.resolve('legal');
    await s.disclosures.record({
      provider: provider.id,
      facts: [name.id, home.id],
      on: '2020-01-10',
      purposes: ['service'],
    });
    // The person moved since: the provider holds the old address.
    await s.vault.update(home.id, {
      value: { lines: ['12 Cotham Hill'], locality: 'Bristol', postcode: 'BS6 6LA', country: 'GB' },
      validFrom: '2026-02-01',
    });

    const drafted = await s.requests.draft({ provider: provider.id, kind: 'access' });
    expect(drafted).toMatchObject({ channel: 'email', from: ALIAS, recipient: PRIVACY, problem: null });
    const request = drafted.messages[0];
    expect(request?.body).toContain(ALIAS);
    expect(request?.body).toContain('4 Old Mill Lane');
    expect(request?.body).not.toContain('1988');

    await sendThrough(s, mail.exim);
    const { proceeding: sent, outcomes } = await s.requests.send(drafted.id);
    expect(outcomes.map((o) => o.item.state)).toEqual(['sent']);
    expect(sent.state).toBe('sent');
    expect(sent.dueOn).not.toBeNull();
    const [delivered] = await mail.exim.waitFor(PRIVACY, 1);
    const raw = delivered ?? Buffer.alloc(0);
    expect(raw.toString('utf8')).toMatch(new RegExp(`^From: .*${ALIAS.replace('+', '\\+')}`, 'm'));
    const requestId = messageIdOf(raw);
    expect(requestId).not.toBe('');

    // The deadline is in the calendar feed, as an independent parser (ical.js) reads it, with
    // its reminders a week and a day before.
    const feed = await s.calendar.feed();
    const vevent = ICAL.Component.fromString(feed)
      .getAllSubcomponents('vevent')
      .find((v) => String(v.getFirstPropertyValue('uid')).startsWith(`request-${String(sent.id)}@`));
    const deadline = vevent ? new ICAL.Event(vevent) : undefined;
    expect(deadline?.startDate.toString()).toBe(sent.dueOn);
    expect(deadline?.summary).toContain(provider.name);
    // Triggers are relative to the day's start and fire in the morning: a week and a day before.
    const daysBefore = (vevent?.getAllSubcomponents('valarm') ?? []).map((a) =>
      Math.ceil(-(a.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds() / 86_400),
    );
    expect(daysBefore.sort((a, b) => b - a)).toEqual([7, 1]);

    // The provider answers through its own mail server: a reply with its download attached.
    const providerSmtp = createTransport({
      host: '127.0.0.1',
      port: mail.exim.port,
      requireTLS: true,
      auth: { user: mail.exim.user, pass: mail.exim.password },
      tls: { rejectUnauthorized: false },
    });
    const zip = exportZip();
    await providerSmtp.sendMail({
      from: `Trading 212 Privacy <${PRIVACY}>`,
      to: ALIAS,
      subject: `Re: ${request?.subject ?? ''}`,
      date: later(),
      messageId: '<answer-1@trading212.example>',
      inReplyTo: requestId,
      references: requestId,
      text: 'Dear Alex Morgan,\n\nplease find attached a copy of the personal data we hold about you.\n',
      attachments: [{ filename: 'trading212-data.zip', content: zip, contentType: 'application/zip' }],
    });
    providerSmtp.close();
    const [answerMail] = await mail.exim.waitFor(ALIAS, 1);
    await mail.dovecot.deliver('INBOX', answerMail ?? Buffer.alloc(0));

    mail.addImapAccount();
    mail.ok('mail', 'fetch');

    const answered = await s.requests.get(drafted.id);
    const response = answered.messages.find((m) => m.kind === 'response');
    expect(response).toMatchObject({ direction: 'in', mailMessageId: 'answer-1@trading212.example' });
    expect(answered.state).toBe('answered');
    expect(answered.answers).toHaveLength(1);
    expect(answered.answers[0]?.files.map((f) => f.path).sort()).toEqual([
      'README.txt',
      'data/account.json',
      'data/logins.csv',
    ]);
    const documents = await s.documents.list({ provider: provider.id });
    expect(documents.map((d) => d.filename)).toEqual(
      expect.arrayContaining(['README.txt', 'account.json', 'logins.csv']),
    );

    const comparison = await s.requests.comparison(drafted.id);
    const birth = comparison?.neverGiven.find((n) => n.fact.label === 'date of birth');
    expect(birth?.finding.places).toContainEqual(
      expect.objectContaining({ file: 'data/account.json', jsonPath: '$.customer.profile.dateOfBirth' }),
    );
    expect(birth?.ask).toMatch(/where/i);
    expect(comparison?.outdated.map((o) => [o.fact.label, o.finding.places[0]?.file])).toEqual([
      ['home', 'data/account.json'],
    ]);
    // Nothing was fetched twice: a second fetch leaves the proceeding as it is.
    mail.ok('mail', 'fetch');
    expect((await s.requests.get(drafted.id)).answers).toHaveLength(1);
    // The request went once.
    expect(mail.exim.delivered(PRIVACY)).toHaveLength(1);
    // Answered, the deadline leaves the feed.
    expect(await s.calendar.feed()).not.toContain(`request-${String(sent.id)}@`);
  });
});
