import type { DisclosureService, Holding } from '../disclosures/service.js';
import { directoryEntry, type DirectoryEntry } from '../directory/directory.js';
import type { IdentityService } from '../identities/service.js';
import { aliasOf, postalAddressOf, recipientOf, webFormOf } from '../outbound/addressing.js';
import { VrmError } from '../platform/errors.js';
import type { AccountService } from '../providers/accounts.js';
import type { Provider } from '../providers/service.js';
import { valueLines } from '../vault/kinds.js';
import type { VaultService } from '../vault/service.js';
import { parsePlace } from './holidays.js';
import type { RequestChannel, RequestLanguage } from './schemas.js';
import type { Identification } from './templates.js';

/** Controllers in these countries are written to in German, unless the directory says otherwise. */
const GERMAN_SPEAKING = new Set(['DE', 'AT', 'CH', 'LI']);

/** How a request is addressed: the channel, the alias it goes from, and what stands in its way. */
export interface Route {
  readonly channel: RequestChannel | null;
  readonly recipient: string | null;
  readonly identityId: number | null;
  readonly problem: string | null;
}

export const entryOf = (provider: Provider): DirectoryEntry | undefined => {
  if (!provider.directorySlug) return undefined;
  try {
    return directoryEntry(provider.directorySlug);
  } catch {
    return undefined;
  }
};

/** The language a controller is written to in: the directory's, else German in a German-speaking country. */
export function requestLanguage(provider: Provider, wanted: RequestLanguage | undefined): RequestLanguage {
  if (wanted) return wanted;
  const language = entryOf(provider)?.language;
  if (language === 'de' || language === 'en') return language;
  return GERMAN_SPEAKING.has((provider.country ?? '').toUpperCase()) ? 'de' : 'en';
}

/**
 * The calendar whose holidays count for a request's deadline: where the controller acts (its
 * country in the ledger), else where the person lives, else Germany, said so in the explanation.
 */
export function requestPlace(
  provider: Provider,
  residence: string | null,
  wanted: string | undefined,
): string {
  const code = wanted ?? provider.country ?? residence ?? 'DE';
  const place = parsePlace(code, 'Country', 'place');
  return place.region ? `${place.country}-${place.region}` : place.country;
}

/** Where the directory or the ledger says privacy requests go, and how to find it when nowhere. */
function noContact(provider: Provider): string {
  const site = provider.domains[0] ? ` (https://${provider.domains[0]})` : '';
  return `${provider.name} has no privacy contact in the ledger or the directory: its privacy notice must name one (Art. 13(1)(b) GDPR); look for “Privacy” or “Datenschutz” on its web site${site}, then add it (\`vrm provider update ${String(provider.id)} --privacy-email ADDRESS\`, or its page → Edit), or send the request as a letter or through its web form`;
}

/**
 * The route of a request to a provider: by e-mail from the alias it knows to its privacy contact,
 * else a letter to its postal address, else its web form, the directory's preferred medium first.
 * Asked for one channel, that one, or a clear refusal that says what else there is.
 */
export async function routeFor(
  identities: IdentityService,
  provider: Provider,
  wanted?: RequestChannel,
): Promise<Route> {
  const email = recipientOf(provider, 'request');
  const alias = await aliasOf(identities, provider.id);
  const postal = postalAddressOf(provider);
  const webForm = webFormOf(provider);
  const options: Partial<Record<RequestChannel, Route>> = {
    ...(email
      ? {
          email: {
            channel: 'email',
            recipient: email,
            identityId: alias?.id ?? null,
            problem: alias
              ? null
              : `${provider.name} has no e-mail alias of yours to write from, and a request never goes from your main address: give it one (\`vrm identity new ${String(provider.id)}\`), or send a letter`,
          },
        }
      : {}),
    ...(postal ? { letter: { channel: 'letter', recipient: postal, identityId: null, problem: null } } : {}),
    ...(webForm
      ? { web_form: { channel: 'web_form', recipient: webForm, identityId: null, problem: null } }
      : {}),
  };
  if (wanted) {
    const chosen = options[wanted];
    if (chosen) return chosen;
    const what = { email: 'privacy e-mail address', letter: 'postal address', web_form: 'web form' }[wanted];
    throw new VrmError(
      'invalid_input',
      `request: Channel: ${provider.name} has no ${what} in the ledger or the directory: add one on its page first, or choose another channel`,
      { details: [{ path: 'channel', message: `${provider.name} has no ${what}` }] },
    );
  }
  const medium = entryOf(provider)?.medium;
  const preferred: RequestChannel[] =
    medium === 'letter'
      ? ['letter', 'email', 'web_form']
      : medium === 'webform'
        ? ['web_form', 'email', 'letter']
        : ['email', 'letter', 'web_form'];
  const usable = preferred.map((c) => options[c]).find((o) => o !== undefined && o.problem === null);
  if (usable) return usable;
  if (options.email) return options.email;
  return { channel: null, recipient: null, identityId: null, problem: noContact(provider) };
}

