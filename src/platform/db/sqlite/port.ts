import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { migrate, MIGRATIONS, schemaVersion } from '../migrations.js';
import type { DatabasePort } from '../port.js';
import { dropAuditTriggers, installAuditTriggers } from './audit.js';
import { SQLITE_QUERIES } from './queries.js';

type Connection = BetterSqlite3.Database;

/** The database port on one SQLCipher connection (better-sqlite3). */
export class SqlitePort implements DatabasePort {
  readonly queries = SQLITE_QUERIES;
  // Prepared once: the read cache asks for the counters on every request, a few microseconds each.
  readonly #totalChanges;
  readonly #dataVersion;

  constructor(private readonly connection: Connection) {
    this.#totalChanges = connection.prepare('SELECT total_changes() AS n').pluck();
    this.#dataVersion = connection.prepare('PRAGMA data_version').pluck();
  }

  // total_changes() counts this connection's writes; data_version moves when another commits.
  changeCounter(): string {
    return `${String(this.#totalChanges.get())}.${String(this.#dataVersion.get())}`;
  }

  writeCount(): number {
    return this.#totalChanges.get() as number;
  }

  schemaVersion(): number {
    return schemaVersion(this.connection);
  }

  migrate(upTo = Infinity): void {
    migrate(
      this.connection,
      MIGRATIONS.filter((m) => m.version <= upTo),
    );
  }

  installAuditTriggers(): void {
    installAuditTriggers(this.connection);
  }

  dropAuditTriggers(): void {
    dropAuditTriggers(this.connection);
  }

  // VACUUM INTO writes the copy through the same cipher, key and salt, inside one read
  // transaction: a consistent snapshot while other connections write. SQLite's online backup API
  // refuses to copy an encrypted database into a new file here.
  snapshotInto(file: string): void {
    this.connection.prepare('VACUUM INTO ?').run(file);
  }

  integrityProblems(): string[] {
    const rows = this.connection.pragma('integrity_check', { simple: false }) as {
      integrity_check: string;
    }[];
    return rows.map((p) => p.integrity_check).filter((m) => m !== 'ok');
  }

  checkpoint(): void {
    this.connection.pragma('wal_checkpoint(TRUNCATE)');
  }

  // While importing, the write-ahead log may grow to 40 MB before it is copied into the store
  // (1,000 pages, 4 MB, otherwise): pages written again and again (the full-text index's, a
  // bank import's indexes) are copied once instead of many times. Afterwards the log is copied
  // back and the default restored. Bulk work inside bulk work (several statements imported in a
  // row), or two imports at once, keep the store tuned until the last one ends: the log is copied
  // once at the end, not after each file, whose pages the next file writes again.
  #bulk = 0;

  bulkWrites<T>(work: () => Promise<T>): Promise<T> {
    if (this.#bulk++ === 0) this.connection.pragma('wal_autocheckpoint = 10000');
    const done = () => {
      if (--this.#bulk > 0 || !this.connection.open) return;
      this.connection.pragma('wal_autocheckpoint = 1000');
      this.connection.pragma('wal_checkpoint(PASSIVE)');
    };
    let running: Promise<T>;
    try {
      running = work();
    } catch (error) {
      done();
      throw error;
    }
    return running.finally(done);
  }

  isOpen(): boolean {
    return this.connection.open;
  }
}
