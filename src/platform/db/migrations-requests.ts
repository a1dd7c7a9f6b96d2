import type { Migration } from './migrations.js';

/**
 * Migrations of data-subject requests (14 on): each request to a controller is a proceeding with
 * its messages (the request, the answers, an admonition, a complaint) and the answers it got,
 * kept as documents. Kept apart so no migrations file grows past what a reader takes in.
 */
export const REQUEST_MIGRATIONS: readonly Migration[] = [
  {
    version: 14,
    name: 'data-subject requests: proceedings, their messages and the answers they got; dismissed discoveries',
    up: (db) => {
      // A request campaign asks many providers at once (every holder of a fact, every bank); each
      // provider's request is still its own proceeding, with its own deadline.
      db.exec(`
        CREATE TABLE request_campaigns (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL,
          language TEXT NOT NULL CHECK (language IN ('en', 'de')),
          scope TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
        CREATE TABLE proceedings (
          id INTEGER PRIMARY KEY,
          provider_id INTEGER NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
          campaign_id INTEGER REFERENCES request_campaigns (id) ON DELETE SET NULL,
          kind TEXT NOT NULL CHECK (kind IN ('access', 'rectification', 'erasure', 'restriction',
            'portability', 'objection', 'marketing_objection', 'withdraw_consent', 'recipients')),
          language TEXT NOT NULL CHECK (language IN ('en', 'de')),
          details TEXT NOT NULL,
          channel TEXT CHECK (channel IN ('email', 'letter', 'web_form')),
          identity_id INTEGER REFERENCES identities (id) ON DELETE SET NULL,
          recipient TEXT,
          problem TEXT,
          place TEXT NOT NULL,
          delivery_days INTEGER CHECK (delivery_days BETWEEN 0 AND 30),
          state TEXT NOT NULL CHECK (state IN ('drafted', 'sent', 'extended', 'answered',
            'admonished', 'complaint', 'done', 'withdrawn')),
          sent_on TEXT,
          extension_on TEXT,
          extension_reasons TEXT,
          answered_on TEXT,
          answer TEXT CHECK (answer IN ('complete', 'incomplete')),
          missing_items TEXT,
          admonished_on TEXT,
          admonition_due_on TEXT,
          authority TEXT,
          complained_on TEXT,
          closed_on TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX proceedings_provider ON proceedings (provider_id);
        CREATE INDEX proceedings_campaign ON proceedings (campaign_id);
        CREATE TABLE proceeding_messages (
          id INTEGER PRIMARY KEY,
          proceeding_id INTEGER NOT NULL REFERENCES proceedings (id) ON DELETE CASCADE,
          kind TEXT NOT NULL
            CHECK (kind IN ('request', 'response', 'admonition', 'complaint', 'extension', 'note')),
          direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
          state TEXT NOT NULL CHECK (state IN ('drafted', 'sent', 'received')),
          on_day TEXT,
          channel TEXT CHECK (channel IN ('email', 'letter', 'web_form')),
          recipient TEXT,
          subject TEXT NOT NULL,
          body TEXT NOT NULL,
          outbox_id INTEGER REFERENCES outbox_items (id) ON DELETE SET NULL,
          mail_message_id TEXT,
          document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX proceeding_messages_proceeding ON proceeding_messages (proceeding_id);
        CREATE INDEX proceeding_messages_outbox ON proceeding_messages (outbox_id);
        CREATE TABLE proceeding_answers (
          id INTEGER PRIMARY KEY,
          proceeding_id INTEGER NOT NULL REFERENCES proceedings (id) ON DELETE CASCADE,
          name TEXT NOT NULL,
          sha256 TEXT NOT NULL,
          mail_message_id TEXT,
          findings TEXT NOT NULL,
          problems TEXT NOT NULL,
          imported_at TEXT NOT NULL,
          UNIQUE (proceeding_id, sha256)
        );
        CREATE TABLE proceeding_answer_files (
          id INTEGER PRIMARY KEY,
          answer_id INTEGER NOT NULL REFERENCES proceeding_answers (id) ON DELETE CASCADE,
          path TEXT NOT NULL,
          document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE
        );
        CREATE INDEX proceeding_answer_files_answer ON proceeding_answer_files (answer_id);
        -- Organisations found in mail that the person does not want listed (issue 16, part 5):
        -- their decision, so it is data, exported and restored with the rest.
        CREATE TABLE discovery_dismissals (
          id INTEGER PRIMARY KEY,
          domain TEXT NOT NULL UNIQUE,
          dismissed_at TEXT NOT NULL
        );
      `);
    },
  },
];
