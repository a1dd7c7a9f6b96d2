import { parseAddress, type Recogniser, type RecognitionHow } from '../identities/matching.js';
import { bulkService, organisationalDomain, parentDomains } from './bulk-senders.js';
import type { Envelope } from './types.js';

/**
 * Classification: which of the person's identities a message was sent to, which organisation sent
 * it, and whether that makes it a leak. A pure function of the message's envelope and what the
 * store knows (identities, provider domains, the directory, allowed senders), so stored mail is
 * re-classified whenever that knowledge changes, without parsing it again.
 */

/** The headers where the identity a message reached can be seen, most reliable first. */
const RECIPIENT_HEADERS = [
  ['deliveredTo', 'Delivered-To'],
  ['xOriginalTo', 'X-Original-To'],
  ['envelopeTo', 'Envelope-To'],
  ['to', 'To'],
  ['cc', 'Cc'],
  ['receivedFor', 'Received for'],
] as const satisfies readonly (readonly [keyof Envelope, string])[];

export interface ProviderInfo {
  readonly id: number;
  readonly name: string;
  readonly directorySlug: string | null;
}

export interface DirectoryOrganisation {
  readonly slug: string;
  readonly name: string;
}

/** What classification knows, built once per import or re-classification (see MailService). */
export interface ClassifierContext {
  readonly recogniser: Recogniser;
  readonly providers: ReadonlyMap<number, ProviderInfo>;
  /** A provider's mail and web domains → the provider. */
  readonly providerDomains: ReadonlyMap<string, number>;
  /** The organisation directory's web and privacy-mail domains → its entry. */
  readonly directoryDomains: ReadonlyMap<string, DirectoryOrganisation>;
  /** `${providerId} ${senderKey}`: senders the person accepted for a provider (its processors). */
  readonly allowed: ReadonlySet<string>;
}

export interface Classification {
  readonly isList: boolean;
  readonly identityId: number | null;
  readonly identityProviderId: number | null;
  readonly identityAddress: string | null;
  readonly identityHeader: string | null;
  readonly identityHow: RecognitionHow | null;
  /** `self`, `provider:12`, `directory:slug`, `domain:example.com` or `unknown`. */
  readonly senderKey: string;
  readonly senderProviderId: number | null;
  readonly senderLabel: string;
  /** Why the sender is who it is: `From domain mail.acme.example is Acme's acme.example`. */
  readonly senderEvidence: string;
  /** Mail to the identity given to one provider, sent by another that the person has not allowed. */
  readonly leak: boolean;
}

/**
 * Every field of a classification, each stored in the message column of the same name: the one
 * list that the store's insert and update and the re-classification's comparison are built from.
 */
export const CLASSIFICATION_FIELDS = [
  'identityId',
  'identityProviderId',
  'identityAddress',
  'identityHeader',
  'identityHow',
  'senderKey',
  'senderProviderId',
  'senderLabel',
  'senderEvidence',
  'leak',
  'isList',
] as const satisfies readonly (keyof Classification)[];

/** Whether a stored classification is the one computed now. */
export const sameClassification = (
  stored: { readonly [F in (typeof CLASSIFICATION_FIELDS)[number]]: unknown },
  now: Classification,
): boolean => CLASSIFICATION_FIELDS.every((field) => stored[field] === now[field]);

const domainOf = (address: string | null): string | null => {
  if (!address) return null;
  const at = address.lastIndexOf('@');
  return at === -1 ? null : address.slice(at + 1).toLowerCase() || null;
};

interface Clue {
  readonly header: string;
  readonly domain: string;
}

/** The sender's domains in the order they are trusted: what the person sees first. */
function senderClues(e: Envelope): Clue[] {
  const clues: Clue[] = [];
  const add = (header: string, domain: string | null) => {
    if (domain) clues.push({ header, domain: domain.toLowerCase().replace(/\.$/, '') });
  };
  add('From', domainOf(e.from));
  add('Sender', domainOf(e.sender));
  for (const a of e.replyTo) add('Reply-To', domainOf(a));
  for (const d of e.dkim) add('DKIM d=', d);
  add('List-Id', e.listId && /\./.test(e.listId) ? e.listId : null);
  for (const d of e.listUnsubscribe) add('List-Unsubscribe', d);
  add('Return-Path', domainOf(e.returnPath));
  return clues;
}

