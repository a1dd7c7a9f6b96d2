import { badInput } from '../days.js';
import {
  answerTo,
  checkedDay,
  dueParagraph,
  identificationParagraph,
  indent,
  joinParts,
  noIdParagraph,
  notBefore,
  TEXT_WORDS,
  type Channel,
  type Identification,
  type TextParts,
} from './common.js';
import { ACCESS_ITEMS, cite, citeLaw, KIND_LABELS, type Language, type RequestKind } from './kinds.js';

/** One fact to correct: what the provider holds (null when unknown) and what is right, as lines. */
export interface RectifyFact {
  readonly label: string;
  readonly held: readonly string[] | null;
  readonly correct: readonly string[];
}

/** Everything a request's text says; the kind-specific details apply to their kind only. */
export interface RequestTextInput {
  readonly kind: RequestKind;
  readonly language: Language;
  /** The provider's name. */
  readonly provider: string;
  readonly identification: Identification;
  /** `YYYY-MM-DD`: the day of the letter or e-mail. */
  readonly sentOn: string;
  /** The Art. 12(3) deadline when known, `YYYY-MM-DD`, so the text can state it. */
  readonly dueOn?: string | undefined;
  /** Rectification: each fact to correct. */
  readonly rectify?: readonly RectifyFact[] | undefined;
  /** Erasure: what to erase, by label; none or empty means everything. */
  readonly erase?: readonly string[] | undefined;
  /** Objection: the processing objected to, in the person's words. */
  readonly objectTo?: string | undefined;
  /** Withdrawal: the consent withdrawn, in the person's words; absent means every consent. */
  readonly consentTo?: string | undefined;
  /** Portability: the format asked for. */
  readonly portabilityFormat?: string | undefined;
  readonly channel: Channel;
}

const DEFAULT_FORMAT = {
  en: 'a structured, commonly used and machine-readable format (JSON or CSV)',
  de: 'einem strukturierten, gängigen und maschinenlesbaren Format (JSON oder CSV)',
} as const;

const given = (value: string | undefined): string | null =>
  value && value.trim() !== '' ? value.trim() : null;
const bullets = (items: readonly string[]): string => indent(items, '  - ');

/** The Art. 15 items, one numbered line each, so that a missing one can be named later. */
const accessList = (language: Language): string =>
  ACCESS_ITEMS.map(
    (item, i) =>
      `${String(i + 1)}. ${item[language]} (${cite(item.article, language)})${i === ACCESS_ITEMS.length - 1 ? '.' : ';'}`,
  ).join('\n');

