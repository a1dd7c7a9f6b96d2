import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { VrmError, type ErrorDetail } from '../platform/errors.js';
import type { Purpose, Terms } from '../terms/roster.js';
import type { FactKind } from '../vault/kinds.js';

/**
 * Consent receipts in the format of the Kantara Initiative's Consent Receipt Specification v1.1
 * (KI-CR-v1.1.0, 2018-02-20): a JSON record of what the person agreed to give whom, for what,
 * signed as a JWS (the specification's own suggestion). **Important**: the specification has the
 * PII controller issue the receipt; in vrm the person (the PII principal) issues and signs it with
 * their own key, and the receipt says so (`iss` and `receiptIssuer`, see docs/consent-receipts.md).
 * vrm issues one for every disclosure made under terms, and maps it to an ISO/IEC TS 27560
 * consent record on export. Everything here is pure: the service reads the store and signs.
 */
export const RECEIPT_VERSION = 'KI-CR-v1.1.0';
export const RECEIPT_TYP = 'JWT';
const THUMBPRINT_URN = 'urn:ietf:params:oauth:jwk-thumbprint:sha-256:';

/** The URN naming a key by its RFC 7638 thumbprint (RFC 9278), as `publicKey` and `iss` carry it. */
export const thumbprintUrn = (kid: string): string => `${THUMBPRINT_URN}${kid}`;

/**
 * Appendix A of the specification, "Purpose Categories", number and name as written there.
 * Category 5 is "Personalized Experience" in the table; the specification's example receipt writes
 * it "Personalize Experience", so a receipt using either is accepted on reading.
 */
export const PURPOSE_CATEGORIES = [
  '1 - Core Function',
  '2 - Contracted Service',
  '3 - Delivery',
  '4 - Contact Requested',
  '5 - Personalized Experience',
  '6 - Marketing',
  '7 - Marketing Third Parties',
  '8 - Sharing for Delivery',
  '9 - Sharing for Marketing',
  '10 - 3rd Party Sharing for Core Function',
  '11 - 3rd Party Sharing for ...',
  '12 - Legally Required Data Retention',
  '13 - Required by Law Enforcement or Government',
  '14 - Protecting Your Health',
  '15 - Protecting Our Interests',
  '16 - Improve Performance',
] as const;
export const PURPOSE_CATEGORY_SPELLINGS = new Set<string>([
  ...PURPOSE_CATEGORIES,
  '5 - Personalize Experience',
]);

/** Appendix B of the specification, "Personal Information Categories", number and name. */
export const PII_CATEGORIES = [
  '1 - Biographical',
  '2 - Contact',
  '3 - Biometric',
  '4 - Communications/Social',
  '5 - Network/Service',
  '6 - Health',
  '7 - Financial',
  '8 - Official/Government Identifiers',
  '9 - Social Services/Welfare',
  '10 - Judicial',
  '11 - Property/Asset',
  '12 - Human Resources',
  '13 - Psychological/Attitudinal',
  '14 - Membership',
  '15 - Behavioural',
  '16 - Profiling',
] as const;
export const PII_CATEGORY_SET = new Set<string>(PII_CATEGORIES);

type PurposeCategory = (typeof PURPOSE_CATEGORIES)[number];
type PiiCategory = (typeof PII_CATEGORIES)[number];

/**
 * vrm's purposes in Appendix A. Research and AI training have no category there; the
 * specification allows other purposes "as appropriate", so they carry a name without a number
 * (a number would claim an Appendix A category they are not).
 */
const PURPOSE_CATEGORY: Record<Purpose, readonly (PurposeCategory | 'Research' | 'Training AI models')[]> = {
  service: ['2 - Contracted Service'],
  delivery: ['3 - Delivery'],
  legal: ['12 - Legally Required Data Retention'],
  security: ['15 - Protecting Our Interests'],
  marketing: ['6 - Marketing'],
  // Advertising shown to the person is mostly for others' products.
  advertising: ['7 - Marketing Third Parties'],
  // An answer to an intention the person cast: information they asked for.
  offers: ['4 - Contact Requested'],
  analytics: ['16 - Improve Performance'],
  research: ['Research'],
  'ai-training': ['Training AI models'],
};

