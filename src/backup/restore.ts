import { z } from 'zod';
import { KeyService } from '../keys/service.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { inTransaction } from '../platform/db/handle.js';
import { LATEST_VERSION } from '../platform/db/migrations.js';
import type { Store } from '../platform/db/store.js';
import { VrmError } from '../platform/errors.js';
import { parseJson } from '../platform/json.js';
import { FACT_KINDS, type FactKind } from '../vault/kinds.js';
import { validateFactValue } from '../vault/service.js';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, EXPORT_TABLES, type VrmExport } from './export.js';
import { BackupRepository, type ColumnInfo, type PlainRow } from './repository.js';
import { checkServiceValues } from './values.js';

/** A record that was not restored, and why. `record` reads like `contracts[3] (id 12)`. */
export interface RestoreProblem {
  readonly record: string;
  readonly message: string;
}

export interface RestoreReport {
  readonly restored: Record<string, number>;
  readonly skipped: readonly RestoreProblem[];
  /** What the person should know or do next: secrets an export left out, a fresh signing key. */
  readonly notes: readonly string[];
}

const envelope = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `is not "${EXPORT_FORMAT}": this file is not a vrm export` }),
  formatVersion: z
    .number()
    .int()
    .max(EXPORT_FORMAT_VERSION, {
      error: `is newer than this vrm reads (${EXPORT_FORMAT_VERSION}): upgrade vrm`,
    }),
  schemaVersion: z
    .number()
    .int()
    .min(1)
    .max(LATEST_VERSION, { error: `is newer than this vrm knows (${LATEST_VERSION}): upgrade vrm` }),
  withSecrets: z.boolean().optional(),
  tables: z.record(z.string(), z.array(z.unknown(), { error: 'must be a list of records' })),
  sequences: z.record(z.string(), z.number().int().nonnegative()).default({}),
});

/** Parses and checks an export's envelope; records are checked one by one when restored. */
export function parseExport(text: string, file: string): VrmExport {
  const result = envelope.safeParse(parseJson(text, file));
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the top level';
    throw new VrmError('invalid_input', `${file}: ${where}: ${issue?.message ?? 'not a vrm export'}`);
  }
  const unknown = Object.keys(result.data.tables).filter(
    (t) => !(EXPORT_TABLES as readonly string[]).includes(t),
  );
  if (unknown.length > 0) {
    throw new VrmError(
      'invalid_input',
      `${file}: tables: unknown table ${unknown.map((t) => `"${t}"`).join(', ')}`,
    );
  }
  return result.data as VrmExport;
}

function checkShape(row: unknown, columns: readonly ColumnInfo[]): string | PlainRow {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return 'is not an object';
  const record = row as PlainRow;
  const extra = Object.keys(record).filter((k) => !columns.some((c) => c.name === k));
  if (extra.length > 0) return `unknown field ${extra.join(', ')}`;
  const out: PlainRow = {};
  for (const column of columns) {
    const value = record[column.name];
    if (value === null || value === undefined) {
      if (column.notNull && column.name !== 'id') return `${column.name}: is required`;
      out[column.name] = null;
      continue;
    }
    switch (column.type) {
      case 'INTEGER':
        if (typeof value !== 'number' || !Number.isSafeInteger(value))
          return `${column.name}: must be a whole number`;
        out[column.name] = value;
        break;
      case 'BLOB':
        if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
          return `${column.name}: must be base64 text`;
        }
        out[column.name] = Buffer.from(value, 'base64');
        break;
      default:
        if (typeof value !== 'string') return `${column.name}: must be text`;
        out[column.name] = value;
    }
  }
  if (typeof out.id !== 'number') return 'id: is required';
  return out;
}

const describe = (table: string, index: number, row: unknown): string => {
  const id = typeof row === 'object' && row !== null && 'id' in row ? ` (id ${String(row.id)})` : '';
  return `${table}[${index}]${id}`;
};

/**
 * Writes an export into a new, empty store: every record is checked (shape, then its values by the
 * services' own schemas and the vault's rules for fact values, then the store's constraints and
 * foreign keys), good records are kept
 * and each bad one is reported by its place in the file. The audit log is restored verbatim
 * (triggers are lifted while restoring), so export → restore → export gives the same JSON.
 */
