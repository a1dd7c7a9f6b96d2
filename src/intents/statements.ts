/**
 * What a persona may say of the person (issue 18, point 1): only the facts the person attaches,
 * each generalised where it can be ("postcode area BS1", "driving licence since 2012", "a phone
 * number in GB"), never a vault fact in full unless the person says so. A statement is made here
 * from a fact and a form; a form the kind does not have, or "full" without the person's word,
 * is refused with the forms it has.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { IsoDate } from '../platform/dates.js';
import { VrmError } from '../platform/errors.js';
import { KIND_LABELS, type FactKind } from '../vault/kind-names.js';

/** The forms a statement of a fact can take; `full` states the fact as the vault holds it. */
export const STATEMENT_FORMS = [
  'postcode_area',
  'town',
  'country',
  'year',
  'years_since',
  'held',
  'held_since',
  'full',
] as const;
export type StatementForm = (typeof STATEMENT_FORMS)[number];

/** The forms of each kind, the most general last; `full` is every kind's, given only when asked for. */
const FORMS: Readonly<Record<FactKind, readonly StatementForm[]>> = {
  name: ['full'],
  email: ['full'],
  phone: ['country', 'full'],
  postal_address: ['postcode_area', 'town', 'country', 'full'],
  date: ['year', 'years_since', 'full'],
  bank_account: ['country', 'full'],
  identity_document: ['held_since', 'held', 'full'],
  custom: ['full'],
};

/** Each form as a person reads it in a message. */
export const FORM_WORDS: Readonly<Record<StatementForm, string>> = {
  postcode_area: 'the postcode area only',
  town: 'the town only',
  country: 'the country only',
  year: 'the year only',
  years_since: 'the whole years since',
  held: 'that you hold one',
  held_since: 'the year since you hold it',
  full: 'in full',
};

/** A fact as a statement is made from it: the version in force. */
export interface StatedFact {
  readonly id: number;
  readonly kind: FactKind;
  readonly label: string;
  readonly value: Readonly<Record<string, unknown>>;
}

/** What a persona states: the words it shows, and how much of the fact they give. */
export interface Statement {
  readonly factId: number;
  readonly form: StatementForm;
  /** The fact's label, as the person named it: `Date of birth`, `Home`. */
  readonly label: string;
  /** The stated value: `BS1`, `2012`, `GB`. */
  readonly value: string;
  /** `Home: postcode area BS1`. */
  readonly text: string;
  /** True for every form but `full`. */
  readonly generalised: boolean;
}

/** The forms a kind of fact can be stated in, `full` last. */
export const formsOf = (kind: FactKind): readonly StatementForm[] => FORMS[kind];

/** The form a fact is stated in when the person names none: its kind's first. */
export const defaultForm = (kind: FactKind): StatementForm => FORMS[kind][0] ?? 'full';

const str = (value: Readonly<Record<string, unknown>>, key: string): string => {
  const found = value[key];
  return typeof found === 'string' ? found.trim() : '';
};

/**
 * The part of a postcode that names an area, not a street: a British or Irish outward code
 * (`BS1` of `BS1 4DJ`, `D02` of `D02 X285`), the first two digits of a numeric one (`10…` of
 * `10115`, of `1012 AB`), the part before a space elsewhere (`K1A` of `K1A 0B1`).
 */
export function postcodeArea(postcode: string, country: string): string | null {
  const compact = postcode.toUpperCase().replace(/\s+/gu, ' ').trim();
  if (compact === '') return null;
  if (country === 'GB' || country === 'IE') {
    const outward = compact.includes(' ') ? compact.slice(0, compact.indexOf(' ')) : compact.slice(0, -3);
    return outward.length >= 2 ? outward : null;
  }
  // Numeric codes (10115, 75008, 1010), also with letters after (1012 AB): the first two digits.
  const leading = /^\d{4,6}/u.exec(compact.replace(/[\s-]/gu, ''));
  if (leading) return `${leading[0].slice(0, 2)}…`;
  const space = compact.indexOf(' ');
  return space > 0 ? compact.slice(0, space) : null;
}

/** Whole years from `from` to `today`, both `YYYY-MM-DD`. */
export function wholeYears(from: IsoDate, today: IsoDate): number {
  const years = Number(today.slice(0, 4)) - Number(from.slice(0, 4));
  return today.slice(5) < from.slice(5) ? years - 1 : years;
}

const DOCUMENT_WORDS: Readonly<Record<string, string>> = {
  passport: 'a passport',
  national_id: 'a national identity card',
  driving_licence: 'a driving licence',
  residence_permit: 'a residence permit',
  tax_id: 'a tax number',
  social_security: 'a social security number',
  health_insurance: 'a health insurance card',
  other: 'an identity document',
};

const refuse = (fact: StatedFact, form: StatementForm, why: string): never => {
  throw new VrmError(
    'invalid_input',
    `your ${KIND_LABELS[fact.kind]} "${fact.label}" cannot be stated ${form === 'full' ? 'in full' : `as ${FORM_WORDS[form]}`}: ${why}`,
  );
};

