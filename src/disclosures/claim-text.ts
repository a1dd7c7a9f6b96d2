// How the claims of a signed disclosure read to a person: names in words, an address in lines.
// Pure, and free of Node, so the web app shows claims exactly as the CLI and the service name them.

/** The words for the claim names vrm issues (OpenID Connect's, mostly) and the parts of an address. */
const CLAIM_WORDS: Record<string, string> = {
  name: 'full name',
  given_name: 'given name',
  family_name: 'family name',
  email: 'e-mail',
  phone_number: 'phone',
  address: 'address',
  birthdate: 'date of birth',
  iban: 'IBAN',
  bic: 'BIC',
  street_address: 'street',
  locality: 'town or city',
  region: 'region',
  postal_code: 'postcode',
  country: 'country',
  number: 'number',
  issuer: 'issuer',
  expires_on: 'expires on',
};

/** A claim name in words: `given_name` → "given name", `address.locality` → "address: town or city". */
export function claimWords(claim: string): string {
  const word = (name: string) => CLAIM_WORDS[name] ?? name.replace(/_(\d+)$/, ' $1').replaceAll('_', ' ');
  const [parent = claim, part] = claim.split('.', 2);
  return part === undefined ? word(parent) : `${word(parent)}: ${word(part)}`;
}

const ADDRESS_PARTS = ['street_address', 'locality', 'region', 'postal_code', 'country'];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a value is a postal address claim (OpenID Connect's `address`), whole or in part. */
const isAddress = (v: unknown): v is Record<string, unknown> =>
  isObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => ADDRESS_PARTS.includes(k));

/**
 * A claim's value as text a person reads: an address as the lines of an envelope (street lines,
 * then postcode and town, region, country), any other object as "part: value" lines, a list one
 * item a line.
 *
 * @example
 *   claimText({ street_address: '12 Cotham Hill', locality: 'Bristol', postal_code: 'BS6 6LA', country: 'GB' });
 *   // '12 Cotham Hill\nBS6 6LA Bristol\nGB'
 */
export function claimText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return typeof value === 'function' ? '' : JSON.stringify(value);
  if (Array.isArray(value)) return value.map(claimText).join('\n');
  if (isAddress(value)) {
    const s = (k: string) => (typeof value[k] === 'string' ? value[k] : '');
    return [
      s('street_address'),
      [s('postal_code'), s('locality')].filter(Boolean).join(' '),
      s('region'),
      s('country'),
    ]
      .filter(Boolean)
      .join('\n');
  }
  return Object.entries(value)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${claimWords(k)}: ${claimText(v)}`)
    .join('\n');
}

/**
 * Disclosed claims as a person reads them: the parts of one claim (`address.locality`,
 * `address.country`) put back together under it, in the order they came.
 *
 * @example
 *   readableClaims({ email: 'a@b.example', 'address.locality': 'Bristol' });
 *   // [['email', 'a@b.example'], ['address', 'Bristol']]
 */
export function readableClaims(disclosed: Record<string, unknown>): [string, string][] {
  const grouped = new Map<string, unknown>();
  for (const [claim, value] of Object.entries(disclosed)) {
    const [parent = claim, part] = claim.split('.', 2);
    if (part === undefined) grouped.set(claim, value);
    else {
      const held = grouped.get(parent);
      grouped.set(parent, { ...(isObject(held) ? held : {}), [part]: value });
    }
  }
  return [...grouped].map(([claim, value]) => [claim, claimText(value)]);
}