/** vrm's fact kinds (and identities, which are e-mail aliases, tags and numbers) in Appendix B. */
const PII_CATEGORY: Record<FactKind | 'identity', PiiCategory> = {
  name: '1 - Biographical',
  email: '2 - Contact',
  phone: '2 - Contact',
  postal_address: '2 - Contact',
  date: '1 - Biographical',
  bank_account: '7 - Financial',
  identity_document: '8 - Official/Government Identifiers',
  custom: '1 - Biographical',
  identity: '2 - Contact',
};

/**
 * The legal basis (GDPR Art. 6(1)) each purpose rests on, for the ISO/IEC TS 27560 record. The
 * person agreed to the terms either way; the basis says on what the provider may rely.
 */
export const LEGAL_BASIS: Record<Purpose, { basis: string; reference: string }> = {
  service: { basis: 'contract', reference: 'GDPR Art. 6(1)(b)' },
  delivery: { basis: 'contract', reference: 'GDPR Art. 6(1)(b)' },
  // Steps the person asked for before a contract: answering their intentcast.
  offers: { basis: 'contract', reference: 'GDPR Art. 6(1)(b)' },
  legal: { basis: 'legal obligation', reference: 'GDPR Art. 6(1)(c)' },
  security: { basis: 'legitimate interests', reference: 'GDPR Art. 6(1)(f)' },
  marketing: { basis: 'consent', reference: 'GDPR Art. 6(1)(a)' },
  advertising: { basis: 'consent', reference: 'GDPR Art. 6(1)(a)' },
  analytics: { basis: 'consent', reference: 'GDPR Art. 6(1)(a)' },
  research: { basis: 'consent', reference: 'GDPR Art. 6(1)(a)' },
  'ai-training': { basis: 'consent', reference: 'GDPR Art. 6(1)(a)' },
};

const CHANNEL_METHOD: Record<string, string> = {
  web: 'web form',
  email: 'e-mail',
  phone: 'telephone',
  letter: 'letter',
  in_person: 'in person',
  app: 'mobile application',
  signed_package: 'signed disclosure package (SD-JWT VC)',
  other: 'other',
};

/** A postal address in the schema.org PostalAddress terms the specification's example uses. */
export interface ReceiptAddress {
  streetAddress?: string;
  addressLocality?: string;
  postalCode?: string;
  addressCountry: string;
}

export interface KantaraReceipt {
  version: typeof RECEIPT_VERSION;
  jurisdiction: string;
  /** Seconds since the epoch. */
  consentTimestamp: number;
  collectionMethod: string;
  consentReceiptID: string;
  /** The signing key of the receipt's issuer: the person's, by thumbprint. */
  publicKey: string;
  language: string;
  piiPrincipalId: string;
  piiControllers: {
    piiController: string;
    onBehalf: boolean;
    contact: string;
    address: ReceiptAddress;
    email: string;
    /** An RFC 3966 `tel:` URI. */
    phone: string;
    piiControllerUrl?: string;
  }[];
  policyUrl: string;
  services: {
    service: string;
    purposes: {
      purpose: string;
      purposeCategory: string[];
      consentType: 'EXPLICIT';
      piiCategory: string[];
      primaryPurpose: boolean;
      termination: string;
      thirdPartyDisclosure: boolean;
      thirdPartyName?: string;
    }[];
  }[];
  sensitive: boolean;
  spiCat: string[];
  /** RFC 7519 §4.1.1: the receipt is self-issued by the person, named by their key. */
  iss: string;
  /** An extension (the specification defines no issuer field): who issued and signed it. */
  receiptIssuer: {
    role: 'PII Principal';
    piiPrincipalId: string;
    publicKey: string;
    statement: string;
  };
}

