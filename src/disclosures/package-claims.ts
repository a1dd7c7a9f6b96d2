import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Identity } from '../identities/service.js';
import type { FactWithHistory } from '../vault/service.js';
import { claimWords } from './claim-text.js';

// The claims of a signed disclosure package: how facts and identities become named claims, the
// frame that makes each selectively disclosable, and how an issued package's claims are read back.

/** One claim of a package, and the fact or identity it came from. */
export interface PackageClaim {
  /** The claim's name, or `parent.part` for a part of a claim disclosed on its own (`address.locality`). */
  readonly claim: string;
  readonly value: unknown;
  /**
   * The claim in the person's words: the fact's label and kind ("home address", "legal name:
   * given name") or the identity it came from ("e-mail alias"), never the raw claim name.
   */
  readonly label: string;
  readonly factId: number | null;
  readonly identityId: number | null;
}

/** The word a fact's label needs after it to say its kind ("home" → "home address"); none for some. */
const KIND_WORDS: Partial<Record<string, string>> & Record<FactWithHistory['kind'], string> = {
  name: 'name',
  email: 'e-mail',
  phone: 'phone',
  postal_address: 'address',
  date: '',
  bank_account: 'bank account',
  identity_document: '',
  custom: '',
};

/** A fact as the person knows it: its label, and its kind unless the label already says it. */
export function factWords(fact: { readonly label: string; readonly kind: string }): string {
  const word = KIND_WORDS[fact.kind] ?? '';
  const label = fact.label.trim();
  const bare = (text: string) => text.toLowerCase().replaceAll('-', '');
  return !word || bare(label).includes(bare(word.split(' ').at(-1) ?? word)) ? label : `${label} ${word}`;
}

/** The words for one claim of a fact: the fact, and which of its claims when it makes several. */
function claimLabel(fact: FactWithHistory, claim: string, several: boolean): string {
  return several && claim !== 'name' ? `${factWords(fact)}: ${claimWords(claim)}` : factWords(fact);
}

const IDENTITY_WORDS: Record<string, string> = {
  email: 'e-mail alias',
  phone: 'phone number given',
  postal: 'tagged postal address',
};

const slug = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[^\w\s]/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_')
    .slice(0, 40) || 'fact';

/** A fact as claims, with names from OpenID Connect where there is one, for filling in forms. */
function claimsOf(fact: FactWithHistory): [string, unknown][] {
  const v = fact.current.value;
  const s = (k: string): string | undefined => (typeof v[k] === 'string' ? v[k] : undefined);
  switch (fact.kind) {
    case 'name':
      return [
        ['name', s('full')],
        ['given_name', s('given')],
        ['family_name', s('family')],
      ].filter((c): c is [string, string] => c[1] !== undefined);
    case 'email':
      return [['email', s('address')]];
    case 'phone':
      return [['phone_number', s('number')]];
    case 'postal_address':
      return [['address', postalClaim(v)]];
    case 'date':
      return [[/birth/i.test(fact.label) ? 'birthdate' : slug(fact.label), s('date')]];
    case 'bank_account':
      return [['iban', s('iban')], ...(s('bic') ? [['bic', s('bic')] as [string, unknown]] : [])];
    case 'identity_document':
      return [
        [
          s('document_type') ?? 'document',
          { number: s('number'), issuer: s('issuer'), expires_on: s('expires_on') },
        ],
      ];
    case 'custom':
      return [[slug(fact.label), s('text')]];
  }
}

function postalClaim(v: Record<string, unknown>) {
  const lines = Array.isArray(v.lines) ? (v.lines as string[]) : [];
  return {
    street_address: lines.join('\n'),
    locality: v.locality,
    ...(v.region ? { region: v.region } : {}),
    ...(v.postcode ? { postal_code: v.postcode } : {}),
    country: v.country,
  };
}

