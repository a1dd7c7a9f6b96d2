import { randomUUID } from 'node:crypto';
import type { Migration } from './migrations.js';

/**
 * The migrations of signed records (5 to 7): agreements that keep every signed state, signing
 * keys that lose their private half when retired and one issuer key per provider, and the holder
 * key of a package issued with holder binding. Kept apart from the first four so neither file
 * grows past what a reader takes in; `MIGRATIONS` lists them all, in order.
 */
export const SIGNED_RECORD_MIGRATIONS: readonly Migration[] = [
  {
    version: 5,
    name: 'agreements: a UUID, both parties, every signed state kept, and the countersignature',
    up: (db) => {
      db.exec(`
        ALTER TABLE agreements ADD COLUMN agreement_uuid TEXT;
        ALTER TABLE agreements ADD COLUMN first_party TEXT;
        ALTER TABLE agreements ADD COLUMN first_party_kind TEXT
          CHECK (first_party_kind IS NULL OR first_party_kind IN ('identity', 'pseudonym'));
        ALTER TABLE agreements ADD COLUMN second_party TEXT
          CHECK (second_party IS NULL OR json_valid(second_party));
        CREATE TABLE agreement_records (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
          state TEXT NOT NULL CHECK (state IN ('proffered', 'accepted', 'rejected', 'countered')),
          jws TEXT NOT NULL,
          countersignature TEXT,
          countersigner_jwk TEXT CHECK (countersigner_jwk IS NULL OR json_valid(countersigner_jwk)),
          countersigned_at TEXT,
          created_at TEXT NOT NULL,
          CHECK ((countersignature IS NULL) = (countersigner_jwk IS NULL))
        );
        CREATE INDEX agreement_records_agreement ON agreement_records (agreement_id, id);
        -- A signed record is evidence: its bytes never change; only a countersignature is added.
        CREATE TRIGGER agreement_records_jws_fixed BEFORE UPDATE OF jws, state, agreement_id, created_at
          ON agreement_records
          BEGIN SELECT RAISE(ABORT, 'a signed agreement record cannot be changed'); END;
        -- What was signed before this version was one record per agreement, overwritten on each
        -- change: the last signature is kept as that agreement's one record.
        INSERT INTO agreement_records (agreement_id, state, jws, created_at)
          SELECT id, status, signed, updated_at FROM agreements WHERE signed IS NOT NULL ORDER BY id;
      `);
      // Parties as vrm would name them at proffer time: the e-mail identity given to the provider,
      // else one pseudonym per provider; the provider as it is named now.
      const rows = db.prepare(`SELECT id, provider_id FROM agreements ORDER BY id`).all() as {
        id: number;
        provider_id: number;
      }[];
      const pseudonyms = new Map<number, string>();
      const update = db.prepare(
        `UPDATE agreements SET agreement_uuid = ?, first_party = ?, first_party_kind = ?, second_party = ? WHERE id = ?`,
      );
      for (const row of rows) {
        const identity = db
          .prepare(
            `SELECT value FROM identities WHERE provider_id = ? AND kind = 'email' AND retired_at IS NULL ORDER BY id LIMIT 1`,
          )
          .get(row.provider_id) as { value: string } | undefined;
        const pseudonym = pseudonyms.get(row.provider_id) ?? `urn:uuid:${randomUUID()}`;
        if (!identity) pseudonyms.set(row.provider_id, pseudonym);
        const provider = db
          .prepare(`SELECT name, website FROM providers WHERE id = ?`)
          .get(row.provider_id) as { name: string; website: string | null };
        const domains = (
          db
            .prepare(`SELECT domain FROM provider_domains WHERE provider_id = ? ORDER BY domain`)
            .all(row.provider_id) as { domain: string }[]
        ).map((d) => d.domain);
        update.run(
          `urn:uuid:${randomUUID()}`,
          identity?.value ?? pseudonym,
          identity ? 'identity' : 'pseudonym',
          JSON.stringify({ name: provider.name, website: provider.website, domains }),
          row.id,
        );
      }
      db.exec(`CREATE UNIQUE INDEX agreements_uuid ON agreements (agreement_uuid)`);
    },
  },
  {
    version: 6,
    name: 'signing keys: a retired key keeps only its public half; a key of its own per provider',
    up: (db) => {
      // SQLite cannot make a column nullable in place: the table is rebuilt with the same ids.
      // The private half of every key already retired is left behind, and the bytes it held are
      // overwritten (the store runs with secure_delete = ON). Triggers on the old table go with it
      // and the audit triggers are made again for the new one after this migration.
      const sequence = db
        .prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'signing_keys'`)
        .pluck()
        .get() as number | undefined;
      db.exec(`
        CREATE TABLE signing_keys_v5 (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kid TEXT NOT NULL UNIQUE,
          alg TEXT NOT NULL CHECK (alg IN ('ES256')),
          public_jwk TEXT NOT NULL CHECK (json_valid(public_jwk)),
          -- NULL once the key is retired, or when it came from an export without secrets.
          private_jwk TEXT CHECK (private_jwk IS NULL OR json_valid(private_jwk)),
          -- Set for a provider's own issuer key; NULL for the person's signing keys.
          provider_id INTEGER REFERENCES providers (id) ON DELETE CASCADE,
          created_at TEXT NOT NULL,
          retired_at TEXT,
          CHECK (retired_at IS NULL OR private_jwk IS NULL)
        );
        INSERT INTO signing_keys_v5 (id, kid, alg, public_jwk, private_jwk, provider_id, created_at, retired_at)
          SELECT id, kid, alg, public_jwk, CASE WHEN retired_at IS NULL THEN private_jwk END, NULL,
            created_at, retired_at
          FROM signing_keys;
        DROP TABLE signing_keys;
        ALTER TABLE signing_keys_v5 RENAME TO signing_keys;
        CREATE INDEX signing_keys_provider ON signing_keys (provider_id);
      `);
      // The counter goes on from where it was, so an id once used is never used again.
      if (sequence !== undefined) {
        const kept = db
          .prepare(`UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'signing_keys'`)
          .run(sequence);
        if (kept.changes === 0) {
          db.prepare(`INSERT INTO sqlite_sequence (name, seq) VALUES ('signing_keys', ?)`).run(sequence);
        }
      }
    },
  },
  {
    version: 7,
    name: 'signed disclosures: the holder key of a package issued with holder binding',
    up: (db) => {
      // The private JWK of the key the package's `cnf` names; the person signs key-binding JWTs
      // with it when presenting. NULL for a package issued without holder binding.
      db.exec('ALTER TABLE disclosure_packages ADD COLUMN holder_key TEXT');
    },
  },
];