export async function restoreExport(
  store: Store,
  data: VrmExport,
  clock: Clock = systemClock,
): Promise<RestoreReport> {
  const restored: Record<string, number> = {};
  const skipped: RestoreProblem[] = [];
  const factKinds = new Map<number, FactKind>();
  store.port.dropAuditTriggers();
  try {
    await inTransaction(store.db, async (trx) => {
      const repo = new BackupRepository(trx);
      for (const table of EXPORT_TABLES) {
        const columns = await repo.columns(table);
        let count = 0;
        for (const [index, raw] of ((data.tables as Partial<VrmExport['tables']>)[table] ?? []).entries()) {
          const where = describe(table, index, raw);
          const row = checkShape(raw, columns);
          if (typeof row === 'string') {
            skipped.push({ record: where, message: row });
            continue;
          }
          // A retired key's private half is never kept, even if a file brings it (an older or
          // hand-made export): it is dropped here, as rotation drops it.
          if (table === 'signing_keys' && row.retiredAt !== null && 'privateJwk' in row)
            row.privateJwk = null;
          const problem = checkValue(table, row, factKinds);
          if (problem) {
            skipped.push({ record: where, message: problem });
            continue;
          }
          try {
            await repo.insert(table, row);
            count++;
            if (table === 'facts') factKinds.set(row.id as number, row.kind as FactKind);
          } catch (cause) {
            const message = cause instanceof Error ? cause.message : String(cause);
            skipped.push({
              record: where,
              message: /FOREIGN KEY/.test(message) ? 'refers to a record that is not in the store' : message,
            });
          }
        }
        restored[table] = count;
      }
      for (const [table, seq] of Object.entries(data.sequences)) {
        if ((EXPORT_TABLES as readonly string[]).includes(table)) await repo.setSequence(table, seq);
      }
    });
  } finally {
    store.port.installAuditTriggers();
  }
  store.port.migrate();
  return { restored, skipped, notes: await afterSecretsLeftOut(store, clock) };
}

/**
 * An export without secrets restores keys without their private half and IMAP accounts without
 * their password. The keys are retired (they still verify what they signed), the person gets a
 * fresh signing key, and is told which accounts need their password again.
 */
async function afterSecretsLeftOut(store: Store, clock: Clock): Promise<string[]> {
  const notes: string[] = [];
  const { retired, fresh } = await new KeyService(store.db, clock).renewAfterRestore();
  if (retired > 0) {
    notes.push(
      `${retired} signing key(s) in use came without their private half (an export without secrets): ` +
        `retired now, they verify what they signed before` +
        (fresh ? `; a new signing key ${fresh.kid} signs from now on` : ''),
    );
  }
  const accounts = await new BackupRepository(store.db).imapSourcesWithoutPassword();
  if (accounts.length > 0) {
    notes.push(
      `${accounts.length} IMAP account(s) came without their password: ${accounts.map((a) => a.location).join(', ')}. ` +
        'Give each its password again with `vrm mail account add --host … --user …` before fetching mail',
    );
  }
  const smtp = await new BackupRepository(store.db).smtpWithoutPassword();
  if (smtp) {
    notes.push(
      `The SMTP server ${smtp.host} (${smtp.username}) came without its password: give it again with ` +
        '`vrm send setup`, or on the Settings page under "Sending", before sending',
    );
  }
  return notes;
}

function checkValue(table: string, row: PlainRow, factKinds: Map<number, FactKind>): string | null {
  const problem = checkServiceValues(table, row);
  if (problem) return problem;
  if (table === 'facts' && !(FACT_KINDS as readonly string[]).includes(String(row.kind))) {
    return `kind: must be one of ${FACT_KINDS.join(', ')}`;
  }
  if (table !== 'fact_versions') return null;
  const kind = factKinds.get(row.factId as number);
  if (kind === undefined) return 'refers to a fact that is not in the store';
  try {
    validateFactValue(kind, JSON.parse(String(row.value)));
    return null;
  } catch (error) {
    return error instanceof VrmError || error instanceof SyntaxError
      ? `value: ${error.message}`
      : String(error);
  }
}
