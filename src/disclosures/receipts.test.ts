import { describe, expect, it } from 'vitest';
import { ROSTER, type Terms } from '../terms/roster.js';
import { FACT_KINDS } from '../vault/kinds.js';
import { iso27560Record } from './iso27560.js';
import { readReceipt } from './receipt-schema.js';
import {
  kantaraReceipt,
  PII_CATEGORIES,
  postalAddressOf,
  PURPOSE_CATEGORIES,
  rfc3966Phone,
  type ReceiptInput,
} from './receipts.js';

/**
 * The `required` lists of the specification's own JSON schema (KI-CR-v1.1.0,
 * KantaraInitiative/consent-receipt-v-next, CR_v1_1/kantara-consent-receipt-v1_1-schema.json).
 */
const SCHEMA_REQUIRED = {
  receipt: [
    'version',
    'jurisdiction',
    'consentTimestamp',
    'collectionMethod',
    'consentReceiptID',
    'piiPrincipalId',
    'piiControllers',
    'services',
    'policyUrl',
    'sensitive',
    'spiCat',
  ],
  controller: ['piiController', 'contact', 'address', 'email', 'phone'],
  service: ['service', 'purposes'],
  purpose: ['consentType', 'purposeCategory', 'piiCategory', 'termination', 'thirdPartyDisclosure'],
};

/**
 * A receipt in the shape of the specification's example receipt (the same file set,
 * kantara-consent-receipt-v1_1-example.json): its structure, its address object and its category
 * strings, with names of our own.
 */
const specShaped = () => ({
  version: 'KI-CR-v1.1.0',
  jurisdiction: 'GB',
  consentTimestamp: 1510592400,
  collectionMethod: 'web form with an opt-in for marketing',
  consentReceiptID: 'c1befd3e-b7e5-4ea6-8688-e9a565aade21',
  publicKey: '04:a3:1d:40',
  language: 'en',
  piiPrincipalId: 'Alex Example',
  piiControllers: [
    {
      piiController: 'Example Times',
      contact: 'The editor',
      address: { streetAddress: '1 Example Street', addressCountry: 'GB' },
      email: 'editor@times.example',
      phone: '(555) 555-0100',
    },
  ],
  policyUrl: 'https://times.example/privacy',
  services: [
    {
      service: 'Subscription',
      purposes: [
        {
          purpose: 'To provide contracted services',
          purposeCategory: ['2 - Contracted Service'],
          consentType: 'EXPLICIT',
          piiCategory: ['1 - Biographical', '2 - Contact', '4 - Communications/Social', '7 - Financial'],
          primaryPurpose: true,
          termination: 'Subscription end date + 1 year',
          thirdPartyDisclosure: true,
          thirdPartyName: 'A debt collector',
        },
        {
          purpose: 'To personalise',
          purposeCategory: ['5 - Personalize Experience'],
          consentType: 'EXPLICIT',
          piiCategory: ['1 - Biographical'],
          primaryPurpose: false,
          termination: 'Subscription end date + 1 year',
          thirdPartyDisclosure: false,
        },
        {
          purpose: 'Complying with legal obligations',
          purposeCategory: [
            '12 - Legally Required Data Retention',
            '13 - Required by Law Enforcement or Government',
          ],
          consentType: 'N/A',
          piiCategory: ['7 - Financial'],
          primaryPurpose: false,
          termination: 'N/A',
          thirdPartyDisclosure: true,
          thirdPartyName: 'Requesting legal authority',
        },
      ],
    },
  ],
  sensitive: true,
  spiCat: ['1 - Biographical', '7 - Financial'],
});

const terms = (patch: Partial<Terms> = {}): Terms => ({ ...(ROSTER[0] as Terms), ...patch });

const input = (patch: Partial<ReceiptInput> = {}): ReceiptInput => ({
  receiptId: '0b7e2f0e-5a51-4c1b-9a57-3f0c2d1e9a10',
  at: new Date('2026-03-01T12:00:00Z'),
  channel: 'web',
  kid: 'THUMB',
  principal: 'alex+acme@example.org',
  provider: {
    name: 'Acme',
    country: 'GB',
    website: 'https://acme.example',
    privacyEmail: 'dpo@acme.example',
    supportEmail: null,
    phone: '0113 496 0100',
    postalAddress: '1 Acme Way\nLeeds LS1 1AA',
  },
  terms: terms(),
  purposes: ['service'],
  kinds: ['email'],
  ...patch,
});

