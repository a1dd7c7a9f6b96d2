import type { Services } from '../app.js';
import type { Purpose } from '../terms/roster.js';
import { VrmError } from '../platform/errors.js';
import type { DemoCalendar } from './calendar.js';
import { DEMO_PROVIDERS } from './providers.js';

/**
 * Who knows what in the demo: the identities Alex gave Brightside and Parcelpoint on their own
 * domain, Alex's disclosure policies, the terms proffered to four providers and their answers,
 * and what each organisation was given and when. Most were given the Manchester address before
 * the move, so the matrix shows who still holds the old one; those told since hold the new one.
 */
interface Given {
  readonly provider: string;
  /** Fact labels as `kind/label`. */
  readonly facts: readonly string[];
  readonly daysAgo: number;
  readonly purposes: readonly Purpose[];
  readonly channel: 'web' | 'email' | 'phone' | 'letter' | 'in_person' | 'app' | 'other';
  readonly terms?: string;
}

const GIVEN: readonly Given[] = [
  {
    provider: 'Harbour Bank',
    facts: ['name/legal', 'date/birthday', 'postal_address/home', 'phone/mobile', 'email/personal'],
    daysAgo: 2400,
    purposes: ['service'],
    channel: 'in_person',
  },
  {
    provider: 'Harbour Bank',
    facts: ['identity_document/passport', 'identity_document/national insurance'],
    daysAgo: 2400,
    purposes: ['legal'],
    channel: 'in_person',
  },
  {
    provider: 'Kestrel Card',
    facts: ['name/legal', 'date/birthday', 'postal_address/home', 'phone/mobile', 'email/personal'],
    daysAgo: 1500,
    purposes: ['service'],
    channel: 'web',
  },
  {
    provider: 'Northlight News',
    facts: ['email/personal', 'postal_address/home'],
    daysAgo: 1000,
    purposes: ['service', 'delivery'],
    channel: 'web',
  },
  {
    provider: 'Vitalis Health',
    facts: ['name/legal', 'date/birthday', 'postal_address/home', 'email/personal'],
    daysAgo: 900,
    purposes: ['service'],
    channel: 'web',
  },
  {
    provider: 'Lumen Fibre',
    facts: ['postal_address/home', 'phone/mobile', 'email/personal', 'bank_account/current account'],
    daysAgo: 800,
    purposes: ['service'],
    channel: 'phone',
  },
  {
    provider: 'Aegis Motor Insurance',
    facts: [
      'name/legal',
      'date/birthday',
      'postal_address/home',
      'identity_document/driving licence',
      'custom/car',
    ],
    daysAgo: 700,
    purposes: ['service'],
    channel: 'web',
  },
  {
    provider: 'Contour Mobile',
    facts: ['name/legal', 'postal_address/home', 'bank_account/current account', 'phone/mobile'],
    daysAgo: 600,
    purposes: ['service'],
    channel: 'web',
  },
  {
    provider: 'Parcelpoint Marketplace',
    facts: ['name/legal', 'postal_address/home'],
    daysAgo: 300,
    purposes: ['delivery'],
    channel: 'web',
    terms: 'SD-BASE-DP',
  },
  {
    provider: 'Brightside Energy',
    facts: ['name/legal', 'postal_address/home', 'bank_account/current account'],
    daysAgo: 44,
    purposes: ['service'],
    channel: 'web',
    terms: 'SD-BASE',
  },
  {
    provider: 'Severn Water',
    facts: ['name/legal', 'postal_address/home', 'bank_account/current account'],
    daysAgo: 30,
    purposes: ['service'],
    channel: 'phone',
  },
  {
    provider: 'Cliftonwood Surgery',
    facts: [
      'name/legal',
      'date/birthday',
      'postal_address/home',
      'phone/mobile',
      'identity_document/health card (GHIC)',
    ],
    daysAgo: 20,
    purposes: ['service'],
    channel: 'in_person',
  },
];

/** Alex started keeping the store with vrm this many days before the demo's day. */
export const KEY_DAYS_AGO = 1100;
/** …and renewed its signing key this many days ago. */
export const KEY_RENEWED_DAYS_AGO = 330;
/** The catch-all domain for aliases, set up this many days ago. */
const ALIAS_DOMAIN_DAYS_AGO = 1000;
/** The signed package for the council, a few days after the move. */
const PACKAGE_DAYS_AGO = 38;

/**
 * The day a provider got its alias: when Alex signed up with it (its first account or contract),
 * or, for one older than the alias domain, a day when Alex moved it over (spread over the weeks
 * after the domain was set up, by its place in the list).
 */
function aliasDaysAgo(name: string, index: number): number {
  const entry = DEMO_PROVIDERS.find((p) => p.name === name);
  const days = [
    ...(entry?.accounts ?? []).map((a) => a.openedDaysAgo),
    ...(entry?.contracts ?? []).map((c) => c.startedDaysAgo),
  ].filter((d): d is number => d !== undefined);
  const signedUp = days.length > 0 ? Math.max(...days) : undefined;
  const movedOver = ALIAS_DOMAIN_DAYS_AGO - 7 * (index + 1);
  return signedUp === undefined || signedUp > movedOver ? movedOver : signedUp;
}

export interface WhoKnowsSummary {
  readonly identities: number;
  readonly policies: number;
  readonly agreements: number;
  readonly disclosures: number;
  readonly packages: number;
}