/** The paragraphs that say what is asked for, per kind, in English. */
function askEn(input: RequestTextInput): string[] {
  const law = (article: string) => citeLaw(article, 'en');
  const to = answerTo(input.channel, input.identification, 'en');
  switch (input.kind) {
    case 'access':
      return [
        `Under ${law('Art. 15')}, I ask you for access to the personal data you hold about me. Please give me:\n${accessList('en')}`,
        `Please provide the copy in a commonly used electronic form (${law('Art. 15(3)')}) and send it ${to}.`,
      ];
    case 'rectification':
      return [
        `Under ${law('Art. 16')}, I ask you to correct the following personal data you hold about me without undue delay:\n${rectifyLines(input, 'en')}`,
        `Please confirm the correction ${to}, and tell every recipient you have disclosed the data to (${law('Art. 19')}).`,
      ];
    case 'erasure': {
      const what =
        input.erase && input.erase.length > 0
          ? `the following personal data you hold about me:\n${bullets(input.erase)}`
          : 'all personal data you hold about me.';
      return [
        `Under ${law('Art. 17(1)')}, I ask you to erase without undue delay ${what}`,
        'You no longer need the data for the purposes you collected it for, and I withdraw any consent it rests on and object to its further processing. Where the law obliges you to keep some of it, please keep only that, restrict it to that purpose, and tell me which data and which obligation.',
        `Please confirm the erasure ${to}, tell every recipient you have disclosed the data to that I asked for it to be erased, and tell me who they are (${law('Art. 19')}).`,
      ];
    }
    case 'restriction':
      return [
        `Under ${law('Art. 18')}, I ask you to restrict the processing of the personal data you hold about me. Until the restriction is lifted, please only store the data and use it otherwise only as ${cite('Art. 18(2)', 'en')} allows.`,
        `Please confirm the restriction ${to}, tell every recipient you have disclosed the data to (${law('Art. 19')}), and tell me before you lift it (${cite('Art. 18(3)', 'en')}).`,
      ];
    case 'portability':
      return [
        `Under ${law('Art. 20')}, I ask you for the personal data I have provided to you, in ${given(input.portabilityFormat) ?? DEFAULT_FORMAT.en}. This includes what I entered myself and what my use of your service recorded.`,
        `Please send it ${to}.`,
      ];
    case 'objection':
      return [
        `Under ${law('Art. 21(1)')}, on grounds relating to my particular situation, I object to ${given(input.objectTo) ?? 'the processing of my personal data that you base on your legitimate interests or on a task in the public interest (Art. 6(1)(e) or (f))'}.`,
        `Please stop this processing unless you can show compelling legitimate grounds that override my interests, rights and freedoms, and confirm to me ${to} what you have done.`,
      ];
    case 'marketing_objection': {
      const also = given(input.objectTo);
      return [
        `Under ${law('Art. 21(2)')}, I object to the processing of my personal data for direct marketing, including any profiling related to it${also ? `, in particular: ${also}` : ''}.`,
        `This objection needs no reasons and no weighing of interests: under ${cite('Art. 21(3)', 'en')}, you may no longer process my data for these purposes. Please confirm this ${to}.`,
      ];
    }
    case 'withdraw_consent': {
      const consent = given(input.consentTo);
      return [
        `Under ${law('Art. 7(3)')}, I withdraw ${consent ? `my consent to ${consent}` : 'every consent I have given you'}, with immediate effect.`,
        `Please stop the processing that rests on this consent, erase the personal data you processed only on its basis (${law('Art. 17(1)(b)')}), and confirm this ${to}.`,
      ];
    }
    case 'recipients':
      return [
        `Under ${cite('Art. 15(1)(c)', 'en')} and ${law('Art. 19')}, I ask you to tell me to whom you have disclosed my personal data. Please name each recipient, not only categories of recipients, with what data it received and when, including recipients in third countries.`,
        `Please send this ${to}.`,
      ];
  }
}

