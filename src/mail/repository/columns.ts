import type { Selectable } from 'kysely';
import type { MessagesTable } from '../../platform/db/schema.js';
import type { Placement } from '../rules.js';
import type { DbBoolean } from '../../platform/db/port.js';
import { toDbBoolean } from '../../platform/db/queries.js';

/** A stored message as the table holds it: flags as 0 and 1, what the API has always shown. */
export type MessageRow = Selectable<MessagesTable>;

/** The message columns stored as 0 or 1, which services read and write as booleans. */
export const FLAG_COLUMNS = ['isList', 'leak', 'muted', 'flagged', 'placedByHand'] as const;
type FlagColumn = (typeof FLAG_COLUMNS)[number];

/** A message as services compute with it: its flags are booleans, converted here and nowhere else. */
export type MessageRecord = Omit<MessageRow, FlagColumn> & Record<FlagColumn, boolean>;

/** The columns a list of messages shows (never the body or headers). */
export const SUMMARY_COLUMNS = [
  'id',
  'sentAt',
  'fromAddress',
  'fromName',
  'sender',
  'subject',
  'attachmentCount',
  'isList',
  'identityId',
  'identityProviderId',
  'identityAddress',
  'senderKey',
  'senderProviderId',
  'senderLabel',
  'leak',
  'leakEventId',
  'folder',
  'attention',
  'muted',
  'flagged',
  'caseId',
  'ruleId',
  'ruleReason',
] as const satisfies readonly (keyof MessagesTable)[];
export type MessageSummaryRow = Pick<MessageRow, (typeof SUMMARY_COLUMNS)[number]>;

/** The column a camelCase property is stored in: `sentAt` → `sent_at`. */
export const columnOf = (property: string): string =>
  property.replace(/[A-Z]/g, (l) => `_${l.toLowerCase()}`);

/** A flag as the table stores it. */
export const flag = (value: boolean): DbBoolean => toDbBoolean(value);

/** The message columns a placement writes: the rules' output, and a hand placement's. */
export const PLACEMENT_COLUMNS = [
  'folder',
  'attention',
  'muted',
  'flagged',
  'caseId',
  'ruleId',
  'ruleReason',
] as const satisfies readonly (keyof MessagesTable)[];

/** A placement as the columns of `messages` hold it. */
export const placementColumns = (p: Placement): Pick<MessageRow, (typeof PLACEMENT_COLUMNS)[number]> => ({
  folder: p.folder,
  attention: p.attention,
  muted: flag(p.muted),
  flagged: flag(p.flagged),
  caseId: p.caseId,
  ruleId: p.ruleId,
  ruleReason: p.reason,
});

/** `column = @property, …` for an UPDATE by named parameters. */
export const assignments = (properties: readonly string[]): string =>
  properties.map((p) => `${columnOf(p)} = @${p}`).join(', ');