function findIdentity(e: Envelope, ctx: ClassifierContext) {
  let fallback: { address: string; header: string; how: RecognitionHow } | null = null;
  for (const [field, header] of RECIPIENT_HEADERS) {
    for (const text of e[field]) {
      const address = parseAddress(text);
      if (!address) continue;
      const found = ctx.recogniser.recognise(address);
      if (found.identity) return { identity: found.identity, address: address.key, header, how: found.how };
      if (!fallback && found.how !== 'unknown') fallback = { address: address.key, header, how: found.how };
    }
  }
  return fallback ? { identity: null, ...fallback } : null;
}

function findSender(
  e: Envelope,
  ctx: ClassifierContext,
): Pick<Classification, 'senderKey' | 'senderProviderId' | 'senderLabel' | 'senderEvidence'> {
  const from = e.from ? parseAddress(e.from) : null;
  if (from && ctx.recogniser.isOwn(from)) {
    return {
      senderKey: 'self',
      senderProviderId: null,
      senderLabel: 'you',
      senderEvidence: `From ${from.key} is yours`,
    };
  }
  const clues = senderClues(e).filter((c) => !bulkService(c.domain));
  for (const clue of clues) {
    for (const domain of parentDomains(clue.domain)) {
      const providerId = ctx.providerDomains.get(domain);
      const provider = providerId === undefined ? undefined : ctx.providers.get(providerId);
      if (provider) {
        return {
          senderKey: `provider:${provider.id}`,
          senderProviderId: provider.id,
          senderLabel: provider.name,
          senderEvidence: `${clue.header} domain ${clue.domain} is ${provider.name}'s ${domain}`,
        };
      }
    }
  }
  for (const clue of clues) {
    for (const domain of parentDomains(clue.domain)) {
      const organisation = ctx.directoryDomains.get(domain);
      if (organisation) {
        return {
          senderKey: `directory:${organisation.slug}`,
          senderProviderId: null,
          senderLabel: organisation.name,
          senderEvidence: `${clue.header} domain ${clue.domain} is ${organisation.name}'s ${domain} (directory)`,
        };
      }
    }
  }
  const first = clues[0];
  if (first) {
    const domain = organisationalDomain(first.domain);
    return {
      senderKey: `domain:${domain}`,
      senderProviderId: null,
      senderLabel: domain,
      senderEvidence: `${first.header} domain ${first.domain}: no provider or directory entry has it`,
    };
  }
  const via = senderClues(e)[0];
  return {
    senderKey: 'unknown',
    senderProviderId: null,
    senderLabel: 'unknown sender',
    senderEvidence: via
      ? `only a bulk-mail service (${bulkService(via.domain) ?? via.domain}) is named`
      : 'no sender domain in the message',
  };
}

/** Whether the sender is the identity's own provider: by provider, or by the same directory entry. */
function isOwner(senderKey: string, owner: ProviderInfo): boolean {
  return (
    senderKey === `provider:${owner.id}` ||
    (owner.directorySlug !== null && senderKey === `directory:${owner.directorySlug}`)
  );
}

/**
 * Classifies one message.
 *
 * @example classify(envelope, ctx) // → { identityId: 7, senderKey: 'domain:spammer.example', leak: true, … }
 */
export function classify(envelope: Envelope, ctx: ClassifierContext): Classification {
  const isList = envelope.bulk || envelope.listId !== null || envelope.listUnsubscribe.length > 0;
  const reached = findIdentity(envelope, ctx);
  const sender = findSender(envelope, ctx);
  const owner =
    reached?.identity?.providerId == null ? undefined : ctx.providers.get(reached.identity.providerId);
  const leak =
    owner !== undefined &&
    sender.senderKey !== 'self' &&
    !isOwner(sender.senderKey, owner) &&
    !ctx.allowed.has(`${owner.id} ${sender.senderKey}`);
  return {
    isList,
    identityId: reached?.identity?.id ?? null,
    identityProviderId: owner?.id ?? null,
    identityAddress: reached?.address ?? null,
    identityHeader: reached?.header ?? null,
    identityHow: reached?.how ?? null,
    ...sender,
    leak,
  };
}
