// The HTTP benchmarks' store: 1,000 providers (each with a contract, every tenth with a case) and
// 10,000 interactions, through the services. Shared by bench/http.ts and bench/against.ts, which
// fills it with an earlier commit's services.
import type { Services } from '../src/app.js';

export const PROVIDERS = 1_000;
export const INTERACTIONS = 10_000;
const CHANNELS = ['email', 'phone', 'letter', 'chat', 'visit', 'web'] as const;

/** The part of the services the store is filled through: the same in every commit compared. */
export type FillingServices = Pick<Services, 'providers' | 'contracts' | 'cases' | 'interactions'>;

export async function fillHttpStore(s: FillingServices): Promise<void> {
  for (let i = 0; i < PROVIDERS; i++) {
    const p = await s.providers.add({
      name: `Provider ${String(i).padStart(4, '0')}`,
      category: ['energy', 'bank', 'telecom', 'retail'][i % 4],
      domains: [`p${i}.example`],
    });
    await s.contracts.add({
      providerId: p.id,
      name: 'Plan',
      price: String(5 + (i % 50)),
      currency: 'EUR',
      billingCycle: i % 3 ? 'monthly' : 'yearly',
      startDate: '2025-01-01',
      noticePeriod: '1 month',
    });
    if (i % 10 === 0) await s.cases.add({ providerId: p.id, title: 'Billing error' });
  }
  for (let i = 0; i < INTERACTIONS; i++) {
    await s.interactions.add({
      providerId: 1 + (i % PROVIDERS),
      channel: CHANNELS[i % CHANNELS.length] ?? 'email',
      direction: i % 2 ? 'inbound' : 'outbound',
      subject: `Interaction ${i}`,
      occurredAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
      followUpOn: i % 50 === 0 ? '2026-03-18' : undefined,
    });
  }
}
