import type { IdentityLedger } from '../identities/ledger.js';
import { DisclosureRepository } from './repository.js';

/**
 * The ledger's side of what the identities area asks of it: making or confirming an identity for
 * a provider records it as given, and an identity on record may not be deleted. Passed to the
 * identity services by the composition root, so identities never import disclosures.
 */
export const identityLedger: IdentityLedger = {
  recordGiven: (db, given) => new DisclosureRepository(db).recordIdentityGiven(given),
  disclosureCount: (db, identityId) => new DisclosureRepository(db).countForIdentity(identityId),
};