/**
 * The statement a persona makes of a fact in a form. `full` is refused unless `fullAllowed`: a
 * persona never states a fact of the person in full unless the person says so.
 *
 * @example statementOf({ id: 3, kind: 'postal_address', label: 'Home', value: { lines: ['1 Quay St'], locality: 'Bristol', postcode: 'BS1 4DJ', country: 'GB' } }, 'postcode_area', { today: '2026-12-07' }).text
 *   // → 'Home: postcode area BS1'
 */
export function statementOf(
  fact: StatedFact,
  form: StatementForm,
  options: { readonly today: IsoDate; readonly fullAllowed?: boolean },
): Statement {
  const forms = FORMS[fact.kind];
  if (!forms.includes(form)) {
    const others = forms.filter((f) => f !== 'full').map((f) => `${f} (${FORM_WORDS[f]})`);
    refuse(
      fact,
      form,
      others.length > 0
        ? `a ${KIND_LABELS[fact.kind]} can be stated as ${others.join(', ')}, or in full if you say so`
        : `a ${KIND_LABELS[fact.kind]} has no general form: it can only be stated in full, if you say so`,
    );
  }
  if (form === 'full' && options.fullAllowed !== true) {
    refuse(
      fact,
      form,
      `a persona states your facts only in general unless you say so; to state this one in full, say so (full: true, or --full)${
        forms.length > 1
          ? `, or state it as ${forms
              .filter((f) => f !== 'full')
              .map((f) => f)
              .join(' or ')}`
          : ''
      }`,
    );
  }
  const value = valueOf(fact, form, options.today);
  const words = form === 'full' ? value : phrase(fact, form, value);
  return {
    factId: fact.id,
    form,
    label: fact.label,
    value,
    text: `${fact.label}: ${words}`,
    generalised: form !== 'full',
  };
}

function valueOf(fact: StatedFact, form: StatementForm, today: IsoDate): string {
  const { value } = fact;
  switch (form) {
    case 'full':
      return fullText(fact);
    case 'postcode_area': {
      const area = postcodeArea(str(value, 'postcode'), str(value, 'country'));
      return area ?? refuse(fact, form, 'the address has no postcode whose area can be told apart');
    }
    case 'town':
      return [str(value, 'locality'), str(value, 'country')].filter(Boolean).join(', ');
    case 'country':
      return countryOf(fact) ?? refuse(fact, form, 'its country cannot be told');
    case 'year': {
      const date = str(value, 'date');
      return date.slice(0, 4) || refuse(fact, form, 'it has no date');
    }
    case 'years_since': {
      const date = str(value, 'date');
      if (!date) return refuse(fact, form, 'it has no date');
      const years = wholeYears(date, today);
      if (years < 0) return refuse(fact, form, `${date} is still to come`);
      return String(years);
    }
    case 'held':
      return DOCUMENT_WORDS[str(value, 'document_type')] ?? 'an identity document';
    case 'held_since': {
      const issued = str(value, 'issued_on');
      return issued.slice(0, 4) || refuse(fact, form, 'it has no issue date: state that you hold one (held)');
    }
  }
}

function phrase(fact: StatedFact, form: StatementForm, value: string): string {
  switch (form) {
    case 'postcode_area':
      return `postcode area ${value}`;
    case 'country':
      return fact.kind === 'phone'
        ? `a phone number in ${value}`
        : fact.kind === 'bank_account'
          ? `a bank account in ${value}`
          : value;
    case 'years_since':
      return value === '1' ? 'for 1 year' : `for ${value} years`;
    case 'held':
      return `holds ${value}`;
    case 'held_since':
      return `holds ${DOCUMENT_WORDS[str(fact.value, 'document_type')] ?? 'an identity document'} since ${value}`;
    case 'town':
    case 'year':
    case 'full':
      return value;
  }
}

function countryOf(fact: StatedFact): string | null {
  const { value } = fact;
  switch (fact.kind) {
    case 'postal_address':
      return str(value, 'country') || null;
    case 'phone':
      return parsePhoneNumberFromString(str(value, 'number'))?.country ?? null;
    case 'bank_account': {
      const iban = str(value, 'iban');
      return /^[A-Z]{2}/u.test(iban) ? iban.slice(0, 2) : null;
    }
    case 'name':
    case 'email':
    case 'date':
    case 'identity_document':
    case 'custom':
      return null;
  }
}

/** The fact as the vault holds it, on one line. */
function fullText(fact: StatedFact): string {
  const { value } = fact;
  switch (fact.kind) {
    case 'name':
      return str(value, 'full');
    case 'email':
      return str(value, 'address');
    case 'phone':
      return str(value, 'number');
    case 'postal_address': {
      const lines = Array.isArray(value.lines) ? value.lines.map(String) : [];
      return [
        ...lines,
        str(value, 'locality'),
        str(value, 'postcode'),
        str(value, 'region'),
        str(value, 'country'),
      ]
        .filter(Boolean)
        .join(', ');
    }
    case 'date':
      return str(value, 'date');
    case 'bank_account':
      return str(value, 'iban');
    case 'identity_document':
      return [str(value, 'document_type').replace('_', ' '), str(value, 'number'), str(value, 'issuer')]
        .filter(Boolean)
        .join(', ');
    case 'custom':
      return str(value, 'text');
  }
}
