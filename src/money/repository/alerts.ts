import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/handle.js';
import type { Database } from '../../platform/db/schema.js';

export type AlertStateRow = Selectable<Database['money_alert_states']>;

/** What the person decided about the alerts on their money, by each alert's stable key. */
export class AlertStateRepository {
  constructor(private readonly db: Db) {}

  all(): Promise<AlertStateRow[]> {
    return this.db.selectFrom('money_alert_states').selectAll().orderBy('id').execute();
  }

  byKey(alertKey: string): Promise<AlertStateRow | undefined> {
    return this.db
      .selectFrom('money_alert_states')
      .selectAll()
      .where('alertKey', '=', alertKey)
      .executeTakeFirst();
  }

  /** Sets the alert's state, replacing the one it had. */
  async put(values: {
    alertKey: string;
    state: AlertStateRow['state'];
    caseId: number | null;
    at: string;
  }): Promise<void> {
    await this.db
      .insertInto('money_alert_states')
      .values(values)
      .onConflict((oc) =>
        oc.column('alertKey').doUpdateSet({ state: values.state, caseId: values.caseId, at: values.at }),
      )
      .execute();
  }

  /** Forgets the person's decision; answers how many rows went (0 or 1). */
  async remove(alertKey: string): Promise<number> {
    const result = await this.db
      .deleteFrom('money_alert_states')
      .where('alertKey', '=', alertKey)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
