import { describe, expect, it } from 'vitest';
import { Recogniser, type KnownIdentity, type KnownStrategy } from '../identities/matching.js';
import { classify, type ClassifierContext, type ProviderInfo } from './classify.js';
import type { Envelope } from './types.js';

function envelope(fields: Partial<Envelope>): Envelope {
  return {
    to: [],
    cc: [],
    deliveredTo: [],
    xOriginalTo: [],
    envelopeTo: [],
    receivedFor: [],
    from: null,
    sender: null,
    replyTo: [],
    returnPath: null,
    dkim: [],
    listId: null,
    listUnsubscribe: [],
    bulk: false,
    ...fields,
  };
}

const acme: ProviderInfo = { id: 1, name: 'Acme', directorySlug: 'acme' };
const bank: ProviderInfo = { id: 2, name: 'Bank', directorySlug: null };

/** Alex has an alias for Acme and one for the bank, a plus mailbox and a catch-all domain. */
function context(options: { allowed?: string[]; strategies?: KnownStrategy[] } = {}): ClassifierContext {
  const identities: KnownIdentity[] = [
    { id: 10, kind: 'email', matchKey: 'alex+acme@me.example', providerId: 1 },
    { id: 11, kind: 'email', matchKey: 'bank@alias.example', providerId: 2 },
    { id: 12, kind: 'email', matchKey: 'alex@me.example', providerId: null },
  ];
  return {
    recogniser: new Recogniser(
      identities,
      options.strategies ?? [
        { kind: 'plus', base: 'alex@me.example' },
        { kind: 'catchall', base: 'alias.example' },
      ],
    ),
    providers: new Map([
      [1, acme],
      [2, bank],
    ]),
    providerDomains: new Map([
      ['acme.example', 1],
      ['bank.example', 2],
    ]),
    directoryDomains: new Map([
      ['shop.example', { slug: 'shop', name: 'Shop Ltd' }],
      ['acme-mail.example', { slug: 'acme', name: 'Acme (directory)' }],
    ]),
    allowed: new Set(options.allowed ?? []),
  };
}

