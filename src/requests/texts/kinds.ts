import { letterDate } from '../../letters/words.js';

/** The languages the request texts are written in. */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What a data-subject request can ask for, one kind per right of the GDPR. */
export const REQUEST_KINDS = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'objection',
  'marketing_objection',
  'withdraw_consent',
  'recipients',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** The keys of the information an access answer owes, item by item (see `ACCESS_ITEMS`). */
export type AccessItemKey =
  | 'copy'
  | 'purposes'
  | 'categories'
  | 'recipients'
  | 'period'
  | 'rights'
  | 'complaint'
  | 'source'
  | 'automated'
  | 'transfers';

/** One item an access answer must give, with its article and its words in each language. */
export interface AccessItem {
  readonly key: AccessItemKey;
  /** Written the English way, `Art. 15(1)(a)`; `cite` writes it the German way. */
  readonly article: string;
  readonly en: string;
  readonly de: string;
}

/**
 * Art. 15(3) and 15(1)(a)–(h) and 15(2): the copy and the information an access answer must give,
 * in the order of the article, so that a missing item can be named later (an admonition's
 * `missing_items`). Recipients are asked for by name: the Court of Justice held that the
 * categories suffice only where naming them is impossible (C-154/21, Österreichische Post).
 */
export const ACCESS_ITEMS: readonly AccessItem[] = [
  {
    key: 'copy',
    article: 'Art. 15(3)',
    en: 'a copy of the personal data about me that you process',
    de: 'eine Kopie der personenbezogenen Daten über mich, die Sie verarbeiten',
  },
  {
    key: 'purposes',
    article: 'Art. 15(1)(a)',
    en: 'the purposes for which you process it',
    de: 'die Zwecke, zu denen Sie sie verarbeiten',
  },
  {
    key: 'categories',
    article: 'Art. 15(1)(b)',
    en: 'the categories of personal data concerned',
    de: 'die Kategorien der verarbeiteten Daten',
  },
  {
    key: 'recipients',
    article: 'Art. 15(1)(c)',
    en: 'each recipient to whom you have disclosed it or will disclose it, by name, including any in third countries',
    de: 'jeden Empfänger, dem Sie sie offengelegt haben oder offenlegen werden, namentlich und einschließlich solcher in Drittländern',
  },
  {
    key: 'period',
    article: 'Art. 15(1)(d)',
    en: 'the period for which you will keep it or, if that is not possible, the criteria used to decide it',
    de: 'die geplante Speicherdauer oder, falls das nicht möglich ist, die Kriterien für ihre Festlegung',
  },
  {
    key: 'rights',
    article: 'Art. 15(1)(e)',
    en: 'information on my rights to rectification, erasure and restriction of processing, and to object',
    de: 'einen Hinweis auf meine Rechte auf Berichtigung, Löschung und Einschränkung der Verarbeitung sowie auf mein Widerspruchsrecht',
  },
  {
    key: 'complaint',
    article: 'Art. 15(1)(f)',
    en: 'information on my right to lodge a complaint with a supervisory authority',
    de: 'einen Hinweis auf mein Recht auf Beschwerde bei einer Aufsichtsbehörde',
  },
  {
    key: 'source',
    article: 'Art. 15(1)(g)',
    en: 'the source of the data, as far as you did not collect it from me',
    de: 'die Herkunft der Daten, soweit Sie sie nicht bei mir erhoben haben',
  },
  {
    key: 'automated',
    article: 'Art. 15(1)(h)',
    en: 'information on whether you make automated decisions about me, including profiling, and if so meaningful information about the logic involved and its likely consequences for me',
    de: 'Angaben dazu, ob Sie automatisierte Entscheidungen einschließlich Profiling über mich treffen, und falls ja, aussagekräftige Informationen über die dabei verwendete Logik und die angestrebten Auswirkungen für mich',
  },
  {
    key: 'transfers',
    article: 'Art. 15(2)',
    en: 'if you transfer the data to a third country or an international organisation, the safeguards under Art. 46 you rely on',
    de: 'bei Übermittlung in ein Drittland oder an eine internationale Organisation die geeigneten Garantien nach Art. 46, auf die Sie sich stützen',
  },
];

/** What each kind of request is called, in each language, and the article it rests on. */
export const KIND_LABELS: Readonly<Record<RequestKind, { en: string; de: string; article: string }>> = {
  access: {
    en: 'Access to my personal data',
    de: 'Auskunft über meine personenbezogenen Daten',
    article: 'Art. 15',
  },
  rectification: {
    en: 'Rectification of my personal data',
    de: 'Berichtigung meiner personenbezogenen Daten',
    article: 'Art. 16',
  },
  erasure: {
    en: 'Erasure of my personal data',
    de: 'Löschung meiner personenbezogenen Daten',
    article: 'Art. 17',
  },
  restriction: {
    en: 'Restriction of processing of my personal data',
    de: 'Einschränkung der Verarbeitung meiner personenbezogenen Daten',
    article: 'Art. 18',
  },
  portability: {
    en: 'Portability of my personal data',
    de: 'Übertragbarkeit meiner personenbezogenen Daten',
    article: 'Art. 20',
  },
  objection: {
    en: 'Objection to processing',
    de: 'Widerspruch gegen die Verarbeitung',
    article: 'Art. 21(1)',
  },
  marketing_objection: {
    en: 'Objection to direct marketing',
    de: 'Widerspruch gegen Direktwerbung',
    article: 'Art. 21(2)',
  },
  withdraw_consent: { en: 'Withdrawal of consent', de: 'Widerruf meiner Einwilligung', article: 'Art. 7(3)' },
  recipients: {
    en: 'Who my personal data was disclosed to',
    de: 'Empfänger meiner personenbezogenen Daten',
    article: 'Art. 15(1)(c)',
  },
};

/** The regulation's name as each language abbreviates it. */
export const LAW: Readonly<Record<Language, string>> = { en: 'GDPR', de: 'DSGVO' };

/**
 * An article as the language cites it: English keeps `Art. 15(1)(a)`; German writes paragraphs
 * and letters out, `Art. 15 Abs. 1 lit. a`.
 *
 * @example cite('Art. 15(1)(a)', 'de') // → 'Art. 15 Abs. 1 lit. a'
 */
export function cite(article: string, language: Language): string {
  if (language === 'en') return article;
  return article
    .replace(/\((\d+)\)/g, ' Abs. $1')
    .replace(/\(([a-z])\)/g, ' lit. $1')
    .replace(/\//g, ' und');
}

/** `cite` with the regulation's name: `Art. 15 GDPR`, `Art. 15 Abs. 3 DSGVO`. */
export const citeLaw = (article: string, language: Language): string =>
  `${cite(article, language)} ${LAW[language]}`;

/** A day as the language writes it in a letter: `6 January 2027`, `6. Januar 2027`. */
export const dayIn = (day: string, language: Language): string => letterDate(day, language);
