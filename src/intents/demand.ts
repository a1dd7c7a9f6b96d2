/**
 * An intent as the world reads it (issue 18, point 2): a schema.org `Demand` in JSON-LD, what the
 * person wants, where and when, up to what price, on which terms, and by when an `Offer` is
 * expected in return, to the persona's alias. It is signed by the persona's key (a compact JWS,
 * ES256, whose payload is the JSON-LD), never by the person's. The same intent is given as text to
 * paste into a vendor's web form.
 */
import { CompactSign, compactVerify, importJWK, type JWK } from 'jose';
import type { IsoDate } from '../platform/dates.js';
import { VrmError } from '../platform/errors.js';
import { minorDigits } from '../platform/money.js';

/** What an intent says: the person's words, generalised facts only. */
export interface IntentContent {
  /** A URN of its own (`urn:uuid:…`): a vendor's offer names it. */
  readonly identifier: string;
  /** What kind of thing: `car insurance`. */
  readonly category: string;
  readonly description: string;
  readonly quantity?: { readonly value: number; readonly unit: string } | undefined;
  /** Where, in general words: `postcode area BS1`. */
  readonly where?: string | undefined;
  readonly from?: IsoDate | undefined;
  readonly until?: IsoDate | undefined;
  /** The most the person will pay, in minor units, once or per month or year. */
  readonly budget?:
    | { readonly maxMinor: number; readonly currency: string; readonly per?: 'month' | 'year' | undefined }
    | undefined;
  /** The terms an offer is made under: roster codes (`PDC-INTENT`) and the person's own. */
  readonly terms: readonly {
    readonly code: string;
    readonly summary: string;
    readonly url?: string | null;
  }[];
  /** Offers are expected by this day. */
  readonly answerBy: IsoDate;
}

/** The persona it is cast under: only what it may say. */
export interface IntentPersona {
  readonly displayName: string;
  readonly alias: string;
  readonly statements: readonly { readonly label: string; readonly value: string; readonly text: string }[];
}

/** The JSON-LD document: plain JSON, in the order written. */
export type DemandDocument = Readonly<Record<string, unknown>>;

/** The media type of the signed payload, in the JWS header's `cty`. */
export const DEMAND_CONTENT_TYPE = 'application/ld+json';
/** The JWS header's `typ`: what the signed object is. */
export const DEMAND_TYPE = 'vrm-intent+jws';

/** UN/CEFACT codes of the billing periods (schema.org's `unitCode`). */
const PERIOD_CODES = { month: 'MON', year: 'ANN' } as const;

/** `60000` GBP → `600.00`: schema.org prices use a full stop and no grouping. */
export function decimalOf(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const text = Math.abs(minor)
    .toString()
    .padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  return `${minor < 0 ? '-' : ''}${whole}${digits > 0 ? `.${text.slice(text.length - digits)}` : ''}`;
}

/**
 * The intent as a schema.org `Demand`.
 *
 * @example demandOf(intent, persona)['@type'] // 'Demand'
 */
