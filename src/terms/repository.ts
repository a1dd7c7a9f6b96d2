import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { AgreementRecordsTable, AgreementsTable, Database } from '../platform/db/schema.js';

export type AgreementRow = Selectable<AgreementsTable> & { readonly provider: string };
export type AgreementRecordRow = Selectable<AgreementRecordsTable>;

/** Queries on agreements and their signed records; nothing else. */
export class AgreementRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private withProvider() {
    return this.db
      .selectFrom('agreements as a')
      .innerJoin('providers as p', 'p.id', 'a.providerId')
      .selectAll('a')
      .select('p.name as provider');
  }

  list(providerId?: number): Promise<AgreementRow[]> {
    let query = this.withProvider().orderBy('a.profferedOn').orderBy('a.id');
    if (providerId !== undefined) query = query.where('a.providerId', '=', providerId);
    return query.execute();
  }

  find(id: number): Promise<AgreementRow | undefined> {
    return this.withProvider().where('a.id', '=', id).executeTakeFirst();
  }

  byUuid(uuid: string): Promise<AgreementRow | undefined> {
    return this.withProvider().where('a.agreementUuid', '=', uuid).executeTakeFirst();
  }

  async insert(row: Insertable<AgreementsTable>): Promise<number> {
    const { id } = await this.db
      .insertInto('agreements')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async update(id: number, values: Updateable<AgreementsTable>): Promise<void> {
    await this.db.updateTable('agreements').set(values).where('id', '=', id).execute();
  }

  /**
   * The provider's latest accepted agreement, or its latest accepting the terms `code`: the
   * agreement a disclosure to it is made under.
   */
  latestAccepted(
    providerId: number,
    code: string | null,
  ): Promise<{ id: number; termsCode: string } | undefined> {
    let query = this.db
      .selectFrom('agreements')
      .select(['id', 'termsCode'])
      .where('providerId', '=', providerId)
      .where('status', '=', 'accepted')
      .orderBy('answeredOn', 'desc')
      .orderBy('id', 'desc');
    if (code !== null) query = query.where('termsCode', '=', code);
    return query.executeTakeFirst();
  }

  /** The pseudonym the person already uses with this provider in another agreement, if any. */
  async pseudonymFor(providerId: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('agreements')
      .select('firstParty')
      .where('providerId', '=', providerId)
      .where('firstPartyKind', '=', 'pseudonym')
      .orderBy('id')
      .executeTakeFirst();
    return row?.firstParty ?? undefined;
  }

  /** The e-mail identities given to this provider and still in use: how the provider knows the person. */
  async identitiesFor(providerId: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('identities')
      .select('value')
      .where('providerId', '=', providerId)
      .where('kind', '=', 'email')
      .where('retiredAt', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.value);
  }

  /** Every e-mail address the person's vault has held, as JSON values of the fact versions. */
  async ownAddressValues(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('fact_versions as v')
      .innerJoin('facts as f', 'f.id', 'v.factId')
      .select('v.value')
      .where('f.kind', '=', 'email')
      .execute();
    return rows.map((r) => r.value);
  }

  async domains(providerId: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('provider_domains')
      .select('domain')
      .where('providerId', '=', providerId)
      .orderBy('domain')
      .execute();
    return rows.map((r) => r.domain);
  }

  /** Every signed record of an agreement, oldest first. */
  records(agreementId: number): Promise<AgreementRecordRow[]> {
    return this.db
      .selectFrom('agreement_records')
      .selectAll()
      .where('agreementId', '=', agreementId)
      .orderBy('id')
      .execute();
  }

  async insertRecord(row: Insertable<AgreementRecordsTable>): Promise<void> {
    await this.db.insertInto('agreement_records').values(row).execute();
  }

  async countersign(
    recordId: number,
    values: { countersignature: string; countersignerJwk: string; countersignedAt: string },
  ): Promise<void> {
    await this.db.updateTable('agreement_records').set(values).where('id', '=', recordId).execute();
  }

  document(id: number) {
    return this.db
      .selectFrom('documents')
      .select(['id', 'providerId', 'title', 'filename', 'sha256'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  interaction(id: number) {
    return this.db
      .selectFrom('interactions')
      .select(['id', 'providerId', 'occurredAt', 'channel', 'subject'])
      .where('id', '=', id)
      .executeTakeFirst();
  }
}
