import type { Migration } from './migrations.js';
import { dropAuditTriggers } from './sqlite/audit.js';

/**
 * Migrations of a contract's prices (16 on, issue 17 point 3): every price a contract has had,
 * from when, and who said so (the person, or the bank's payments); and half-yearly billing. Kept
 * apart so no migrations file grows past what a reader takes in.
 */
export const PRICE_MIGRATIONS: readonly Migration[] = [
  {
    version: 16,
    name: 'contracts: price history, and half-yearly billing',
    up: (db) => {
      // SQLite cannot change a CHECK constraint in place: the table is built again with the new
      // cycle allowed, its rows and ids kept. Dropping the old table would break the documents'
      // links to contracts (foreign keys stay on inside a migration's transaction), so the links
      // are set aside and put back. The audit triggers are lifted meanwhile, so this housekeeping
      // leaves no trace in the log; migrate() puts them back after every migration.
      dropAuditTriggers(db);
      const links = db
        .prepare(`SELECT id, contract_id AS contractId FROM documents WHERE contract_id IS NOT NULL`)
        .all() as { id: number; contractId: number }[];
      db.exec(`UPDATE documents SET contract_id = NULL WHERE contract_id IS NOT NULL`);
      const sequence = db
        .prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'contracts'`)
        .pluck()
        .get() as number | undefined;
      db.exec(`
        CREATE TABLE contracts_v16 (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          provider_id INTEGER NOT NULL REFERENCES providers (id),
          account_id INTEGER REFERENCES accounts (id),
          name TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('contract', 'subscription')),
          price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
          currency TEXT NOT NULL,
          billing_cycle TEXT NOT NULL
            CHECK (billing_cycle IN ('weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly', 'days')),
          billing_interval_days INTEGER CHECK (billing_interval_days IS NULL OR billing_interval_days > 0),
          start_date TEXT NOT NULL,
          term TEXT,
          renews_on TEXT,
          notice_period TEXT,
          auto_renews INTEGER NOT NULL CHECK (auto_renews IN (0, 1)),
          payment_method TEXT,
          end_date TEXT,
          notes TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        INSERT INTO contracts_v16 SELECT id, provider_id, account_id, name, kind, price_minor, currency,
          billing_cycle, billing_interval_days, start_date, term, renews_on, notice_period, auto_renews,
          payment_method, end_date, notes, created_at, updated_at FROM contracts;
        DROP TABLE contracts;
        ALTER TABLE contracts_v16 RENAME TO contracts;
        CREATE INDEX contracts_provider ON contracts (provider_id);

        -- Every price a contract has had, from the day it applied. The contract's own price is the
        -- latest of them; one price per contract and day.
        CREATE TABLE contract_prices (
          id INTEGER PRIMARY KEY,
          contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
          price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
          currency TEXT NOT NULL,
          valid_from TEXT NOT NULL,
          source TEXT NOT NULL CHECK (source IN ('person', 'bank')),
          note TEXT,
          created_at TEXT NOT NULL,
          UNIQUE (contract_id, valid_from)
        );
        -- What the person typed before there was a history: each contract's price, from its start.
        INSERT INTO contract_prices (contract_id, price_minor, currency, valid_from, source, created_at)
          SELECT id, price_minor, currency, start_date, 'person', created_at FROM contracts ORDER BY id;
      `);
      const relink = db.prepare(`UPDATE documents SET contract_id = ? WHERE id = ?`);
      for (const link of links) relink.run(link.contractId, link.id);
      // The counter goes on from where it was, so the id of a deleted contract is never used again.
      if (sequence !== undefined) {
        db.prepare(`UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'contracts'`).run(sequence);
        const kept = db.prepare(`SELECT 1 FROM sqlite_sequence WHERE name = 'contracts'`).get();
        if (kept === undefined) {
          db.prepare(`INSERT INTO sqlite_sequence (name, seq) VALUES ('contracts', ?)`).run(sequence);
        }
      }
    },
  },
];