export interface ReceiptInput {
  readonly receiptId: string;
  readonly at: Date;
  readonly channel: string;
  readonly kid: string;
  readonly principal: string;
  readonly provider: {
    name: string;
    country: string | null;
    website: string | null;
    privacyEmail: string | null;
    supportEmail: string | null;
    phone: string | null;
    postalAddress: string | null;
  };
  readonly terms: Terms;
  readonly purposes: readonly Purpose[];
  readonly kinds: readonly (FactKind | 'identity')[];
}

/**
 * A provider's phone, typed as free text, as an RFC 3966 global number (`tel:+441134960100`),
 * read in the provider's country when written in national form. Null when it is no phone number.
 *
 * @example rfc3966Phone('0113 496 0100', 'GB') // → 'tel:+441134960100'
 */
export function rfc3966Phone(text: string, country: string | null): string | null {
  const parsed = parsePhoneNumberFromString(text, (country ?? undefined) as CountryCode | undefined);
  return parsed?.isValid() ? parsed.format('RFC3966') : null;
}

const UK_POSTCODE = /^(.*?)[\s,]*\b([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})$/i;
/** Where the postcode follows the town, as in the United Kingdom and the Crown dependencies. */
const UK_STYLE = new Set(['GB', 'IE', 'GG', 'JE', 'IM']);
const POSTCODE_FIRST = /^(\d{4,5}|\d{4}\s?[A-Z]{2}|\d{2}-\d{3}|\d{3}\s?\d{2})\s+(.+)$/i;

/**
 * The provider's postal address, kept as free text, as a structured address. Only what is
 * certain is split out: a last line holding a postcode and town (`Leeds LS1 1AA`, `LS1 1AA` after
 * a line `Leeds`, `10115 Berlin`); every other line stays in `streetAddress`, in order.
 *
 * @example postalAddressOf('1 Canal St\nLeeds\nLS1 1AA', 'GB')
 *   // → { streetAddress: '1 Canal St', addressLocality: 'Leeds', postalCode: 'LS1 1AA', addressCountry: 'GB' }
 */
export function postalAddressOf(text: string | null, country: string): ReceiptAddress {
  const raw = (text ?? '').replaceAll('\\n', '\n');
  const lines = (raw.includes('\n') ? raw.split(/\r?\n/) : raw.split(/,\s*/))
    .map((l) => l.trim())
    .filter(Boolean);
  let locality: string | undefined;
  let postalCode: string | undefined;
  const last = lines.at(-1) ?? '';
  const uk = UK_STYLE.has(country) ? UK_POSTCODE.exec(last) : null;
  const first = UK_STYLE.has(country) || country === 'US' ? null : POSTCODE_FIRST.exec(last);
  if (uk) {
    lines.pop();
    postalCode = uk[2]?.toUpperCase().replace(/\s*(\d[A-Z]{2})$/, ' $1');
    // The town is on the postcode's line, or on the line before when a street line stays.
    locality = uk[1] || (lines.length > 1 ? lines.pop() : undefined);
  } else if (first) {
    lines.pop();
    postalCode = first[1];
    locality = first[2];
  }
  return {
    ...(lines.length > 0 ? { streetAddress: lines.join(', ') } : {}),
    ...(locality ? { addressLocality: locality } : {}),
    ...(postalCode ? { postalCode } : {}),
    addressCountry: country,
  };
}

/**
 * What a receipt needs from the provider and the provider lacks, each with the option that fills
 * it. The specification makes `jurisdiction`, and the controller's `address`, `email` and `phone`,
 * required; an empty string would only pretend to fill them.
 */
