import { ACCESS_ITEMS, KIND_LABELS, REQUEST_KINDS } from '../../../../src/requests/texts/kinds';
import type { ApiOutput } from '../../api';

/** The words of the request pages: kinds, statuses, channels and Art. 15 items, for people. */
export type Proceeding = ApiOutput<'getRequest'>;
export type RequestKindName = (typeof REQUEST_KINDS)[number];

/** What each kind asks, in plain words, for the "New request" form. */
const KIND_HINTS: Record<RequestKindName, string> = {
  access: 'a copy of everything they hold about you, and where it came from and who got it',
  rectification: 'correct what they hold: they get the current version of the facts you choose',
  erasure: 'delete what they hold about you',
  restriction: 'keep your data but stop using it while a dispute is settled',
  portability: 'your data in a machine-readable file, to take elsewhere',
  objection: 'stop a use of your data you object to',
  marketing_objection: 'no more advertising or marketing to you',
  withdraw_consent: 'take back a consent you gave',
  recipients: 'who they passed your data on to',
};

/** The kinds as the form offers them: "Access (Art. 15): a copy of everything…". */
export const KIND_OPTIONS = REQUEST_KINDS.map(
  (k) => [k, `${KIND_LABELS[k].en} (${KIND_LABELS[k].article}): ${KIND_HINTS[k]}`] as const,
);

export const kindName = (kind: RequestKindName): string => KIND_LABELS[kind].en;

export const CHANNEL_WORDS = { email: 'e-mail', letter: 'letter', web_form: 'web form' } as const;

/** A status in words, and the badge class its colour comes from (the words say it without colour). */
export const STATUS_WORDS: Record<Proceeding['status'], readonly [string, string]> = {
  drafted: ['draft', 'waiting'],
  sent: ['sent', 'open'],
  waiting: ['waiting for their answer', 'open'],
  extended: ['extended', 'open'],
  overdue: ['late', 'escalated'],
  answered: ['answered', 'resolved'],
  admonished: ['admonished', 'escalated'],
  complaint: ['complaint lodged', 'escalated'],
  done: ['done', 'resolved'],
  withdrawn: ['withdrawn', ''],
};

/** Art. 15 items with plain labels, for "which items were missing". */
export const ACCESS_ITEM_OPTIONS = ACCESS_ITEMS.map((i) => ({
  key: i.key,
  label: `${i.en.charAt(0).toUpperCase()}${i.en.slice(1)} (${i.article})`,
}));

export const MESSAGE_WORDS: Record<Proceeding['messages'][number]['kind'], string> = {
  request: 'Request',
  response: 'Their response',
  admonition: 'Admonition',
  complaint: 'Complaint',
  extension: 'Extension notice',
  note: 'Note',
};
