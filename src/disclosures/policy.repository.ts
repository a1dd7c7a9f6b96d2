import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, DisclosurePoliciesTable } from '../platform/db/schema.js';

export type PolicyRow = Selectable<DisclosurePoliciesTable>;

/** Queries on the disclosure policies; nothing else. */
export class PolicyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Every policy in the order added, or those that can apply to one provider: its own, its
   * category's, and everyone's.
   */
  list(scope?: { providerId: number; category: string | null }): Promise<PolicyRow[]> {
    let query = this.db.selectFrom('disclosure_policies').selectAll().orderBy('id');
    if (scope !== undefined) {
      query = query.where((eb) =>
        eb.or([
          eb('providerId', '=', scope.providerId),
          // No category is never equal to a policy's: NUL is in no category name.
          eb('category', '=', scope.category ?? '\u0000'),
          eb.and([eb('providerId', 'is', null), eb('category', 'is', null)]),
        ]),
      );
    }
    return query.execute();
  }

  find(id: number): Promise<PolicyRow | undefined> {
    return this.db.selectFrom('disclosure_policies').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insert(row: Insertable<DisclosurePoliciesTable>): Promise<number> {
    const { id } = await this.db
      .insertInto('disclosure_policies')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('disclosure_policies').where('id', '=', id).execute();
  }
}
