import { systemClock, type Clock } from '../platform/clock.js';
import { buildStore, type Credentials, type Store } from '../platform/db/store.js';
import { EXPORT_TABLES, exportStore, type VrmExport } from './export.js';
import { BackupRepository } from './repository.js';
import { restoreExport, type RestoreReport } from './restore.js';
import { restoreBackup, writeBackup } from './snapshot.js';

/** What `vrm info` tells about a store, besides where it is. */
export interface StoreSummary {
  readonly schemaVersion: number;
  /** Records per table, every exported table in export order. */
  readonly counts: Record<string, number>;
}

/**
 * Export, backup and restore of the whole store: the CLI and the HTTP API both call these, so
 * each is written once. An export is the JSON document of every record (docs/formats.md); a backup
 * is an encrypted copy of the store file.
 *
 * @example
 * const data = await services.backup.export({ withSecrets: false });
 */
export class BackupService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock = systemClock,
  ) {}

  /** The store as an export; secrets (private keys, IMAP passwords) only when asked for. */
  export(options: { withSecrets?: boolean } = {}): Promise<VrmExport> {
    return exportStore(this.store.db, this.store.schemaVersion(), options);
  }

  /** The schema version and how many records each table holds. */
  async summary(): Promise<StoreSummary> {
    const repo = new BackupRepository(this.store.db);
    const counts: Record<string, number> = {};
    for (const table of EXPORT_TABLES) counts[table] = await repo.count(table);
    return { schemaVersion: this.store.schemaVersion(), counts };
  }

  /** Writes an encrypted backup of the store to `file` (owner-only), which must not exist yet. */
  backup(file: string): { path: string; bytes: number } {
    return writeBackup(this.store, file);
  }

  /**
   * Restores an export into this store, which must be new and empty; bad records are skipped
   * and reported (see {@link restoreExport}).
   */
  restore(data: VrmExport): Promise<RestoreReport> {
    return restoreExport(this.store, data, this.clock);
  }
}

/**
 * Restores an export into a new store at `path`, built under a temporary name and named only
 * once complete (see `buildStore`). Returns the open store and the restore's report.
 */
export async function restoreIntoNewStore(
  path: string,
  passphrase: string,
  data: VrmExport,
): Promise<{ store: Store; report: RestoreReport }> {
  const { store, filled } = await buildStore(
    path,
    passphrase,
    (building) => new BackupService(building).restore(data),
    { schemaVersion: data.schemaVersion },
  );
  return { store, report: filled };
}

/**
 * Restores an encrypted backup into a new store at `target`, which keeps the backup's
 * passphrase (see {@link restoreBackup}).
 */
export const restoreBackupFile = (
  file: string,
  target: string,
  credentials: Credentials,
): Promise<{ path: string }> => restoreBackup(file, target, credentials);
