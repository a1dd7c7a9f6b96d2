import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../test/store.js';
import { ROSTER } from '../terms/roster.js';

describe('who knows what', () => {
  let t: TestStore;
  let email: number;
  let address: number;
  let phone: number;
  let birth: number;

  beforeEach(async () => {
    t = await freshStore();
    const { providers, vault } = t.services;
    // What a consent receipt needs of each: a country, an e-mail address and a phone (phones in
    // Ofcom's drama ranges, typed as people do).
    await providers.add({
      name: 'Acme Insurance',
      category: 'insurance',
      website: 'https://acme.example',
      country: 'GB',
      privacyEmail: 'dpo@acme.example',
      phone: '020 7946 0000',
      postalAddress: 'Acme Insurance Ltd\n1 Acme Way\nLondon\nEC1A 1BB',
    });
    await providers.add({
      name: 'Brightside Energy',
      category: 'utility',
      country: 'GB',
      supportEmail: 'help@brightside.example',
      phone: 'Line: +44 113 496 0100 (weekdays)',
    });
    await providers.add({
      name: 'Parcelpoint',
      category: 'shop',
      country: 'DE',
      privacyEmail: 'datenschutz@parcelpoint.example',
      phone: '030 1234567',
      postalAddress: 'Paketstraße 5, 10115 Berlin',
    });
    email = (await vault.add({ kind: 'email', label: 'Personal', value: { address: 'alex@example.org' } }))
      .id;
    address = (
      await vault.add({
        kind: 'postal_address',
        label: 'Home',
        value: { lines: ['12 Canal Street'], locality: 'Manchester', postcode: 'M1 3HE', country: 'GB' },
        validFrom: '2024-01-01',
      })
    ).id;
    phone = (await vault.add({ kind: 'phone', label: 'Mobile', value: { number: '+447911123456' } })).id;
    birth = (await vault.add({ kind: 'date', label: 'Date of birth', value: { date: '1990-05-04' } })).id;
  });
  afterEach(async () => {
    await t.dispose();
  });

  describe('terms', () => {
    it('lists the roster with machine-readable fields, and keeps roster codes for the roster', async () => {
      const { terms } = t.services;
      const all = await terms.list();
      expect(all.map((x) => x.code)).toEqual(ROSTER.map((x) => x.code));
      expect(all.map((x) => x.code)).toEqual([
        'SD-BASE',
        'SD-BASE-DP',
        'PDC-AI',
        'PDC-GOOD',
        'PDC-INTENT',
        'NoStalking',
      ]);
      expect(await terms.get('sd-base')).toMatchObject({
        thirdParties: 'none',
        aiTraining: false,
        tracking: false,
      });
      await expect(
        terms.add({ code: 'SD-BASE', name: 'x', summary: 'x', purposes: ['service'], thirdParties: 'none' }),
      ).rejects.toThrow(/roster agreement/);
      const own = await terms.add({
        code: 'ALEX-1',
        name: 'Delivery and nothing else',
        summary: 'Use it to deliver, then forget it.',
        purposes: ['delivery'],
        thirdParties: 'processors',
        retention: 'P30D',
        basedOn: 'SD-BASE-DP',
      });
      expect(own).toMatchObject({ source: 'own', basedOn: 'SD-BASE-DP', retention: 'P30D' });
      await expect(
        terms.add({
          code: 'BAD',
          name: 'x',
          summary: 'x',
          purposes: ['service'],
          thirdParties: 'none',
          aiTraining: true,
        }),
      ).rejects.toThrow(/contradict themselves/);
      await expect(
        terms.add({
          code: 'BAD2',
          name: 'x',
          summary: 'x',
          purposes: ['gossip'] as never,
          thirdParties: 'none',
        }),
      ).rejects.toThrow(/"gossip" is not a purpose/);
    });
  });

  describe('policies', () => {
    it('answers with the allowed subset and a reason per field: provider beats category beats everyone, deny beats allow', async () => {
      const { policies } = t.services;
      await policies.add({ facts: ['*'], allow: ['service'] });
      await policies.add({ category: 'insurance', facts: ['phone'], deny: ['service'] });
      await policies.add({
        provider: 'Acme Insurance',
        facts: [`fact:${birth}`],
        allow: ['service', 'legal'],
        terms: 'SD-BASE',
      });
      const answer = await policies.evaluate({
        provider: 'acme insurance',
        fields: ['email', 'phone', String(birth), 'postal_address'],
        purposes: ['service'],
        terms: 'SD-BASE',
      });
      expect(answer.allowed).toEqual(['email', `fact:${birth}`, 'postal_address']);
      const phoneDecision = answer.decisions.find((d) => d.field === 'phone');
      expect(phoneDecision?.reason).toMatch(/policy 2 \(category insurance\) denies service/);
      // The birth date needs SD-BASE; asked without terms it is refused, and says why.
      const without = await policies.evaluate({
        provider: 1,
        fields: [String(birth)],
        purposes: ['service'],
      });
      expect(without.decisions[0]).toMatchObject({
        allowed: false,
        reason: expect.stringMatching(/only under SD-BASE/) as unknown,
      });
      // Nothing goes for a purpose no policy allows, and terms must allow the purpose too.
      const marketing = await policies.evaluate({ provider: 2, fields: ['email'], purposes: ['marketing'] });
      expect(marketing.allowed).toEqual([]);
      const underTerms = await policies.evaluate({
        provider: 2,
        fields: ['email'],
        purposes: ['service'],
        terms: 'PDC-AI',
      });
      expect(underTerms.decisions[0]?.reason).toMatch(/PDC-AI does not allow service/);
    });

    it('decides each purpose by the most specific policy that speaks of it', async () => {
      const { policies } = t.services;
      await policies.add({ facts: ['*'], allow: ['service', 'marketing'] });
      await policies.add({ provider: 'Parcelpoint', facts: ['email'], deny: ['marketing'] });
      const service = await policies.evaluate({
        provider: 'Parcelpoint',
        fields: ['email'],
        purposes: ['service'],
      });
      expect(service.decisions[0]).toMatchObject({
        allowed: true,
        reason: 'policy 1 (everyone) allows service',
      });
      const marketing = await policies.evaluate({
        provider: 'Parcelpoint',
        fields: ['email'],
        purposes: ['marketing'],
      });
      expect(marketing.decisions[0]).toMatchObject({
        allowed: false,
        reason: 'policy 2 (provider 3) denies marketing',
      });
      const elsewhere = await policies.evaluate({ provider: 2, fields: ['email'], purposes: ['marketing'] });
      expect(elsewhere.allowed).toEqual(['email']);
    });

    it('lets the policy whose terms the request meets decide, when several allow the purpose', async () => {
      const { policies } = t.services;
      await policies.add({ facts: ['email'], allow: ['service'], terms: 'SD-BASE' });
      await policies.add({ facts: ['email'], allow: ['service'] });
      const answer = await policies.evaluate({ provider: 1, fields: ['email'], purposes: ['service'] });
      expect(answer.decisions[0]).toMatchObject({ allowed: true, policyId: 2 });
      expect(answer.decisions[0]?.reason).toBe('policy 2 (everyone) allows service');
    });

    it('refuses a policy that contradicts itself or another of the same scope, and names unknown facts', async () => {
      const { policies } = t.services;
      await expect(
        policies.add({ facts: ['email'], allow: ['marketing'], deny: ['marketing'] }),
      ).rejects.toThrow(/both allows and denies marketing/);
      await expect(
        policies.add({ facts: ['email'], allow: ['marketing'], terms: 'SD-BASE' }),
      ).rejects.toThrow(/requires SD-BASE, which does not allow marketing/);
      await policies.add({ facts: ['email'], deny: ['marketing'] });
      await expect(policies.add({ facts: ['email', 'phone'], allow: ['marketing'] })).rejects.toThrow(
        /policy 1 \(same scope\) denies/,
      );
      await expect(policies.add({ facts: ['fact:99'], allow: ['service'] })).rejects.toThrow(
        /fact 99 does not exist/,
      );
      await expect(policies.add({ facts: ['passport'], allow: ['service'] })).rejects.toThrow(
        /^facts: no fact is labelled "passport" and no kind is called so: name a fact by its label or number, or a kind \(name, email, /,
      );
      await expect(
        policies.evaluate({ provider: 'Nobody', fields: ['email'], purposes: ['service'] }),
      ).rejects.toThrow(/provider/);
    });
  });

  describe('the ledger', () => {
    beforeEach(async () => {
      await t.services.policies.add({ facts: ['*'], allow: ['service', 'delivery'] });
    });

    it('records a fact version per provider, shows who holds an outdated version, and the matrix marks it', async () => {
      const { disclosures, vault } = t.services;
      await disclosures.record({
        provider: 'Acme Insurance',
        facts: [address, email],
        purposes: ['service'],
        on: '2025-02-01',
        channel: 'web',
      });
      await disclosures.record({
        provider: 'Parcelpoint',
        facts: [address],
        purposes: ['delivery'],
        on: '2025-06-01',
      });
      await vault.update(address, {
        value: { lines: ['4 Harbour Road'], locality: 'Bristol', postcode: 'BS1 5TT', country: 'GB' },
        validFrom: '2026-02-01',
      });
      await disclosures.record({
        provider: 'Parcelpoint',
        facts: [address],
        purposes: ['delivery'],
        on: '2026-02-02',
      });

      const holders = await disclosures.forFact(address);
      expect(holders.holders.map((h) => [h.provider, h.version, h.outdated])).toEqual([
        ['Acme Insurance', 1, true],
        ['Parcelpoint', 2, false],
      ]);
      const acme = await disclosures.forProvider('acme insurance');
      expect(acme.since).toBe('2025-02-01');
      expect(acme.facts.map((f) => f.label).sort()).toEqual(['Home', 'Personal']);

      const matrix = await disclosures.matrix();
      expect(matrix.providers.map((p) => p.name)).toEqual(['Acme Insurance', 'Parcelpoint']);
      expect(matrix.cells).toContainEqual({
        providerId: 1,
        factId: address,
        version: 1,
        outdated: true,
        since: '2025-02-01',
      });
      expect(matrix.facts.find((f) => f.id === address)).toMatchObject({
        holders: 2,
        outdated: 1,
        currentVersion: 2,
      });
      expect(matrix.facts.map((f) => f.id)).toContain(phone);
    });

    it('runs the policy check on sharing: a refusal records nothing, an override records it with the reason', async () => {
      const { disclosures } = t.services;
      await expect(
        disclosures.share({ provider: 2, facts: [phone], purposes: ['marketing'] }),
      ).rejects.toThrow(
        /policy check refuses “Mobile” \(phone number\) \(no policy allows marketing for “Mobile” \(phone number\): nothing goes by default\)/,
      );
      expect(await disclosures.list()).toHaveLength(0);
      const done = await disclosures.share({
        provider: 2,
        facts: [phone],
        purposes: ['marketing'],
        override: 'they would not sign up without it',
      });
      expect(done.disclosures[0]).toMatchObject({ policyOverride: 'they would not sign up without it' });
      await expect(disclosures.record({ provider: 2, facts: [999], purposes: ['service'] })).rejects.toThrow(
        /fact 999 does not exist/,
      );
      await expect(
        disclosures.record({ provider: 'Nobody', facts: [phone], purposes: ['service'] }),
      ).rejects.toThrow(/provider/);
    });

    it("links a disclosure to the provider's accepted agreement, and takes its terms when none are named", async () => {
      const { agreements, disclosures } = t.services;
      const a = await agreements.proffer({ provider: 'Parcelpoint', terms: 'SD-BASE-DP', on: '2026-01-01' });
      await agreements.answer(a.id, { status: 'accepted', on: '2026-01-05' });
      const named = await disclosures.record({
        provider: 'Parcelpoint',
        facts: [email],
        purposes: ['delivery'],
        terms: 'sd-base-dp',
      });
      expect(named.disclosures[0]).toMatchObject({ termsCode: 'SD-BASE-DP', agreementId: a.id });
      const implied = await disclosures.record({
        provider: 'Parcelpoint',
        facts: [address],
        purposes: ['delivery'],
      });
      expect(implied.disclosures[0]).toMatchObject({ termsCode: 'SD-BASE-DP', agreementId: a.id });
      expect(implied.receipt).not.toBeNull();
    });

    it('issues a signed Kantara consent receipt for a disclosure under terms, mapped to ISO/IEC TS 27560', async () => {
      const { disclosures } = t.services;
      const done = await disclosures.record({
        provider: 'Acme Insurance',
        facts: [email],
        purposes: ['service'],
        terms: 'SD-BASE',
      });
      expect(done.receipt?.jws.split('.')).toHaveLength(3);
      const receiptId = done.receipt?.receiptId ?? '';
      const receipt = await disclosures.receipt(receiptId);
      expect(receipt.receipt).toMatchObject({
        version: 'KI-CR-v1.1.0',
        consentReceiptID: receiptId,
        piiControllers: [{ piiController: 'Acme Insurance', piiControllerUrl: 'https://acme.example' }],
        services: [
          {
            purposes: [
              {
                purpose: 'service',
                purposeCategory: ['2 - Contracted Service'],
                piiCategory: ['2 - Contact'],
              },
            ],
          },
        ],
      });
      expect(receipt.iso27560).toMatchObject({
        record_id: receiptId,
        notice: { notice_id: 'SD-BASE' },
        purposes: [{ purpose: 'service', legal_basis: 'contract', processing: { ai_training: false } }],
      });
      // Without terms there is no receipt.
      expect(
        (await disclosures.record({ provider: 2, facts: [email], purposes: ['service'] })).receipt,
      ).toBeNull();
    });
  });

  describe('agreements', () => {
    it('proffers terms, records the answer with evidence, and signs the record; a change behind its back shows', async () => {
      const { agreements, interactions } = t.services;
      const proffered = await agreements.proffer({
        provider: 'Acme Insurance',
        terms: 'SD-BASE',
        on: '2026-03-01',
      });
      expect(proffered).toMatchObject({ status: 'proffered', termsCode: 'SD-BASE' });
      const talk = await interactions.add({
        providerId: 1,
        occurredAt: '2026-03-10T10:00:00.000Z',
        channel: 'email',
        direction: 'inbound',
        subject: 'Re: my terms',
      });
      const answered = await agreements.answer(proffered.id, {
        status: 'countered',
        counterTerms: 'SD-BASE-DP',
        on: '2026-03-10',
        interactionId: talk.id,
        evidence: 'they need their carrier',
      });
      expect(answered).toMatchObject({ status: 'countered', counterTermsCode: 'SD-BASE-DP' });
      expect((await agreements.verify(answered.id)).record).toMatchObject({
        status: 'countered',
        evidence: { interaction: { subject: 'Re: my terms' } },
      });
      await expect(agreements.answer(proffered.id, { status: 'accepted' })).rejects.toThrow(/was countered/);
      await t.store.db
        .updateTable('agreements')
        .set({ status: 'accepted' })
        .where('id', '=', answered.id)
        .execute();
      await expect(agreements.verify(answered.id)).rejects.toThrow(/no longer matches/);
      await expect(agreements.proffer({ provider: 1, terms: 'NOPE' })).rejects.toThrow(
        /terms "NOPE" do not exist/,
      );
      const second = await agreements.proffer({ provider: 1, terms: 'SD-BASE-DP', on: '2026-03-11' });
      await expect(agreements.answer(second.id, { status: 'countered' })).rejects.toThrow(/counterTerms/);
      await expect(agreements.answer(second.id, { status: 'accepted', on: '2026-03-01' })).rejects.toThrow(
        /before the terms were proffered/,
      );
    });
  });

  describe('signed disclosure packages', () => {
    beforeEach(async () => {
      await t.services.policies.add({ facts: ['*'], allow: ['service', 'delivery'] });
    });

    it('issues an SD-JWT VC whose claims disclose one by one, records it, and verifies presentations', async () => {
      const { packages, disclosures } = t.services;
      const pkg = await packages.issue({
        provider: 'Parcelpoint',
        facts: [email, address, birth],
        terms: 'SD-BASE',
        purposes: ['delivery'],
      });
      expect(pkg.claims.map((c) => c.claim).sort()).toEqual([
        'address.country',
        'address.locality',
        'address.postal_code',
        'address.street_address',
        'birthdate',
        'email',
      ]);
      expect(pkg.claims.find((c) => c.claim === 'email')).toMatchObject({
        factId: email,
        value: 'alex@example.org',
      });
      expect((await disclosures.list({ provider: 'Parcelpoint' })).map((d) => d.channel)).toEqual([
        'signed_package',
        'signed_package',
        'signed_package',
      ]);
      const presentation = await packages.present(pkg.id, ['email']);
      const verified = await packages.verify(presentation);
      expect(verified).toMatchObject({
        valid: true,
        knownKey: true,
        vct: 'urn:vrm:disclosure:1',
        disclosed: { email: 'alex@example.org' },
        terms: { code: 'SD-BASE' },
      });
      // The address and the birthdate, among decoys that no one can tell from them.
      expect(verified.withheld).toBeGreaterThanOrEqual(2 + 2);
      expect(verified.receipt).toBe(`urn:uuid:${pkg.receiptId}`);
      const svg = await packages.qr(presentation, 'svg');
      expect(String(svg)).toMatch(/^<svg/);
      const bundle = await packages.bundle(pkg.id);
      expect(bundle.fields).toMatchObject({
        email: 'alex@example.org',
        birthdate: '1990-05-04',
        address: { locality: 'Manchester' },
      });
    });

    it('keeps a provider with signed records until it is deleted with cascade, which removes them all', async () => {
      const { packages, agreements, policies, providers, vault } = t.services;
      await policies.add({ provider: 'Parcelpoint', facts: ['email'], deny: ['marketing'] });
      await agreements.proffer({ provider: 'Parcelpoint', terms: 'SD-BASE' });
      await packages.issue({
        provider: 'Parcelpoint',
        facts: [email],
        terms: 'SD-BASE',
        purposes: ['service'],
      });
      await expect(providers.delete('Parcelpoint')).rejects.toThrow(
        /still has 1 consent receipt, 1 signed package, 1 disclosure, 1 agreement, 1 disclosure policy:/,
      );
      await expect(vault.delete(email)).rejects.toThrow(/retire it instead/);
      await providers.delete('Parcelpoint', { cascade: true });
      for (const table of [
        'consent_receipts',
        'disclosure_packages',
        'disclosures',
        'agreements',
        'disclosure_policies',
      ] as const) {
        const left = await t.store.db.selectFrom(table).selectAll().where('providerId', '=', 3).execute();
        expect(left, table).toEqual([]);
      }
    });

    it('says why an SD-JWT is refused: badly formed, tampered with, expired, unknown key', async () => {
      const { packages, keys } = t.services;
      const pkg = await packages.issue({
        provider: 2,
        facts: [email],
        terms: 'SD-BASE',
        purposes: ['service'],
        validDays: 1,
      });
      await expect(packages.verify('hello')).rejects.toThrow(/badly formed/);
      const [jwt = '', ...rest] = pkg.sdJwt.split('~');
      const [h, p, s] = jwt.split('.');
      const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, unknown>;
      const forged = Buffer.from(
        JSON.stringify({ ...payload, exp: Number(payload.exp) + 10_000_000 }),
      ).toString('base64url');
      await expect(packages.verify([`${h}.${forged}.${s}`, ...rest].join('~'))).rejects.toThrow(
        /tampered with/,
      );
      const fake = Buffer.from(JSON.stringify(['salt', 'email', 'mallory@example.org'])).toString(
        'base64url',
      );
      await expect(packages.verify(`${jwt}~${fake}~`)).rejects.toThrow(
        /disclosure 1 is not one the issuer signed/,
      );
      await expect(packages.verify(pkg.sdJwt, { now: new Date('2026-03-20T00:00:00Z') })).rejects.toThrow(
        /expired on 2026-03-16/,
      );
      // After rotation the old key still verifies what it signed.
      await keys.rotate();
      expect((await packages.verify(pkg.sdJwt)).knownKey).toBe(true);
    });
  });
  describe('consent receipts', () => {
    /** A receipt's JWS with its payload changed and signed again with the store's key. */
    const resigned = async (jws: string, change: (payload: Record<string, unknown>) => void) => {
      const payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString()) as Record<
        string,
        unknown
      >;
      change(payload);
      return t.services.keys.sign(payload, 'JWT');
    };

    it('refuses to issue a receipt without what Kantara CR v1.1 requires, naming the provider fields to fill', async () => {
      const { providers, disclosures } = t.services;
      await providers.add({ name: 'Bare Shop', category: 'shop' });
      const refused = disclosures.record({
        provider: 'Bare Shop',
        facts: [email],
        purposes: ['service'],
        terms: 'SD-BASE',
        override: 'testing',
      });
      await expect(refused).rejects.toThrow(
        /consent receipt needs more about Bare Shop: its country .*--country.*; an e-mail address: --privacy-email.*; a phone number: --phone\. Add it with `vrm provider update "Bare Shop" …`/,
      );
      expect(await disclosures.list({ provider: 'Bare Shop' })).toHaveLength(0);
      await providers.update('Bare Shop', { country: 'GB', supportEmail: 'hi@bare.example', phone: 'none' });
      await expect(
        disclosures.record({
          provider: 'Bare Shop',
          facts: [email],
          purposes: ['service'],
          terms: 'SD-BASE',
          override: 'testing',
        }),
      ).rejects.toThrow(/a phone number vrm can read \("none" is not one\)/);
    });

    it('fills every required field: jurisdiction, a postal address, a tel: phone, the issuer, and Appendix B categories', async () => {
      const { disclosures, vault, keys } = t.services;
      const bank = (
        await vault.add({
          kind: 'bank_account',
          label: 'Current',
          value: { iban: 'GB82 WEST 1234 5698 7654 32' },
        })
      ).id;
      const done = await disclosures.record({
        provider: 'Acme Insurance',
        facts: [email, bank],
        purposes: ['service', 'legal'],
        terms: 'SD-BASE',
        override: 'testing',
      });
      const { receipt } = await disclosures.receipt(done.receipt?.receiptId ?? '');
      const [key] = await keys.list();
      const urn = `urn:ietf:params:oauth:jwk-thumbprint:sha-256:${key?.kid ?? ''}`;
      expect(receipt).toMatchObject({
        jurisdiction: 'GB',
        publicKey: urn,
        iss: urn,
        receiptIssuer: { role: 'PII Principal', publicKey: urn },
        piiControllers: [
          {
            piiController: 'Acme Insurance',
            contact: 'Acme Insurance data protection contact',
            email: 'dpo@acme.example',
            phone: 'tel:+442079460000',
            address: {
              streetAddress: 'Acme Insurance Ltd, 1 Acme Way',
              addressLocality: 'London',
              postalCode: 'EC1A 1BB',
              addressCountry: 'GB',
            },
          },
        ],
      });
      const purposes = receipt.services[0]?.purposes ?? [];
      expect(purposes.map((p) => p.purposeCategory)).toEqual([
        ['2 - Contracted Service'],
        ['12 - Legally Required Data Retention'],
      ]);
      expect(purposes[0]?.piiCategory).toEqual(['2 - Contact', '7 - Financial']);
      // The support address stands in when there is no privacy address; the phone is read as free text.
      const energy = await disclosures.record({
        provider: 'Brightside Energy',
        facts: [email],
        purposes: ['service'],
        terms: 'SD-BASE',
        override: 'testing',
      });
      const second = (await disclosures.receipt(energy.receipt?.receiptId ?? '')).receipt;
      expect(second.piiControllers[0]).toMatchObject({
        email: 'help@brightside.example',
        contact: 'Brightside Energy customer service',
        phone: 'tel:+441134960100',
        address: { addressCountry: 'GB' },
      });
      expect(second.piiControllers[0]?.address).not.toHaveProperty('streetAddress');
    });

    it('names the third parties whenever it says data goes to them, and exports expiry, withdrawal, recipients and legal bases', async () => {
      const { disclosures, terms, packages } = t.services;
      await terms.add({
        code: 'ALEX-SHARE',
        name: 'Service, shared',
        summary: 'Use it for the service; others may have it.',
        purposes: ['service', 'delivery', 'legal', 'security', 'marketing'],
        thirdParties: 'allowed',
        retention: 'P1Y',
      });
      const done = await disclosures.record({
        provider: 'Parcelpoint',
        facts: [email],
        purposes: ['service', 'delivery', 'legal', 'security', 'marketing'],
        terms: 'ALEX-SHARE',
        on: '2026-03-01',
        override: 'testing',
      });
      const r = await disclosures.receipt(done.receipt?.receiptId ?? '');
      for (const p of r.receipt.services[0]?.purposes ?? []) {
        expect(p).toMatchObject({ thirdPartyDisclosure: true });
        expect(p.thirdPartyName).toMatch(/third parties of Parcelpoint's choosing/);
      }
      expect(r.receipt.piiControllers[0]).toMatchObject({
        phone: 'tel:+49301234567',
        address: {
          streetAddress: 'Paketstraße 5',
          postalCode: '10115',
          addressLocality: 'Berlin',
          addressCountry: 'DE',
        },
      });
      expect(r.iso27560).toMatchObject({
        expiry: { expires_at: '2027-03-01T23:59:59Z' },
        withdrawal: {
          vrm_command: expect.stringMatching(/^vrm disclosure withdraw/) as unknown,
          controller_contact: { email: 'datenschutz@parcelpoint.example', phone: 'tel:+49301234567' },
        },
        processors: [{ role: 'processor' }],
        third_parties: [{ role: 'third party' }],
        record_issuer: { role: 'pii principal' },
      });
      expect(r.iso27560?.purposes.map((p) => [p.purpose, p.legal_basis])).toEqual([
        ['service', 'contract'],
        ['delivery', 'contract'],
        ['legal', 'legal obligation'],
        ['security', 'legitimate interests'],
        ['marketing', 'consent'],
      ]);
      // A signed package's validity is when the consent given through it ends.
      const pkg = await packages.issue({
        provider: 'Parcelpoint',
        facts: [email],
        terms: 'SD-BASE',
        purposes: ['service'],
        validDays: 7,
        override: 'testing',
      });
      const viaPackage = await disclosures.receipt(pkg.receiptId ?? '');
      expect(viaPackage.iso27560?.expiry).toEqual({ expires_at: pkg.expiresAt, from: 'package validity' });
    });

    it('verifies a receipt and says what it holds; a changed field, a wrong key, a missing field or a wrong category is refused', async () => {
      const { disclosures, keys } = t.services;
      const done = await disclosures.record({
        provider: 'Acme Insurance',
        facts: [email],
        purposes: ['service'],
        terms: 'SD-BASE',
        override: 'testing',
      });
      const jws = done.receipt?.jws ?? '';
      const ok = await disclosures.verifyReceipt(jws);
      expect(ok).toMatchObject({ valid: true, knownKey: true, issuedBy: 'PII Principal' });
      expect(ok.receipt.piiControllers[0]?.piiController).toBe('Acme Insurance');
      // With the public key given instead of the store's.
      const [mine] = (await keys.jwks()).keys;
      expect((await disclosures.verifyReceipt(jws, { key: mine ?? {} })).knownKey).toBe(false);

      const [h, p, sig] = jws.split('.');
      const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, unknown>;
      const changed = Buffer.from(JSON.stringify({ ...payload, jurisdiction: 'US' })).toString('base64url');
      await expect(disclosures.verifyReceipt(`${h}.${changed}.${sig}`)).rejects.toThrow(
        /the content was changed after it was signed/,
      );
      // Another store's key: unknown here, and not the key that signed when given.
      const other = await freshStore();
      try {
        const foreign = await other.services.keys.sign(payload, 'JWT');
        await expect(disclosures.verifyReceipt(foreign)).rejects.toThrow(/a key this store does not know/);
        const [theirs] = (await other.services.keys.jwks()).keys;
        await expect(disclosures.verifyReceipt(jws, { key: theirs ?? {} })).rejects.toThrow(
          /the content was changed after it was signed/,
        );
      } finally {
        await other.dispose();
      }
      const noJurisdiction = await resigned(jws, (r) => {
        delete r.jurisdiction;
      });
      await expect(disclosures.verifyReceipt(noJurisdiction)).rejects.toThrow(
        /not a valid Kantara CR v1.1 consent receipt: jurisdiction is required \(a string\)$/,
      );
      const emptyEmail = await resigned(jws, (r) => {
        (r.piiControllers as Record<string, unknown>[])[0] = {
          ...(r.piiControllers as Record<string, unknown>[])[0],
          email: '',
        };
      });
      await expect(disclosures.verifyReceipt(emptyEmail)).rejects.toThrow(
        /piiControllers\[0\]\.email: email must not be empty/,
      );
      const wrongCategory = await resigned(jws, (r) => {
        const purposes = (r.services as { purposes: Record<string, unknown>[] }[])[0]?.purposes ?? [];
        purposes[0] = { ...purposes[0], piiCategory: ['6 - Financial'] };
      });
      await expect(disclosures.verifyReceipt(wrongCategory)).rejects.toThrow(
        /piiCategory\[0\]: "6 - Financial" is not a category of Appendix B/,
      );
      const unnamedThirdParty = await resigned(jws, (r) => {
        const purposes = (r.services as { purposes: Record<string, unknown>[] }[])[0]?.purposes ?? [];
        purposes[0] = { ...purposes[0], thirdPartyDisclosure: true };
      });
      await expect(disclosures.verifyReceipt(unnamedThirdParty)).rejects.toThrow(
        /thirdPartyName is required when thirdPartyDisclosure is true/,
      );
      const freeTextPhone = await resigned(jws, (r) => {
        (r.piiControllers as Record<string, unknown>[])[0] = {
          ...(r.piiControllers as Record<string, unknown>[])[0],
          phone: '020 7946 0000',
        };
      });
      await expect(disclosures.verifyReceipt(freeTextPhone)).rejects.toThrow(/RFC 3966 tel: URI/);
      const otherKey = await resigned(jws, (r) => {
        r.publicKey = 'urn:ietf:params:oauth:jwk-thumbprint:sha-256:AAAA';
      });
      await expect(disclosures.verifyReceipt(otherKey)).rejects.toThrow(
        /publicKey names urn:ietf:params:oauth:jwk-thumbprint:sha-256:AAAA, but the receipt was signed with/,
      );
      const agreementTyp = await keys.sign(payload, 'vrm-agreement+jwt');
      await expect(disclosures.verifyReceipt(agreementTyp)).rejects.toThrow(/expected "JWT"/);
    });
  });
});
