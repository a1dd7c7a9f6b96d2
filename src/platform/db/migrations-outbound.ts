import type { Migration } from './migrations.js';

/**
 * Migrations of outbound correspondence (9): the person's own SMTP server, and the outbox every
 * area sends through (issue 15). Kept apart so the files stay readable and merges do not clash.
 */
export const OUTBOUND_MIGRATIONS: readonly Migration[] = [
  {
    version: 9,
    name: 'outbound: sending settings and the outbox',
    up: (db) => {
      // One row: the person sends through one server. The password sits in the encrypted store,
      // as the IMAP passwords do, and is kept out of the audit log and of plain exports.
      // The outbox's `state` follows the queue of docs/decisions.md: draft, queued, sending
      // (the intent is recorded, bytes stored), then sent, failed or uncertain.
      db.exec(`
        CREATE TABLE smtp_settings (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          host TEXT NOT NULL,
          port INTEGER NOT NULL,
          security TEXT NOT NULL CHECK (security IN ('starttls', 'tls', 'none')),
          username TEXT NOT NULL,
          password TEXT,
          display_name TEXT,
          allow_self_signed INTEGER NOT NULL DEFAULT 0 CHECK (allow_self_signed IN (0, 1)),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE TABLE outbox_items (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          provider_id INTEGER NOT NULL REFERENCES providers (id),
          channel TEXT NOT NULL CHECK (channel IN ('email', 'letter', 'web_form')),
          state TEXT NOT NULL CHECK (state IN ('draft', 'queued', 'sending', 'sent', 'failed', 'uncertain')),
          subject TEXT NOT NULL,
          body TEXT NOT NULL,
          purpose_kind TEXT,
          purpose_id INTEGER,
          identity_id INTEGER REFERENCES identities (id),
          from_address TEXT,
          to_address TEXT,
          web_form TEXT,
          idempotency_key TEXT NOT NULL UNIQUE,
          message_id TEXT UNIQUE,
          raw BLOB,
          failure TEXT,
          interaction_id INTEGER REFERENCES interactions (id),
          document_id INTEGER REFERENCES documents (id),
          sending_at TEXT,
          sent_at TEXT,
          replied_at TEXT,
          reply_message_id TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX outbox_items_provider ON outbox_items (provider_id);
        CREATE INDEX outbox_items_state ON outbox_items (state);
        CREATE INDEX outbox_items_purpose ON outbox_items (purpose_kind, purpose_id);
        CREATE INDEX outbox_items_message ON outbox_items (from_address);
        -- How far replies and bounces were looked for among imported mail: derived, so not exported.
        CREATE TABLE outbound_state (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );
      `);
    },
  },
];