describe('kantaraReceipt', () => {
  it("has every field the specification's schema requires, none of them an empty string", () => {
    const receipt = kantaraReceipt(input({ terms: terms({ thirdParties: 'allowed' }) })) as unknown as Record<
      string,
      unknown
    >;
    const controller = (receipt.piiControllers as Record<string, unknown>[])[0] ?? {};
    const service = (receipt.services as Record<string, unknown>[])[0] ?? {};
    const purpose = (service.purposes as Record<string, unknown>[])[0] ?? {};
    for (const [what, object, fields] of [
      ['receipt', receipt, SCHEMA_REQUIRED.receipt],
      ['controller', controller, SCHEMA_REQUIRED.controller],
      ['service', service, SCHEMA_REQUIRED.service],
      ['purpose', purpose, SCHEMA_REQUIRED.purpose],
    ] as const) {
      for (const field of fields) {
        expect(object[field], `${what}.${field}`).toBeDefined();
        expect(object[field], `${what}.${field}`).not.toBe('');
      }
    }
    // The schema's oneOf: thirdPartyDisclosure true requires thirdPartyName.
    expect(purpose).toMatchObject({
      thirdPartyDisclosure: true,
      thirdPartyName: expect.any(String) as unknown,
    });
    expect(readReceipt(receipt).problems).toEqual([]);
  });

  it('writes the phone as an RFC 3966 tel: URI and the address as a postal address object', () => {
    const receipt = kantaraReceipt(input());
    expect(receipt.piiControllers[0]).toMatchObject({
      phone: 'tel:+441134960100',
      address: {
        streetAddress: '1 Acme Way',
        addressLocality: 'Leeds',
        postalCode: 'LS1 1AA',
        addressCountry: 'GB',
      },
    });
    expect(receipt.jurisdiction).toBe('GB');
  });

  it('refuses, naming each provider field to fill, rather than write an empty required field', () => {
    const bare = {
      ...input().provider,
      country: null,
      privacyEmail: null,
      supportEmail: null,
      phone: null,
    };
    expect(() => kantaraReceipt(input({ provider: bare }))).toThrow(
      /its country .*--country.*; an e-mail address: --privacy-email \(or --support-email\); a phone number: --phone/,
    );
    expect(() =>
      kantaraReceipt(input({ provider: { ...bare, country: 'GB', supportEmail: 'a@b.example' } })),
    ).toThrow(/a phone number: --phone\./);
  });

  it('names the third parties whenever it says data goes to them', () => {
    for (const rule of ['processors', 'allowed'] as const) {
      const [purpose] =
        kantaraReceipt(input({ terms: terms({ thirdParties: rule }) })).services[0]?.purposes ?? [];
      expect(purpose?.thirdPartyDisclosure, rule).toBe(true);
      expect(purpose?.thirdPartyName, rule).toMatch(/\S/);
    }
    const [none] = kantaraReceipt(input()).services[0]?.purposes ?? [];
    expect(none).toMatchObject({ thirdPartyDisclosure: false });
    expect(none).not.toHaveProperty('thirdPartyName');
  });

  it('uses the categories of Appendix A and B, number and name exactly', () => {
    const all = kantaraReceipt(
      input({
        kinds: [...FACT_KINDS, 'identity'],
        purposes: [
          'service',
          'delivery',
          'legal',
          'security',
          'marketing',
          'advertising',
          'offers',
          'analytics',
        ],
      }),
    );
    const purposes = all.services[0]?.purposes ?? [];
    for (const category of purposes[0]?.piiCategory ?? []) {
      expect(PII_CATEGORIES as readonly string[]).toContain(category);
    }
    for (const p of purposes) {
      for (const category of p.purposeCategory) {
        expect(PURPOSE_CATEGORIES as readonly string[], p.purpose).toContain(category);
      }
    }
    const one = (kind: ReceiptInput['kinds'][number]) =>
      kantaraReceipt(input({ kinds: [kind] })).services[0]?.purposes[0]?.piiCategory;
    expect(one('bank_account')).toEqual(['7 - Financial']);
    expect(one('identity_document')).toEqual(['8 - Official/Government Identifiers']);
    expect(one('name')).toEqual(['1 - Biographical']);
    expect(one('postal_address')).toEqual(['2 - Contact']);
    const sensitive = kantaraReceipt(input({ kinds: ['identity_document'] }));
    expect(sensitive).toMatchObject({ sensitive: true, spiCat: ['8 - Official/Government Identifiers'] });
    // Research has no Appendix A category: a name without a number, never a number it is not.
    expect(
      kantaraReceipt(input({ purposes: ['research'] })).services[0]?.purposes[0]?.purposeCategory,
    ).toEqual(['Research']);
  });

  it('says that the person issued and signed it, not the controller', () => {
    const receipt = kantaraReceipt(input());
    expect(receipt.iss).toBe('urn:ietf:params:oauth:jwk-thumbprint:sha-256:THUMB');
    expect(receipt.receiptIssuer).toMatchObject({
      role: 'PII Principal',
      piiPrincipalId: 'alex+acme@example.org',
      publicKey: receipt.publicKey,
    });
    expect(receipt.receiptIssuer.statement).toMatch(/not by the PII controller/);
  });
});