/** The paragraphs that say what is asked for, per kind, in German. */
function askDe(input: RequestTextInput): string[] {
  const law = (article: string) => citeLaw(article, 'de');
  const to = answerTo(input.channel, input.identification, 'de');
  switch (input.kind) {
    case 'access':
      return [
        `nach ${law('Art. 15')} bitte ich Sie um Auskunft über die personenbezogenen Daten, die Sie über mich verarbeiten. Bitte übermitteln Sie mir:\n${accessList('de')}`,
        `Bitte stellen Sie mir die Kopie in einem gängigen elektronischen Format zur Verfügung (${law('Art. 15(3)')}) und senden Sie sie ${to}.`,
      ];
    case 'rectification':
      return [
        `nach ${law('Art. 16')} bitte ich Sie, die folgenden Daten, die Sie über mich gespeichert haben, unverzüglich zu berichtigen:\n${rectifyLines(input, 'de')}`,
        `Bitte bestätigen Sie mir die Berichtigung ${to} und teilen Sie sie allen Empfängern mit, denen Sie die Daten offengelegt haben (${law('Art. 19')}).`,
      ];
    case 'erasure': {
      const what =
        input.erase && input.erase.length > 0
          ? `die folgenden Daten, die Sie über mich gespeichert haben, unverzüglich zu löschen:\n${bullets(input.erase)}`
          : 'alle personenbezogenen Daten, die Sie über mich gespeichert haben, unverzüglich zu löschen.';
      return [
        `nach ${law('Art. 17(1)')} bitte ich Sie, ${what}`,
        'Sie benötigen die Daten für die Zwecke, zu denen Sie sie erhoben haben, nicht mehr; eine etwaige Einwilligung widerrufe ich, und der weiteren Verarbeitung widerspreche ich. Soweit Sie gesetzlich verpflichtet sind, einen Teil aufzubewahren, bewahren Sie bitte nur diesen auf, schränken Sie seine Verarbeitung auf diesen Zweck ein und nennen Sie mir die Daten und die Pflicht.',
        `Bitte bestätigen Sie mir die Löschung ${to}, teilen Sie allen Empfängern, denen Sie die Daten offengelegt haben, mein Löschverlangen mit und nennen Sie mir diese Empfänger (${law('Art. 19')}).`,
      ];
    }
    case 'restriction':
      return [
        `nach ${law('Art. 18')} bitte ich Sie, die Verarbeitung der personenbezogenen Daten, die Sie über mich gespeichert haben, einzuschränken. Bis die Einschränkung aufgehoben ist, speichern Sie die Daten bitte nur und verarbeiten Sie sie im Übrigen nur, soweit ${cite('Art. 18(2)', 'de')} es erlaubt.`,
        `Bitte bestätigen Sie mir die Einschränkung ${to}, teilen Sie sie allen Empfängern mit, denen Sie die Daten offengelegt haben (${law('Art. 19')}), und unterrichten Sie mich, bevor Sie sie aufheben (${cite('Art. 18(3)', 'de')}).`,
      ];
    case 'portability':
      return [
        `nach ${law('Art. 20')} bitte ich Sie um die personenbezogenen Daten, die ich Ihnen bereitgestellt habe, in ${given(input.portabilityFormat) ?? DEFAULT_FORMAT.de}. Dazu gehört, was ich selbst eingegeben habe und was bei der Nutzung Ihres Dienstes über mich aufgezeichnet wurde.`,
        `Bitte senden Sie sie mir ${to}.`,
      ];
    case 'objection': {
      const what = given(input.objectTo);
      return [
        `nach ${law('Art. 21(1)')} widerspreche ich aus Gründen, die sich aus meiner besonderen Situation ergeben, ${what ? `der folgenden Verarbeitung: ${what}` : 'der Verarbeitung meiner personenbezogenen Daten, die Sie auf Ihre berechtigten Interessen oder auf eine Aufgabe im öffentlichen Interesse stützen (Art. 6 Abs. 1 lit. e oder f)'}.`,
        `Bitte beenden Sie diese Verarbeitung, sofern Sie keine zwingenden schutzwürdigen Gründe nachweisen, die meine Interessen, Rechte und Freiheiten überwiegen, und teilen Sie mir ${to} mit, was Sie veranlasst haben.`,
      ];
    }
    case 'marketing_objection': {
      const also = given(input.objectTo);
      return [
        `nach ${law('Art. 21(2)')} widerspreche ich der Verarbeitung meiner personenbezogenen Daten für Direktwerbung einschließlich eines damit verbundenen Profilings${also ? `, insbesondere: ${also}` : ''}.`,
        `Dieser Widerspruch bedarf keiner Begründung und keiner Interessenabwägung: Nach ${cite('Art. 21(3)', 'de')} dürfen Sie meine Daten für diese Zwecke nicht mehr verarbeiten. Bitte bestätigen Sie mir dies ${to}.`,
      ];
    }
    case 'withdraw_consent': {
      const consent = given(input.consentTo);
      return [
        `nach ${law('Art. 7(3)')} widerrufe ich ${consent ? `meine Einwilligung in Folgendes: ${consent}` : 'jede Einwilligung, die ich Ihnen erteilt habe'}, mit sofortiger Wirkung.`,
        `Bitte beenden Sie die Verarbeitung, die auf dieser Einwilligung beruht, löschen Sie die Daten, die Sie nur auf ihrer Grundlage verarbeitet haben (${law('Art. 17(1)(b)')}), und bestätigen Sie mir dies ${to}.`,
      ];
    }
    case 'recipients':
      return [
        `nach ${cite('Art. 15(1)(c)', 'de')} und ${law('Art. 19')} bitte ich Sie mitzuteilen, wem Sie meine personenbezogenen Daten offengelegt haben. Bitte nennen Sie jeden Empfänger namentlich, nicht nur Kategorien von Empfängern, mit den Daten, die er erhalten hat, und dem Zeitpunkt, einschließlich Empfängern in Drittländern.`,
        `Bitte senden Sie mir diese Auskunft ${to}.`,
      ];
  }
}

