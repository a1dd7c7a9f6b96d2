import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServices } from '../app.js';
import { EXPORT_TABLES, exportStore, serialiseExport } from '../backup/export.js';
import { writeBackup } from '../backup/snapshot.js';
import { seedDemo } from '../demo/seed.js';
import { createStore, type Store } from '../platform/db/store.js';
import { fixedClock } from './store.js';
import { sqliteConnection } from '../platform/db/sqlite/connection.js';

/** The row count of every table in the store, system tables included. */
export function rowCounts(store: Store): Record<string, number> {
  const c = sqliteConnection(store);
  const tables = c
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((t) => [
      t,
      c
        .prepare(`SELECT count(*) FROM "${t.replaceAll('"', '""')}"`)
        .pluck()
        .get() as number,
    ]),
  );
}

export interface SizeableSource {
  /** The JSON export, and the row count of each table it holds. */
  readonly exportFile: string;
  readonly exportCounts: Record<string, number>;
  /** The encrypted backup, and the row count of every table in it. */
  readonly backupFile: string;
  readonly backupCounts: Record<string, number>;
  readonly totalRows: number;
}

/**
 * A store of thousands of rows, large enough for a restore to take a while: the demo person, then
 * `providers` more providers, each with a domain and two interactions (and the audit rows they
 * leave). Written as a JSON export and as an encrypted backup, both under `passphrase`.
 */
export async function sizeableSource(
  dir: string,
  passphrase: string,
  providers = 1500,
): Promise<SizeableSource> {
  const store = await createStore(join(dir, 'sizeable-source.db'), passphrase);
  try {
    const services = createServices(store, fixedClock());
    await services.keys.ensure();
    await seedDemo(services, services.today());
    for (let i = 0; i < providers; i++) {
      const provider = await services.providers.add({
        name: `Bulk Provider ${i}`,
        domains: [`bulk-${i}.example`],
        notes: `Row ${i} of a sizeable store, there to make a restore take long enough to be killed.`,
      });
      for (const direction of ['inbound', 'outbound'] as const) {
        await services.interactions.add({
          providerId: provider.id,
          channel: 'email',
          direction,
          subject: `Bulk ${direction} message ${i}`,
        });
      }
    }
    const exportFile = join(dir, 'sizeable.json');
    // With the secrets, so that a restore gives back the same records, no fresh key added.
    const data = await exportStore(store.db, store.schemaVersion(), { withSecrets: true });
    writeFileSync(exportFile, serialiseExport(data));
    const backupFile = join(dir, 'sizeable.vrmbackup');
    writeBackup(store, backupFile);
    const backupCounts = rowCounts(store);
    const exportCounts = Object.fromEntries(EXPORT_TABLES.map((t) => [t, backupCounts[t] ?? 0]));
    const totalRows = Object.values(exportCounts).reduce((a, b) => a + b, 0);
    return { exportFile, exportCounts, backupFile, backupCounts, totalRows };
  } finally {
    await store.close();
  }
}
