/**
 * A parsed text search, as the mail search language (`src/mail/search.ts`) produces it and the
 * store's full-text index (`MailIndex`, src/platform/db/port.ts) renders into its own syntax. It
 * lives in the platform because both sides speak it: the domain writes it, each engine reads it.
 */

/** A field a term can be limited to: `from:` the sender, `to:` the recipients, `subject:`. */
export type SearchField = 'from' | 'to' | 'subject';

/**
 * One thing to look for, as the person wrote it: a `term` (a word, `invoice`), a `phrase` (quoted,
 * `"Acme Bank"`: its words in this order) or a `prefix` (`renew*`: words that begin so). Its text
 * is as written, without the quotes or the `*`; `field` limits it to one field, null is anywhere.
 */
export interface SearchTerm {
  readonly kind: 'term' | 'phrase' | 'prefix';
  readonly text: string;
  readonly field: SearchField | null;
}

/**
 * A parsed search: every term of `all` must match (AND), none of `none` may (NOT). `all` is never
 * empty, since a search of only what to leave out is refused.
 */
export interface SearchTree {
  readonly all: readonly [SearchTerm, ...SearchTerm[]];
  readonly none: readonly SearchTerm[];
}
