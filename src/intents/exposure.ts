/**
 * Whether a text gives the person away (issue 18, point 5): their name, any e-mail address or
 * alias, their phone, any postal address, their IBAN, an identity document's number, or their
 * main key's public JWK or its thumbprint, in any of the forms these are written in. Everything a
 * persona sends is checked with this before it leaves (and the privacy test checks every byte
 * that did leave); only the disclosure made on accepting an offer may carry them.
 *
 * Forms looked for:
 * - text without regard to case, accents (`Müller`, `Muller`, `Mueller`) or spacing;
 * - a phone number as digits with any separators, with its country prefix (`+44`, `0044`) or its
 *   trunk prefix (`0`);
 * - a postcode, IBAN or document number with or without its spaces, as a whole token;
 * - an e-mail address also URL-encoded (`alex%40example.org`);
 * - inside a signed document (JWS, JWT, SD-JWT): each part decoded from base64url.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { FactKind } from '../vault/kind-names.js';

/** What must not be given away, and how to find it. */
export interface Secret {
  /** In words, for a message: `your name "Alex Example"`. */
  readonly what: string;
  readonly factId: number | null;
  readonly kind: FactKind | 'key';
  /** Needles in the folded text (see `fold`). */
  readonly words: readonly string[];
  /**
   * Tokens of letters and digits (a postcode, an IBAN, a document number), found as whole tokens
   * whatever the case and with or without spaces or dashes between their characters.
   */
  readonly tokens: readonly RegExp[];
  /** A phone number's national significant digits. */
  readonly digits: string | null;
  /** Compared exactly as they are: base64url (a key's members and thumbprint) is case-sensitive. */
  readonly raw: readonly string[];
}

/** A secret found in a text. */
export interface Exposure {
  readonly what: string;
  readonly factId: number | null;
  readonly kind: Secret['kind'];
  /** Where: `in the text`, or `in part 2 of a signed document`. */
  readonly where: string;
}

/** What the secrets are made from: the person's facts, their identities' values, their public keys. */
export interface SecretSources {
  readonly facts: readonly {
    readonly id: number;
    readonly kind: FactKind;
    readonly label: string;
    readonly value: Readonly<Record<string, unknown>>;
  }[];
  /** Every e-mail address of theirs besides the facts': aliases given to providers. */
  readonly addresses?: readonly string[];
  /** Public JWKs (`x`, `y` or `n` members) and their RFC 7638 thumbprints. */
  readonly keys?: readonly { readonly jwk: Readonly<Record<string, unknown>>; readonly thumbprint: string }[];
}

const GERMAN_FOLD: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * Text as compared: lower case, accents removed, runs of white space one space. With `german`,
 * umlauts are written out first (`müller` → `mueller`), as forms and banks often do.
 */
export function fold(text: string, german = false): string {
  let lower = text.toLowerCase();
  if (german) lower = lower.replace(/[äöüß]/gu, (c) => GERMAN_FOLD[c] ?? c);
  return lower.normalize('NFKD').replace(/\p{M}/gu, '').replace(/\s+/gu, ' ').trim();
}

/** Letters and digits only, upper case: how a postcode, IBAN or document number is compared. */
const compact = (text: string): string => text.toUpperCase().replace(/[^A-Z0-9]/gu, '');

/** `BS14DJ` as a whole token, also written `bs1 4dj` or `BS1-4DJ`. */
const tokenPattern = (token: string): RegExp =>
  // `compact` leaves only A–Z and 0–9: one character is one code unit.
  new RegExp(`(?<![A-Za-z0-9])${token.replace(/(?<=.)(?=.)/gu, '[\\s-]?')}(?![A-Za-z0-9])`, 'iu');

const str = (value: Readonly<Record<string, unknown>>, key: string): string => {
  const found = value[key];
  return typeof found === 'string' ? found.trim() : '';
};

const secret = (
  what: string,
  factId: number | null,
  kind: Secret['kind'],
  parts: { words?: string[]; tokens?: string[]; digits?: string | null },
): Secret => ({
  what,
  factId,
  kind,
  words: [
    ...new Set((parts.words ?? []).flatMap((w) => [fold(w), fold(w, true)]).filter((w) => w.length >= 3)),
  ],
  tokens: [...new Set((parts.tokens ?? []).map(compact).filter((t) => t.length >= 4))].map(tokenPattern),
  digits: parts.digits ?? null,
  raw: [],
});

