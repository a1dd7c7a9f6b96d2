import type { Migration } from './migrations.js';

/**
 * Migrations of the calendar (10 on): what the iCalendar feed must remember between fetches so
 * that its events stay the same events (issue 15). Kept apart from the others so merges of areas
 * built side by side do not clash; `MIGRATIONS` lists them all, in order.
 */
export const CALENDAR_MIGRATIONS: readonly Migration[] = [
  {
    version: 10,
    name: 'calendar: the feed’s namespace and secret address, and each event’s content hash and sequence',
    up: (db) => {
      // One row: the random namespace that makes this store's UIDs its own, and the SHA-256 of the
      // feed's secret address (never the address itself), with when it was made.
      // Each event the feed has shown: its content hash and SEQUENCE, so that a fetch that finds
      // the content changed raises the SEQUENCE (RFC 5545 §3.8.7.4) and one that finds it the
      // same keeps it. A removed event keeps its row, so that it comes back with a higher number.
      db.exec(`
        CREATE TABLE calendar_feed (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          namespace TEXT NOT NULL,
          token_hash TEXT,
          token_created_at TEXT
        );
        CREATE TABLE calendar_events (
          uid TEXT PRIMARY KEY,
          hash TEXT NOT NULL,
          sequence INTEGER NOT NULL CHECK (sequence >= 0),
          changed_at TEXT NOT NULL,
          removed_at TEXT
        );
      `);
    },
  },
];
