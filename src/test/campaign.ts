import type { Services } from '../app.js';
import type { Exim } from './exim.js';

/** A provider of a test campaign: its name, its privacy e-mail and the alias it knows. */
export interface CampaignProvider {
  readonly name: string;
  readonly privacyEmail: string;
  readonly alias: string;
}

/**
 * The move most campaign tests start from: a home in Manchester given to each provider (with its
 * own alias) in 2020, then the new home in Bristol from February 2026. Returns the fact and the
 * providers' ids, in the order given.
 */
export async function movedHome(
  s: Services,
  providers: readonly CampaignProvider[],
): Promise<{ home: number; providerIds: number[] }> {
  const home = (
    await s.vault.add({
      kind: 'postal_address',
      label: 'home',
      value: { lines: ['4 Old Mill Lane'], locality: 'Manchester', country: 'GB' },
      validFrom: '2019-08-01',
    })
  ).id;
  const providerIds: number[] = [];
  for (const p of providers) {
    const provider = await s.providers.add({ name: p.name, privacyEmail: p.privacyEmail });
    await s.identities.addEmail({ provider: provider.id, address: p.alias });
    await s.disclosures.record({
      provider: provider.id,
      facts: [home],
      on: '2020-01-10',
      purposes: ['service'],
    });
    providerIds.push(provider.id);
  }
  await s.vault.update(home, {
    value: { lines: ['12 Cotham Hill'], locality: 'Bristol', country: 'GB' },
    validFrom: '2026-02-01',
  });
  return { home, providerIds };
}

/** Sending set up to the test Exim, as `vrm send setup` or Settings would. */
export function sendThrough(s: Services, exim: Exim) {
  return s.outbound.sending.setup({
    host: '127.0.0.1',
    port: exim.port,
    security: 'starttls',
    username: exim.user,
    password: exim.password,
    allowSelfSigned: true,
  });
}
