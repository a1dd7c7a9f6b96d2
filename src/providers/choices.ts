/**
 * The closed lists of the provider ledger. They import nothing, so the web app bundles them as
 * they are and never writes them again; the input schemas (schemas.ts) are built on them.
 */
export const PROVIDER_STATUSES = ['active', 'former', 'prospect'] as const;
export const CONTRACT_KINDS = ['contract', 'subscription'] as const;
export const BILLING_CYCLES = ['weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly', 'days'] as const;
export const CHANNELS = ['email', 'phone', 'letter', 'chat', 'visit', 'web'] as const;
export const DIRECTIONS = ['inbound', 'outbound'] as const;
export const CASE_KINDS = ['complaint', 'dispute'] as const;
export const CASE_STATUSES = ['open', 'waiting', 'escalated', 'resolved'] as const;
/** Who said a contract's price: the person, or the bank's payments (issue 17). */
export const PRICE_SOURCES = ['person', 'bank'] as const;
