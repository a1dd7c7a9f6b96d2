import type { Migration } from './migrations.js';

/**
 * Migrations of identities (8 on): an identity the person switched off. Kept apart from the
 * others so neither file grows past what a reader takes in; `MIGRATIONS` lists them all, in order.
 */
export const IDENTITY_MIGRATIONS: readonly Migration[] = [
  {
    version: 8,
    name: 'identities: switched off, with or without the mail that was there already',
    up: (db) => {
      // Switched off is not retired: a retired identity is no longer handed out but its mail is
      // still wanted; a switched-off one is unwanted, its mail sorted into a folder of its own.
      db.exec(`
        ALTER TABLE identities ADD COLUMN switched_off_at TEXT;
        ALTER TABLE identities ADD COLUMN switched_off_existing INTEGER NOT NULL DEFAULT 0
          CHECK (switched_off_existing IN (0, 1));
      `);
    },
  },
];
