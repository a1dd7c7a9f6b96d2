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
  createdAt: string;
  castAt: string | null;
  closedAt: string | null;
}
