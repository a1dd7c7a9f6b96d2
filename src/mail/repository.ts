/**
 * The mail area's queries, one file per job in `repository/`: this module names them all, so a
 * caller that wants one (the search worker wants `searchMessages`) imports it from here.
 */
export { BatchRepository, type BatchCounts, type Checkpoint, type NewMessage } from './repository/batch.js';
export {
  SUMMARY_COLUMNS,
  type MessageRecord,
  type MessageRow,
  type MessageSummaryRow,
} from './repository/columns.js';
export { ContextRepository } from './repository/context.js';
export { ImportRepository, type ImportRow } from './repository/imports.js';
export { LeakRepository, type AllowedRow } from './repository/leaks.js';
export { MessageRepository, type HandPlacement, type MessageListFilter } from './repository/messages.js';
export { RuleRepository, type NewRule, type RulePatch, type RuleRow } from './repository/rules.js';
export {
  RANKED,
  RANKED_SCATTERED,
  searchMessages,
  type SearchFilter,
  type SearchPage,
} from './repository/search.js';
export { SourceRepository, type NewSource, type SourceRow, type SyncRow } from './repository/sources.js';
