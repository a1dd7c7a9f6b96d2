import { describe, expect, it } from 'vitest';
import { addPeriod, todayUtc } from '../platform/dates.js';
import { alexShopping, decodedMime, INSURERS, personIn } from '../test/intents.js';
import { useMailServers } from '../test/mail-servers.js';
import type { Comparison } from './offers.js';

/**
 * The full loop of an intent (issue 18, point 6) with the real components: the intent goes to
 * three insurers' mailboxes through Debian's Exim; scripted answers come back to the persona's
 * alias in Dovecot (an offer in words, a schema.org Offer attached, and a reply with no offer);
 * `vrm mail fetch` recognises them, and `vrm offer compare` sets them against Aegis's contract.
 */

const mail = useMailServers();
const { ok } = mail;

/** A day after now, as a Date header: later than the send. */
const later = (): string => new Date(Date.now() + 3_600_000).toUTCString();

/** A reply to the message sent to `vendor`, from its quotes address to the persona's alias. */
function reply(vendor: string, alias: string, inReplyTo: string, body: readonly string[]): string {
  return [
    `From: ${vendor} <${INSURERS.find((v) => v.name === vendor)?.quotes ?? ''}>`,
    `To: Quiet Harbour <${alias}>`,
    'Subject: Re: Request for offers: car insurance',
    `Date: ${later()}`,
    `Message-ID: <${vendor.replace(/\W/gu, '').toLowerCase()}-answer@vendors.example>`,
    `In-Reply-To: <${inReplyTo}>`,
    `References: <${inReplyTo}>`,
    ...body,
  ].join('\r\n');
}

