import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/handle.js';
import { countAsNumber } from '../../platform/db/queries.js';
import type { Database } from '../../platform/db/schema.js';

export type BankAccountRow = Selectable<Database['bank_accounts']>;
export type BankImportRow = Selectable<Database['bank_imports']>;
export type PayeeRuleRow = Selectable<Database['payee_rules']>;
export type CsvMappingRow = Selectable<Database['csv_mappings']>;

/** Bank accounts, the record of each import, the person's payee rules and CSV mappings. */
export class MoneyRecordRepository {
  constructor(private readonly db: Db) {}

  accountByKey(key: string): Promise<BankAccountRow | undefined> {
    return this.db.selectFrom('bank_accounts').selectAll().where('key', '=', key).executeTakeFirst();
  }

  accountById(id: number): Promise<BankAccountRow | undefined> {
    return this.db.selectFrom('bank_accounts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertAccount(values: Insertable<Database['bank_accounts']>): Promise<number> {
    const { id } = await this.db
      .insertInto('bank_accounts')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateAccount(id: number, values: Updateable<Database['bank_accounts']>): Promise<void> {
    await this.db.updateTable('bank_accounts').set(values).where('id', '=', id).execute();
  }

  /** The latest import of the file with these bytes, if any. */
  latestImportOf(sha256: string): Promise<BankImportRow | undefined> {
    return this.db
      .selectFrom('bank_imports')
      .selectAll()
      .where('sha256', '=', sha256)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** The last import of these bytes that finished. */
  lastDoneImportOf(sha256: string): Promise<BankImportRow | undefined> {
    return this.db
      .selectFrom('bank_imports')
      .selectAll()
      .where('sha256', '=', sha256)
      .where('status', '=', 'done')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async insertImport(values: Insertable<Database['bank_imports']>): Promise<number> {
    const { id } = await this.db
      .insertInto('bank_imports')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateImport(id: number, values: Updateable<Database['bank_imports']>): Promise<void> {
    await this.db.updateTable('bank_imports').set(values).where('id', '=', id).execute();
  }

  importById(id: number): Promise<BankImportRow | undefined> {
    return this.db.selectFrom('bank_imports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The imports, newest first. */
  imports(limit: number, offset = 0): Promise<BankImportRow[]> {
    return this.db
      .selectFrom('bank_imports')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  async countImports(): Promise<number> {
    const { n } = await this.db
      .selectFrom('bank_imports')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return countAsNumber(n);
  }

  /** The rules with the name of the provider each names. */
  rules() {
    return this.db
      .selectFrom('payee_rules')
      .leftJoin('providers', 'providers.id', 'payee_rules.providerId')
      .select([
        'payee_rules.id',
        'payee_rules.field',
        'payee_rules.value',
        'payee_rules.providerId',
        'payee_rules.createdAt',
        'providers.name as providerName',
      ])
      .orderBy('payee_rules.id')
      .execute();
  }

  rule(id: number): Promise<PayeeRuleRow | undefined> {
    return this.db.selectFrom('payee_rules').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Saves the rule for this identifier, replacing the one there was. */
  async putRule(values: Insertable<Database['payee_rules']>): Promise<number> {
    const { id } = await this.db
      .insertInto('payee_rules')
      .values(values)
      .onConflict((oc) =>
        oc
          .columns(['field', 'value'])
          .doUpdateSet({ providerId: values.providerId ?? null, createdAt: values.createdAt }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async deleteRule(id: number): Promise<void> {
    await this.db.deleteFrom('payee_rules').where('id', '=', id).execute();
  }

  csvMappings(): Promise<CsvMappingRow[]> {
    return this.db.selectFrom('csv_mappings').selectAll().orderBy('name').execute();
  }

  csvMapping(name: string): Promise<CsvMappingRow | undefined> {
    return this.db.selectFrom('csv_mappings').selectAll().where('name', '=', name).executeTakeFirst();
  }

  async putCsvMapping(name: string, mapping: string, at: string): Promise<void> {
    await this.db
      .insertInto('csv_mappings')
      .values({ name, mapping, createdAt: at, updatedAt: at })
      .onConflict((oc) => oc.column('name').doUpdateSet({ mapping, updatedAt: at }))
      .execute();
  }

  async deleteCsvMapping(name: string): Promise<number> {
    const result = await this.db.deleteFrom('csv_mappings').where('name', '=', name).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