/** Each fact to correct: its label, then what is held and what is right, lines indented. */
function rectifyLines(input: RequestTextInput, language: Language): string {
  const facts = input.rectify ?? [];
  if (facts.length === 0) {
    throw badInput(
      'rectify',
      'Facts to correct: a rectification needs at least one fact, with what the provider holds and what is right',
    );
  }
  const words =
    language === 'en'
      ? { held: 'You hold:', correct: 'Correct:' }
      : { held: 'Gespeichert:', correct: 'Richtig:' };
  return facts
    .map((fact, i) => {
      if (fact.correct.length === 0 || fact.correct.every((line) => line.trim() === '')) {
        throw badInput(
          `rectify.${String(i)}.correct`,
          `Correct value of "${fact.label}" is empty: give what the provider should hold instead`,
        );
      }
      const held =
        fact.held && fact.held.length > 0 ? [`      ${words.held}`, indent(fact.held, '          ')] : [];
      return [
        `  - ${fact.label}`,
        ...held,
        `      ${words.correct}`,
        indent(fact.correct, '          '),
      ].join('\n');
    })
    .join('\n');
}

/**
 * A data-subject request in its parts (see `requestText`); a letter takes the paragraphs and adds
 * its own salutation and closing.
 */
export function requestParts(input: RequestTextInput): TextParts {
  const sentOn = checkedDay(input.sentOn, 'Sending day', 'sentOn');
  if (input.dueOn !== undefined) {
    const dueOn = checkedDay(input.dueOn, 'Due day', 'dueOn');
    notBefore({ day: dueOn, label: 'Due day', path: 'dueOn' }, { day: sentOn, label: 'Sending day' });
  }
  const { language } = input;
  const label = KIND_LABELS[input.kind];
  const ask = language === 'en' ? askEn(input) : askDe(input);
  // English letters open the first paragraph with a capital; German ones go on in lower case after the comma.
  return {
    subject: `${label[language]} (${citeLaw(label.article, language)})`,
    greeting: TEXT_WORDS[language].greeting,
    paragraphs: [
      ...ask.slice(0, 1),
      identificationParagraph(input.identification, language),
      ...ask.slice(1),
      dueParagraph(language, input.dueOn),
      noIdParagraph(language),
    ],
    closing: TEXT_WORDS[language].closing,
    signature: input.identification.name?.trim() || null,
  };
}

/**
 * The subject and text of a data-subject request, in English or German, in our own words: the
 * article it rests on, what identifies the person (exactly the identification given, nothing
 * more), what is asked for, where the answer goes, the Art. 12(3) deadline (with its day when
 * known) and why no identity document is needed (Art. 12(6)).
 *
 * @example requestText({ kind: 'access', language: 'en', provider: 'Acme', sentOn: '2026-12-07',
 *   channel: 'email', identification: { email: 'acme@alex.example' } }).subject
 *   // → 'Access to my personal data (Art. 15 GDPR)'
 */
export function requestText(input: RequestTextInput): { subject: string; body: string } {
  return joinParts(requestParts(input));
}
