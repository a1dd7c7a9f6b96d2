import type { Services } from '../app.js';
import { VrmError } from '../platform/errors.js';
import type { DemoCalendar } from './calendar.js';

/** The provider the draft goes to: its alias leaked to a prize-draw sender (src/demo/mail.ts). */
const TO = 'Parcelpoint Marketplace';

/**
 * An e-mail in the outbox awaiting review: Alex asks Parcelpoint where lucky-draws.example got the
 * address given only to it. It has no purpose (no campaign, no request), so nothing else claims or
 * sends it: it waits for the person to read, edit and send it.
 */
export async function seedOutbox(services: Services, cal: DemoCalendar): Promise<number> {
  const provider = (await services.providers.list()).find((p) => p.name === TO);
  if (!provider) throw new VrmError('internal', `demo data: no provider "${TO}"`);
  await services.asOf(cal.ago(1), () =>
    services.outbound.draft({
      providerId: provider.id,
      channel: 'email',
      subject: 'Where did lucky-draws.example get my address?',
      body: [
        'Hello,',
        '',
        'I gave this e-mail address to Parcelpoint Marketplace and to nobody else. This month',
        'a "prize draw" from lucky-draws.example arrived at it.',
        '',
        'Please tell me whether you shared or sold my address to lucky-draws.example or to',
        'anyone else, when, and on what basis, and stop any such sharing.',
        '',
        'Alex Morgan',
      ].join('\n'),
    }),
  );
  return 1;
}
