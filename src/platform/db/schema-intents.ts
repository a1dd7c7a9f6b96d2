import type { Generated } from 'kysely';

/**
 * The tables of intents (migration 18, issue 18), as Kysely sees them; `schema.ts` adds them to
 * the store's `Database`. Instants are ISO 8601, days `YYYY-MM-DD`, JSON columns text, booleans 0/1.
 */

/** A pseudonym the person shops under: its own alias, name and signing key, never theirs. */
export interface PersonasTable {
  id: Generated<number>;
  displayName: string;
  /** Its e-mail alias (an identity given to no provider of its own). */
  identityId: number;
  /** Its key's JWK thumbprint (RFC 7638), the `kid` of what it signs. */
  kid: string;
  publicJwk: string;
  /** The private half: NULL on a persona restored from an export without secrets. */
  privateJwk: string | null;
  /** A postal pickup or PO box it may give, as the person writes it. */
  pickup: string | null;
  note: string | null;
  createdAt: string;
  retiredAt: string | null;
}

/** What a persona says of the person: a vault fact generalised, or in full if the person said so. */
export interface PersonaStatementsTable {
  id: Generated<number>;
  personaId: number;
  /** The fact it comes from; NULL once that fact is deleted (the words stay what was said). */
  factId: number | null;
  /** A `StatementForm` (src/intents/statements.ts). */
  form: string;
  label: string;
  value: string;
  text: string;
  generalised: number;
  position: number;
  createdAt: string;
}

/** A provider a persona was shown to: it knows the persona, not the person. */
export interface PersonaShownTable {
  id: Generated<number>;
  personaId: number;
  providerId: number;
  shownOn: string;
  /** How: `intent 3`, `by hand`. */
  how: string;
}

/** What the person wants to buy, said under a persona (issue 18, point 2). */
export interface IntentsTable {
  id: Generated<number>;
  /** `urn:uuid:…`: the Demand's identifier, which an offer names. */
  identifier: string;
  personaId: number;
  category: string;
  description: string;
  quantityValue: number | null;
  quantityUnit: string | null;
  /** Where, in general words (`postcode area BS1`). */
  place: string | null;
  wantedFrom: string | null;
  wantedUntil: string | null;
  budgetMinor: number | null;
  currency: string | null;
  budgetPer: 'month' | 'year' | null;
  /** JSON: `[{ code, summary, url }]`, the terms as they were when it was made. */
  terms: string;
  answerBy: string;
  status: 'draft' | 'cast' | 'closed';
  /** What the person pays today for the same thing (migration 20); NULL: found by its name. */
  contractId: number | null;
  createdAt: string;
  castAt: string | null;
  closedAt: string | null;
}

/** A vendor an intent goes to (migration 20): where it was sent, and the decline if one went. */
export interface IntentRecipientsTable {
  id: Generated<number>;
  intentId: number;
  providerId: number;
  /** The intent's e-mail to this vendor, in the outbox; NULL until it is drafted. */
  outboxId: number | null;
  /** The polite decline sent from the persona, once the person chose another offer. */
  declineOutboxId: number | null;
  /** The reply last read for an offer (its Message-ID), and what was found in it. */
  replyKey: string | null;
  replyNote: string | null;
  addedAt: string;
}

/** An offer made in answer to an intent: from a reply, by hand, or a schema.org Offer. */
export interface OffersTable {
  id: Generated<number>;
  intentId: number;
  providerId: number;
  source: 'mail' | 'hand' | 'json_ld';
  /** What it came in: a Message-ID (mail) or the file's SHA-256 (JSON-LD); NULL by hand. */
  messageKey: string | null;
  /** The message or file it came in, as a document of the vendor. */
  documentId: number | null;
  /** NULL: the offer named no price. */
  priceMinor: number | null;
  currency: string | null;
  period: 'once' | 'week' | 'month' | 'quarter' | 'half-year' | 'year' | null;
  termMonths: number | null;
  conditions: string | null;
  /** JSON arrays of words: what the offer includes and excludes. */
  included: string;
  excluded: string;
  validUntil: string | null;
  /** The person's rate for an offer in another currency: one unit is worth `rate` of `rateTo`. */
  rate: string | null;
  rateTo: string | null;
  status: 'open' | 'accepted' | 'declined';
  decidedAt: string | null;
  /** On acceptance: the signed disclosure to the vendor and the contract proposed from the offer. */
  disclosureId: number | null;
  contractId: number | null;
  createdAt: string;
  updatedAt: string;
}