describe('readReceipt', () => {
  it("accepts a receipt in the shape of the specification's example, but for its free-text phone", () => {
    expect(readReceipt(specShaped()).problems).toEqual([
      {
        path: 'piiControllers[0].phone',
        message: 'phone must be an RFC 3966 tel: URI such as tel:+441134960100',
      },
    ]);
    const fixed = specShaped();
    (fixed.piiControllers[0] as { phone: string }).phone = 'tel:+1-555-555-0100';
    expect(readReceipt(fixed).problems).toEqual([]);
  });

  it('refuses a numbered category that is not in the appendix, a missing field and an empty one', () => {
    const wrong = specShaped();
    const first = wrong.services[0]?.purposes[0];
    if (first) first.piiCategory = ['6 - Financial'];
    const second = wrong.services[0]?.purposes[1];
    if (second) second.purposeCategory = ['2 - Contracted Services'];
    const noJurisdiction: Partial<ReturnType<typeof specShaped>> = specShaped();
    delete noJurisdiction.jurisdiction;
    const empty = { ...specShaped(), collectionMethod: ' ' };
    expect(readReceipt(wrong).problems.map((p) => `${p.path ?? ''}: ${p.message}`)).toEqual(
      expect.arrayContaining([
        'services[0].purposes[0].piiCategory[0]: "6 - Financial" is not a category of Appendix B (number and name as the specification writes them)',
        'services[0].purposes[1].purposeCategory[0]: "2 - Contracted Services" is not a category of Appendix A (number and name as the specification writes them)',
      ]),
    );
    expect(readReceipt(noJurisdiction).problems).toContainEqual({
      path: 'jurisdiction',
      message: 'jurisdiction is required (a string)',
    });
    expect(readReceipt(empty).problems).toContainEqual({
      path: 'collectionMethod',
      message: 'collectionMethod must not be empty',
    });
  });
});

describe('rfc3966Phone and postalAddressOf', () => {
  it('reads phones typed as free text in the provider country', () => {
    expect(rfc3966Phone('020 7946 0000', 'GB')).toBe('tel:+442079460000');
    expect(rfc3966Phone('Line: +44 113 496 0100 (weekdays)', null)).toBe('tel:+441134960100');
    expect(rfc3966Phone('030 1234567', 'DE')).toBe('tel:+49301234567');
    expect(rfc3966Phone('020 7946 0000', null)).toBeNull();
    expect(rfc3966Phone('ask at the desk', 'GB')).toBeNull();
  });

  it('splits out a postcode and town only where it is certain', () => {
    expect(postalAddressOf('Harbour Bank plc\nPO Box 101\nLeeds\nLS1 1AA', 'GB')).toEqual({
      streetAddress: 'Harbour Bank plc, PO Box 101',
      addressLocality: 'Leeds',
      postalCode: 'LS1 1AA',
      addressCountry: 'GB',
    });
    expect(postalAddressOf('Paketstraße 5, 10115 Berlin', 'DE')).toEqual({
      streetAddress: 'Paketstraße 5',
      postalCode: '10115',
      addressLocality: 'Berlin',
      addressCountry: 'DE',
    });
    expect(postalAddressOf('Somewhere without a postcode', 'FR')).toEqual({
      streetAddress: 'Somewhere without a postcode',
      addressCountry: 'FR',
    });
    expect(postalAddressOf(null, 'GB')).toEqual({ addressCountry: 'GB' });
  });
});

describe('iso27560Record', () => {
  it('derives the legal basis per purpose, the expiry, the withdrawal method and the recipients', () => {
    const t = terms({ thirdParties: 'processors', retention: 'P90D' });
    const receipt = kantaraReceipt(
      input({ terms: t, purposes: ['service', 'delivery', 'legal', 'security', 'analytics', 'offers'] }),
    );
    const record = iso27560Record(receipt, t, 'h.p.s');
    expect(record.purposes.map((p) => `${p.purpose}: ${p.legal_basis} (${p.legal_basis_reference})`)).toEqual(
      [
        'service: contract (GDPR Art. 6(1)(b))',
        'delivery: contract (GDPR Art. 6(1)(b))',
        'legal: legal obligation (GDPR Art. 6(1)(c))',
        'security: legitimate interests (GDPR Art. 6(1)(f))',
        'analytics: consent (GDPR Art. 6(1)(a))',
        'offers: contract (GDPR Art. 6(1)(b))',
      ],
    );
    expect(record.expiry).toEqual({ expires_at: '2026-05-30T23:59:59Z', from: 'terms retention P90D' });
    expect(record.processors).toEqual([{ role: 'processor', name: expect.any(String) as unknown }]);
    expect(record.third_parties).toEqual([]);
    expect(record.withdrawal).toMatchObject({
      vrm_command: expect.stringMatching(/^vrm disclosure withdraw ID/) as unknown,
      controller_contact: { email: 'dpo@acme.example', phone: 'tel:+441134960100' },
    });
    const viaPackage = iso27560Record(receipt, t, 'h.p.s', { packageExpiresAt: '2026-03-31T12:00:00.000Z' });
    expect(viaPackage.expiry).toEqual({ expires_at: '2026-03-31T12:00:00.000Z', from: 'package validity' });
    const open = iso27560Record(receipt, terms({ retention: null }), 'h.p.s');
    expect(open.expiry.expires_at).toBeNull();
  });
});
