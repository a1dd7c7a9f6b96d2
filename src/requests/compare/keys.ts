import type { Finding } from '../answer/findings.js';
import {
  addressKeys,
  emailKeys,
  fieldSharesLabel,
  findingAddressKeys,
  ibanKey,
  nameWords,
  phoneKey,
  postcodeKey,
  saysBirth,
  wordsWithin,
} from './match.js';

/**
 * A fact version and a finding, each brought once into the form they compare in, so a large
 * export (thousands of findings) against the vault costs one normalisation per value, not one
 * per pair.
 */

/** How a finding matches a version of a fact: exactly, in part (a given name, a plus tag, a postcode alone). */
export type Strength = 'exact' | 'partial';

/** A fact version's value, normalised per kind. Only the kind's own field is set. */
export interface VersionKeys {
  readonly email?: { key: string; mailbox: string } | null;
  readonly phone?: string | null;
  readonly iban?: string;
  readonly name?: { full: string[]; parts: string[] };
  readonly address?: { keys: Set<string>; postcode: string };
  readonly date?: string;
}

/** A finding's value, normalised for the comparison. */
export interface FindingKeys {
  readonly email?: { key: string; mailbox: string } | null;
  readonly name?: string[];
  readonly address?: { keys: Set<string>; postcode: string };
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The keys of a vault value of a kind (`{ address }`, `{ number }`, `{ lines, postcode }`, …). */
export function versionKeys(kind: string, raw: unknown): VersionKeys {
  const value = record(raw);
  switch (kind) {
    case 'email':
      return { email: emailKeys(text(value.address)) };
    case 'phone':
      return { phone: phoneKey(text(value.number)) };
    case 'bank_account':
      return { iban: text(value.iban) === '' ? '' : ibanKey(text(value.iban)) };
    case 'name':
      return {
        name: {
          full: nameWords(text(value.full)),
          parts: nameWords([text(value.given), text(value.family)].join(' ')),
        },
      };
    case 'postal_address': {
      const postcode = text(value.postcode);
      const lines = Array.isArray(value.lines) ? value.lines.map(String) : [];
      return { address: { keys: addressKeys(postcode, lines), postcode: postcodeKey(postcode) } };
    }
    case 'date':
      return { date: text(value.date) };
    default:
      return {};
  }
}

/** The keys of a finding. */
export function findingKeys(finding: Finding): FindingKeys {
  switch (finding.kind) {
    case 'email':
      return { email: emailKeys(finding.value) };
    case 'name':
      return { name: nameWords(finding.value) };
    case 'address':
      return {
        address: { keys: findingAddressKeys(finding), postcode: postcodeKey(finding.postcode ?? '') },
      };
    // Phones, IBANs and dates are found normalised already (E.164, no spaces, ISO).
    case 'phone':
    case 'iban':
    case 'date':
      return {};
  }
}

const same = (a: readonly string[], b: readonly string[]): boolean =>
  a.length > 0 && a.join(' ') === b.join(' ');

/** How a finding matches one version of a fact (labelled `label`), or null. */
export function matchVersion(
  finding: Finding,
  found: FindingKeys,
  label: string,
  held: VersionKeys,
): Strength | null {
  switch (finding.kind) {
    case 'email': {
      if (!found.email || !held.email) return null;
      if (found.email.key === held.email.key) return 'exact';
      // A plus variant reaches the same mailbox: it is that address, tagged.
      return found.email.mailbox === held.email.mailbox ? 'partial' : null;
    }
    case 'phone':
      return held.phone === finding.value ? 'exact' : null;
    case 'iban':
      return held.iban !== undefined && held.iban !== '' && held.iban === ibanKey(finding.value)
        ? 'exact'
        : null;
    case 'name': {
      const words = found.name ?? [];
      if (!held.name) return null;
      if (same(words, held.name.full) || same(words, held.name.parts)) return 'exact';
      // "Alex" in a `firstName` field is part of "Alex Example".
      return wordsWithin(words, held.name.full) || wordsWithin(words, held.name.parts) ? 'partial' : null;
    }
    case 'address': {
      if (!held.address || !found.address) return null;
      const { keys, postcode } = found.address;
      if ([...keys].some((key) => held.address?.keys.has(key))) return 'exact';
      // A postcode alone (a music service's `postalCode`) is part of the address it belongs to.
      return keys.size === 0 && postcode !== '' && postcode === held.address.postcode ? 'partial' : null;
    }
    case 'date': {
      if (held.date !== finding.value) return null;
      // A birth date is the person's wherever it stands; other dates only in a field named like the fact.
      return saysBirth(label) || fieldSharesLabel(finding.places, label) ? 'exact' : null;
    }
  }
}
