import type { Insertable, Kysely, Selectable } from 'kysely';
import { fromDbBoolean, toDbBoolean } from '../platform/db/queries.js';
import type { Database } from '../platform/db/schema.js';
import type {
  IntentRecipientsTable,
  IntentsTable,
  OffersTable,
  PersonaShownTable,
  PersonaStatementsTable,
  PersonasTable,
} from '../platform/db/schema-intents.js';

export type PersonaRow = Selectable<PersonasTable> & { readonly alias: string };
/** A statement as stored; whether it is generalised is a boolean here. */
export type PersonaStatementRow = Omit<Selectable<PersonaStatementsTable>, 'generalised'> & {
  readonly generalised: boolean;
};
export type NewPersonaStatement = Omit<Insertable<PersonaStatementsTable>, 'generalised'> & {
  readonly generalised: boolean;
};
export type PersonaShownRow = Selectable<PersonaShownTable> & { readonly providerName: string };

/** Queries on personas, their statements and whom they were shown to; nothing else. */
export class PersonaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private personas() {
    return this.db
      .selectFrom('personas')
      .innerJoin('identities', 'identities.id', 'personas.identityId')
      .selectAll('personas')
      .select('identities.value as alias');
  }

  list(): Promise<PersonaRow[]> {
    return this.personas().orderBy('personas.id').execute();
  }

  get(id: number): Promise<PersonaRow | undefined> {
    return this.personas().where('personas.id', '=', id).executeTakeFirst();
  }

  byIdentity(identityId: number): Promise<PersonaRow | undefined> {
    return this.personas().where('personas.identityId', '=', identityId).executeTakeFirst();
  }

  byDisplayName(name: string): Promise<PersonaRow | undefined> {
    return this.personas().where('personas.displayName', '=', name).executeTakeFirst();
  }

  async insert(row: Insertable<PersonasTable>): Promise<number> {
    const { id } = await this.db.insertInto('personas').values(row).returning('id').executeTakeFirstOrThrow();
    return id;
  }

  async retire(id: number, at: string): Promise<void> {
    await this.db.updateTable('personas').set({ retiredAt: at }).where('id', '=', id).execute();
  }

  async statements(personaIds: readonly number[]): Promise<PersonaStatementRow[]> {
    if (personaIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('persona_statements')
      .selectAll()
      .where('personaId', 'in', personaIds)
      .orderBy('personaId')
      .orderBy('position')
      .execute();
    return rows.map((row) => ({ ...row, generalised: fromDbBoolean(row.generalised) }));
  }

  async insertStatements(rows: readonly NewPersonaStatement[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('persona_statements')
      .values(rows.map((row) => ({ ...row, generalised: toDbBoolean(row.generalised) })))
      .execute();
  }

  shown(personaIds: readonly number[]): Promise<PersonaShownRow[]> {
    if (personaIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('persona_shown')
      .innerJoin('providers', 'providers.id', 'persona_shown.providerId')
      .selectAll('persona_shown')
      .select('providers.name as providerName')
      .where('persona_shown.personaId', 'in', personaIds)
      .orderBy('persona_shown.id')
      .execute();
  }

  /**
   * Mail that came to an identity after `since` from any sender but those named: a persona's
   * leaks, with the evidence classification gave each message.
   */
  mailFromOthers(identityId: number, since: string, allowed: readonly string[]) {
    let q = this.db
      .selectFrom('messages')
      .select([
        'id',
        'sentAt',
        'importedAt',
        'subject',
        'identityAddress',
        'senderKey',
        'senderLabel',
        'senderEvidence',
      ])
      .where('identityId', '=', identityId)
      .where((eb) => eb(eb.fn.coalesce('sentAt', 'importedAt'), '>', since))
      .where('senderKey', '!=', 'self');
    if (allowed.length > 0) q = q.where('senderKey', 'not in', allowed);
    return q.orderBy('id').execute();
  }

  /** What tells a provider's mail: its directory entry, its domains and the domains of its addresses. */
  async providerMarks(providerId: number): Promise<{ slug: string | null; domains: string[] }> {
    const row = await this.db
      .selectFrom('providers')
      .select(['directorySlug', 'supportEmail', 'privacyEmail'])
      .where('id', '=', providerId)
      .executeTakeFirst();
    const domains = await this.db
      .selectFrom('provider_domains')
      .select('domain')
      .where('providerId', '=', providerId)
      .execute();
    const ofAddress = [row?.supportEmail, row?.privacyEmail].flatMap((a) =>
      a ? [a.split('@')[1] ?? ''] : [],
    );
    return {
      slug: row?.directorySlug ?? null,
      domains: [...domains.map((d) => d.domain), ...ofAddress].filter(Boolean).map((d) => d.toLowerCase()),
    };
  }

  /** When each intent of a persona closed (null: still open). */
  async intentsClosed(personaId: number): Promise<(string | null)[]> {
    const rows = await this.db
      .selectFrom('intents')
      .select('closedAt')
      .where('personaId', '=', personaId)
      .execute();
    return rows.map((r) => r.closedAt);
  }

  /** Records that a provider was shown the persona; once per provider, the first time kept. */
  async recordShown(row: Insertable<PersonaShownTable>): Promise<void> {
    await this.db
      .insertInto('persona_shown')
      .values(row)
      .onConflict((oc) => oc.columns(['personaId', 'providerId']).doNothing())
      .execute();
  }
}

export type IntentRow = Selectable<IntentsTable>;

/** Queries on intents; nothing else. */
export class IntentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  list(): Promise<IntentRow[]> {
    return this.db.selectFrom('intents').selectAll().orderBy('id').execute();
  }

  get(id: number): Promise<IntentRow | undefined> {
    return this.db.selectFrom('intents').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insert(row: Insertable<IntentsTable>): Promise<number> {
    const { id } = await this.db.insertInto('intents').values(row).returning('id').executeTakeFirstOrThrow();
    return id;
  }

  async update(id: number, patch: Partial<Pick<IntentRow, 'status' | 'castAt' | 'closedAt'>>): Promise<void> {
    await this.db.updateTable('intents').set(patch).where('id', '=', id).execute();
  }
}

export type RecipientRow = Selectable<IntentRecipientsTable> & {
  readonly providerName: string;
  readonly directorySlug: string | null;
};

/** Queries on the vendors an intent goes to; nothing else. */
export class RecipientRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private recipients() {
    return this.db
      .selectFrom('intent_recipients')
      .innerJoin('providers', 'providers.id', 'intent_recipients.providerId')
      .selectAll('intent_recipients')
      .select(['providers.name as providerName', 'providers.directorySlug']);
  }

  of(intentId: number): Promise<RecipientRow[]> {
    return this.recipients()
      .where('intent_recipients.intentId', '=', intentId)
      .orderBy('providers.name')
      .execute();
  }

  get(id: number): Promise<RecipientRow | undefined> {
    return this.recipients().where('intent_recipients.id', '=', id).executeTakeFirst();
  }

  /** Adds a vendor to an intent; false when it is there already. */
  async add(row: Insertable<IntentRecipientsTable>): Promise<boolean> {
    const result = await this.db
      .insertInto('intent_recipients')
      .values(row)
      .onConflict((oc) => oc.columns(['intentId', 'providerId']).doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  async remove(id: number): Promise<void> {
    await this.db.deleteFrom('intent_recipients').where('id', '=', id).execute();
  }

  /** Sets the recipient's intent e-mail, unless another send set one first; false then. */
  async claimOutbox(id: number, outboxId: number): Promise<boolean> {
    const result = await this.db
      .updateTable('intent_recipients')
      .set({ outboxId })
      .where('id', '=', id)
      .where('outboxId', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async setReply(id: number, replyKey: string, replyNote: string): Promise<void> {
    await this.db
      .updateTable('intent_recipients')
      .set({ replyKey, replyNote })
      .where('id', '=', id)
      .execute();
  }

  async setDecline(id: number, outboxId: number): Promise<void> {
    await this.db
      .updateTable('intent_recipients')
      .set({ declineOutboxId: outboxId })
      .where('id', '=', id)
      .execute();
  }
}

export type OfferRow = Selectable<OffersTable>;

/** Queries on offers; nothing else. */
export class OfferRepository {
  constructor(private readonly db: Kysely<Database>) {}

  of(intentId: number): Promise<OfferRow[]> {
    return this.db.selectFrom('offers').selectAll().where('intentId', '=', intentId).orderBy('id').execute();
  }

  get(id: number): Promise<OfferRow | undefined> {
    return this.db.selectFrom('offers').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insert(row: Insertable<OffersTable>): Promise<number> {
    const { id } = await this.db.insertInto('offers').values(row).returning('id').executeTakeFirstOrThrow();
    return id;
  }

  async update(id: number, patch: Partial<Omit<OfferRow, 'id' | 'intentId' | 'createdAt'>>): Promise<void> {
    await this.db.updateTable('offers').set(patch).where('id', '=', id).execute();
  }

  /** The facts revealed by the disclosure event a disclosure belongs to (a package records one per fact). */
  async revealedFacts(disclosureId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('disclosures as d')
      .innerJoin('disclosures as same', 'same.event', 'd.event')
      .select('same.factId')
      .where('d.id', '=', disclosureId)
      .execute();
    return rows.flatMap((r) => (r.factId === null ? [] : [r.factId]));
  }
}
