import type { FindingKind } from '../answer/findings.js';

/**
 * The sentences the comparison gives a person to ask with, in one place per language so that a
 * language is added by adding its table. Each cites the article that gives the right: where the
 * data came from is Art. 15(1)(g) (the source, when not collected from the person), and Art. 14
 * (the information owed when data was obtained elsewhere, its source among it, Art. 14(2)(f)).
 */

/** The languages the sentences are written in. */
export type AskLanguage = 'en' | 'de';

/** What a finding is, as the sentence names it: a kind, or a date of birth. */
export type AskWhat = Exclude<FindingKind, 'date'> | 'birth' | 'date';

interface AskWords {
  /** "your date of birth", with the possessive each language needs. */
  readonly yours: Record<AskWhat, (label: string) => string>;
  /** "the date of birth 1988-07-14". */
  readonly the: Record<AskWhat, (shown: string) => string>;
  /** They hold a fact of the person that the ledger says was never given to them. */
  readonly neverGiven: (yours: string) => string;
  /** They hold something personal that is not in the vault at all. */
  readonly unknown: (the: string) => string;
  /** They hold an identity the person gave to another provider only. */
  readonly passedOn: (the: string, givenTo: string) => string;
}

const EN: AskWords = {
  yours: {
    email: () => 'your e-mail address',
    phone: () => 'your phone number',
    address: () => 'your postal address',
    iban: () => 'your bank account (IBAN)',
    name: () => 'your name',
    birth: () => 'your date of birth',
    date: (label) => `your date "${label}"`,
  },
  the: {
    email: (shown) => `the e-mail address ${shown}`,
    phone: (shown) => `the phone number ${shown}`,
    address: (shown) => `the postal address ${shown}`,
    iban: (shown) => `the bank account (IBAN) ${shown}`,
    name: (shown) => `the name ${shown}`,
    birth: (shown) => `the date of birth ${shown}`,
    date: (shown) => `the date ${shown}`,
  },
  neverGiven: (yours) => `Ask where they got ${yours} (Art. 15(1)(g))`,
  unknown: (the) => `Ask where they got ${the}, and whose it is (Art. 14, Art. 15(1)(g))`,
  passedOn: (the, givenTo) =>
    `Ask where they got ${the}, which you gave only to ${givenTo} (Art. 15(1)(g)), and ask ${givenTo} whom it shared it with (Art. 15(1)(c))`,
};

const DE: AskWords = {
  yours: {
    email: () => 'Ihre E-Mail-Adresse',
    phone: () => 'Ihre Telefonnummer',
    address: () => 'Ihre Postanschrift',
    iban: () => 'Ihre Bankverbindung (IBAN)',
    name: () => 'Ihren Namen',
    birth: () => 'Ihr Geburtsdatum',
    date: (label) => `Ihr Datum „${label}“`,
  },
  the: {
    email: (shown) => `die E-Mail-Adresse ${shown}`,
    phone: (shown) => `die Telefonnummer ${shown}`,
    address: (shown) => `die Postanschrift ${shown}`,
    iban: (shown) => `die Bankverbindung (IBAN) ${shown}`,
    name: (shown) => `den Namen ${shown}`,
    birth: (shown) => `das Geburtsdatum ${shown}`,
    date: (shown) => `das Datum ${shown}`,
  },
  neverGiven: (yours) => `Fragen Sie, woher sie ${yours} haben (Art. 15 Abs. 1 lit. g DSGVO)`,
  unknown: (the) =>
    `Fragen Sie, woher sie ${the} haben und wessen Daten das sind (Art. 14, Art. 15 Abs. 1 lit. g DSGVO)`,
  passedOn: (the, givenTo) =>
    `Fragen Sie, woher sie ${the} haben, die Sie nur ${givenTo} gegeben haben (Art. 15 Abs. 1 lit. g DSGVO), und fragen Sie bei ${givenTo} nach, an wen sie weitergegeben wurde (Art. 15 Abs. 1 lit. c DSGVO)`,
};

const WORDS: Record<AskLanguage, AskWords> = { en: EN, de: DE };

/** "Ask where they got your date of birth (Art. 15(1)(g))": for a fact never given to them. */
export const askNeverGiven = (language: AskLanguage, what: AskWhat, label: string): string =>
  WORDS[language].neverGiven(WORDS[language].yours[what](label));

/** "Ask where they got the phone number +49 …, and whose it is": for a value not in the vault. */
export const askUnknown = (language: AskLanguage, what: AskWhat, shown: string): string =>
  WORDS[language].unknown(WORDS[language].the[what](shown));

/** "Ask where they got the e-mail address …, which you gave only to Acme": an identity passed on. */
export const askPassedOn = (language: AskLanguage, what: AskWhat, shown: string, givenTo: string): string =>
  WORDS[language].passedOn(WORDS[language].the[what](shown), givenTo);
