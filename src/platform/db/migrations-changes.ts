import type { Migration } from './migrations.js';

/**
 * Migrations of change campaigns (12 on): "I have moved", told to every provider that holds the
 * old version of a fact, each followed until it confirms. Kept apart so no migrations file grows
 * past what a reader takes in; `MIGRATIONS` lists them all, in order.
 */
export const CHANGE_MIGRATIONS: readonly Migration[] = [
  {
    version: 12,
    name: 'change campaigns: a new version of a fact, told to each provider that holds an older one',
    up: (db) => {
      // One campaign per new version: starting it twice would write to the same providers twice.
      db.exec(`
        CREATE TABLE change_campaigns (
          id INTEGER PRIMARY KEY,
          fact_id INTEGER NOT NULL REFERENCES facts (id) ON DELETE CASCADE,
          to_version INTEGER NOT NULL,
          language TEXT NOT NULL CHECK (language IN ('en', 'de')),
          wait_days INTEGER NOT NULL CHECK (wait_days BETWEEN 1 AND 365),
          created_at TEXT NOT NULL,
          closed_at TEXT,
          UNIQUE (fact_id, to_version)
        );
        CREATE TABLE change_items (
          id INTEGER PRIMARY KEY,
          campaign_id INTEGER NOT NULL REFERENCES change_campaigns (id) ON DELETE CASCADE,
          provider_id INTEGER NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
          held_version INTEGER,
          channel TEXT CHECK (channel IN ('email', 'letter', 'web_form')),
          identity_id INTEGER REFERENCES identities (id) ON DELETE SET NULL,
          recipient TEXT,
          problem TEXT,
          subject TEXT NOT NULL,
          body TEXT NOT NULL,
          state TEXT NOT NULL
            CHECK (state IN ('drafted', 'sent', 'acknowledged', 'confirmed', 'failed', 'dropped')),
          sent_on TEXT,
          acknowledged_on TEXT,
          confirmed_on TEXT,
          failure TEXT,
          outbox_id INTEGER,
          updated_at TEXT NOT NULL,
          UNIQUE (campaign_id, provider_id)
        );
        CREATE INDEX change_items_provider ON change_items (provider_id);
      `);
    },
  },
  {
    version: 13,
    name: 'follow-ups: a campaign item followed up when its answer is late, threaded to the first notice',
    up: (db) => {
      // follow_ups counts the follow-ups drafted; followed_up_on is the day the latest went out, from
      // which the next answer is due. in_reply_to is the Message-ID an outbox e-mail follows up.
      db.exec(`
        ALTER TABLE change_items ADD COLUMN follow_ups INTEGER NOT NULL DEFAULT 0 CHECK (follow_ups >= 0);
        ALTER TABLE change_items ADD COLUMN followed_up_on TEXT;
        ALTER TABLE outbox_items ADD COLUMN in_reply_to TEXT;
      `);
    },
  },
];
