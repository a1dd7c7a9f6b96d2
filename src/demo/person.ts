import type { IsoDate } from '../platform/dates.js';
import type { FactKind } from '../vault/kinds.js';
import { MOVED_DAYS_AGO, type DemoCalendar } from './calendar.js';

/**
 * The demo person: Alex Jordan Morgan, born 14 May 1992, who works for a Bristol analytics firm and
 * moved from a flat in Manchester to one in Bristol six weeks before the demo's day. Every
 * organisation, e-mail domain and number is fictional (phones are in Ofcom's drama ranges, except
 * the mobile, whose drama range the phone library rejects).
 */
export interface DemoFact {
  readonly kind: FactKind;
  readonly label: string;
  /** Oldest first: the value as typed, the day it became valid, and why it changed. */
  readonly versions: readonly DemoFactVersion[];
  /** The day it stopped being true. */
  readonly retiredOn?: IsoDate;
}

export interface DemoFactVersion {
  readonly value: Record<string, unknown>;
  readonly validFrom: IsoDate;
  readonly note?: string;
}

const BIRTHDAY = '1992-05-14';
/** Alex joined Meridian Analytics this many days before the demo's day. */
const EMPLOYED_DAYS_AGO = 1600;

const MANCHESTER_FLAT = {
  lines: ['Flat 4', '27 Oxford Road'],
  locality: 'Manchester',
  postcode: 'M1 5QA',
  country: 'GB',
};
const BRISTOL_FLAT = {
  lines: ['12 Cotham Hill'],
  locality: 'Bristol',
  postcode: 'BS6 6LA',
  country: 'GB',
};

export const demoFacts = ({ ago, inDays }: DemoCalendar): readonly DemoFact[] => [
  {
    kind: 'name',
    label: 'legal',
    versions: [
      { value: { full: 'Alex Jordan Morgan', given: 'Alex', family: 'Morgan' }, validFrom: BIRTHDAY },
    ],
  },
  { kind: 'date', label: 'birthday', versions: [{ value: { date: BIRTHDAY }, validFrom: BIRTHDAY }] },
  {
    kind: 'date',
    label: 'moved to Bristol',
    versions: [{ value: { date: ago(MOVED_DAYS_AGO) }, validFrom: ago(MOVED_DAYS_AGO) }],
  },

  // E-mail: a personal address, a shopping alias, and one address per provider on Alex's own domain.
  {
    kind: 'email',
    label: 'personal',
    versions: [{ value: { address: 'alex.morgan@mailbox.example' }, validFrom: '2012-03-01' }],
  },
  {
    kind: 'email',
    label: 'shopping',
    versions: [{ value: { address: 'alex+shops@mailbox.example' }, validFrom: '2019-06-01' }],
  },
  {
    kind: 'email',
    label: 'for Parcelpoint Marketplace',
    versions: [{ value: { address: 'parcelpoint@alexmorgan.example' }, validFrom: ago(380) }],
  },
  {
    kind: 'email',
    label: 'for Brightside Energy',
    versions: [{ value: { address: 'brightside@alexmorgan.example' }, validFrom: ago(318) }],
  },
  {
    kind: 'email',
    label: 'work',
    versions: [
      { value: { address: 'a.morgan@meridian-analytics.example' }, validFrom: ago(EMPLOYED_DAYS_AGO) },
    ],
  },
  {
    kind: 'email',
    label: 'previous job',
    versions: [{ value: { address: 'alex.morgan@ashworth-partners.example' }, validFrom: ago(3400) }],
    retiredOn: ago(EMPLOYED_DAYS_AGO + 1),
  },

  // Phones: typed in national form with a country, or in international form.
  {
    kind: 'phone',
    label: 'mobile',
    versions: [{ value: { number: '07911 123456', country: 'GB' }, validFrom: '2015-01-10' }],
  },
  {
    kind: 'phone',
    label: 'work',
    versions: [{ value: { number: '+44 117 496 0123' }, validFrom: ago(EMPLOYED_DAYS_AGO) }],
  },
  {
    kind: 'phone',
    label: 'Manchester landline',
    versions: [{ value: { number: '0161 496 0321', country: 'GB' }, validFrom: '2019-08-01' }],
    retiredOn: ago(MOVED_DAYS_AGO),
  },

  // The home address is one fact with two versions: the move added a version, it overwrote nothing.
  {
    kind: 'postal_address',
    label: 'home',
    versions: [
      { value: MANCHESTER_FLAT, validFrom: '2019-08-01' },
      { value: BRISTOL_FLAT, validFrom: ago(MOVED_DAYS_AGO), note: 'Moved to Bristol' },
    ],
  },
  {
    kind: 'postal_address',
    label: 'work',
    versions: [
      {
        value: {
          lines: ['Meridian Analytics Ltd', '3 Harbourside Walk'],
          locality: 'Bristol',
          postcode: 'BS1 5TY',
          country: 'GB',
        },
        validFrom: ago(EMPLOYED_DAYS_AGO),
      },
    ],
  },

  // IBANs with valid mod-97 check digits, for a fictional bank code (HRBB).
  {
    kind: 'bank_account',
    label: 'current account',
    versions: [
      {
        value: {
          iban: 'GB45 HRBB 4017 2631 9268 19',
          bic: 'HRBBGB2L',
          holder: 'Alex J Morgan',
          bank: 'Harbour Bank',
        },
        validFrom: ago(2900),
      },
    ],
  },
  {
    kind: 'bank_account',
    label: 'savings',
    versions: [
      {
        value: { iban: 'GB67HRBB40172655021347', holder: 'Alex J Morgan', bank: 'Harbour Bank' },
        validFrom: ago(2200),
      },
    ],
  },

  {
    kind: 'identity_document',
    label: 'passport',
    versions: [
      {
        value: {
          document_type: 'passport',
          number: '925076473',
          issuer: 'GB',
          issued_on: '2019-07-02',
          expires_on: '2029-07-02',
        },
        validFrom: '2019-07-02',
      },
    ],
  },
  {
    kind: 'identity_document',
    label: 'driving licence',
    versions: [
      {
        // The number encodes the surname, the birthday and the initials, as DVLA numbers do.
        value: {
          document_type: 'driving_licence',
          number: 'MORGA905142AJ9XY',
          issuer: 'DVLA',
          issued_on: '2021-05-14',
          expires_on: '2031-05-13',
        },
        validFrom: '2021-05-14',
      },
    ],
  },
  {
    kind: 'identity_document',
    label: 'national insurance',
    versions: [
      {
        value: { document_type: 'social_security', number: 'QQ123456C', issuer: 'HMRC' },
        validFrom: '2008-05-14',
      },
    ],
  },
  {
    kind: 'identity_document',
    label: 'health card (GHIC)',
    versions: [
      {
        // Expires soon, so the demo has a document to renew.
        value: {
          document_type: 'health_insurance',
          number: '8062 4417 2093',
          issuer: 'NHS',
          issued_on: inDays(40 - 5 * 365),
          expires_on: inDays(40),
        },
        validFrom: inDays(40 - 5 * 365),
      },
    ],
  },

  {
    kind: 'custom',
    label: 'car',
    versions: [{ value: { text: 'Grey 2019 hatchback, registration MA19 KZT' }, validFrom: '2022-03-12' }],
  },
  {
    kind: 'custom',
    label: 'contact preferences',
    versions: [
      {
        value: {
          text: 'E-mail first, on the address kept for that provider.\nNo marketing calls or texts.',
        },
        validFrom: ago(MOVED_DAYS_AGO),
      },
    ],
  },
];