export async function seedWhoKnows(
  services: Services,
  cal: DemoCalendar,
  providers: ReadonlyMap<string, number>,
): Promise<WhoKnowsSummary> {
  const provider = (name: string): number => {
    const id = providers.get(name);
    if (id === undefined) throw new VrmError('internal', `demo data: no provider "${name}"`);
    return id;
  };
  const facts = new Map(
    (await services.vault.list({ includeRetired: true })).map((f) => [`${f.kind}/${f.label}`, f.id]),
  );
  const fact = (key: string): number => {
    const id = facts.get(key);
    if (id === undefined) throw new VrmError('internal', `demo data: no fact "${key}"`);
    return id;
  };

  // Each thing is recorded on the day it happened, through the services' own clock (`asOf`), so
  // identities, keys, signed records and documents carry dates across the past years.
  const on = <T>(daysAgo: number, work: () => Promise<T>): Promise<T> =>
    services.asOf(cal.ago(daysAgo), work);
  // vrm itself: its signing key from the day Alex started, renewed once since.
  await on(KEY_DAYS_AGO, () => services.keys.ensure());
  await on(KEY_RENEWED_DAYS_AGO, () => services.keys.rotate());
  await on(ALIAS_DOMAIN_DAYS_AGO, () =>
    services.identities.addStrategy({ kind: 'catchall', base: 'alexmorgan.example' }),
  );
  await on(318, () =>
    services.identities.addEmail({
      provider: provider('Brightside Energy'),
      address: 'brightside@alexmorgan.example',
    }),
  );
  await on(380, () =>
    services.identities.addEmail({
      provider: provider('Parcelpoint Marketplace'),
      address: 'parcelpoint@alexmorgan.example',
    }),
  );
  // Most providers got an alias of their own at the catch-all domain, as a careful customer
  // gives them (issue 14, point 14); every fourth, by name, still has the personal address.
  const others = (await services.providers.list())
    .filter((p) => !['Brightside Energy', 'Parcelpoint Marketplace'].includes(p.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  let aliases = 0;
  for (const [i, p] of others.entries()) {
    if (i % 4 === 3) continue;
    aliases++;
    const local = p.name.toLowerCase().replace(/[^a-z0-9]+/g, '');
    await on(aliasDaysAgo(p.name, i), () =>
      services.identities.addEmail({ provider: p.id, address: `${local}@alexmorgan.example` }),
    );
  }

  await on(KEY_DAYS_AGO, () =>
    services.policies.add({
      facts: ['*'],
      allow: ['service', 'delivery', 'legal', 'security'],
      deny: ['ai-training'],
      note: 'what any organisation may have to serve me',
    }),
  );
  await on(ALIAS_DOMAIN_DAYS_AGO, () =>
    services.policies.add({
      category: 'retail',
      facts: ['identity_document', 'bank_account', 'date'],
      deny: ['service', 'delivery'],
      note: 'shops never get my documents, bank details or birthday',
    }),
  );
  await on(130, () =>
    services.policies.add({
      category: 'media',
      facts: ['*'],
      allow: ['service', 'delivery'],
      deny: ['advertising', 'marketing'],
      note: 'news, not tracking',
    }),
  );

  const proffer = async (name: string, terms: string, daysAgo: number) =>
    on(daysAgo, () =>
      services.agreements.proffer({
        provider: provider(name),
        terms,
        on: cal.ago(daysAgo),
        evidence: 'sent by e-mail with a link to the terms',
      }),
    );
  type Answer = Parameters<Services['agreements']['answer']>[1];
  const answer = (id: number, daysAgo: number, given: Omit<Answer, 'on'>) =>
    on(daysAgo, () => services.agreements.answer(id, { ...given, on: cal.ago(daysAgo) }));
  const brightside = await proffer('Brightside Energy', 'SD-BASE', 50);
  await answer(brightside.id, 46, {
    status: 'accepted',
    evidence: 'their sign-up form accepted the terms by reference',
  });
  const parcelpoint = await proffer('Parcelpoint Marketplace', 'SD-BASE', 310);
  await answer(parcelpoint.id, 305, {
    status: 'countered',
    counterTerms: 'SD-BASE-DP',
    evidence: 'their carriers must see the address',
  });
  const counter = await proffer('Parcelpoint Marketplace', 'SD-BASE-DP', 304);
  await answer(counter.id, 302, { status: 'accepted' });
  const northlight = await proffer('Northlight News', 'NoStalking', 120);
  await answer(northlight.id, 100, {
    status: 'rejected',
    evidence: '"our partners need cookies to fund journalism"',
  });
  await proffer('Lumen Fibre', 'SD-BASE', 12);

  let disclosures = 0;
  for (const g of GIVEN) {
    const done = await on(g.daysAgo, () =>
      services.disclosures.record({
        provider: provider(g.provider),
        facts: g.facts.map(fact),
        on: cal.ago(g.daysAgo),
        purposes: [...g.purposes],
        channel: g.channel,
        terms: g.terms ?? null,
      }),
    );
    disclosures += done.disclosures.length;
  }

  // Signed for the council a few days after the move.
  const pkg = await on(PACKAGE_DAYS_AGO, () =>
    services.packages.issue({
      provider: provider('Bristol Council Tax Office'),
      facts: [fact('name/legal'), fact('postal_address/home'), fact('date/moved to Bristol')],
      terms: 'SD-BASE',
      purposes: ['legal'],
    }),
  );
  disclosures += pkg.recorded.disclosures.length;

  // Each alias given is a disclosure of its own, recorded when the identity is made.
  return {
    identities: 2 + aliases,
    policies: 3,
    agreements: 5,
    disclosures: disclosures + 2 + aliases,
    packages: 1,
  };
}