/** The secrets of a person, from their facts, addresses and keys. */
export function secretsOf(sources: SecretSources): Secret[] {
  const out: Secret[] = [];
  for (const fact of sources.facts) {
    const { value } = fact;
    switch (fact.kind) {
      case 'name': {
        const full = str(value, 'full');
        const given = str(value, 'given');
        const family = str(value, 'family');
        const words = [full, family, given && family ? `${family}, ${given}` : ''].filter(Boolean);
        out.push(secret(`your name "${full}"`, fact.id, 'name', { words }));
        break;
      }
      case 'email': {
        const address = str(value, 'address');
        out.push(emailSecret(address, fact.id));
        break;
      }
      case 'phone': {
        const number = str(value, 'number');
        const parsed = parsePhoneNumberFromString(number);
        out.push(
          secret(`your phone number ${number}`, fact.id, 'phone', {
            digits: parsed ? parsed.nationalNumber : number.replace(/\D/gu, ''),
          }),
        );
        break;
      }
      case 'postal_address': {
        const lines = Array.isArray(value.lines) ? value.lines.map(String) : [];
        const postcode = str(value, 'postcode');
        out.push(
          secret(
            `your postal address "${[...lines, str(value, 'locality')].join(', ')}"`,
            fact.id,
            'postal_address',
            {
              words: lines.filter((line) => line.trim().length >= 6),
              tokens: postcode ? [postcode] : [],
            },
          ),
        );
        break;
      }
      case 'bank_account': {
        const iban = str(value, 'iban');
        out.push(secret(`your IBAN ${iban}`, fact.id, 'bank_account', { tokens: [iban] }));
        break;
      }
      case 'identity_document': {
        const number = str(value, 'number');
        out.push(
          secret(
            `your ${str(value, 'document_type').replace('_', ' ')} number ${number}`,
            fact.id,
            'identity_document',
            {
              tokens: [number],
            },
          ),
        );
        break;
      }
      case 'date':
      case 'custom':
        // Dates and the person's own notes are stated only as the person words them.
        break;
    }
  }
  for (const address of sources.addresses ?? []) out.push(emailSecret(address, null));
  for (const key of sources.keys ?? []) {
    const members = ['x', 'y', 'n'].map((m) => key.jwk[m]).filter((v): v is string => typeof v === 'string');
    out.push({
      ...secret(`your main key (thumbprint ${key.thumbprint})`, null, 'key', {}),
      raw: [key.thumbprint, ...members],
    });
  }
  return out;
}

function emailSecret(address: string, factId: number | null): Secret {
  const lower = address.toLowerCase();
  return secret(`your e-mail address ${address}`, factId, 'email', {
    words: [lower, lower.replace('@', '%40')],
  });
}

/** Runs of digits with the separators phone numbers are written with, as digits only. */
function digitRuns(text: string): string[] {
  return (text.match(/\+?\d[\d\s().\-/]{4,}\d/gu) ?? []).map((run) => run.replace(/\D/gu, ''));
}

/** The parts of signed documents (compact JWS, JWT, SD-JWT) in a text, decoded. */
function signedParts(text: string): string[] {
  const out: string[] = [];
  for (const token of text.match(/[A-Za-z0-9_-]{10,}(?:[.~][A-Za-z0-9_-]*){1,}/gu) ?? []) {
    for (const part of token.split(/[.~]/u)) {
      if (part.length < 8) continue;
      const decoded = Buffer.from(part, 'base64url').toString('utf8');
      // Only what decodes to text (a header, a payload, a disclosure), not a signature's bytes.
      if (/^[\x20-\x7e\u00a0-\uffff\s]+$/u.test(decoded) && !decoded.includes('\ufffd')) out.push(decoded);
    }
  }
  return out;
}

/**
 * Every secret a text gives away, each once, with where.
 *
 * @example exposuresIn('Call me on 07700 900123', secretsOf({ facts: [phone] }))[0]?.what // 'your phone number +447700900123'
 */
export function exposuresIn(text: string, secrets: readonly Secret[]): Exposure[] {
  const found = new Map<Secret, string>();
  const look = (body: string, where: string) => {
    const folded = [fold(body), fold(body, true)];
    const runs = digitRuns(body);
    for (const s of secrets) {
      if (found.has(s)) continue;
      const hit =
        s.words.some((w) => folded.some((f) => f.includes(w))) ||
        s.tokens.some((pattern) => pattern.test(body)) ||
        (s.digits !== null && s.digits.length >= 6 && runs.some((run) => run.endsWith(s.digits ?? ''))) ||
        s.raw.some((needle) => body.includes(needle));
      if (hit) found.set(s, where);
    }
  };
  look(text, 'in the text');
  signedParts(text).forEach((part, i) => look(part, `in part ${i + 1} of a signed document`));
  return [...found].map(([s, where]) => ({ what: s.what, factId: s.factId, kind: s.kind, where }));
}
