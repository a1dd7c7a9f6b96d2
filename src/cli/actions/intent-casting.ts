import type { IntentRecipient, VendorCandidate } from '../../intents/casting.js';
import { VrmError } from '../../platform/errors.js';
import { writeFileWhole } from '../../platform/files.js';
import { parseId } from '../../platform/validation.js';
import type { JsonOption } from '../options.js';
import { heading, note, printJson, printTable, say } from '../output.js';
import type { Session } from '../session.js';

/** How many vendors the list shows unless asked for all. */
const SHOWN = 25;

const STATE_WORDS: Record<IntentRecipient['state'], string> = {
  chosen: 'chosen, not sent',
  queued: 'in the outbox',
  sent: 'sent, waiting for an offer',
  failed: 'failed',
  uncertain: 'uncertain: check your sent mail',
  answered: 'answered',
  offered: 'made an offer',
  no_answer: 'no answer by the answer-by day',
};

function printRecipients(recipients: readonly IntentRecipient[]): void {
  printTable(
    recipients,
    [
      { header: 'vendor', value: (r) => r.providerName },
      { header: 'address', value: (r) => r.address ?? '' },
      {
        header: 'state',
        value: (r) =>
          STATE_WORDS[r.state] +
          (r.problem ? `: ${r.problem}` : r.state === 'answered' && r.replyNote ? `: ${r.replyNote}` : ''),
      },
      { header: 'sent', value: (r) => r.sentAt?.slice(0, 10) ?? '' },
    ],
    'No vendor chosen yet.',
  );
}

/** `vrm intent vendors`: the vendors chosen, and those that could be, with --add and --remove. */
export async function intentVendors(
  { services }: Session,
  id: string,
  o: JsonOption & {
    add?: string[];
    remove?: string[];
    category?: string;
    country?: string;
    all?: boolean;
  },
): Promise<void> {
  const intentId = parseId(id, 'intent');
  const { casting } = services;
  if (o.add !== undefined) await casting.addRecipients(intentId, o.add);
  for (const ref of o.remove ?? []) await casting.removeRecipient(intentId, ref);
  const chosen = await casting.recipients(intentId);
  const candidates = (await casting.vendors(intentId, { category: o.category, country: o.country })).filter(
    (c) => !c.chosen,
  );
  if (o.json) {
    printJson({ chosen, candidates });
    return;
  }
  heading(`Intent ${String(intentId)} goes to`);
  printRecipients(chosen);
  const shown = o.all ? candidates : candidates.slice(0, SHOWN);
  heading('Could also go to');
  printTable(
    shown,
    [
      { header: 'vendor', value: (c: VendorCandidate) => c.name },
      { header: 'add with', value: (c) => (c.providerId !== null ? c.name : `directory:${c.slug ?? ''}`) },
      { header: 'e-mail', value: (c) => c.email ?? '' },
      { header: 'from', value: (c) => (c.providerId !== null ? 'your ledger' : 'the directory') },
    ],
    'No other vendor of this category.',
  );
  if (shown.length < candidates.length)
    say(
      `… and ${String(candidates.length - shown.length)} more: --all shows them, --country GB narrows them.`,
    );
  if (chosen.length > 0 && chosen.some((r) => r.state === 'chosen'))
    say(`Send it with: vrm intent send ${String(intentId)}`);
}

/** `vrm intent send`: the intent to each chosen vendor, from the persona's alias. */
export async function sendIntent({ services }: Session, id: string, o: JsonOption): Promise<void> {
  const { intent, recipients, outcomes } = await services.casting.send(parseId(id, 'intent'), {
    onOutcome: ({ item, said }) => {
      if (!o.json) note(`${item.providerName}: ${item.state}${said ? ` (${said})` : ''}`);
    },
  });
  if (o.json) {
    printJson({ intent, recipients, outcomes });
    return;
  }
  const sent = recipients.filter((r) => r.state === 'sent').length;
  const failed = recipients.filter((r) => r.state === 'failed' || r.state === 'uncertain');
  say(
    `Intent ${String(intent.id)}: ${String(outcomes.length)} e-mail(s) sent now from ${intent.personaName} <${intent.alias}>; ${String(sent)} vendor(s) have it and offers are due by ${intent.answerBy}.`,
  );
  if (failed.length > 0) {
    printRecipients(failed);
    throw new VrmError(
      'conflict',
      `${String(failed.length)} vendor(s) did not get it: see why above, then \`vrm intent send ${String(intent.id)}\` again`,
    );
  }
}

/** `vrm intent qr`: the signed intent as a QR code (PNG or SVG, by the file's name). */
export async function intentQr({ services }: Session, id: string, o: { out?: string }): Promise<void> {
  const intent = await services.intents.get(parseId(id, 'intent'));
  const out = o.out ?? '';
  const format = /\.svg$/iu.test(out) ? 'svg' : /\.png$/iu.test(out) ? 'png' : null;
  if (format === null)
    throw new VrmError(
      'invalid_input',
      o.out === undefined
        ? '--out FILE is required: a .png or an .svg file'
        : `--out ${out}: name a .png or an .svg file`,
    );
  const qr = await services.intents.qr(intent.id);
  if ('tooLarge' in qr) throw new VrmError('invalid_input', qr.tooLarge);
  writeFileWhole(out, format === 'svg' ? qr.svg : qr.png, 'the QR code');
  say(`Wrote ${out}: the intent signed by its persona, as a QR code.`);
}
