import type { ProviderDependant } from '../providers/dependants.js';
import { OutboundRepository } from './repository.js';

/** Outbox items to a provider: a cascade removes them before the interactions they point at. */
export const OUTBOX_REFS: ProviderDependant = {
  noun: { one: 'outbox item', many: 'outbox items' },
  countFor: (db, providerId) => new OutboundRepository(db).countByProvider(providerId),
  deleteFor: (db, providerId) => new OutboundRepository(db).deleteByProvider(providerId),
};
