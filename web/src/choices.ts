import { BILLING_CYCLES } from '../../src/providers/choices';
import { PURPOSES } from '../../src/terms/roster';
import { api } from './api';
import { useLoad } from './useLoad';

/** The ledger's closed lists, from the server's own definitions (src/providers/choices.ts). */
export {
  CASE_KINDS,
  CASE_STATUSES,
  CHANNELS,
  CONTRACT_KINDS,
  PROVIDER_STATUSES,
} from '../../src/providers/choices';

/** Choices that several forms offer: the person's providers, and the purposes terms speak of. */
export function useProviders() {
  const { data } = useLoad(() => api('listProviders', { query: { limit: 5000 } }), []);
  return data?.items ?? [];
}

export const providerOptions = (
  providers: readonly { id: number; name: string }[],
  empty = 'Choose…',
): (readonly [string, string])[] => [['', empty], ...providers.map((p) => [String(p.id), p.name] as const)];

/** The closed list of purposes (src/terms/roster.ts), as ticks or options. */
export const PURPOSE_OPTIONS = PURPOSES.map((p) => [p, p] as const);

const CYCLE_LABELS: Partial<Record<(typeof BILLING_CYCLES)[number], string>> = {
  'half-yearly': 'half-yearly (every six months)',
  days: 'every N days',
};

/** Billing cycles as the contract form offers them: the usual one, monthly, first. */
export const BILLING_CYCLE_OPTIONS = [
  'monthly' as const,
  ...BILLING_CYCLES.filter((cycle) => cycle !== 'monthly'),
].map((cycle) => [cycle, CYCLE_LABELS[cycle] ?? cycle] as const);
