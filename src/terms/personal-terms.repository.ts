import type { Kysely, Selectable } from 'kysely';
import type { Database, PersonalTermsTable } from '../platform/db/schema.js';
import { countAsNumber, fromDbBoolean, toDbBoolean } from '../platform/db/queries.js';

type BooleanColumn = 'profiling' | 'aiTraining' | 'tracking';

/** The person's own terms as stored, with the boolean columns read as the booleans they are. */
export type PersonalTermsRow = Omit<Selectable<PersonalTermsTable>, 'id' | BooleanColumn> &
  Record<BooleanColumn, boolean>;

/** How often a code of terms is used: by disclosures, agreements (either side) and policies. */
export interface TermsUses {
  readonly disclosures: number;
  readonly agreements: number;
  readonly policies: number;
}

const fromStored = (row: Selectable<PersonalTermsTable>): PersonalTermsRow => ({
  code: row.code,
  name: row.name,
  summary: row.summary,
  purposes: row.purposes,
  thirdParties: row.thirdParties,
  retention: row.retention,
  profiling: fromDbBoolean(row.profiling),
  aiTraining: fromDbBoolean(row.aiTraining),
  tracking: fromDbBoolean(row.tracking),
  basedOn: row.basedOn,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** Queries on the person's own terms (`personal_terms`); the roster is code, not rows. */
export class PersonalTermsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every own terms, by code. */
  async list(): Promise<PersonalTermsRow[]> {
    const rows = await this.db.selectFrom('personal_terms').selectAll().orderBy('code').execute();
    return rows.map(fromStored);
  }

  async byCode(code: string): Promise<PersonalTermsRow | undefined> {
    const row = await this.db
      .selectFrom('personal_terms')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst();
    return row && fromStored(row);
  }

  async insert(row: PersonalTermsRow): Promise<void> {
    await this.db
      .insertInto('personal_terms')
      .values({
        ...row,
        profiling: toDbBoolean(row.profiling),
        aiTraining: toDbBoolean(row.aiTraining),
        tracking: toDbBoolean(row.tracking),
      })
      .execute();
  }

  async delete(code: string): Promise<void> {
    await this.db.deleteFrom('personal_terms').where('code', '=', code).execute();
  }

  /**
   * The rows that name a code of terms. Asked here, by the columns that hold the code, because
   * the disclosures area depends on terms and terms may not depend on it.
   */
  async uses(code: string): Promise<TermsUses> {
    const [disclosures, agreements, policies] = await Promise.all([
      this.db
        .selectFrom('disclosures')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('termsCode', '=', code)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('agreements')
        .select((eb) => eb.fn.countAll().as('n'))
        .where((eb) => eb.or([eb('termsCode', '=', code), eb('counterTermsCode', '=', code)]))
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('disclosure_policies')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('termsCode', '=', code)
        .executeTakeFirstOrThrow(),
    ]);
    return {
      disclosures: countAsNumber(disclosures.n),
      agreements: countAsNumber(agreements.n),
      policies: countAsNumber(policies.n),
    };
  }
}
