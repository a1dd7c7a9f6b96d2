import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { AUDIT_EXCLUDED_COLUMNS, AUDIT_SKIPPED_INSERTS, DATA_TABLES } from '../schema.js';

type Connection = BetterSqlite3.Database;

const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function columnsOf(db: Connection, table: string): string[] {
  const rows = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
  return rows.map((r) => r.name);
}

function jsonOf(db: Connection, table: (typeof DATA_TABLES)[number], alias: 'OLD' | 'NEW'): string {
  const excluded = AUDIT_EXCLUDED_COLUMNS[table] ?? [];
  const pairs = columnsOf(db, table)
    .filter((c) => !excluded.includes(c))
    .map((c) => `'${c}', ${alias}.${quoteIdent(c)}`);
  return `json_object(${pairs.join(', ')})`;
}

/**
 * The audit log is written by triggers, so no code path can change data without leaving a trace:
 * one row per insert, update and delete, with the old and the new values as JSON. Triggers are
 * regenerated from the live columns after each migration, so a new column is audited too.
 */
export function installAuditTriggers(db: Connection): void {
  for (const table of DATA_TABLES) {
    if (columnsOf(db, table).length === 0) continue;
    for (const action of ['insert', 'update', 'delete'] as const) {
      const name = quoteIdent(`audit_${table}_${action}`);
      db.exec(`DROP TRIGGER IF EXISTS ${name}`);
      if (action === 'insert' && AUDIT_SKIPPED_INSERTS.includes(table)) continue;
      const row = action === 'delete' ? 'OLD' : 'NEW';
      const oldValues = action === 'insert' ? 'NULL' : jsonOf(db, table, 'OLD');
      const newValues = action === 'delete' ? 'NULL' : jsonOf(db, table, 'NEW');
      db.exec(`
        CREATE TRIGGER ${name} AFTER ${action.toUpperCase()} ON ${quoteIdent(table)}
        ${action === 'update' ? `WHEN ${oldValues} IS NOT ${newValues}` : ''}
        BEGIN
          INSERT INTO audit_log (at, entity, entity_id, action, old_values, new_values)
          VALUES (${NOW}, '${table}', ${row}.id, '${action}', ${oldValues}, ${newValues});
        END;
      `);
    }
  }
}

/** Restore writes the audit log verbatim; for that it lifts the triggers, then puts them back. */
export function dropAuditTriggers(db: Connection): void {
  for (const table of DATA_TABLES) {
    for (const action of ['insert', 'update', 'delete'] as const) {
      db.exec(`DROP TRIGGER IF EXISTS ${quoteIdent(`audit_${table}_${action}`)}`);
    }
  }
}
