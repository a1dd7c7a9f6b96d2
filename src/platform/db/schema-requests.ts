import type { Generated } from 'kysely';

/**
 * The tables of data-subject requests (migration 14), as Kysely sees them; `schema.ts` adds them
 * to the store's `Database`. Days are `YYYY-MM-DD`, instants ISO 8601; JSON columns are text.
 */

/** Many requests made in one step: to every provider that holds a fact, or every one of a category. */
export interface RequestCampaignsTable {
  id: Generated<number>;
  kind: string;
  language: string;
  /** Who was asked, in words: "everyone who holds Home address". */
  scope: string;
  createdAt: string;
}

/** One request to one controller, followed from the draft to its end. */
export interface ProceedingsTable {
  id: Generated<number>;
  providerId: number;
  campaignId: number | null;
  kind: string;
  language: string;
  /** JSON: what a kind needs besides its kind (the facts to rectify, what to erase, …). */
  details: string;
  channel: string | null;
  identityId: number | null;
  recipient: string | null;
  /** Why it cannot be sent as it is (no privacy contact, no alias), in words. */
  problem: string | null;
  /** The calendar whose holidays count (`DE-BY`, `GB`): where the controller acts. */
  place: string;
  /** For a letter: the calendar days the post takes, as the person estimates. */
  deliveryDays: number | null;
  state: string;
  sentOn: string | null;
  /** The day the controller's notice of extension came, and the reasons it gave. */
  extensionOn: string | null;
  extensionReasons: string | null;
  answeredOn: string | null;
  answer: string | null;
  /** JSON: the Art. 15 items the answer left out. */
  missingItems: string | null;
  admonishedOn: string | null;
  admonitionDueOn: string | null;
  /** The supervisory authority complained to (its directory slug). */
  authority: string | null;
  complainedOn: string | null;
  /** The day it was done or withdrawn. */
  closedOn: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A message of a proceeding: the request, an answer, an admonition, a complaint. */
export interface ProceedingMessagesTable {
  id: Generated<number>;
  proceedingId: number;
  kind: string;
  direction: string;
  state: string;
  onDay: string | null;
  channel: string | null;
  recipient: string | null;
  subject: string;
  body: string;
  /** The outbox item that carried it, for an e-mail or a letter sent through vrm. */
  outboxId: number | null;
  /** The Message-ID of the mail that carried it: stable when mail is imported again. */
  mailMessageId: string | null;
  /** The letter's PDF, the complaint's bundle, or a document that came with it. */
  documentId: number | null;
  createdAt: string;
  updatedAt: string;
}

/** An imported answer: what was found in it, and the problems of its files, as JSON. */
export interface ProceedingAnswersTable {
  id: Generated<number>;
  proceedingId: number;
  name: string;
  sha256: string;
  mailMessageId: string | null;
  findings: string;
  problems: string;
  importedAt: string;
}

/** One file of an answer, kept as a document of the provider. */
export interface ProceedingAnswerFilesTable {
  id: Generated<number>;
  answerId: number;
  path: string;
  documentId: number;
}

/** A domain the person dismissed from "Who else has my data". */
export interface DiscoveryDismissalsTable {
  id: Generated<number>;
  domain: string;
  dismissedAt: string;
}
