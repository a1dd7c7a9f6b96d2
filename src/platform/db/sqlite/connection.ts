import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

type Connection = BetterSqlite3.Database;

/** Each open store's connection, out of sight of the `Store` type: nothing reaches it by accident. */
const connections = new WeakMap<object, Connection>();

/** Records the connection behind a store; done once, by the store as it opens. */
export function attachConnection(store: object, connection: Connection): void {
  connections.set(store, connection);
}

/**
 * The better-sqlite3 connection behind an open SQLite store, for the code that is SQLite by
 * nature: the platform itself, the mail index (`mailIndexOn`), the mail import's prepared
 * statements (its hot path) and tests that look into the file. Everything else goes through the
 * store's port or a repository.
 *
 * @example const rows = sqliteConnection(store).prepare('SELECT id FROM messages').pluck().all();
 */
export function sqliteConnection(store: object): Connection {
  const connection = connections.get(store);
  if (!connection) throw new Error('this store has no SQLite connection');
  return connection;
}
