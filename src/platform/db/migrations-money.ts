import type { Migration } from './migrations.js';

/**
 * Migrations of the money area (15 on, issue 17): the bank accounts statements name, each import
 * of a statement file, the bookings, the person's rules for who was paid, and their own CSV
 * column mappings. Kept apart so no migrations file grows past what a reader takes in.
 */
export const MONEY_MIGRATIONS: readonly Migration[] = [
  {
    version: 15,
    name: 'money: bank accounts, statement imports, bookings, payee rules and CSV mappings',
    up: (db) => {
      db.exec(`
        CREATE TABLE bank_accounts (
          id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,
          iban TEXT,
          number TEXT,
          bank_id TEXT,
          currency TEXT,
          name TEXT,
          type TEXT,
          label TEXT,
          fact_id INTEGER REFERENCES facts (id) ON DELETE SET NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX bank_accounts_iban ON bank_accounts (iban);
        CREATE INDEX bank_accounts_fact ON bank_accounts (fact_id);
        CREATE TABLE bank_imports (
          id INTEGER PRIMARY KEY,
          file_name TEXT NOT NULL,
          format TEXT NOT NULL,
          variant TEXT NOT NULL,
          encoding TEXT NOT NULL,
          options TEXT NOT NULL,
          sha256 TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
          started_at TEXT NOT NULL,
          finished_at TEXT,
          seen INTEGER NOT NULL DEFAULT 0,
          imported INTEGER NOT NULL DEFAULT 0,
          duplicates INTEGER NOT NULL DEFAULT 0,
          skipped INTEGER NOT NULL DEFAULT 0,
          skips TEXT NOT NULL DEFAULT '[]',
          -- The index (in the statement's outcomes) of the last outcome written; -1 before any.
          checkpoint INTEGER NOT NULL DEFAULT -1,
          total INTEGER NOT NULL,
          resumed_from INTEGER,
          -- The process importing it, so a second one does not run the same import at once.
          pid INTEGER,
          error TEXT
        );
        CREATE INDEX bank_imports_sha256 ON bank_imports (sha256, id);
        CREATE TABLE bank_transactions (
          id INTEGER PRIMARY KEY,
          account_id INTEGER NOT NULL REFERENCES bank_accounts (id) ON DELETE CASCADE,
          key TEXT NOT NULL,
          import_id INTEGER REFERENCES bank_imports (id) ON DELETE SET NULL,
          booked_on TEXT NOT NULL,
          value_on TEXT,
          amount_minor INTEGER NOT NULL,
          currency TEXT NOT NULL,
          counterparty_name TEXT,
          -- The counterparty's name as matching compares it (money/normalise.ts), so a rule on a
          -- payee finds its bookings by index.
          payee TEXT NOT NULL,
          counterparty_iban TEXT,
          creditor_id TEXT,
          mandate_reference TEXT,
          text TEXT,
          bank_reference TEXT,
          kind TEXT,
          provider_id INTEGER REFERENCES providers (id) ON DELETE SET NULL,
          match_by TEXT,
          match_evidence TEXT,
          match_confirmed INTEGER NOT NULL DEFAULT 0,
          confirmed_at TEXT,
          contract_id INTEGER REFERENCES contracts (id) ON DELETE SET NULL,
          created_at TEXT NOT NULL,
          UNIQUE (account_id, key)
        );
        CREATE INDEX bank_transactions_booked ON bank_transactions (booked_on, id);
        CREATE INDEX bank_transactions_account ON bank_transactions (account_id, booked_on);
        -- Partial indexes: a booking without the value costs no index write on import, which
        -- keeps 100,000 bookings at 20,000 a second (issue 17).
        CREATE INDEX bank_transactions_provider ON bank_transactions (provider_id, booked_on)
          WHERE provider_id IS NOT NULL;
        CREATE INDEX bank_transactions_contract ON bank_transactions (contract_id)
          WHERE contract_id IS NOT NULL;
        CREATE INDEX bank_transactions_creditor ON bank_transactions (creditor_id)
          WHERE creditor_id IS NOT NULL;
        CREATE INDEX bank_transactions_mandate ON bank_transactions (mandate_reference)
          WHERE mandate_reference IS NOT NULL;
        CREATE INDEX bank_transactions_iban ON bank_transactions (counterparty_iban)
          WHERE counterparty_iban IS NOT NULL;
        CREATE INDEX bank_transactions_payee ON bank_transactions (payee);
        -- A person's decision about who an identifier pays: provider_id NULL means "not a
        -- provider, leave it unmatched". Removing the provider removes the rule.
        CREATE TABLE payee_rules (
          id INTEGER PRIMARY KEY,
          field TEXT NOT NULL
            CHECK (field IN ('creditor_id', 'mandate_reference', 'counterparty_iban', 'counterparty_name')),
          value TEXT NOT NULL,
          provider_id INTEGER REFERENCES providers (id) ON DELETE CASCADE,
          created_at TEXT NOT NULL,
          UNIQUE (field, value)
        );
        CREATE INDEX payee_rules_provider ON payee_rules (provider_id);
        CREATE TABLE csv_mappings (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE,
          mapping TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
      `);
    },
  },
];
