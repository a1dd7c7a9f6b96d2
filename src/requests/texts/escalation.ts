import { badInput } from '../days.js';
import {
  checkedDay,
  identificationParagraph,
  indent,
  joinParts,
  notBefore,
  TEXT_WORDS,
  type Identification,
  type TextParts,
} from './common.js';
import {
  ACCESS_ITEMS,
  cite,
  citeLaw,
  dayIn,
  KIND_LABELS,
  type AccessItemKey,
  type Language,
  type RequestKind,
} from './kinds.js';

/** Why a request's answer falls short: each names what went wrong, with the article it breaks. */
export type AdmonitionReason =
  | { readonly kind: 'overdue'; readonly dueOn: string }
  | { readonly kind: 'missing_items'; readonly items: readonly AccessItemKey[] }
  /** Data the person gave the provider that the answer leaves out, by label. */
  | { readonly kind: 'left_out'; readonly what: readonly string[] }
  /** The provider demanded more to identify the person than it needs: "a copy of my passport". */
  | { readonly kind: 'excessive_id'; readonly asked: string }
  /** "an electronic copy" asked, "a paper printout" got. */
  | { readonly kind: 'wrong_medium'; readonly asked: string; readonly got: string }
  /** The language the answer came in, in the text's language: "French", "Französisch". */
  | { readonly kind: 'wrong_language'; readonly got: string };

export interface AdmonitionInput {
  readonly language: Language;
  readonly provider: string;
  readonly requestKind: RequestKind;
  /** `YYYY-MM-DD`. */
  readonly requestSentOn: string;
  readonly identification: Identification;
  readonly reasons: readonly AdmonitionReason[];
  /** The new deadline the admonition sets, usually its day plus 14 days. */
  readonly newDueOn: string;
  /** The admonition's own day. */
  readonly sentOn: string;
  /** The controller's notice that it extended the period (Art. 12(3)), when there was one. */
  readonly extension?: { readonly noticeOn: string } | undefined;
}

export interface ComplaintInput {
  readonly language: Language;
  /** The supervisory authority's name: the letter's or e-mail's addressee, not repeated in the text. */
  readonly authority: string;
  readonly controller: {
    readonly name: string;
    readonly address?: string | null | undefined;
    readonly email?: string | null | undefined;
  };
  readonly person: {
    readonly name?: string | undefined;
    readonly address?: readonly string[] | undefined;
    readonly email?: string | undefined;
  };
  readonly requestKind: RequestKind;
  readonly requestSentOn: string;
  readonly dueOn: string;
  readonly admonishedOn?: string | null | undefined;
  readonly reasons: readonly AdmonitionReason[];
  readonly sentOn: string;
}

/** Who the reasons speak to: the controller itself ("you") or an authority about it ("the controller"). */
type Voice = 'you' | 'they';

const bullets = (items: readonly string[]): string => indent(items, '  - ');

function missingItems(items: readonly AccessItemKey[], language: Language): string {
  if (items.length === 0) {
    throw badInput('reasons', 'Missing items: name at least one item of Art. 15 the answer leaves out');
  }
  return bullets(
    items.map((key) => {
      const item = ACCESS_ITEMS.find((candidate) => candidate.key === key);
      if (!item) {
        throw badInput(
          'reasons',
          `Missing items: "${key}" is not an item of Art. 15; use one of ${ACCESS_ITEMS.map((i) => i.key).join(', ')}`,
        );
      }
      return `${item[language]} (${cite(item.article, language)})`;
    }),
  );
}

function leftOut(what: readonly string[]): string {
  const shown = what.map((label) => label.trim()).filter((label) => label !== '');
  if (shown.length === 0)
    throw badInput('reasons', 'Left out: name at least one piece of data the answer leaves out');
  return bullets(shown);
}

