import type { Migration } from './migrations.js';

/**
 * Migrations of My money's alerts (17 on, issue 17 point 3): what the person decided about an
 * alert, by the alert's key (stable across imports, see money/recurring/alerts.ts): dismissed, or
 * a case opened for it. Kept apart so no migrations file grows past what a reader takes in.
 */
export const ALERT_MIGRATIONS: readonly Migration[] = [
  {
    version: 17,
    name: 'money: dismissed alerts and the cases opened from them',
    up: (db) => {
      db.exec(`
        CREATE TABLE money_alert_states (
          id INTEGER PRIMARY KEY,
          alert_key TEXT NOT NULL UNIQUE,
          state TEXT NOT NULL CHECK (state IN ('dismissed', 'case')),
          case_id INTEGER REFERENCES cases (id) ON DELETE SET NULL,
          at TEXT NOT NULL
        );
        CREATE INDEX money_alert_states_case ON money_alert_states (case_id);
      `);
    },
  },
];