export function missingForReceipt(provider: ReceiptInput['provider']): ErrorDetail[] {
  const missing: ErrorDetail[] = [];
  if (!provider.country) {
    missing.push({
      path: 'country',
      message: "its country (the receipt's jurisdiction and address): --country, such as GB",
    });
  }
  if (!provider.privacyEmail && !provider.supportEmail) {
    missing.push({
      path: 'privacyEmail',
      message: 'an e-mail address: --privacy-email (or --support-email)',
    });
  }
  if (!provider.phone) {
    missing.push({ path: 'phone', message: 'a phone number: --phone' });
  } else if (!rfc3966Phone(provider.phone, provider.country)) {
    missing.push({
      path: 'phone',
      message: `a phone number vrm can read ("${provider.phone}" is not one${provider.country ? '' : '; give the country, or write it with +'}): --phone`,
    });
  }
  return missing;
}

/**
 * The Kantara receipt for one disclosure under terms. Refuses, naming the provider fields to fill,
 * when the provider lacks what the specification requires.
 */
export function kantaraReceipt(input: ReceiptInput): KantaraReceipt {
  const { provider, terms } = input;
  const missing = missingForReceipt(provider);
  const country = provider.country;
  const email = provider.privacyEmail ?? provider.supportEmail;
  const phone = provider.phone === null ? null : rfc3966Phone(provider.phone, country);
  if (missing.length > 0 || !country || !email || !phone) {
    throw new VrmError(
      'invalid_input',
      `a consent receipt needs more about ${provider.name}: ${missing.map((m) => m.message).join('; ')}. ` +
        `Add it with \`vrm provider update "${provider.name}" …\`, then record the disclosure again`,
      { details: missing },
    );
  }
  const categories = [...new Set(input.kinds.map((k) => PII_CATEGORY[k]))];
  const sensitive = input.kinds.includes('identity_document');
  const key = thumbprintUrn(input.kid);
  const thirdPartyName =
    terms.thirdParties === 'processors'
      ? `processors acting on ${provider.name}'s instructions (not named to vrm)`
      : `third parties of ${provider.name}'s choosing (not named to vrm)`;
  return {
    version: RECEIPT_VERSION,
    jurisdiction: country,
    consentTimestamp: Math.floor(input.at.getTime() / 1000),
    collectionMethod: CHANNEL_METHOD[input.channel] ?? input.channel,
    consentReceiptID: input.receiptId,
    publicKey: key,
    language: 'en',
    piiPrincipalId: input.principal,
    piiControllers: [
      {
        piiController: provider.name,
        onBehalf: false,
        // vrm keeps no contact person's name; the office the address reaches is the contact.
        contact: provider.privacyEmail
          ? `${provider.name} data protection contact`
          : `${provider.name} customer service`,
        address: postalAddressOf(provider.postalAddress, country),
        email,
        phone,
        ...(provider.website ? { piiControllerUrl: provider.website } : {}),
      },
    ],
    policyUrl: terms.url ?? `urn:vrm:terms:${terms.code}`,
    services: [
      {
        service: `${provider.name}, under ${terms.code} (${terms.name})`,
        purposes: input.purposes.map((purpose, i) => ({
          purpose,
          purposeCategory: [...PURPOSE_CATEGORY[purpose]],
          consentType: 'EXPLICIT' as const,
          piiCategory: categories,
          primaryPurpose: i === 0,
          termination: terms.retention
            ? `kept at most ${terms.retention} (ISO 8601), then deleted`
            : 'deleted once the purpose is fulfilled',
          thirdPartyDisclosure: terms.thirdParties !== 'none',
          ...(terms.thirdParties !== 'none' ? { thirdPartyName } : {}),
        })),
      },
    ],
    sensitive,
    spiCat: sensitive ? [PII_CATEGORY.identity_document] : [],
    iss: key,
    receiptIssuer: {
      role: 'PII Principal',
      piiPrincipalId: input.principal,
      publicKey: key,
      statement:
        'Issued and signed by the PII principal (the person) with their own key, not by the PII controller.',
    },
  };
}