/** One reason in plain English words, with its article. */
function reasonEn(reason: AdmonitionReason, voice: Voice): string {
  const law = (article: string) => citeLaw(article, 'en');
  const you = voice === 'you';
  switch (reason.kind) {
    case 'overdue':
      return `${you ? 'You have' : 'The controller has'} not answered, although the period of ${law('Art. 12(3)')} ended on ${dayIn(checkedDay(reason.dueOn, 'Due day', 'reasons'), 'en')}.`;
    case 'missing_items':
      return `${you ? 'Your' : 'The'} answer leaves out information that ${law('Art. 15(1)')} requires, item by item:\n${missingItems(reason.items, 'en')}`;
    case 'left_out':
      return `${you ? 'Your' : 'The'} copy of my data (${law('Art. 15(3)')}) is incomplete: it leaves out data I gave ${you ? 'you' : 'the controller'}:\n${leftOut(reason.what)}`;
    case 'excessive_id':
      return you
        ? `You asked for ${reason.asked} before answering. The details I gave are ones you already hold, so this goes beyond what identifying me needs: ${law('Art. 12(6)')} allows you to ask for more only when you have reasonable doubts, and data minimisation (${law('Art. 5(1)(c)')}) forbids collecting more than is necessary. Please answer without it.`
        : `The controller asked for ${reason.asked} before answering, although I identified myself with details it already holds. This goes beyond what identification needs (${cite('Art. 12(6)', 'en')} and ${law('Art. 5(1)(c)')}).`;
    case 'wrong_medium':
      return you
        ? `I asked for the answer as ${reason.asked}, but received it as ${reason.got}. Under ${cite('Art. 12(1)', 'en')} and ${law('Art. 15(3)')}, the information is to be given in the form asked for, and in a commonly used electronic form when the request was made electronically.`
        : `I asked for the answer as ${reason.asked}, but the controller gave it as ${reason.got} (${cite('Art. 12(1)', 'en')} and ${law('Art. 15(3)')}).`;
    case 'wrong_language':
      return you
        ? `Your answer is written in ${reason.got}. ${law('Art. 12(1)')} requires a concise, intelligible and easily accessible form, in clear and plain language: please answer in English, the language of my request.`
        : `The controller answered in ${reason.got}, not in the language of my request, so the answer is not intelligible to me (${law('Art. 12(1)')}: "concise, intelligible").`;
  }
}

/** One reason in plain German words, with its article. */
function reasonDe(reason: AdmonitionReason, voice: Voice): string {
  const law = (article: string) => citeLaw(article, 'de');
  const you = voice === 'you';
  switch (reason.kind) {
    case 'overdue':
      return `${you ? 'Sie haben' : 'Der Verantwortliche hat'} nicht geantwortet, obwohl die Frist nach ${law('Art. 12(3)')} am ${dayIn(checkedDay(reason.dueOn, 'Due day', 'reasons'), 'de')} abgelaufen ist.`;
    case 'missing_items':
      return `${you ? 'Ihrer' : 'Der'} Antwort fehlen Angaben, die ${law('Art. 15(1)')} verlangt, im Einzelnen:\n${missingItems(reason.items, 'de')}`;
    case 'left_out':
      return `${you ? 'Ihre' : 'Die'} Kopie meiner Daten (${law('Art. 15(3)')}) ist unvollständig: Es fehlen Daten, die ich ${you ? 'Ihnen' : 'dem Verantwortlichen'} gegeben habe:\n${leftOut(reason.what)}`;
    case 'excessive_id':
      return you
        ? `Sie haben vor Ihrer Antwort ${reason.asked} verlangt. Meine Angaben haben Sie bereits gespeichert; das geht über das hinaus, was zu meiner Identifizierung nötig ist: Nach ${law('Art. 12(6)')} dürfen Sie zusätzliche Informationen nur bei begründeten Zweifeln verlangen, und der Grundsatz der Datenminimierung (${law('Art. 5(1)(c)')}) verbietet, mehr als nötig zu erheben. Bitte antworten Sie ohne diese Angaben.`
        : `Der Verantwortliche hat vor seiner Antwort ${reason.asked} verlangt, obwohl ich mich mit Angaben ausgewiesen habe, die er bereits gespeichert hat. Das geht über das zur Identifizierung Nötige hinaus (${cite('Art. 12(6)', 'de')} und ${law('Art. 5(1)(c)')}).`;
    case 'wrong_medium':
      return you
        ? `Ich habe um die Antwort als ${reason.asked} gebeten, sie aber als ${reason.got} erhalten. Nach ${cite('Art. 12(1)', 'de')} und ${law('Art. 15(3)')} ist die Auskunft in der erbetenen Form zu erteilen, bei einem elektronisch gestellten Antrag in einem gängigen elektronischen Format.`
        : `Ich habe um die Antwort als ${reason.asked} gebeten, der Verantwortliche hat sie aber als ${reason.got} erteilt (${cite('Art. 12(1)', 'de')} und ${law('Art. 15(3)')}).`;
    case 'wrong_language':
      return you
        ? `Ihre Antwort ist in ${reason.got} verfasst. ${law('Art. 12(1)')} verlangt eine präzise, verständliche und leicht zugängliche Form in klarer und einfacher Sprache: Bitte antworten Sie auf Deutsch, in der Sprache meines Antrags.`
        : `Der Verantwortliche hat in ${reason.got} geantwortet, nicht in der Sprache meines Antrags; die Antwort ist für mich nicht verständlich (${law('Art. 12(1)')}: „präzise, verständlich“).`;
  }
}

