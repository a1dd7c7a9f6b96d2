import type { OutboundService, OutboxItem } from '../outbound/service.js';
import { VrmError } from '../platform/errors.js';

/** The outbox purpose of a request's messages; its id is the message's. */
export const PURPOSE = 'request';

/**
 * A send makes an outbox draft for a message, then claims the message for it with a conditional
 * update. A send stopped between the two (killed, the machine off) leaves a draft the message does
 * not hold: a later "send all" in the outbox would send the request a second time. These are the
 * drafts made for a message and not held by it.
 */
export async function strayDrafts(
  outbound: OutboundService,
  messageId: number,
  held: number | null,
): Promise<number[]> {
  const drafts = await outbound.list({ state: 'draft', purpose: { kind: PURPOSE, id: messageId } });
  return drafts.filter((d) => d.id !== held).map((d) => d.id);
}

/**
 * Deletes an outbox draft; one deleted already (by a send running beside this one, which found it
 * a stray) is gone as wanted.
 */
export async function deleteDraft(outbound: OutboundService, id: number): Promise<void> {
  try {
    await outbound.delete(id);
  } catch (error) {
    if (error instanceof VrmError && error.code === 'not_found') return;
    throw error;
  }
}

/** The outbox item, or undefined when it was deleted (a message then holds nothing). */
export async function outboxItem(outbound: OutboundService, id: number): Promise<OutboxItem | undefined> {
  try {
    return await outbound.get(id);
  } catch (error) {
    if (error instanceof VrmError && error.code === 'not_found') return undefined;
    throw error;
  }
}
