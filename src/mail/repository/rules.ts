import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, MailRulesTable } from '../../platform/db/schema.js';
import type { Store } from '../../platform/db/store.js';
import { fromDbBoolean, toDbBoolean } from '../../platform/db/queries.js';

type RuleTableRow = Selectable<MailRulesTable>;

/** A triage rule as services read it: conditions and actions as JSON text, `enabled` a boolean. */
export type RuleRow = Omit<RuleTableRow, 'enabled'> & { enabled: boolean };
export type NewRule = Omit<Insertable<MailRulesTable>, 'enabled'> & { enabled: boolean };
export type RulePatch = Omit<Updateable<MailRulesTable>, 'enabled'> & { enabled?: boolean };

const ruleOf = (row: RuleTableRow): RuleRow => ({ ...row, enabled: fromDbBoolean(row.enabled) });
const enabledColumn = (enabled: boolean | undefined) =>
  enabled === undefined ? {} : { enabled: toDbBoolean(enabled) };

/** The person's triage rules, in the order they are tried. */
export class RuleRepository {
  private readonly db: Kysely<Database>;

  constructor(store: Pick<Store, 'db'>) {
    this.db = store.db;
  }

  async rules(): Promise<RuleRow[]> {
    const rows = await this.db
      .selectFrom('mail_rules')
      .selectAll()
      .orderBy('position')
      .orderBy('id')
      .execute();
    return rows.map(ruleOf);
  }

  async rule(id: number): Promise<RuleRow | undefined> {
    const row = await this.db.selectFrom('mail_rules').selectAll().where('id', '=', id).executeTakeFirst();
    return row && ruleOf(row);
  }

  async insertRule({ enabled, ...rule }: NewRule): Promise<number> {
    const { id } = await this.db
      .insertInto('mail_rules')
      .values({ ...rule, enabled: toDbBoolean(enabled) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateRule(id: number, { enabled, ...patch }: RulePatch): Promise<void> {
    await this.db
      .updateTable('mail_rules')
      .set({ ...patch, ...enabledColumn(enabled) })
      .where('id', '=', id)
      .execute();
  }

  async deleteRule(id: number): Promise<void> {
    await this.db.deleteFrom('mail_rules').where('id', '=', id).execute();
  }

  async nextRulePosition(): Promise<number> {
    const row = await this.db
      .selectFrom('mail_rules')
      .select((eb) => eb.fn.max('position').as('max'))
      .executeTakeFirst();
    return (row?.max ?? 0) + 1;
  }
}
