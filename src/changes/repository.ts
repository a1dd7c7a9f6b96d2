import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../platform/db/handle.js';
import type { Database } from '../platform/db/schema.js';

export type CampaignRow = Selectable<Database['change_campaigns']>;
export type ItemRow = Selectable<Database['change_items']>;
export type ItemView = ItemRow & { provider: string; fromAddress: string | null };

/** Every query of change campaigns: the campaigns and their items, one per provider. */
export class ChangeRepository {
  constructor(private readonly db: Db) {}

  async insertCampaign(values: Insertable<Database['change_campaigns']>): Promise<number> {
    const { id } = await this.db
      .insertInto('change_campaigns')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  campaign(id: number): Promise<CampaignRow | undefined> {
    return this.db.selectFrom('change_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  }

  campaignFor(factId: number, toVersion: number): Promise<CampaignRow | undefined> {
    return this.db
      .selectFrom('change_campaigns')
      .selectAll()
      .where('factId', '=', factId)
      .where('toVersion', '=', toVersion)
      .executeTakeFirst();
  }

  /** Every campaign, the newest first. */
  campaigns(): Promise<CampaignRow[]> {
    return this.db.selectFrom('change_campaigns').selectAll().orderBy('id', 'desc').execute();
  }

  async closeCampaign(id: number, at: string | null): Promise<void> {
    await this.db.updateTable('change_campaigns').set({ closedAt: at }).where('id', '=', id).execute();
  }

  async deleteCampaign(id: number): Promise<void> {
    await this.db.deleteFrom('change_campaigns').where('id', '=', id).execute();
  }

  async insertItem(values: Insertable<Database['change_items']>): Promise<number> {
    const { id } = await this.db
      .insertInto('change_items')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async item(id: number): Promise<ItemView | undefined> {
    const [row] = await this.view().where('change_items.id', '=', id).execute();
    return row;
  }

  /** A campaign's items, or every campaign's when `campaignIds` is not given, by provider name. */
  items(campaignIds?: readonly number[]): Promise<ItemView[]> {
    let query = this.view();
    if (campaignIds !== undefined) {
      if (campaignIds.length === 0) return Promise.resolve([]);
      query = query.where('change_items.campaignId', 'in', campaignIds);
    }
    return query.orderBy('providers.name').orderBy('change_items.id').execute();
  }

  /** Items with their provider's name and the address of the identity they are written from. */
  private view() {
    return this.db
      .selectFrom('change_items')
      .innerJoin('providers', 'providers.id', 'change_items.providerId')
      .leftJoin('identities', 'identities.id', 'change_items.identityId')
      .selectAll('change_items')
      .select(['providers.name as provider', 'identities.value as fromAddress']);
  }

  /**
   * Gives an item its outbox item, only if no other send gave it one since `seen` was read: two
   * sends of one campaign at once (two windows, the CLI beside the web app) claim each item once.
   */
  async claimItem(id: number, seen: number | null, outboxId: number, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('change_items')
      .set({ outboxId, updatedAt: at })
      .where('id', '=', id)
      .where((eb) => (seen === null ? eb('outboxId', 'is', null) : eb('outboxId', '=', seen)))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async updateItem(id: number, values: Updateable<Database['change_items']>): Promise<void> {
    await this.db.updateTable('change_items').set(values).where('id', '=', id).execute();
  }
}
