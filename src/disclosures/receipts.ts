import type { Purpose, Terms } from '../terms/roster.js';
import type { FactKind } from '../vault/kinds.js';

/**
 * Consent receipts in the format of the Kantara Initiative's Consent Receipt Specification v1.1:
 * a JSON record of what the person agreed to give whom, for what, signed as a JWS (the
 * specification's own suggestion) with the person's key. vrm issues one for every disclosure
 * made under terms, and maps it to the fields of an ISO/IEC TS 27560 consent record on export
 * (the mapping is documented in docs/consent-receipts.md).
 */
export const RECEIPT_VERSION = 'KI-CR-v1.1.0';
export const RECEIPT_TYP = 'JWT';

export interface KantaraReceipt {
  version: typeof RECEIPT_VERSION;
  jurisdiction: string;
  /** Seconds since the epoch. */
  consentTimestamp: number;
  collectionMethod: string;
  consentReceiptID: string;
  publicKey: string;
  language: string;
  piiPrincipalId: string;
  piiControllers: {
    piiController: string;
    onBehalf: boolean;
    contact: string;
    address: string;
    email: string;
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
}

/** Kantara CR v1.1 Appendix A purpose categories for vrm's purposes. */
const PURPOSE_CATEGORY: Record<Purpose, string> = {
  service: '2 - Contracted Service',
  delivery: '3 - Delivery',
  legal: '12 - Legally Required Data Retention',
  security: '15 - Protecting Our Interests',
  marketing: '6 - Marketing',
  advertising: '6 - Marketing',
  offers: '4 - Contact Requested',
  analytics: '16 - Improve Performance',
  research: '16 - Improve Performance',
  'ai-training': '16 - Improve Performance',
};

/** Kantara CR v1.1 Appendix B personal information categories for vrm's fact kinds. */
const PII_CATEGORY: Record<FactKind | 'identity', string> = {
  name: '1 - Biographical',
  email: '2 - Contact',
  phone: '2 - Contact',
  postal_address: '2 - Contact',
  date: '1 - Biographical',
  bank_account: '6 - Financial',
  identity_document: '8 - Government Identifiers',
  custom: '1 - Biographical',
  identity: '2 - Contact',
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

export function kantaraReceipt(input: ReceiptInput): KantaraReceipt {
  const { provider, terms } = input;
  const email = provider.privacyEmail ?? provider.supportEmail ?? '';
  const categories = [...new Set(input.kinds.map((k) => PII_CATEGORY[k]))];
  return {
    version: RECEIPT_VERSION,
    jurisdiction: provider.country ?? '',
    consentTimestamp: Math.floor(input.at.getTime() / 1000),
    collectionMethod: CHANNEL_METHOD[input.channel] ?? input.channel,
    consentReceiptID: input.receiptId,
    publicKey: `urn:ietf:params:oauth:jwk-thumbprint:sha-256:${input.kid}`,
    language: 'en',
    piiPrincipalId: input.principal,
    piiControllers: [
      {
        piiController: provider.name,
        onBehalf: false,
        contact: email || provider.name,
        address: provider.postalAddress ?? '',
        email,
        phone: provider.phone ?? '',
        ...(provider.website ? { piiControllerUrl: provider.website } : {}),
      },
    ],
    policyUrl: terms.url ?? `urn:vrm:terms:${terms.code}`,
    services: [
      {
        service: `${provider.name}, under ${terms.code} (${terms.name})`,
        purposes: input.purposes.map((purpose, i) => ({
          purpose,
          purposeCategory: [PURPOSE_CATEGORY[purpose]],
          consentType: 'EXPLICIT' as const,
          piiCategory: categories,
          primaryPurpose: i === 0,
          termination: terms.retention
            ? `kept at most ${terms.retention} (ISO 8601), then deleted`
            : 'deleted once the purpose is fulfilled',
          thirdPartyDisclosure: terms.thirdParties !== 'none',
          ...(terms.thirdParties === 'processors'
            ? { thirdPartyName: 'processors acting for the controller' }
            : {}),
        })),
      },
    ],
    sensitive: input.kinds.includes('identity_document'),
    spiCat: input.kinds.includes('identity_document') ? ['Government identifiers'] : [],
  };
}

/**
 * The same receipt as an ISO/IEC TS 27560 consent record: the field names of the technical
 * specification's information model, filled from the Kantara receipt and the terms.
 */
export function iso27560Record(receipt: KantaraReceipt, terms: Terms, jws: string) {
  const controller = receipt.piiControllers[0];
  const service = receipt.services[0];
  return {
    schema_version: 'ISO/IEC TS 27560:2023',
    record_id: receipt.consentReceiptID,
    pii_principal_id: receipt.piiPrincipalId,
    presentation_language: receipt.language,
    jurisdiction: receipt.jurisdiction,
    pii_controllers: controller
      ? [
          {
            name: controller.piiController,
            contact: controller.contact,
            address: controller.address,
            email: controller.email,
            phone: controller.phone,
            url: controller.piiControllerUrl ?? null,
            on_behalf: controller.onBehalf,
          },
        ]
      : [],
    notice: { notice_id: terms.code, notice_url: receipt.policyUrl, summary: terms.summary },
    purposes: (service?.purposes ?? []).map((p) => ({
      purpose: p.purpose,
      purpose_category: p.purposeCategory,
      primary: p.primaryPurpose,
      pii_categories: p.piiCategory,
      legal_basis: 'consent',
      consent_type: 'explicit',
      retention: terms.retention,
      processing: {
        profiling: terms.profiling,
        automated_decision_making: terms.profiling,
        ai_training: terms.aiTraining,
        tracking: terms.tracking,
      },
      recipients:
        terms.thirdParties === 'none'
          ? []
          : [{ role: terms.thirdParties === 'processors' ? 'processor' : 'third party' }],
      termination: p.termination,
    })),
    sensitive_pii: receipt.sensitive,
    special_categories: receipt.spiCat,
    event: {
      type: 'given',
      timestamp: new Date(receipt.consentTimestamp * 1000).toISOString(),
      method: receipt.collectionMethod,
    },
    state: 'active',
    proof: { format: 'JWS (RFC 7515), ES256', value: jws, public_key: receipt.publicKey },
  };
}
