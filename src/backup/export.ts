import type { Db } from '../platform/db/handle.js';
import { DATA_TABLES } from '../platform/db/schema.js';
import { BackupRepository, type BackupTable, type PlainRow } from './repository.js';

export const EXPORT_FORMAT = 'vrm-export';
export const EXPORT_FORMAT_VERSION = 1;

/** Every table of the store, the person's data first and the audit log last. */
export const EXPORT_TABLES = [...DATA_TABLES, 'audit_log'] as const satisfies readonly BackupTable[];

/**
 * The columns that hold secrets: what opens something of the person's, as opposed to what is
 * about them. A plain export leaves them out (as null) unless asked; the encrypted backup keeps them.
 */
export const SECRET_COLUMNS = {
  // The private halves of the signing keys: whoever holds one signs as the person.
  signing_keys: ['privateJwk'],
  // The IMAP passwords: whoever holds one reads the person's mail.
  mail_sources: ['password'],
  // The SMTP password: whoever holds one sends as the person.
  smtp_settings: ['password'],
  // The holder keys of packages issued with holder binding: whoever holds one presents as the person.
  disclosure_packages: ['holderKey'],
  // The personas' private keys: whoever holds one signs as that persona.
  personas: ['privateJwk'],
} as const satisfies Partial<Record<(typeof EXPORT_TABLES)[number], readonly string[]>>;

/**
 * The whole store as one JSON document (see docs/formats.md). It holds no timestamp of its own:
 * the same store always exports to the same bytes, so an export can be compared and verified.
 */
export interface VrmExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly formatVersion: number;
  readonly schemaVersion: number;
  /** Whether the secrets ({@link SECRET_COLUMNS}) are in it; absent in older exports, which had them. */
  readonly withSecrets?: boolean;
  readonly tables: Record<(typeof EXPORT_TABLES)[number], PlainRow[]>;
  readonly sequences: Record<string, number>;
}

/** Binary columns travel as base64 text. */
const encodeRow = (row: PlainRow): PlainRow =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v]),
  );

/** The row with its secret columns set to null: the member stays, so the record keeps its shape. */
const withoutSecrets = (table: (typeof EXPORT_TABLES)[number], row: PlainRow): PlainRow => {
  const secret: readonly string[] | undefined = (
    SECRET_COLUMNS as Partial<Record<string, readonly string[]>>
  )[table];
  if (!secret) return row;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, secret.includes(k) ? null : v]));
};

/**
 * The store as an export. Secrets (private signing keys, IMAP passwords) are left out unless
 * `withSecrets` is set: a plain JSON file is easily copied where it should not go.
 */
export async function exportStore(
  db: Db,
  schemaVersion: number,
  options: { withSecrets?: boolean } = {},
): Promise<VrmExport> {
  const withSecrets = options.withSecrets ?? false;
  const repo = new BackupRepository(db);
  const tables = {} as VrmExport['tables'];
  for (const table of EXPORT_TABLES) {
    const rows = (await repo.rows(table)).map(encodeRow);
    tables[table] = withSecrets ? rows : rows.map((row) => withoutSecrets(table, row));
  }
  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    schemaVersion,
    withSecrets,
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
