import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { MailIndex } from './port.js';
import { SqliteMailIndex } from './sqlite/mail-index.js';

/** One index object per connection, so its prepared statements are made once. */
const indexes = new WeakMap<object, MailIndex>();

/**
 * The mail index on this connection to the store: the one place its engine is chosen. The mail
 * repositories and the search worker reach full-text search only through it.
 *
 * @example const { ids, total } = mailIndexOn(connection).search({ match, limit: 50 });
 */
export function mailIndexOn(connection: BetterSqlite3.Database): MailIndex {
  let index = indexes.get(connection);
  if (index === undefined) {
    index = new SqliteMailIndex(connection);
    indexes.set(connection, index);
  }
  return index;
}
