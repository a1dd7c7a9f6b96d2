import { directoryEntry, type DirectoryEntry } from '../directory/directory.js';
import type { Identity, IdentityService } from '../identities/service.js';
import { VrmError } from '../platform/errors.js';
import type { Provider } from '../providers/service.js';
import type { Channel } from './schemas.js';

/** Who an item goes to and from: worked out when it is drafted, shown before it is sent. */
export interface Addressing {
  readonly identityId: number | null;
  readonly fromAddress: string | null;
  readonly toAddress: string | null;
  readonly webForm: string | null;
}

/** Purposes that go to a provider's privacy contact first (its data-protection address). */
const PRIVACY_PURPOSES = new Set(['change', 'privacy', 'request', 'dsar']);

function entryOf(provider: Provider): DirectoryEntry | undefined {
  if (!provider.directorySlug) return undefined;
  try {
    return directoryEntry(provider.directorySlug);
  } catch {
    return undefined;
  }
}

/**
 * The provider's address for the purpose: its privacy e-mail for privacy and changes when it has
 * one, else its support e-mail, from the ledger first and its directory entry after.
 */
export function recipientOf(provider: Provider, purposeKind: string | undefined): string | null {
  const entry = entryOf(provider);
  const privacyFirst = purposeKind === undefined || PRIVACY_PURPOSES.has(purposeKind);
  const ledger = privacyFirst
    ? [provider.privacyEmail, provider.supportEmail]
    : [provider.supportEmail, provider.privacyEmail];
  return [...ledger, entry?.email].find((a): a is string => typeof a === 'string' && a !== '') ?? null;
}

export function webFormOf(provider: Provider): string | null {
  return provider.webForm ?? entryOf(provider)?.webform ?? null;
}

export function postalAddressOf(provider: Provider): string | null {
  return provider.postalAddress ?? entryOf(provider)?.address ?? null;
}

/** The e-mail identity the provider knows: given to it, not retired, not switched off. */
export async function aliasOf(
  identities: IdentityService,
  providerId: number,
): Promise<Identity | undefined> {
  const all = await identities.list({ provider: providerId, kind: 'email' });
  return all.find((i) => i.retiredAt === null && i.switchedOffAt === null && i.review === 'confirmed');
}

/** Which channels the provider can be reached by, for a refusal that says what else there is. */
function otherChannels(provider: Provider, not: Channel): string {
  const ways = [
    not !== 'letter' && postalAddressOf(provider) ? 'a letter (it has a postal address)' : null,
    not !== 'web_form' && webFormOf(provider) ? `its web form (${webFormOf(provider) ?? ''})` : null,
    not !== 'email' && recipientOf(provider, undefined) ? 'e-mail' : null,
  ].filter((w): w is string => w !== null);
  if (ways.length > 0) return `write by ${ways.join(' or ')} instead`;
  return (
    'it has no postal address or web form either: add its e-mail, postal address or web form on its ' +
    `page, or with \`vrm provider update "${provider.name}" --privacy-email ADDRESS\``
  );
}

/**
 * Works out From and To for an item, or refuses with what the person can do about it. A `sender`
 * (a persona) writes from its own alias instead of the one the provider knows, by e-mail only.
 */
export async function addressing(
  identities: IdentityService,
  provider: Provider,
  channel: Channel,
  purposeKind: string | undefined,
  sender?: { readonly identityId: number; readonly address: string },
): Promise<Addressing> {
  if (sender !== undefined && channel !== 'email')
    throw new VrmError('invalid_input', `a persona writes by e-mail only, not by ${channel}`);
  switch (channel) {
    case 'email': {
      const to = recipientOf(provider, purposeKind);
      if (to === null) {
        throw new VrmError(
          'invalid_input',
          `${provider.name} has no e-mail address to write to: ${otherChannels(provider, 'email')}`,
          { details: [{ path: 'channel', message: `${provider.name} has no e-mail address` }] },
        );
      }
      if (sender !== undefined)
        return { identityId: sender.identityId, fromAddress: sender.address, toAddress: to, webForm: null };
      const alias = await aliasOf(identities, provider.id);
      if (!alias) {
        throw new VrmError(
          'invalid_input',
          `${provider.name} knows no e-mail identity of yours, and vrm writes to it only from the alias it knows: ` +
            `make one with \`vrm identity new "${provider.name}"\` (or record the one you gave it with ` +
            `\`vrm identity add --provider "${provider.name}" --email ADDRESS\`), or on the Identities page`,
          { details: [{ path: 'identity', message: `${provider.name} has no e-mail identity` }] },
        );
      }
      return { identityId: alias.id, fromAddress: alias.value, toAddress: to, webForm: null };
    }
    case 'web_form': {
      const form = webFormOf(provider);
      if (form === null) {
        throw new VrmError(
          'invalid_input',
          `${provider.name} has no web form: ${otherChannels(provider, 'web_form')}`,
          { details: [{ path: 'channel', message: `${provider.name} has no web form` }] },
        );
      }
      return { identityId: null, fromAddress: null, toAddress: null, webForm: form };
    }
    case 'letter': {
      const address = postalAddressOf(provider);
      if (address === null) {
        throw new VrmError(
          'invalid_input',
          `${provider.name} has no postal address: ${otherChannels(provider, 'letter')}`,
          { details: [{ path: 'channel', message: `${provider.name} has no postal address` }] },
        );
      }
      return { identityId: null, fromAddress: null, toAddress: address, webForm: null };
    }
  }
}
