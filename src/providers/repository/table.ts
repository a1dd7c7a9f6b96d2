import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/handle.js';
import type { Database } from '../../platform/db/schema.js';
import { countAsNumber } from '../../platform/db/queries.js';

/** The providers area's own tables: the ledger of what the person has with each organisation. */
export type LedgerTable = 'providers' | 'accounts' | 'contracts' | 'cases' | 'interactions' | 'documents';
export type Row<T extends LedgerTable> = Selectable<Database[T]>;

/**
 * Plain row access for one ledger table: every query here is Kysely, and nothing else is.
 * The ledger's tables share an integer `id` and, except `providers`, a `provider_id`.
 */
export class TableRepository<T extends LedgerTable> {
  constructor(
    private readonly db: Db,
    private readonly table: T,
  ) {}

  // Kysely cannot resolve columns through a generic table name, so the queries are typed against
  // one stand-in table `t` with the `id` and `providerId` columns every ledger table has; the
  // real table name is what runs.
  private get q(): Kysely<{ t: Database['accounts'] }> {
    return this.db as unknown as Kysely<{ t: Database['accounts'] }>;
  }

  async find(id: number): Promise<Row<T> | undefined> {
    const row = await this.q
      .selectFrom(this.table as 't')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row as Row<T> | undefined;
  }

  async insert(values: Insertable<Database[T]>): Promise<number> {
    const { id } = await this.q
      .insertInto(this.table as 't')
      .values(values as Insertable<Database['accounts']>)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async update(id: number, patch: Updateable<Database[T]>): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await this.q
      .updateTable(this.table as 't')
      .set(patch as Updateable<Database['accounts']>)
      .where('id', '=', id)
      .execute();
  }

  async delete(id: number): Promise<void> {
    await this.q
      .deleteFrom(this.table as 't')
      .where('id', '=', id)
      .execute();
  }

  async countByProvider(providerId: number): Promise<number> {
    const row = await this.q
      .selectFrom(this.table as 't')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('providerId', '=', providerId)
      .executeTakeFirst();
    return countAsNumber(row?.n ?? 0);
  }

  async deleteByProvider(providerId: number): Promise<void> {
    await this.q
      .deleteFrom(this.table as 't')
      .where('providerId', '=', providerId)
      .execute();
  }
}