function identityClaim(identity: Identity): [string, unknown] {
  if (identity.kind === 'email') return ['email', identity.value];
  if (identity.kind === 'phone') return ['phone_number', identity.value];
  return ['address', postalClaim(JSON.parse(identity.value) as Record<string, unknown>)];
}

/**
 * A salt of 128 bits, as RFC 9901 §9.3 recommends (the library's default gives 64), so no one can
 * guess a withheld claim by trying its likely values.
 */
export const saltOf = (): string => randomBytes(16).toString('base64url');

/**
 * How many decoy digests to add to one object: a few, at random, so the number of digests does
 * not tell how many claims the package holds (RFC 9901 §4.2.5).
 */
const decoys = (): number => randomInt(2, 7);

/** A claim whose value is an object of parts, each disclosed on its own (a postal address). */
const hasParts = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The disclosure frame: every claim selectively disclosable, each part of an address too, with decoys. */
export function disclosureFrame(
  claims: readonly { claim: string; value: unknown }[],
): Record<string, unknown> {
  const frame: Record<string, unknown> = { _sd: claims.map((c) => c.claim), _sd_decoy: decoys() };
  for (const { claim, value } of claims) {
    if (hasParts(value)) frame[claim] = { _sd: Object.keys(value), _sd_decoy: decoys() };
  }
  return frame;
}

/**
 * The claims an issued package can disclose, read from its own disclosures: each claim named in
 * the payload's `_sd`, and for a claim whose value has an `_sd` of its own, each of its parts as
 * `claim.part` in its place.
 */
export function issuedClaims(sdJwt: string): { claim: string; value: unknown }[] {
  const [jwt = '', ...rest] = sdJwt.split('~');
  const disclosures = rest.filter(Boolean).map((d) => {
    const [, name, value] = JSON.parse(Buffer.from(d, 'base64url').toString('utf8')) as [
      string,
      string,
      unknown,
    ];
    return { digest: createHash('sha256').update(d).digest('base64url'), name, value };
  });
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    _sd?: string[];
  };
  // In the order the disclosures come, which is the order the claims were laid out in.
  const top = new Set(payload._sd ?? []);
  const parentOf = new Map<string, string>();
  for (const d of disclosures) {
    if (!top.has(d.digest) || !hasParts(d.value) || !Array.isArray(d.value._sd)) continue;
    for (const part of d.value._sd as string[]) parentOf.set(part, d.name);
  }
  return disclosures
    .filter((d) => top.has(d.digest))
    .flatMap((d) =>
      hasParts(d.value) && Array.isArray(d.value._sd)
        ? disclosures
            .filter((part) => parentOf.get(part.digest) === d.name)
            .map((part) => ({ claim: `${d.name}.${part.name}`, value: part.value }))
        : [{ claim: d.name, value: d.value }],
    );
}

/**
 * The claims of a package, in a fixed order (identities, then facts, both by id) so that the
 * names can be worked out again from the ledger: a second claim of a name gets `_2`, and so on.
 */
export function layout(identities: readonly Identity[], facts: readonly FactWithHistory[]): PackageClaim[] {
  const claims: PackageClaim[] = [];
  const taken = new Set<string>();
  const add = (
    name: string,
    value: unknown,
    label: string,
    factId: number | null,
    identityId: number | null,
  ) => {
    let claim = name;
    for (let n = 2; taken.has(claim); n++) claim = `${name}_${n}`;
    taken.add(claim);
    claims.push({ claim, value, label, factId, identityId });
  };
  for (const identity of [...identities].sort((a, b) => a.id - b.id)) {
    const [name, value] = identityClaim(identity);
    add(name, value, IDENTITY_WORDS[identity.kind] ?? 'identity', null, identity.id);
  }
  for (const fact of [...facts].sort((a, b) => a.id - b.id)) {
    const made = claimsOf(fact);
    for (const [name, value] of made)
      add(name, value, claimLabel(fact, name, made.length > 1), fact.id, null);
  }
  return claims;
}
