import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { VrmError } from '../errors.js';
import { CHANGE_MIGRATIONS } from './migrations-changes.js';
import { REQUEST_MIGRATIONS } from './migrations-requests.js';
import { MONEY_MIGRATIONS } from './migrations-money.js';
import { CALENDAR_MIGRATIONS } from './migrations-calendar.js';
import { IDENTITY_MIGRATIONS } from './migrations-identities.js';
import { OUTBOUND_MIGRATIONS } from './migrations-outbound.js';
import { SIGNED_RECORD_MIGRATIONS } from './migrations-signed.js';
import { PRICE_MIGRATIONS } from './migrations-prices.js';
import { ALERT_MIGRATIONS } from './migrations-alerts.js';
import { INTENT_MIGRATIONS } from './migrations-intents.js';
import { installAuditTriggers } from './sqlite/audit.js';

type Connection = BetterSqlite3.Database;

/**
 * Versioned migrations, applied in order when a store opens. The store's version is SQLite's
 * `user_version`; each migration runs in its own transaction with the version bump, so a crash
 * leaves the store at the last whole version. Never edit a migration that has shipped: add one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Connection) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'vault, provider ledger and audit log',
    up: (db) => {
      db.exec(`
        CREATE TABLE facts (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL CHECK (kind IN ('name', 'email', 'phone', 'postal_address', 'date',
            'bank_account', 'identity_document', 'custom')),
          label TEXT NOT NULL,
          created_at TEXT NOT NULL,
          retired_at TEXT
        );
        CREATE TABLE fact_versions (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          fact_id INTEGER NOT NULL REFERENCES facts (id) ON DELETE CASCADE,
          version INTEGER NOT NULL,
          value TEXT NOT NULL CHECK (json_valid(value)),
          valid_from TEXT NOT NULL,
          recorded_at TEXT NOT NULL,
          note TEXT,
          UNIQUE (fact_id, version)
        );
        CREATE TABLE providers (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          name TEXT NOT NULL,
          category TEXT,
          website TEXT,
          country TEXT,
          status TEXT NOT NULL CHECK (status IN ('active', 'former', 'prospect')),
          support_email TEXT,
          privacy_email TEXT,
          phone TEXT,
          postal_address TEXT,
          web_form TEXT,
          notes TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX providers_name ON providers (name COLLATE NOCASE);
        CREATE TABLE provider_domains (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          provider_id INTEGER NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
          domain TEXT NOT NULL UNIQUE
        );
        CREATE INDEX provider_domains_provider ON provider_domains (provider_id);
        CREATE TABLE accounts (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          provider_id INTEGER NOT NULL REFERENCES providers (id),
          customer_number TEXT NOT NULL,
          label TEXT,
          opened_on TEXT,
          closed_on TEXT,
          notes TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX accounts_provider ON accounts (provider_id);
        CREATE TABLE cases (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          provider_id INTEGER NOT NULL REFERENCES providers (id),
          kind TEXT NOT NULL CHECK (kind IN ('complaint', 'dispute')),
          title TEXT NOT NULL,
          description TEXT,
          reference TEXT,
          status TEXT NOT NULL CHECK (status IN ('open', 'waiting', 'escalated', 'resolved')),
          opened_on TEXT NOT NULL,
          escalated_on TEXT,
          resolved_on TEXT,
          resolution TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX cases_provider ON cases (provider_id);
        CREATE TABLE contracts (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          provider_id INTEGER NOT NULL REFERENCES providers (id),
          account_id INTEGER REFERENCES accounts (id),
          name TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('contract', 'subscription')),
          price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
          currency TEXT NOT NULL,
          billing_cycle TEXT NOT NULL CHECK (billing_cycle IN ('weekly', 'monthly', 'quarterly', 'yearly', 'days')),
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
        CREATE INDEX contracts_provider ON contracts (provider_id);
        CREATE TABLE interactions (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          provider_id INTEGER NOT NULL REFERENCES providers (id),
          case_id INTEGER REFERENCES cases (id),
          occurred_at TEXT NOT NULL,
          channel TEXT NOT NULL CHECK (channel IN ('email', 'phone', 'letter', 'chat', 'visit', 'web')),
          direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
          subject TEXT NOT NULL,
          notes TEXT,
          outcome TEXT,
          follow_up_on TEXT,
          follow_up_done_on TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX interactions_provider ON interactions (provider_id, occurred_at);
        CREATE INDEX interactions_case ON interactions (case_id);
        CREATE INDEX interactions_follow_up ON interactions (follow_up_on) WHERE follow_up_done_on IS NULL;
        CREATE TABLE documents (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          provider_id INTEGER NOT NULL REFERENCES providers (id),
          contract_id INTEGER REFERENCES contracts (id),
          case_id INTEGER REFERENCES cases (id),
          title TEXT NOT NULL,
          filename TEXT NOT NULL,
          media_type TEXT NOT NULL,
          size INTEGER NOT NULL,
          sha256 TEXT NOT NULL,
          content BLOB NOT NULL,
          notes TEXT,
          added_at TEXT NOT NULL
        );
        CREATE INDEX documents_provider ON documents (provider_id);
        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          at TEXT NOT NULL,
          entity TEXT NOT NULL,
          entity_id INTEGER NOT NULL,
          action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
          old_values TEXT,
          new_values TEXT
        );
        CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      `);
    },
  },
  {
    version: 2,
    name: 'providers link to their organisation directory entry',
    up: (db) => {
      db.exec(`ALTER TABLE providers ADD COLUMN directory_slug TEXT`);
    },
  },
  {
    version: 3,
    name: 'who knows what: identities, disclosures, terms, policies, agreements, receipts, keys',
    up: (db) => {
      db.exec(`
        CREATE TABLE signing_keys (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kid TEXT NOT NULL UNIQUE,
          alg TEXT NOT NULL CHECK (alg IN ('ES256')),
          public_jwk TEXT NOT NULL CHECK (json_valid(public_jwk)),
          private_jwk TEXT NOT NULL CHECK (json_valid(private_jwk)),
          created_at TEXT NOT NULL,
          retired_at TEXT
        );
        CREATE TABLE alias_strategies (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL CHECK (kind IN ('plus', 'catchall')),
          base TEXT NOT NULL,
          is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
          created_at TEXT NOT NULL,
          UNIQUE (kind, base)
        );
        CREATE TABLE identities (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          provider_id INTEGER REFERENCES providers (id),
          kind TEXT NOT NULL CHECK (kind IN ('email', 'postal', 'phone')),
          value TEXT NOT NULL,
          match_key TEXT NOT NULL,
          origin TEXT NOT NULL CHECK (origin IN ('plus', 'catchall', 'simplelogin', 'addy', 'manual')),
          strategy_id INTEGER REFERENCES alias_strategies (id),
          fact_id INTEGER REFERENCES facts (id),
          tag TEXT,
          enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
          review TEXT NOT NULL DEFAULT 'confirmed' CHECK (review IN ('confirmed', 'suggested', 'unmatched')),
          review_reason TEXT,
          note TEXT,
          created_at TEXT NOT NULL,
          retired_at TEXT
        );
        CREATE UNIQUE INDEX identities_match ON identities (kind, match_key);
        CREATE INDEX identities_provider ON identities (provider_id);
        CREATE TABLE personal_terms (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          code TEXT NOT NULL UNIQUE COLLATE NOCASE,
          name TEXT NOT NULL,
          summary TEXT NOT NULL,
          purposes TEXT NOT NULL CHECK (json_valid(purposes)),
          third_parties TEXT NOT NULL CHECK (third_parties IN ('none', 'processors', 'allowed')),
          retention TEXT,
          profiling INTEGER NOT NULL CHECK (profiling IN (0, 1)),
          ai_training INTEGER NOT NULL CHECK (ai_training IN (0, 1)),
          tracking INTEGER NOT NULL CHECK (tracking IN (0, 1)),
          based_on TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE TABLE disclosure_policies (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          provider_id INTEGER REFERENCES providers (id),
          category TEXT,
          facts TEXT NOT NULL CHECK (json_valid(facts)),
          allow_purposes TEXT NOT NULL CHECK (json_valid(allow_purposes)),
          deny_purposes TEXT NOT NULL CHECK (json_valid(deny_purposes)),
          terms_code TEXT,
          note TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          CHECK (provider_id IS NULL OR category IS NULL)
        );
        CREATE INDEX disclosure_policies_provider ON disclosure_policies (provider_id);
        CREATE TABLE agreements (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          provider_id INTEGER NOT NULL REFERENCES providers (id),
          terms_code TEXT NOT NULL,
          proffered_on TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('proffered', 'accepted', 'rejected', 'countered')),
          counter_terms_code TEXT,
          answered_on TEXT,
          evidence TEXT,
          evidence_document_id INTEGER REFERENCES documents (id),
          evidence_interaction_id INTEGER REFERENCES interactions (id),
          signed TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX agreements_provider ON agreements (provider_id);
        CREATE TABLE disclosures (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          event TEXT NOT NULL,
          provider_id INTEGER NOT NULL REFERENCES providers (id),
          fact_id INTEGER REFERENCES facts (id),
          fact_version INTEGER,
          identity_id INTEGER REFERENCES identities (id),
          disclosed_on TEXT NOT NULL,
          channel TEXT NOT NULL CHECK (channel IN ('web', 'email', 'phone', 'letter', 'in_person', 'app',
            'signed_package', 'other')),
          purposes TEXT NOT NULL CHECK (json_valid(purposes)),
          terms_code TEXT,
          agreement_id INTEGER REFERENCES agreements (id),
          policy_override TEXT,
          note TEXT,
          created_at TEXT NOT NULL,
          withdrawn_on TEXT,
          CHECK ((fact_id IS NULL) <> (identity_id IS NULL)),
          CHECK (fact_id IS NULL OR fact_version IS NOT NULL)
        );
        CREATE INDEX disclosures_provider ON disclosures (provider_id);
        CREATE INDEX disclosures_fact ON disclosures (fact_id);
        CREATE INDEX disclosures_identity ON disclosures (identity_id);
        CREATE INDEX disclosures_event ON disclosures (event);
        CREATE TABLE consent_receipts (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          receipt_id TEXT NOT NULL UNIQUE,
          event TEXT NOT NULL UNIQUE,
          provider_id INTEGER NOT NULL REFERENCES providers (id),
          issued_at TEXT NOT NULL,
          jws TEXT NOT NULL
        );
        CREATE INDEX consent_receipts_provider ON consent_receipts (provider_id);
        CREATE TABLE disclosure_packages (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          event TEXT NOT NULL UNIQUE,
          provider_id INTEGER NOT NULL REFERENCES providers (id),
          terms_code TEXT NOT NULL,
          sd_jwt TEXT NOT NULL,
          issued_at TEXT NOT NULL,
          expires_at TEXT
        );
        CREATE INDEX disclosure_packages_provider ON disclosure_packages (provider_id);
      `);
    },
  },
  {
    version: 4,
    name: 'mail: sources, messages with full-text index, leak events, allowed senders, triage rules',
    up: (db) => {
      db.exec(`
        CREATE TABLE mail_sources (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL CHECK (kind IN ('mbox', 'maildir', 'eml', 'imap')),
          label TEXT NOT NULL,
          location TEXT NOT NULL,
          host TEXT,
          port INTEGER,
          security TEXT CHECK (security IS NULL OR security IN ('tls', 'starttls', 'none')),
          username TEXT,
          password TEXT,
          allow_self_signed INTEGER NOT NULL DEFAULT 0 CHECK (allow_self_signed IN (0, 1)),
          folders TEXT CHECK (folders IS NULL OR json_valid(folders)),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          UNIQUE (kind, location)
        );
        CREATE TABLE mail_sync (
          source_id INTEGER NOT NULL REFERENCES mail_sources (id) ON DELETE CASCADE,
          folder TEXT NOT NULL,
          uid_validity TEXT,
          last_uid INTEGER,
          byte_offset INTEGER,
          head_hash TEXT,
          updated_at TEXT NOT NULL,
          PRIMARY KEY (source_id, folder)
        );
        CREATE TABLE mail_imports (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          source_id INTEGER REFERENCES mail_sources (id) ON DELETE SET NULL,
          kind TEXT NOT NULL,
          location TEXT NOT NULL,
          started_at TEXT NOT NULL,
          finished_at TEXT,
          status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
          seen INTEGER NOT NULL DEFAULT 0,
          imported INTEGER NOT NULL DEFAULT 0,
          duplicates INTEGER NOT NULL DEFAULT 0,
          skipped INTEGER NOT NULL DEFAULT 0,
          skips TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(skips)),
          error TEXT,
          pid INTEGER
        );
        CREATE TABLE mail_rules (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          name TEXT NOT NULL,
          position INTEGER NOT NULL,
          enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
          conditions TEXT NOT NULL CHECK (json_valid(conditions)),
          actions TEXT NOT NULL CHECK (json_valid(actions)),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE TABLE allowed_senders (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          provider_id INTEGER NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
          sender_key TEXT NOT NULL,
          sender_label TEXT NOT NULL,
          reason TEXT NOT NULL,
          created_at TEXT NOT NULL,
          UNIQUE (provider_id, sender_key)
        );
        CREATE TABLE leak_events (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          identity_id INTEGER NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
          owner_provider_id INTEGER NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
          sender_key TEXT NOT NULL,
          sender_provider_id INTEGER REFERENCES providers (id) ON DELETE SET NULL,
          sender_label TEXT NOT NULL,
          first_seen TEXT NOT NULL,
          last_seen TEXT NOT NULL,
          message_count INTEGER NOT NULL,
          UNIQUE (identity_id, sender_key)
        );
        -- Small columns first: a query that filters on them reads only the first bytes of each row,
        -- never the overflow pages of the text behind them.
        CREATE TABLE messages (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          sent_at TEXT,
          attachment_count INTEGER NOT NULL,
          sender_provider_id INTEGER REFERENCES providers (id) ON DELETE SET NULL,
          leak INTEGER NOT NULL DEFAULT 0 CHECK (leak IN (0, 1)),
          is_list INTEGER NOT NULL CHECK (is_list IN (0, 1)),
          identity_id INTEGER REFERENCES identities (id) ON DELETE SET NULL,
          identity_provider_id INTEGER REFERENCES providers (id) ON DELETE SET NULL,
          attention TEXT NOT NULL CHECK (attention IN ('now', 'today', 'later', 'never')),
          muted INTEGER NOT NULL DEFAULT 0 CHECK (muted IN (0, 1)),
          flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
          placed_by_hand INTEGER NOT NULL DEFAULT 0 CHECK (placed_by_hand IN (0, 1)),
          case_id INTEGER REFERENCES cases (id) ON DELETE SET NULL,
          rule_id INTEGER REFERENCES mail_rules (id) ON DELETE SET NULL,
          leak_event_id INTEGER REFERENCES leak_events (id) ON DELETE SET NULL,
          import_id INTEGER REFERENCES mail_imports (id) ON DELETE SET NULL,
          size INTEGER NOT NULL,
          imported_at TEXT NOT NULL,
          folder TEXT NOT NULL,
          sender_key TEXT NOT NULL,
          sender_label TEXT NOT NULL,
          fingerprint TEXT NOT NULL UNIQUE,
          message_id TEXT,
          from_address TEXT,
          from_name TEXT,
          identity_address TEXT,
          identity_header TEXT,
          identity_how TEXT,
          sender_evidence TEXT NOT NULL,
          rule_reason TEXT NOT NULL,
          location TEXT NOT NULL,
          warnings TEXT,
          subject TEXT NOT NULL,
          sender TEXT NOT NULL,
          recipients TEXT NOT NULL,
          envelope TEXT NOT NULL,
          body TEXT NOT NULL,
          headers TEXT
        );
        CREATE INDEX messages_sent ON messages (sent_at);
        CREATE INDEX messages_sender_provider ON messages (sender_provider_id, sent_at);
        CREATE INDEX messages_identity ON messages (identity_id);
        CREATE INDEX messages_attention ON messages (attention, sent_at);
        CREATE INDEX messages_folder ON messages (folder, sent_at);
        -- The inbox's counts, answered from this index alone, never from the rows (a row holds the
        -- text, a page or more of it).
        CREATE INDEX messages_counts ON messages (muted, attention, folder, sender_provider_id, flagged, leak);
        CREATE INDEX messages_with_attachments ON messages (sent_at) WHERE attachment_count > 0;
        CREATE INDEX messages_leaks ON messages (sent_at) WHERE leak = 1;
        CREATE INDEX messages_leak_event ON messages (leak_event_id);
        CREATE TABLE message_raw (
          message_id INTEGER PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
          compressed BLOB NOT NULL
        );
        CREATE TABLE message_attachments (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
          filename TEXT,
          mime_type TEXT NOT NULL,
          size INTEGER NOT NULL,
          disposition TEXT,
          content_id TEXT
        );
        CREATE INDEX message_attachments_message ON message_attachments (message_id);
        -- The full-text index reads its text from messages (external content): stored once.
        CREATE VIRTUAL TABLE message_fts USING fts5(
          subject, sender, recipients, body,
          content = 'messages', content_rowid = 'id',
          tokenize = 'unicode61 remove_diacritics 2'
        );
        -- Merge index segments in larger steps while importing: about a fifth less work per message.
        INSERT INTO message_fts (message_fts, rank) VALUES ('automerge', 16);
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
          INSERT INTO message_fts (message_fts, rowid, subject, sender, recipients, body)
          VALUES ('delete', OLD.id, OLD.subject, OLD.sender, OLD.recipients, OLD.body);
        END;
        CREATE TABLE mail_state (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );
      `);
    },
  },
  ...SIGNED_RECORD_MIGRATIONS,
  ...IDENTITY_MIGRATIONS,
  ...CHANGE_MIGRATIONS,
  ...CALENDAR_MIGRATIONS,
  ...OUTBOUND_MIGRATIONS,
  ...REQUEST_MIGRATIONS,
  ...MONEY_MIGRATIONS,
  ...PRICE_MIGRATIONS,
  ...ALERT_MIGRATIONS,
  ...INTENT_MIGRATIONS,
];

export const LATEST_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

export function schemaVersion(db: Connection): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration newer than the store, then rebuilds the audit triggers if any ran. */
export function migrate(db: Connection, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = schemaVersion(db);
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) {
    throw new VrmError(
      'store_unavailable',
      `this store was written by a newer vrm (schema ${current}; this vrm knows up to ${latest}): upgrade vrm`,
    );
  }
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const migration of pending) {
    db.transaction(() => {
      migration.up(db);
      installAuditTriggers(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return pending.length;
}