/**
 * What identifies the person to a provider: only what it holds already (its alias, its customer
 * numbers, the name and address the ledger says it was given), and a date of birth only when the
 * directory says it asks for one and it was given one. What the directory asks for and the
 * provider was never given is not sent: it is named in `notes`, for the person to decide.
 */
export async function identificationFor(
  areas: { vault: VaultService; disclosures: DisclosureService; accounts: AccountService },
  provider: Provider,
  alias: string | null,
): Promise<{ identification: Identification; notes: string[] }> {
  const { facts } = await areas.disclosures.forProvider(provider.id);
  const held = (kind: string): Holding | undefined => facts.find((f) => f.kind === kind);
  const lines = async (holding: Holding | undefined): Promise<string[] | undefined> => {
    if (!holding) return undefined;
    const fact = await areas.vault.get(holding.factId);
    const version = fact.history.find((v) => v.version === holding.version) ?? fact.current;
    return valueLines(fact.kind, version.value);
  };
  const customerNumbers = (await areas.accounts.list({ provider: provider.id }))
    .filter((a) => a.closedOn === null && a.customerNumber)
    .map((a) => a.customerNumber);
  const name = (await lines(held('name')))?.join(' ');
  const address = await lines(held('postal_address'));
  const birth = facts.find((f) => f.kind === 'date' && /birth|geburt|dob/i.test(f.label));
  const required = entryOf(provider)?.requiredElements ?? [];
  const asks = (type: string) => required.some((r) => r.type === type && r.optional !== true);
  const notes: string[] = [];
  const birthdate = asks('birthdate') && birth ? (await lines(birth))?.join(' ') : undefined;
  if (asks('birthdate') && !birth) {
    notes.push(
      `The directory says ${provider.name} asks for a date of birth; the ledger shows you never gave it one, so it is not sent.`,
    );
  }
  if (asks('name') && !name) {
    notes.push(
      `The directory says ${provider.name} asks for your name; the ledger shows it does not hold it, so it is not sent.`,
    );
  }
  if (asks('address') && !address) {
    notes.push(
      `The directory says ${provider.name} asks for your postal address; the ledger shows it does not hold one, so none is sent.`,
    );
  }
  if (entryOf(provider)?.needsIdDocument) {
    notes.push(
      `The directory says ${provider.name} asks for a copy of an ID document. Identification by what it holds is enough (Art. 12(6) GDPR allows more only in reasonable doubt); if it insists, that is a reason for an admonition.`,
    );
  }
  // Nothing in the ledger: the request names the person, and the person adds what the provider
  // knows them by before it goes (they may have given it something the ledger never recorded).
  const nothing = !name && !alias && customerNumbers.length === 0 && !address;
  const fallback = nothing ? (await areas.vault.list({ kind: 'name' }))[0]?.current.summary : undefined;
  if (nothing) {
    notes.push(
      fallback
        ? `The ledger shows ${provider.name} holds nothing of yours, so the request names you by your name only: add what it knows you by (the e-mail address it writes to, a customer number) before sending.`
        : `The ledger shows ${provider.name} holds nothing of yours and the vault has no name: add what it knows you by to the request before sending.`,
    );
  }
  return {
    identification: {
      ...(name ? { name } : fallback ? { name: fallback } : {}),
      ...(alias ? { email: alias } : {}),
      ...(customerNumbers.length > 0 ? { customerNumbers } : {}),
      ...(address ? { address } : {}),
      ...(birthdate ? { birthdate } : {}),
    },
    notes,
  };
}

/** The country the person lives in: that of their first current postal address, if any. */
export async function residenceOf(vault: VaultService): Promise<string | null> {
  const addresses = await vault.list({ kind: 'postal_address' });
  const country = (addresses[0]?.current.value as { country?: unknown } | undefined)?.country;
  return typeof country === 'string' ? country.toUpperCase() : null;
}
