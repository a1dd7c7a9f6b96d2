import type { Db } from '../platform/db/handle.js';

/** That an identity was given to a provider, as the ledger records it. */
export interface IdentityGiven {
  readonly identityId: number;
  readonly providerId: number;
  /** The day it was given. */
  readonly on: string;
  /** When it was recorded. */
  readonly at: string;
  readonly note: string;
}

/**
 * What the identities area asks of the disclosure ledger, which owns the disclosures table. The
 * composition root (`src/app.ts`) passes the ledger's side in, so the disclosures area may depend
 * on identities (it records and shows them) while identities never import disclosures.
 */
export interface IdentityLedger {
  /** Records that an identity was given to a provider, on `db` (a transaction, to write with it). */
  recordGiven(db: Db, given: IdentityGiven): Promise<void>;
  /** How many disclosures record the identity, withdrawn ones included. */
  disclosureCount(db: Db, identityId: number): Promise<number>;
}
