import { z } from 'zod';
import { packageInput, policyInput, recordInput } from '../disclosures/schemas.js';
import { isoDateSchema } from '../platform/dates.js';
import { providerReference } from '../providers/schemas.js';
import { answerInput, profferInput, termsInput } from '../terms/schemas.js';
import { endpoint, type Endpoint } from './endpoint.js';
import { flag, idParam, providerParam } from './query.js';
import type { RouteName } from './routes.js';

const strings = z.array(z.string());
/** A public key as a JWK, whose fields the verifying service checks. */
const jwk = z.record(z.string(), z.unknown());

/** What each route of who knows what does: its schemas and its one service call. */
export const DISCLOSURE_ENDPOINTS = {
  listTerms: endpoint({ run: ({ services }) => services.terms.list() }),
  addTerms: endpoint({
    body: termsInput,
    label: 'terms',
    run: ({ services, body }) => services.terms.add(body),
  }),
  deleteTerms: endpoint({
    query: z.object({
      code: z.string({ error: 'code is required' }).trim().min(1, { error: 'code is required' }),
    }),
    run: ({ services, query }) => services.terms.delete(query.code).then(() => ({ deleted: query.code })),
  }),
  listPolicies: endpoint({
    query: z.object({ provider: providerParam.optional() }),
    run: ({ services, query }) => services.policies.list(query),
  }),
  addPolicy: endpoint({
    body: policyInput,
    label: 'policy',
    run: ({ services, body }) => services.policies.add(body),
  }),
  checkPolicy: endpoint({
    body: z.object({
      provider: providerReference,
      fields: strings,
      purposes: strings,
      terms: z.string().nullable().optional(),
    }),
    run: ({ services, body }) => services.policies.evaluate(body),
  }),
  deletePolicy: endpoint({
    run: ({ services, id }) => services.policies.delete(id).then(() => ({ deleted: id })),
  }),
  disclosureMatrix: endpoint({ run: ({ services }) => services.disclosures.matrix() }),
  listDisclosures: endpoint({
    query: z.object({
      provider: providerParam.optional(),
      fact: idParam.optional(),
      all: flag.optional(),
    }),
    run: ({ services, query }) =>
      services.disclosures.list({
        provider: query.provider,
        fact: query.fact,
        includeWithdrawn: query.all ?? false,
      }),
  }),
  addDisclosure: endpoint({
    body: recordInput,
    label: 'disclosure',
    run: ({ services, body }) => services.disclosures.record(body),
  }),
  shareDisclosure: endpoint({
    body: recordInput,
    label: 'disclosure',
    run: ({ services, body }) => services.disclosures.share(body),
  }),
  previewDisclosure: endpoint({
    body: recordInput,
    label: 'disclosure',
    run: ({ services, body }) => services.disclosures.preview(body),
  }),
  withdrawDisclosure: endpoint({
    body: z.object({ on: isoDateSchema.optional() }),
    run: ({ services, id, body }) => services.disclosures.withdraw(id, body.on),
  }),
  factHolders: endpoint({ run: ({ services, id }) => services.disclosures.forFact(id) }),
  providerKnows: endpoint({ run: ({ services, id }) => services.disclosures.forProvider(id) }),
  listAgreements: endpoint({
    query: z.object({ provider: providerParam.optional() }),
    run: ({ services, query }) => services.agreements.list(query),
  }),
  addAgreement: endpoint({
    body: profferInput,
    label: 'agreement',
    run: ({ services, body }) => services.agreements.proffer(body),
  }),
  answerAgreement: endpoint({
    body: answerInput,
    label: 'answer',
    run: ({ services, id, body }) => services.agreements.answer(id, body),
  }),
  showAgreement: endpoint({ run: ({ services, id }) => services.agreements.show(id) }),
  verifyAgreement: endpoint({ run: ({ services, id }) => services.agreements.verify(id) }),
  exportAgreement: endpoint({ run: ({ services, id }) => services.agreements.exportRecord(id) }),
  countersignAgreement: endpoint({
    body: z.object({
      countersignature: z.string({ error: 'countersignature is required: the compact JWS' }),
      key: z.record(z.string(), z.unknown(), { error: "key is required: the organisation's public JWK" }),
    }),
    run: ({ services, id, body }) => services.agreements.countersign(id, body.countersignature, body.key),
  }),
  verifyAgreementRecord: endpoint({
    body: z.object({
      record: z.unknown(),
      key: jwk.optional(),
    }),
    run: ({ services, body }) =>
      services.agreements.verifyExport(body.record, body.key ? { key: body.key } : {}),
  }),
  listReceipts: endpoint({
    query: z.object({ provider: providerParam.optional() }),
    run: ({ services, query }) => services.disclosures.receipts(query),
  }),
  getReceipt: endpoint({ run: ({ services, id }) => services.disclosures.receipt(String(id)) }),
  verifyReceipt: endpoint({
    body: z.object({
      jws: z.string({ error: 'jws is required' }),
      key: jwk.optional(),
    }),
    run: ({ services, body }) =>
      services.disclosures.verifyReceipt(body.jws, body.key ? { key: body.key } : {}),
  }),
  listPackages: endpoint({
    query: z.object({ provider: providerParam.optional() }),
    run: ({ services, query }) => services.packages.list(query),
  }),
  addPackage: endpoint({
    body: packageInput,
    label: 'package',
    run: ({ services, body }) => services.packages.issue(body),
  }),
  presentPackage: endpoint({
    body: z
      .object({
        claims: strings.optional(),
        /** The provider's challenge for key binding: both or neither. */
        nonce: z.string().max(500).optional(),
        audience: z.string().max(500).optional(),
      })
      .refine((b) => (b.nonce === undefined) === (b.audience === undefined), {
        error: 'key binding needs both nonce and audience',
      }),
    run: async ({ services, id, body }) => {
      const binding =
        body.nonce !== undefined && body.audience !== undefined
          ? { nonce: body.nonce, audience: body.audience }
          : undefined;
      const sdJwt = await services.packages.present(id, body.claims, binding);
      const qr = await services.packages.qrPicture(sdJwt);
      const fits = !('tooLarge' in qr);
      return {
        sdJwt,
        qrSvg: fits ? qr.svg : null,
        qrPng: fits ? `data:image/png;base64,${qr.png.toString('base64')}` : null,
        /** Why there is no QR code, in words; null when there is one. */
        qrNote: fits ? null : qr.tooLarge,
        bundle: await services.packages.bundle(id, body.claims, binding),
      };
    },
  }),
  verifyPresentation: endpoint({
    body: z.object({
      sdJwt: z.string({ error: 'sdJwt is required' }),
      key: jwk.optional(),
      nonce: z.string().optional(),
      audience: z.string().optional(),
      profile: z.enum(['vrm-package', 'sd-jwt']).optional(),
    }),
    // An intact token from an unknown signer is an answer, not an error: 200 with `trusted: false`.
    run: ({ services, body }) =>
      services.packages.verify(body.sdJwt, {
        ...(body.key ? { key: body.key } : {}),
        nonce: body.nonce,
        audience: body.audience,
        profile: body.profile,
      }),
  }),
  listKeys: endpoint({ run: ({ services }) => services.keys.list() }),
  exportKeys: endpoint({ run: ({ services }) => services.keys.jwks() }),
  rotateKeys: endpoint({ run: ({ services }) => services.keys.rotate() }),
} satisfies Partial<Record<RouteName, Endpoint<z.ZodType, z.ZodType, unknown>>>;