describe('an intent, its offers and the comparison, over real mail servers', () => {
  it('sends to three insurers, recognises two offers and a reply without one, and compares them with Aegis', async () => {
    const today = todayUtc();
    const shop = await alexShopping(mail.t.services, { today });
    const id = String(shop.intent.id);
    const alias = shop.persona.alias;
    mail.setUpSending();
    ok('intent', 'vendors', id, ...INSURERS.flatMap((v) => ['--add', v.name]));
    ok('intent', 'send', id);
    const sent = await mail.t.services.outbound.list({ purpose: { kind: 'intent' } });
    const messageIdOf = (vendor: string) => sent.find((i) => i.providerName === vendor)?.messageId ?? '';
    const validUntil = addPeriod(today, { count: 30, unit: 'D' }) ?? '';

    await mail.dovecot.deliver(
      'INBOX',
      reply('Harbour Mutual', alias, messageIdOf('Harbour Mutual'), [
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Dear Quiet Harbour,',
        '',
        'Thank you for your request. We can offer comprehensive cover for £47.20 a month.',
        `This 12-month policy quote is valid until ${validUntil}.`,
        'Included: courtesy car, windscreen cover',
        'Not included: breakdown cover',
        'Excess: £250',
        '',
        'Harbour Mutual',
        '',
        `On ${today}, Quiet Harbour wrote:`,
        '> Budget: at most 600.00 GBP a year',
        '',
      ]),
    );
    const offerJson = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'Offer',
      price: '575.00',
      priceCurrency: 'GBP',
      priceSpecification: {
        '@type': 'UnitPriceSpecification',
        price: '575.00',
        priceCurrency: 'GBP',
        referenceQuantity: { '@type': 'QuantitativeValue', value: 1, unitCode: 'ANN' },
      },
      eligibleDuration: { '@type': 'QuantitativeValue', value: 12, unitCode: 'MON' },
      validThrough: validUntil,
      seller: { '@type': 'Organization', name: 'Kestrel Direct' },
    });
    await mail.dovecot.deliver(
      'INBOX',
      reply('Kestrel Direct', alias, messageIdOf('Kestrel Direct'), [
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="KK"',
        '',
        '--KK',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Please find our offer attached.',
        '--KK',
        'Content-Type: application/ld+json; name="offer.jsonld"',
        'Content-Disposition: attachment; filename="offer.jsonld"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from(offerJson).toString('base64'),
        '--KK--',
        '',
      ]),
    );
    await mail.dovecot.deliver(
      'INBOX',
      reply('Aegis Insurance', alias, messageIdOf('Aegis Insurance'), [
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Thank you for your message. Our team will be in touch shortly.',
        '',
      ]),
    );

    mail.addImapAccount();
    ok('mail', 'fetch');

    const comparison = JSON.parse(ok('offer', 'compare', id, '--json')) as Comparison;
    expect(comparison.current).toMatchObject({ providerName: 'Aegis Insurance', yearly: { minor: 61200 } });
    expect(
      comparison.offers.map((o) => [
        o.providerName,
        o.source,
        o.yearly?.minor,
        o.difference?.minor,
        o.termMonths,
      ]),
    ).toEqual([
      ['Harbour Mutual', 'mail', 56640, -4560, 12],
      ['Kestrel Direct', 'mail', 57500, -3700, 12],
    ]);
    expect(comparison.offers[0]).toMatchObject({
      included: ['courtesy car', 'windscreen cover'],
      excluded: ['breakdown cover'],
      conditions: 'Excess: £250',
      validUntil,
    });
    const recipients = await mail.t.services.casting.recipients(shop.intent.id);
    expect(recipients.map((r) => [r.providerName, r.state])).toEqual([
      ['Aegis Insurance', 'answered'],
      ['Harbour Mutual', 'offered'],
      ['Kestrel Direct', 'offered'],
    ]);
    expect(recipients[0]?.replyNote).toMatch(/^replied without an offer: read the reply/u);

    const shown = ok('offer', 'compare', id);
    expect(shown).toContain(
      'You pay Aegis Insurance 612.00 GBP a year now (Car insurance); it renews on 2027-01-15',
    );
    expect(shown).toMatch(/Harbour Mutual +47\.20 GBP a month +566\.40 GBP +45\.60 GBP less/u);
    // Fetched again: nothing is read twice.
    ok('mail', 'fetch');
    expect(await mail.t.services.offers.list(shop.intent.id)).toHaveLength(2);

    // While the intent is open, anyone may answer it (a web form, a QR code): no leak yet.
    expect(ok('persona', 'leaks', String(shop.persona.id))).toMatch(/still has an open intent/u);

    // Harbour Mutual is accepted: it alone learns Alex's name and home, signed; the others are declined.
    const harbour = comparison.offers[0];
    const accepted = ok(
      'offer',
      'accept',
      String(harbour?.id),
      '--fact',
      String(shop.name),
      '--fact',
      String(shop.home),
      '--decline-others',
    );
    expect(accepted).toMatch(
      /^Accepted offer \d+ from Harbour Mutual: 2 fact\(s\) revealed to them alone, signed/mu,
    );
    const [, acceptance] = await mail.exim.waitFor('sales@harbourmutual.example', 2);
    const decoded = decodedMime(acceptance ?? Buffer.alloc(0));
    expect(decoded).toContain(`From: Quiet Harbour <${alias}>`);
    expect(decoded).toContain(`In-Reply-To: <${messageIdOf('Harbour Mutual')}>`);
    expect(decoded).toMatch(/Alex Morgan/u);
    expect(decoded).toMatch(/14 Quay Street/u);
    // Only what was chosen: not the phone, the IBAN, the licence, the aliases or the main key.
    expect(personIn(decoded, shop.secrets).filter((s) => !/Morgan|Quay Street|BS1 ?4DJ/iu.test(s))).toEqual(
      [],
    );
    const sdJwt = /filename="disclosure\.sd-jwt"\n(?:[A-Za-z-]+: .*\n)*([^\n]+)/u.exec(decoded)?.[1] ?? '';
    // Checked as of now: the command line signed it on the real clock, not the test store's.
    const verified = await mail.t.services.packages.verify(sdJwt.trim(), { now: new Date() });
    expect(verified.valid).toBe(true);
    expect(JSON.stringify(verified.disclosed)).toContain('Alex Morgan');
    expect(JSON.stringify(verified.disclosed)).not.toMatch(/7400123456|GB33BUKB/u);

    for (const vendor of ['quotes@aegis.example', 'new@kestrel.example']) {
      const [, decline] = await mail.exim.waitFor(vendor, 2);
      expect(decodedMime(decline ?? Buffer.alloc(0))).toMatch(/please delete what I sent you/u);
    }
    // Every byte that left under the persona but the acceptance: nothing of the person.
    const all = mail.exim.deliveredAll();
    expect(all).toHaveLength(6);
    for (const { address, bytes } of all) {
      if (bytes.equals(acceptance ?? Buffer.alloc(0))) continue;
      expect(personIn(decodedMime(bytes), shop.secrets), address).toEqual([]);
      expect(personIn(bytes.toString('latin1'), shop.secrets), address).toEqual([]);
    }

    const { offers, providers, contracts, intents } = mail.t.services;
    expect((await offers.list(shop.intent.id)).map((o) => [o.providerName, o.status])).toEqual([
      ['Harbour Mutual', 'accepted'],
      ['Kestrel Direct', 'declined'],
    ]);
    expect((await providers.get('Harbour Mutual')).status).toBe('active');
    const proposed = await contracts.get((await offers.get(harbour?.id ?? 0)).contractId ?? 0);
    expect(proposed).toMatchObject({ name: 'Car insurance', priceMinor: 4720, billingCycle: 'monthly' });
    expect((await intents.get(shop.intent.id)).status).toBe('closed');
    const again = mail.run('offer', 'accept', String(harbour?.id), '--fact', String(shop.name));
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/offer \d+ was accepted already/u);

    // The intent closed: the alias stays watched. A broker that was never sent the intent writes to
    // it; Harbour Mutual writes again. Only the broker is a leak, with the evidence.
    await mail.dovecot.deliver(
      'INBOX',
      [
        'From: Best Quotes <deals@broker-leads.example>',
        `To: ${alias}`,
        'Subject: Cheap car insurance for you!',
        `Date: ${later()}`,
        'Message-ID: <lead-1@broker-leads.example>',
        '',
        'We heard you are looking for car insurance.',
        '',
      ].join('\r\n'),
    );
    await mail.dovecot.deliver(
      'INBOX',
      reply('Harbour Mutual', alias, messageIdOf('Harbour Mutual'), [
        '',
        'Your policy documents follow.',
        '',
      ]).replace('harbourmutual-answer@', 'harbourmutual-documents@'),
    );
    ok('mail', 'fetch');
    const leaks = JSON.parse(ok('persona', 'leaks', String(shop.persona.id), '--json')) as {
      leaks: { sender: string; evidence: string; messages: unknown[] }[];
    };
    expect(leaks.leaks).toEqual([
      expect.objectContaining({
        sender: 'broker-leads.example',
        messages: [expect.objectContaining({ subject: 'Cheap car insurance for you!' })],
      }),
    ]);
    expect(leaks.leaks[0]?.evidence).toMatch(/broker-leads\.example/u);
    expect(ok('persona', 'leaks', String(shop.persona.id))).toMatch(/broker-leads\.example/u);
  });
});