describe('classify', () => {
  it('finds the identity in the most reliable header first, and the sender by a parent domain', () => {
    const c = classify(
      envelope({
        to: ['bank@alias.example'],
        deliveredTo: ['alex+acme@me.example'],
        from: 'news@mail.acme.example',
      }),
      context(),
    );
    expect(c).toEqual({
      isList: false,
      identityId: 10,
      identityProviderId: 1,
      identityAddress: 'alex+acme@me.example',
      identityHeader: 'Delivered-To',
      identityHow: 'exact',
      senderKey: 'provider:1',
      senderProviderId: 1,
      senderLabel: 'Acme',
      senderEvidence: "From domain mail.acme.example is Acme's acme.example",
      leak: false,
    });
  });

  it('recognises an identity with a tag added, and one behind a Received for clause', () => {
    const tagged = classify(envelope({ cc: ['Alex+Extra@me.example'], from: 'a@acme.example' }), context());
    expect([tagged.identityId, tagged.identityAddress, tagged.identityHeader, tagged.identityHow]).toEqual([
      12,
      'alex+extra@me.example',
      'Cc',
      'tag-added',
    ]);
    const received = classify(envelope({ receivedFor: ['bank@alias.example'] }), context());
    expect([received.identityId, received.identityHeader]).toEqual([11, 'Received for']);
  });

  it('names an address the person never gave out, without an identity', () => {
    const withoutBare = context({ strategies: [{ kind: 'catchall', base: 'alias.example' }] });
    const catchall = classify(envelope({ to: ['stranger@alias.example'] }), withoutBare);
    expect(catchall).toMatchObject({
      identityId: null,
      identityProviderId: null,
      identityAddress: 'stranger@alias.example',
      identityHeader: 'To',
      identityHow: 'catchall-unknown',
      leak: false,
    });
    const nobody = classify(envelope({ to: ['someone@else.example'] }), context());
    expect([nobody.identityAddress, nobody.identityHow]).toEqual([null, null]);
  });

  it('takes an address of the person as the sender: you, and never a leak', () => {
    const c = classify(envelope({ to: ['alex+acme@me.example'], from: 'alex+acme@me.example' }), context());
    expect(c).toMatchObject({
      senderKey: 'self',
      senderProviderId: null,
      senderLabel: 'you',
      senderEvidence: 'From alex+acme@me.example is yours',
      leak: false,
    });
  });

  it('skips bulk-mail services and reads the next clue', () => {
    const c = classify(
      envelope({ returnPath: 'bounce@em.sendgrid.net', dkim: ['sendgrid.net', 'Bank.Example.'] }),
      context(),
    );
    expect([c.senderKey, c.senderEvidence]).toEqual([
      'provider:2',
      "DKIM d= domain bank.example is Bank's bank.example",
    ]);
  });

  it('prefers a provider named by any clue to a directory entry named by the first', () => {
    const c = classify(envelope({ from: 'x@shop.example', replyTo: ['y@acme.example'] }), context());
    expect([c.senderKey, c.senderEvidence]).toEqual([
      'provider:1',
      "Reply-To domain acme.example is Acme's acme.example",
    ]);
  });

  it('names a directory organisation when no provider has the domain', () => {
    const c = classify(envelope({ from: 'x@mail.shop.example' }), context());
    expect(c).toMatchObject({
      senderKey: 'directory:shop',
      senderProviderId: null,
      senderLabel: 'Shop Ltd',
      senderEvidence: "From domain mail.shop.example is Shop Ltd's shop.example (directory)",
    });
  });

  it('groups an unknown sender under its organisation’s domain', () => {
    const c = classify(envelope({ from: 'a@mail.spam.co.uk' }), context());
    expect(c).toMatchObject({
      senderKey: 'domain:spam.co.uk',
      senderLabel: 'spam.co.uk',
      senderEvidence: 'From domain mail.spam.co.uk: no provider or directory entry has it',
    });
  });

  it('says when only a bulk-mail service, or no domain at all, names the sender', () => {
    const bulk = classify(envelope({ returnPath: 'b@bounces.sendgrid.net' }), context());
    expect([bulk.senderKey, bulk.senderLabel, bulk.senderEvidence]).toEqual([
      'unknown',
      'unknown sender',
      'only a bulk-mail service (SendGrid) is named',
    ]);
    // A List-Id without a dot is a name, not a domain.
    const none = classify(envelope({ listId: 'localnews' }), context());
    expect([none.senderKey, none.senderEvidence]).toEqual(['unknown', 'no sender domain in the message']);
  });

  it('calls mail to a provider’s alias from anyone else a leak, unless the person allowed that sender', () => {
    const toAcme = { to: ['alex+acme@me.example'] };
    expect(classify(envelope({ ...toAcme, from: 'x@spam.example' }), context()).leak).toBe(true);
    expect(classify(envelope({ ...toAcme, from: 'x@bank.example' }), context()).leak).toBe(true);
    expect(classify(envelope({ ...toAcme, from: 'x@acme.example' }), context()).leak).toBe(false);
    // The same organisation by its directory entry is the owner too.
    expect(classify(envelope({ ...toAcme, from: 'x@acme-mail.example' }), context()).leak).toBe(false);
    const allowed = context({ allowed: ['1 domain:spam.example'] });
    expect(classify(envelope({ ...toAcme, from: 'x@spam.example' }), allowed).leak).toBe(false);
    // An identity given to no provider cannot leak.
    expect(classify(envelope({ to: ['alex@me.example'], from: 'x@spam.example' }), context()).leak).toBe(
      false,
    );
  });

  it('marks list mail by precedence, List-Id or List-Unsubscribe', () => {
    expect(classify(envelope({}), context()).isList).toBe(false);
    expect(classify(envelope({ bulk: true }), context()).isList).toBe(true);
    expect(classify(envelope({ listId: 'localnews' }), context()).isList).toBe(true);
    expect(classify(envelope({ listUnsubscribe: ['acme.example'] }), context()).isList).toBe(true);
  });
});