function reasonTexts(reasons: readonly AdmonitionReason[], language: Language, voice: Voice): string[] {
  if (reasons.length === 0) {
    throw badInput('reasons', 'Reasons: name at least one thing that went wrong, such as an overdue answer');
  }
  const texts = reasons.map((reason) =>
    language === 'en' ? reasonEn(reason, voice) : reasonDe(reason, voice),
  );
  return texts.length === 1 ? texts : texts.map((text, i) => `${String(i + 1)}. ${text}`);
}

/** "access to my personal data": a label inside an English sentence. */
const lowerFirst = (text: string): string => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;

/** An admonition in its parts (see `admonitionText`). */
export function admonitionParts(input: AdmonitionInput): TextParts {
  const { language } = input;
  const requestSentOn = checkedDay(input.requestSentOn, 'Request sent on', 'requestSentOn');
  const sentOn = checkedDay(input.sentOn, 'Admonition day', 'sentOn');
  const newDueOn = checkedDay(input.newDueOn, 'New deadline', 'newDueOn');
  notBefore(
    { day: sentOn, label: 'Admonition day', path: 'sentOn' },
    { day: requestSentOn, label: 'Request sent on' },
  );
  notBefore(
    { day: newDueOn, label: 'New deadline', path: 'newDueOn' },
    { day: sentOn, label: 'Admonition day' },
  );
  const label = KIND_LABELS[input.requestKind];
  const notice = input.extension
    ? checkedDay(input.extension.noticeOn, 'Extension notice', 'extension.noticeOn')
    : null;
  const en = language === 'en';
  const opening = en
    ? `On ${dayIn(requestSentOn, 'en')} I sent you a request: ${lowerFirst(label.en)} (${citeLaw(label.article, 'en')}).`
    : `am ${dayIn(requestSentOn, 'de')} habe ich Ihnen einen Antrag gesandt: ${label.de} (${citeLaw(label.article, 'de')}).`;
  const extended = notice
    ? en
      ? ` On ${dayIn(notice, 'en')} you told me that you were extending the period by two further months (${citeLaw('Art. 12(3)', 'en')}).`
      : ` Am ${dayIn(notice, 'de')} haben Sie mir mitgeteilt, dass Sie die Frist um zwei weitere Monate verlängern (${citeLaw('Art. 12(3)', 'de')}).`
    : '';
  const due = dayIn(newDueOn, language);
  return {
    subject: en
      ? `Formal reminder: ${label.en} (${citeLaw(label.article, 'en')}), my request of ${dayIn(requestSentOn, 'en')}`
      : `Mahnung: ${label.de} (${citeLaw(label.article, 'de')}), mein Antrag vom ${dayIn(requestSentOn, 'de')}`,
    greeting: TEXT_WORDS[language].greeting,
    paragraphs: [
      `${opening}${extended}`,
      identificationParagraph(input.identification, language),
      en ? 'I must point out the following:' : 'Dazu muss ich Folgendes feststellen:',
      ...reasonTexts(input.reasons, language, 'you'),
      en
        ? `Please answer in full by ${due}. If I have not received a complete answer by then, I will lodge a complaint with the competent supervisory authority (${citeLaw('Art. 77', 'en')}).`
        : `Bitte antworten Sie bis zum ${due} vollständig. Erhalte ich bis dahin keine vollständige Antwort, werde ich Beschwerde bei der zuständigen Aufsichtsbehörde einlegen (${citeLaw('Art. 77', 'de')}).`,
    ],
    closing: TEXT_WORDS[language].closing,
    signature: input.identification.name?.trim() || null,
  };
}

/**
 * The subject and text of an admonition: which request, each reason in plain words with its
 * article, the new deadline, and that a complaint to the supervisory authority (Art. 77) follows
 * otherwise.
 *
 * @example admonitionText({ language: 'en', provider: 'Acme', requestKind: 'access',
 *   requestSentOn: '2026-11-02', identification: { email: 'acme@alex.example' },
 *   reasons: [{ kind: 'overdue', dueOn: '2026-12-02' }], newDueOn: '2026-12-21',
 *   sentOn: '2026-12-07' }).subject
 *   // → 'Formal reminder: Access to my personal data (Art. 15 GDPR), my request of 2 November 2026'
 */
export function admonitionText(input: AdmonitionInput): { subject: string; body: string } {
  return joinParts(admonitionParts(input));
}

