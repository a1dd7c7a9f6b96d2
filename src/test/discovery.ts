import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Services } from '../app.js';

/**
 * A mailbox for the discovery of organisations (issue 16, part 5): mail from a provider, from an
 * unknown shop to the person's address, from a stranger to the alias given to the provider (a
 * leak), and from a friend's free-mail address. `seedDiscovery` fills a store with it, for
 * the API and browser tests; the service tests craft their own.
 */
export const DISCOVERY_MAIN = 'alex.morgan@posteo.de';
export const DISCOVERY_ALIAS = 'acme@alexmorgan.example';

const letter = (from: string, to: string, subject: string, day: number): string =>
  [
    `From x@example.org Tue Mar ${String(day)} 09:00:00 2026`,
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Date: ${String(day)} Mar 2026 09:00:00 +0000`,
    `Message-ID: <${subject.replace(/\W/g, '')}.${String(day)}@test.example>`,
    '',
    'Hello.',
    '',
    '',
  ].join('\n');

/** Fills a store's services with Acme, its alias, the person's address and the crafted mail. */
export async function seedDiscovery(services: Services, dir: string): Promise<void> {
  const acme = await services.providers.add({ name: 'Acme', domains: ['acme.example'] });
  await services.identities.addStrategy({ kind: 'catchall', base: 'alexmorgan.example' });
  await services.identities.addEmail({ provider: acme.id, address: DISCOVERY_ALIAS });
  await services.vault.add({ kind: 'email', label: 'personal', value: { address: DISCOVERY_MAIN } });
  const mbox = join(dir, 'discovery.mbox');
  writeFileSync(mbox, '');
  for (const m of [
    letter('Acme <news@acme.example>', DISCOVERY_ALIAS, 'Acme news', 2),
    letter('Corner Shop <orders@cornershop.example>', DISCOVERY_MAIN, 'Order one', 3),
    letter('Corner Shop <orders@cornershop.example>', DISCOVERY_MAIN, 'Order two', 9),
    letter('Broker Deals <offers@databroker.example>', DISCOVERY_ALIAS, 'Deals', 4),
    letter('Sam <sam@gmail.com>', DISCOVERY_MAIN, 'Dinner', 5),
  ])
    appendFileSync(mbox, m);
  await services.mail.importPath(mbox, { poolSize: 0 });
}
