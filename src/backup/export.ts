import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { DATA_TABLES } from '../platform/db/schema.js';
import { BackupRepository, type BackupTable, type PlainRow } from './repository.js';

export const EXPORT_FORMAT = 'vrm-export';
export const EXPORT_FORMAT_VERSION = 1;

/** Every table of the store, the person's data first and the audit log last. */
export const EXPORT_TABLES = [...DATA_TABLES, 'audit_log'] as const satisfies readonly BackupTable[];

/**
 * The whole store as one JSON document (see docs/formats.md). It holds no timestamp of its own:
 * the same store always exports to the same bytes, so an export can be compared and verified.
 */
export interface VrmExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly formatVersion: number;
  readonly schemaVersion: number;
  readonly tables: Record<(typeof EXPORT_TABLES)[number], PlainRow[]>;
  readonly sequences: Record<string, number>;
}

/** Binary columns travel as base64 text. */
const encodeRow = (row: PlainRow): PlainRow =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v]),
  );

export async function exportStore(db: Kysely<Database>, schemaVersion: number): Promise<VrmExport> {
  const repo = new BackupRepository(db);
  const tables = {} as VrmExport['tables'];
  for (const table of EXPORT_TABLES) tables[table] = (await repo.rows(table)).map(encodeRow);
  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    schemaVersion,
    tables,
    // Only the exported tables' counters: the mail tables vrm derives or imports again are not here.
    sequences: Object.fromEntries(
      Object.entries(await repo.sequences()).filter(([table]) =>
        (EXPORT_TABLES as readonly string[]).includes(table),
      ),
    ),
  };
}

export const serialiseExport = (data: VrmExport): string => `${JSON.stringify(data, null, 2)}\n`;
