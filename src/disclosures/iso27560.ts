import { addPeriod, parsePeriod } from '../platform/dates.js';
import type { Purpose, Terms } from '../terms/roster.js';
import { LEGAL_BASIS, type KantaraReceipt } from './receipts.js';

// A consent receipt as an ISO/IEC TS 27560 consent record, derived on export rather than stored.

export interface ConsentContext {
  /** When the signed package that carried the disclosure stops being valid, if one did. */
  readonly packageExpiresAt: string | null;
}

/** The end of consent: the package's validity, else the terms' retention from the consent day. */
function expiryOf(receipt: KantaraReceipt, terms: Terms, context: ConsentContext) {
  if (context.packageExpiresAt) return { expires_at: context.packageExpiresAt, from: 'package validity' };
  const period = terms.retention ? parsePeriod(terms.retention) : null;
  const day = new Date(receipt.consentTimestamp * 1000).toISOString().slice(0, 10);
  const end = period ? addPeriod(day, period) : null;
  return end
    ? { expires_at: `${end}T23:59:59Z`, from: `terms retention ${terms.retention ?? ''}` }
    : { expires_at: null, from: 'until withdrawn: the terms set no retention' };
}

/**
 * The same receipt as an ISO/IEC TS 27560 consent record: the field names of the technical
 * specification's information model, filled from the Kantara receipt, the terms and the context.
 */
export function iso27560Record(
  receipt: KantaraReceipt,
  terms: Terms,
  jws: string,
  context: ConsentContext = { packageExpiresAt: null },
) {
  const controller = receipt.piiControllers[0];
  const service = receipt.services[0];
  const expiry = expiryOf(receipt, terms, context);
  const recipients =
    terms.thirdParties === 'none'
      ? []
      : [
          // Terms that allow third parties allow processors too.
          { role: 'processor', name: "processors acting on the controller's instructions" },
          ...(terms.thirdParties === 'allowed'
            ? [{ role: 'third party', name: "third parties of the controller's choosing" }]
            : []),
        ];
  return {
    schema_version: 'ISO/IEC TS 27560:2023',
    record_id: receipt.consentReceiptID,
    pii_principal_id: receipt.piiPrincipalId,
    presentation_language: receipt.language,
    jurisdiction: receipt.jurisdiction,
    record_issuer: { role: 'pii principal', id: receipt.piiPrincipalId, key: receipt.publicKey },
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
    purposes: (service?.purposes ?? []).map((p) => {
      const basis = (LEGAL_BASIS as Partial<Record<string, (typeof LEGAL_BASIS)[Purpose]>>)[p.purpose] ?? {
        basis: 'consent',
        reference: 'GDPR Art. 6(1)(a)',
      };
      return {
        purpose: p.purpose,
        purpose_category: p.purposeCategory,
        primary: p.primaryPurpose,
        pii_categories: p.piiCategory,
        legal_basis: basis.basis,
        legal_basis_reference: basis.reference,
        consent_type: 'explicit',
        retention: terms.retention,
        processing: {
          profiling: terms.profiling,
          automated_decision_making: terms.profiling,
          ai_training: terms.aiTraining,
          tracking: terms.tracking,
        },
        recipients,
        termination: p.termination,
      };
    }),
    processors: recipients.filter((r) => r.role === 'processor'),
    third_parties: recipients.filter((r) => r.role === 'third party'),
    sensitive_pii: receipt.sensitive,
    special_categories: receipt.spiCat,
    event: {
      type: 'given',
      timestamp: new Date(receipt.consentTimestamp * 1000).toISOString(),
      method: receipt.collectionMethod,
    },
    expiry,
    withdrawal: {
      method:
        'The person tells the controller at its privacy contact, and marks each disclosure of this receipt withdrawn in vrm.',
      vrm_command: 'vrm disclosure withdraw ID (the ids: vrm disclosure list --provider PROVIDER)',
      controller_contact: controller
        ? { email: controller.email, phone: controller.phone, contact: controller.contact }
        : null,
    },
    state: 'active',
    proof: {
      format: 'JWS (RFC 7515), ES256',
      value: jws,
      public_key: receipt.publicKey,
      signed_by: 'pii principal',
    },
  };
}