const lines = (text: string | null | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** A complaint in its parts (see `complaintText`). */
export function complaintParts(input: ComplaintInput): TextParts {
  const { language } = input;
  const en = language === 'en';
  const requestSentOn = checkedDay(input.requestSentOn, 'Request sent on', 'requestSentOn');
  const dueOn = checkedDay(input.dueOn, 'Due day', 'dueOn');
  const sentOn = checkedDay(input.sentOn, 'Complaint day', 'sentOn');
  notBefore(
    { day: dueOn, label: 'Due day', path: 'dueOn' },
    { day: requestSentOn, label: 'Request sent on' },
  );
  notBefore(
    { day: sentOn, label: 'Complaint day', path: 'sentOn' },
    { day: requestSentOn, label: 'Request sent on' },
  );
  const admonishedOn = input.admonishedOn
    ? checkedDay(input.admonishedOn, 'Admonished on', 'admonishedOn')
    : null;
  if (admonishedOn) {
    notBefore(
      { day: admonishedOn, label: 'Admonished on', path: 'admonishedOn' },
      { day: requestSentOn, label: 'Request sent on' },
    );
  }
  const controllerName = input.controller.name.trim();
  if (controllerName === '')
    throw badInput('controller.name', 'Controller: give the name of the organisation complained about');
  const controller = [controllerName, ...lines(input.controller.address), ...lines(input.controller.email)];
  const person = [
    ...lines(input.person.name),
    ...(input.person.address ?? []).flatMap(lines),
    ...lines(input.person.email),
  ];
  if (person.length === 0) {
    throw badInput(
      'person',
      'About me: give your name, postal address or e-mail address, so the authority can reach you',
    );
  }
  const label = KIND_LABELS[input.requestKind];
  const article = citeLaw(label.article, language);
  const day = (d: string) => dayIn(d, language);
  const history = en
    ? [
        `On ${day(requestSentOn)} I sent the controller a request: ${lowerFirst(label.en)} (${article}).`,
        `The answer was due by ${day(dueOn)} (${citeLaw('Art. 12(3)', 'en')}).`,
        ...(admonishedOn
          ? [`On ${day(admonishedOn)} I sent the controller a formal reminder with a new deadline.`]
          : []),
      ]
    : [
        `Am ${day(requestSentOn)} habe ich beim Verantwortlichen einen Antrag gestellt: ${label.de} (${article}).`,
        `Die Antwort war bis zum ${day(dueOn)} fällig (${citeLaw('Art. 12(3)', 'de')}).`,
        ...(admonishedOn
          ? [`Am ${day(admonishedOn)} habe ich den Verantwortlichen gemahnt und eine neue Frist gesetzt.`]
          : []),
      ];
  return {
    subject: en
      ? `Complaint under ${citeLaw('Art. 77', 'en')}: ${controllerName}`
      : `Beschwerde nach ${citeLaw('Art. 77', 'de')}: ${controllerName}`,
    greeting: TEXT_WORDS[language].greeting,
    paragraphs: [
      en
        ? `Under ${citeLaw('Art. 77', 'en')}, I lodge a complaint against ${controllerName}, which has not complied with my request under ${article}.`
        : `nach ${citeLaw('Art. 77', 'de')} erhebe ich Beschwerde gegen den Verantwortlichen ${controllerName}, der meinen Antrag nach ${article} nicht erfüllt hat.`,
      `${en ? 'The controller:' : 'Verantwortlicher:'}\n${indent(controller)}`,
      `${en ? 'About me:' : 'Zu meiner Person:'}\n${indent(person)}`,
      `${en ? 'What happened:' : 'Ablauf:'}\n${bullets(history)}`,
      en ? 'What is wrong:' : 'Beanstandung:',
      ...reasonTexts(input.reasons, language, 'they'),
      en
        ? `I ask you to examine my complaint, to order the controller to comply with my request (${citeLaw('Art. 58(2)(c)', 'en')}), and to inform me of the progress and the outcome (${citeLaw('Art. 77(2)', 'en')}).`
        : `Ich bitte Sie, meine Beschwerde zu prüfen, den Verantwortlichen anzuweisen, meinem Antrag zu entsprechen (${citeLaw('Art. 58(2)(c)', 'de')}), und mich über den Stand und das Ergebnis zu unterrichten (${citeLaw('Art. 77(2)', 'de')}).`,
      en
        ? 'The history of the request, with every message and how the deadlines were counted, is attached as one PDF file.'
        : 'Der Verlauf des Antrags mit allen Nachrichten und der Berechnung der Fristen liegt als PDF-Datei bei.',
    ],
    closing: TEXT_WORDS[language].closing,
    signature: input.person.name?.trim() || null,
  };
}

/**
 * The subject and text of a complaint to a supervisory authority (Art. 77): the controller, the
 * person, the request and its dates, what went wrong, and that the history is attached as a PDF
 * (see `complaintBundle`).
 */
export function complaintText(input: ComplaintInput): { subject: string; body: string } {
  return joinParts(complaintParts(input));
}
