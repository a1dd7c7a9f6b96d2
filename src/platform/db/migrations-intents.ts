import type { Migration } from './migrations.js';

/**
 * Migrations of intents (18 on, issue 18): the pseudonymous personas an intent is cast under,
 * what each may say of the person, and the providers each was shown to. Kept apart so no
 * migrations file grows past what a reader takes in.
 */
export const INTENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 18,
    name: 'intents: personas, their statements and whom they were shown to',
    up: (db) => {
      db.exec(`
        CREATE TABLE personas (
          id INTEGER PRIMARY KEY,
          display_name TEXT NOT NULL,
          identity_id INTEGER NOT NULL UNIQUE REFERENCES identities (id),
          kid TEXT NOT NULL UNIQUE,
          public_jwk TEXT NOT NULL CHECK (json_valid(public_jwk)),
          private_jwk TEXT CHECK (private_jwk IS NULL OR json_valid(private_jwk)),
          pickup TEXT,
          note TEXT,
          created_at TEXT NOT NULL,
          retired_at TEXT
        );
        CREATE TABLE persona_statements (
          id INTEGER PRIMARY KEY,
          persona_id INTEGER NOT NULL REFERENCES personas (id) ON DELETE CASCADE,
          fact_id INTEGER REFERENCES facts (id) ON DELETE SET NULL,
          form TEXT NOT NULL,
          label TEXT NOT NULL,
          value TEXT NOT NULL,
          text TEXT NOT NULL,
          generalised INTEGER NOT NULL CHECK (generalised IN (0, 1)),
          position INTEGER NOT NULL,
          created_at TEXT NOT NULL
        );
        CREATE INDEX persona_statements_persona ON persona_statements (persona_id, position);
        CREATE INDEX persona_statements_fact ON persona_statements (fact_id);
        CREATE TABLE persona_shown (
          id INTEGER PRIMARY KEY,
          persona_id INTEGER NOT NULL REFERENCES personas (id) ON DELETE CASCADE,
          provider_id INTEGER NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
          shown_on TEXT NOT NULL,
          how TEXT NOT NULL,
          UNIQUE (persona_id, provider_id)
        );
        CREATE INDEX persona_shown_provider ON persona_shown (provider_id);
      `);
    },
  },
  {
    version: 19,
    name: 'intents: what the person wants to buy, under a persona',
    up: (db) => {
      db.exec(`
        CREATE TABLE intents (
          id INTEGER PRIMARY KEY,
          identifier TEXT NOT NULL UNIQUE,
          persona_id INTEGER NOT NULL REFERENCES personas (id),
          category TEXT NOT NULL,
          description TEXT NOT NULL,
          quantity_value REAL,
          quantity_unit TEXT,
          place TEXT,
          wanted_from TEXT,
          wanted_until TEXT,
          budget_minor INTEGER,
          currency TEXT,
          budget_per TEXT CHECK (budget_per IS NULL OR budget_per IN ('month', 'year')),
          terms TEXT NOT NULL CHECK (json_valid(terms)),
          answer_by TEXT NOT NULL,
          status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'cast', 'closed')),
          created_at TEXT NOT NULL,
          cast_at TEXT,
          closed_at TEXT
        );
        CREATE INDEX intents_persona ON intents (persona_id);
      `);
    },
  },
];
