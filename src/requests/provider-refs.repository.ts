import type { ProviderDependant } from '../providers/dependants.js';
import { RequestRepository } from './repository.js';

/** Data-subject requests to a provider: they point at outbox items and documents, so go first. */
export const REQUEST_REFS: ProviderDependant = {
  noun: { one: 'data request', many: 'data requests' },
  countFor: (db, providerId) => new RequestRepository(db).countByProvider(providerId),
  deleteFor: (db, providerId) => new RequestRepository(db).deleteByProvider(providerId),
};