export function demandOf(intent: IntentContent, persona: IntentPersona): DemandDocument {
  const { budget, quantity } = intent;
  return {
    '@context': 'https://schema.org',
    '@type': 'Demand',
    identifier: intent.identifier,
    name: intent.category,
    description: intent.description,
    itemOffered: { '@type': 'Service', name: intent.category, category: intent.category },
    ...(quantity
      ? { eligibleQuantity: { '@type': 'QuantitativeValue', value: quantity.value, unitText: quantity.unit } }
      : {}),
    ...(intent.where ? { areaServed: intent.where } : {}),
    ...(intent.from ? { availabilityStarts: intent.from } : {}),
    ...(intent.until ? { availabilityEnds: intent.until } : {}),
    ...(budget
      ? {
          priceSpecification: {
            '@type': budget.per ? 'UnitPriceSpecification' : 'PriceSpecification',
            maxPrice: decimalOf(budget.maxMinor, budget.currency),
            priceCurrency: budget.currency,
            ...(budget.per
              ? {
                  referenceQuantity: {
                    '@type': 'QuantitativeValue',
                    value: 1,
                    unitCode: PERIOD_CODES[budget.per],
                    unitText: budget.per,
                  },
                }
              : {}),
          },
        }
      : {}),
    validThrough: intent.answerBy,
    additionalProperty: [
      ...persona.statements.map((s) => ({
        '@type': 'PropertyValue',
        propertyID: 'statement',
        name: s.label || 'about me',
        value: s.label ? s.text.slice(s.label.length + 2) : s.value,
      })),
      ...intent.terms.map((term) => ({
        '@type': 'PropertyValue',
        propertyID: 'terms',
        name: term.code,
        value: term.summary,
        ...(term.url ? { url: term.url } : {}),
      })),
    ],
    potentialAction: {
      '@type': 'SendAction',
      description: `Answer with an Offer (schema.org, in JSON-LD, or in words) by ${intent.answerBy}, to ${persona.alias}`,
      object: { '@type': 'Offer' },
      recipient: { '@type': 'Person', name: persona.displayName, email: persona.alias },
      endTime: intent.answerBy,
    },
  };
}

/** The Demand signed with the persona's key: a compact JWS whose payload is the JSON-LD. */
export async function signDemand(
  demand: DemandDocument,
  key: { readonly privateJwk: JWK; readonly kid: string },
): Promise<string> {
  const privateKey = await importJWK(key.privateJwk, 'ES256');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(demand)))
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: DEMAND_TYPE, cty: DEMAND_CONTENT_TYPE })
    .sign(privateKey);
}

/**
 * A signed Demand checked with the persona's public key, and its document; refused with the
 * reason when the signature, the key or the content is not what it should be.
 */
export async function readSignedDemand(jws: string, publicJwk: JWK): Promise<DemandDocument> {
  let payload: Uint8Array;
  let header: { kid?: string; typ?: string; cty?: string };
  try {
    const key = await importJWK(publicJwk, 'ES256');
    ({ payload, protectedHeader: header } = await compactVerify(jws.trim(), key, { algorithms: ['ES256'] }));
  } catch (error) {
    throw new VrmError(
      'invalid_input',
      `the intent's signature does not verify with the persona's key: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (header.typ !== DEMAND_TYPE || header.cty !== DEMAND_CONTENT_TYPE)
    throw new VrmError(
      'invalid_input',
      `this JWS is not an intent (typ "${header.typ ?? ''}", cty "${header.cty ?? ''}")`,
    );
  const demand = JSON.parse(new TextDecoder().decode(payload)) as DemandDocument;
  if (demand['@type'] !== 'Demand')
    throw new VrmError(
      'invalid_input',
      `the signed document is a "${String(demand['@type'])}", not a schema.org Demand`,
    );
  return demand;
}

/** The intent as text to paste into a vendor's web form, in the order a person reads it. */
export function demandText(intent: IntentContent, persona: IntentPersona): string {
  const { budget, quantity } = intent;
  const lines = [
    `I am looking for: ${intent.category}${quantity ? ` (${quantity.value} ${quantity.unit})` : ''}`,
    intent.description,
    '',
    ...(intent.where ? [`Where: ${intent.where}`] : []),
    ...(intent.from || intent.until
      ? [
          `When: ${[intent.from && `from ${intent.from}`, intent.until && `until ${intent.until}`].filter(Boolean).join(' ')}`,
        ]
      : []),
    ...(budget
      ? [
          `Budget: at most ${decimalOf(budget.maxMinor, budget.currency)} ${budget.currency}${budget.per ? ` a ${budget.per}` : ''}`,
        ]
      : []),
    ...(persona.statements.length > 0
      ? ['', 'About me:', ...persona.statements.map((s) => `- ${s.text}`)]
      : []),
    '',
    'My terms:',
    ...intent.terms.map((t) => `- ${t.code}: ${t.summary}`),
    '',
    `Please send your offer by ${intent.answerBy} to ${persona.alias}.`,
    `${persona.displayName} (${intent.identifier})`,
  ];
  return `${lines.join('\n')}\n`;
}
