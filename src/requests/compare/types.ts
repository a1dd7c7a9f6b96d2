import type { Finding } from '../answer/findings.js';
import type { AskLanguage } from './words.js';

/** One vault fact with every version, and which versions the ledger says went to one provider. */
export interface LedgerFact {
  readonly factId: number;
  /** The vault kind: `name`, `email`, `phone`, `postal_address`, `date`, `bank_account`, … */
  readonly kind: string;
  readonly label: string;
  /** Every version, with the value as the vault stores it (`{ address }`, `{ lines, postcode, … }`). */
  readonly versions: readonly { version: number; value: unknown; validFrom: string | null }[];
  readonly currentVersion: number;
  /** Versions the ledger says went to this provider and still count (may be empty). */
  readonly givenVersions: readonly number[];
  /** Versions given to this provider and then withdrawn: it was asked to erase them. */
  readonly withdrawnVersions?: readonly number[];
  /** The fact is no longer true (retired in the vault): any version of it they hold is out of date. */
  readonly retired?: boolean;
}

/** A fact as a comparison names it: its id and label (never the id alone). */
export interface FactRef {
  readonly id: number;
  readonly label: string;
}

/** What an answer holds, set against what the ledger says the person gave that provider. */
export interface Comparison {
  /** Found in the answer, matches a fact (or a version of it) that was never given to this provider. */
  readonly neverGiven: { finding: Finding; fact: FactRef & { version: number }; ask: string }[];
  /**
   * Found, matches no fact in the vault, but looks personal (a birth date by its field name, an
   * e-mail at a personal mail service or the person's own domain, or a phone, an IBAN, an address
   * or a name in a record of the export): they hold it, from where?
   */
  readonly unknown: { finding: Finding; ask: string }[];
  /** Found in an older version than the current one (or a fact no longer true): rectification is one step away. */
  readonly outdated: { finding: Finding; fact: FactRef & { version: number; current: number } }[];
  /** Given to them (ledger), but the answer has no version of it: the answer is incomplete. */
  readonly leftOut: { fact: FactRef & { givenVersions: number[] } }[];
  /** Identities given to them (the alias, the phone) that the answer does not hold: incomplete too. */
  readonly leftOutIdentities: string[];
  /** Found and matching what was given, current; or the identity (alias) given to them. */
  /** `identity` is the identity as it was given (the alias, the phone), where it matched one. */
  readonly matched: { finding: Finding; fact?: FactRef & { version: number }; identity?: string }[];
  /**
   * An identity (an alias, a phone) the person gave to another provider only: this one got it
   * from there, or from someone that one shared it with. `identity` is as it was given.
   */
  readonly passedOn: { finding: Finding; identity: string; givenTo: string; ask: string }[];
  /** Given, then withdrawn (they were asked to erase it), and still in the answer. */
  readonly stillHeld: { finding: Finding; fact: FactRef & { version: number } }[];
  /**
   * Given to them, of a kind the extraction cannot find (an identity document, a free-text fact):
   * the comparison cannot say whether the answer holds it; the person checks it by eye.
   */
  readonly notChecked: { fact: FactRef & { kind: string; givenVersions: number[] } }[];
}

export interface CompareOptions {
  /** The provider's own domains: its addresses (support@, privacy@) are not the person's. */
  readonly providerDomains?: readonly string[];
  /** The provider's own phone numbers, as written anywhere ("Hotline: 030 1234567"): not the person's. */
  readonly providerPhones?: readonly string[];
  /** The provider's own postal addresses, as written on an envelope: not the person's. */
  readonly providerAddresses?: readonly string[];
  /** The country the provider's national phone numbers are read for (ISO 3166-1 alpha-2). */
  readonly providerCountry?: string;
  /**
   * The identities given to this provider (e-mail aliases, phone numbers): how it knows the
   * person, so finding them is a match, not something unknown.
   */
  readonly identities?: readonly string[];
  /** Identities given to other providers, with the provider's name: finding one here means it was passed on. */
  readonly otherIdentities?: readonly { value: string; provider: string }[];
  /** Values the person set aside: a finding whose value (or `kind:value`) is listed is left out of every list. */
  readonly ignore?: readonly string[];
  /** The language of the `ask` sentences. Default English. */
  readonly language?: AskLanguage;
}
