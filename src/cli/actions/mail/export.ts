/** `vrm mail export`: every message to an mbox file. */
import { say } from '../../output.js';
import type { Session } from '../../session.js';
import { number } from './common.js';

export async function exportMbox({ services }: Session, o: { out: string }): Promise<void> {
  const r = await services.mail.exportMbox(o.out);
  say(
    `Wrote ${number.format(r.messages)} messages to ${o.out} (${number.format(r.originals)} as they arrived)`,
  );
}
