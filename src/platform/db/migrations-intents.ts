import type { Migration } from './migrations.js';

/**
 * Migrations of intents (18 on, issue 18): the pseudonymous personas an intent is cast under,
 * what each may say of the person, the providers each was shown to, the vendors an intent goes to
 * and the offers they make. Kept apart so no migrations file grows past what a reader takes in.
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
  {
    version: 20,
    name: 'intents: the vendors an intent goes to, and the offers they make',
    up: (db) => {
      db.exec(`
        -- The name an e-mail goes out under: a persona's, not the person's (NULL: the settings').
        ALTER TABLE outbox_items ADD COLUMN from_name TEXT;
        -- Files that go with an e-mail, as JSON [{ filename, contentType, text }] (a signed intent).
        ALTER TABLE outbox_items ADD COLUMN attachments TEXT CHECK (attachments IS NULL OR json_valid(attachments));
        -- What the person pays today for the same thing, when they name it.
        ALTER TABLE intents ADD COLUMN contract_id INTEGER REFERENCES contracts (id) ON DELETE SET NULL;
        CREATE TABLE intent_recipients (
          id INTEGER PRIMARY KEY,
          intent_id INTEGER NOT NULL REFERENCES intents (id) ON DELETE CASCADE,
          provider_id INTEGER NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
          outbox_id INTEGER REFERENCES outbox_items (id) ON DELETE SET NULL,
          decline_outbox_id INTEGER REFERENCES outbox_items (id) ON DELETE SET NULL,
          -- The reply last read for an offer (its Message-ID), and what was found in it.
          reply_key TEXT,
          reply_note TEXT,
          added_at TEXT NOT NULL,
          UNIQUE (intent_id, provider_id)
        );
        CREATE INDEX intent_recipients_provider ON intent_recipients (provider_id);
        CREATE TABLE offers (
          id INTEGER PRIMARY KEY,
          intent_id INTEGER NOT NULL REFERENCES intents (id) ON DELETE CASCADE,
          provider_id INTEGER NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
          source TEXT NOT NULL CHECK (source IN ('mail', 'hand', 'json_ld')),
          message_key TEXT,
          document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,
          price_minor INTEGER CHECK (price_minor IS NULL OR price_minor >= 0),
          currency TEXT,
          period TEXT CHECK (period IS NULL OR period IN ('once', 'week', 'month', 'quarter', 'half-year', 'year')),
          term_months INTEGER CHECK (term_months IS NULL OR term_months > 0),
          conditions TEXT,
          included TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(included)),
          excluded TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(excluded)),
          valid_until TEXT,
          -- An offer in another currency: what one unit of it is worth in rate_to, as the person said.
          rate TEXT,
          rate_to TEXT,
          status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined')),
          decided_at TEXT,
          disclosure_id INTEGER REFERENCES disclosures (id) ON DELETE SET NULL,
          contract_id INTEGER REFERENCES contracts (id) ON DELETE SET NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          UNIQUE (intent_id, message_key)
        );
        CREATE INDEX offers_provider ON offers (provider_id);
      `);
    },
  },
];
