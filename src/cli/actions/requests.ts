/** `vrm request …`: data-subject requests (issue 16), from the draft to the complaint. */
import { writeSync } from 'node:fs';
import { basename } from 'node:path';
import type { SendOutcome } from '../../outbound/service.js';
import { VrmError } from '../../platform/errors.js';
import { writeFileWhole, writeNewFile } from '../../platform/files.js';
import type { AnsweredInput, RequestChannel, RequestKind } from '../../requests/schemas.js';
import type { AnswerImport, Proceeding } from '../../requests/service.js';
import { readInput, readText } from '../files.js';
import type { JsonOption } from '../options.js';
import { note, printJson, printTable, say } from '../output.js';
import type { Session } from '../session.js';
import type { CHANNEL_CHOICES, KIND_CHOICES, STATUS_CHOICES } from '../commands/requests.js';
import {
  channelWords,
  printComparison,
  printDraft,
  printProceeding,
  printProceedings,
} from './request-views.js';

type KindChoice = (typeof KIND_CHOICES)[number];
type ChannelChoice = (typeof CHANNEL_CHOICES)[number];
type OnOption = { on?: string };

/** `marketing-objection` → `marketing_objection`: kebab-case on the command line, the schema's names inside. */
export const kindOf = (kind: KindChoice | undefined): RequestKind | undefined =>
  kind === undefined ? undefined : (kind.replace(/-/g, '_') as RequestKind);
const channelOf = (channel: ChannelChoice | undefined): RequestChannel | undefined =>
  channel === undefined ? undefined : channel === 'web-form' ? 'web_form' : channel;

/** Writes a PDF the person asked for: a new file, or over an old one with --force. */
function writePdf(out: string, pdf: Buffer, what: string, force: boolean | undefined): void {
  if (force) writeFileWhole(out, pdf, what);
  else writeNewFile(out, what, (fd) => writeSync(fd, pdf));
}

export async function draft(
  { services }: Session,
  provider: string,
  o: JsonOption & {
    kind?: KindChoice;
    language?: 'en' | 'de';
    channel?: ChannelChoice;
    country?: string;
    deliveryDays?: string;
    fact?: string[];
    erase?: string[];
    objectTo?: string;
    consent?: string;
  },
): Promise<void> {
  const details = {
    ...(o.fact ? { facts: o.fact } : {}),
    ...(o.erase ? { erase: o.erase } : {}),
    ...(o.objectTo !== undefined ? { objectTo: o.objectTo } : {}),
    ...(o.consent !== undefined ? { consentTo: o.consent } : {}),
  };
  const proceeding = await services.requests.draft({
    provider,
    kind: kindOf(o.kind),
    language: o.language,
    channel: channelOf(o.channel),
    place: o.country,
    deliveryDays: o.deliveryDays,
    ...(Object.keys(details).length > 0 ? { details } : {}),
  });
  if (o.json) {
    printJson(proceeding);
    return;
  }
  say(`Drafted request ${String(proceeding.id)}: ${proceeding.title} to ${proceeding.provider}.`);
  printDraft(proceeding);
}

export async function list(
  { services }: Session,
  o: JsonOption & { provider?: string; status?: (typeof STATUS_CHOICES)[number] },
): Promise<void> {
  const rows = await services.requests.list({
    ...(o.provider === undefined ? {} : { provider: o.provider }),
    ...(o.status === undefined ? {} : { status: o.status }),
  });
  if (o.json) {
    printJson(rows);
    return;
  }
  printProceedings(
    rows,
    o.status === undefined
      ? 'No request yet: ask a provider what it holds with `vrm request new PROVIDER`.'
      : `No request is ${o.status ?? ''}.`,
  );
}

export async function show({ services }: Session, id: string, o: JsonOption): Promise<void> {
  const proceeding = await services.requests.get(id);
  const comparison = await services.requests.comparison(proceeding.id);
  if (o.json) printJson({ ...proceeding, comparison });
  else printProceeding(proceeding, comparison);
}

export async function edit(
  { services }: Session,
  id: string,
  o: {
    subject?: string;
    bodyFile?: string;
    channel?: ChannelChoice;
    country?: string;
    deliveryDays?: string;
  },
): Promise<void> {
  const body = o.bodyFile === undefined ? undefined : readText(o.bodyFile, 'the request text');
  const proceeding = await services.requests.edit(id, {
    subject: o.subject,
    body,
    channel: channelOf(o.channel),
    place: o.country,
    deliveryDays: o.deliveryDays,
  });
  say(
    `Saved request ${String(proceeding.id)} to ${proceeding.provider} (by ${channelWords(proceeding)})` +
      (proceeding.problem ? `; before it can go: ${proceeding.problem}` : `. Next: ${proceeding.next}`),
  );
}

/** Each outcome as it comes, with what the server said. */
function tell({ item, said }: SendOutcome): void {
  const to = `${item.providerName} <${item.toAddress ?? ''}>`;
  if (item.state === 'sent') say(`Sent to ${to}. The server said: ${said}`);
  else say(`Not sent to ${to} (${item.state}): ${said}`);
}

export async function send({ services }: Session, id: string): Promise<void> {
  const { proceeding, outcomes } = await services.requests.send(id, { onOutcome: tell });
  if (outcomes.length === 0) {
    say(`Nothing went out now: request ${String(proceeding.id)} is ${proceeding.status}. ${proceeding.next}`);
    return;
  }
  const failed = outcomes.filter((o) => o.item.state !== 'sent');
  if (failed.length > 0) {
    throw new VrmError(
      'invalid_input',
      `request ${String(proceeding.id)} was not sent: see \`vrm outbox show ${String(failed[0]?.item.id ?? '')}\``,
    );
  }
  say(
    proceeding.dueOn
      ? `Request ${String(proceeding.id)} is ${proceeding.status}; the answer is due by ${proceeding.dueOn}.`
      : `Request ${String(proceeding.id)} is ${proceeding.status}. ${proceeding.next}`,
  );
}

export async function sent(
  { services }: Session,
  id: string,
  o: OnOption & { deliveryDays?: string },
): Promise<void> {
  const proceeding = await services.requests.markSent(id, { on: o.on, deliveryDays: o.deliveryDays });
  const last = [...proceeding.messages].reverse().find((m) => m.direction === 'out' && m.state === 'sent');
  say(
    `Marked the ${last?.kind ?? 'request'} to ${proceeding.provider} sent on ${last?.on ?? ''}` +
      (proceeding.dueOn ? `; the answer is due by ${proceeding.dueOn}.` : '.'),
  );
  const due = proceeding.deadlines.find((d) => d.day === proceeding.dueOn);
  if (due) say(due.explanation);
  say(`Next: ${proceeding.next}`);
}

export async function letter(
  { services }: Session,
  id: string,
  o: { date?: string; out?: string; force?: boolean },
): Promise<void> {
  const made = await services.requests.letter(id, { date: o.date });
  const out = o.out ?? made.filename;
  writePdf(out, made.pdf, 'the letter', o.force);
  for (const warning of made.warnings) note(`vrm: note: ${warning}`);
  say(
    `Wrote ${out}: ${String(made.pages)} page${made.pages === 1 ? '' : 's'}, ${made.layout} layout, to ${made.recipient.join(', ')}.`,
  );
  say(
    `When you have posted it: \`vrm request sent ${id} --on DATE\` (the letter is kept with the provider).`,
  );
}

export async function bundle(
  { services }: Session,
  id: string,
  o: { out?: string; force?: boolean },
): Promise<void> {
  const made = await services.requests.bundle(id);
  const out = o.out ?? made.filename;
  writePdf(out, made.pdf, 'the complaint', o.force);
  say(`Wrote ${out}: the complaint and the whole proceeding, for the supervisory authority.`);
  say(`When you have lodged it: \`vrm request sent ${id} --on DATE\`.`);
}

export async function extension(
  { services }: Session,
  id: string,
  o: { on: string; reasons?: string },
): Promise<void> {
  const proceeding = await services.requests.extension(id, { on: o.on, reasons: o.reasons });
  const ext = proceeding.extension;
  say(
    ext?.counts
      ? `Extension recorded: the answer is due by ${proceeding.dueOn ?? ''}. ${ext.explanation}`
      : `The notice is kept, but it does not extend the deadline (still ${proceeding.dueOn ?? ''}): ${ext?.explanation ?? ''}`,
  );
}

export async function received(
  { services }: Session,
  id: string,
  o: { on: string; subject: string; bodyFile?: string },
): Promise<void> {
  const body = o.bodyFile === undefined ? undefined : readText(o.bodyFile, 'the message');
  const proceeding = await services.requests.received(id, { on: o.on, subject: o.subject, body });
  say(`Recorded the message from ${proceeding.provider} of ${o.on}. Next: ${proceeding.next}`);
}

export async function answered(
  { services }: Session,
  id: string,
  o: OnOption & { incomplete?: boolean; missing?: string },
): Promise<void> {
  const missing = o.missing
    ?.split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  const proceeding = await services.requests.answered(id, {
    on: o.on,
    ...(o.incomplete ? { complete: false } : {}),
    ...(missing ? { missing } : {}),
  } as AnsweredInput);
  say(
    `Recorded the answer of ${proceeding.answeredOn ?? ''} as ${proceeding.answer ?? ''}` +
      (proceeding.missingItems.length > 0 ? `, leaving out ${proceeding.missingItems.join(', ')}` : '') +
      `. Next: ${proceeding.next}`,
  );
}

/** What one import kept, every problem with its file. */
function tellImport(result: AnswerImport, name: string): void {
  say(
    `Imported ${name}: ${String(result.files)} file${result.files === 1 ? '' : 's'} kept, ${String(result.findings)} value${result.findings === 1 ? '' : 's'} found.`,
  );
  for (const p of result.problems)
    say(`  problem: ${p.path}: ${p.message}${p.kept ? ' (kept)' : ' (not kept)'}`);
}

export async function answer(
  { services }: Session,
  id: string,
  file: string | undefined,
  o: JsonOption & { message?: number },
): Promise<void> {
  if ((file === undefined) === (o.message === undefined)) {
    throw new VrmError(
      'invalid_input',
      file === undefined
        ? 'answer: give the file they sent (`vrm request answer ID FILE`), or the stored mail it came with (--message MAIL)'
        : 'answer: give a file or --message, not both',
    );
  }
  const imports =
    file !== undefined
      ? [
          await services.requests.importAnswer(id, {
            name: basename(file),
            bytes: readInput(file, 'the answer'),
          }),
        ]
      : await services.requests.importAnswerFromMail(id, o.message ?? 0);
  const comparison = await services.requests.comparison(id);
  if (o.json) {
    printJson({ imports, comparison });
    return;
  }
  if (imports.length === 0) {
    say(
      `Every answer attached to message ${String(o.message ?? '')} was imported already: nothing was added.`,
    );
  }
  for (const [i, result] of imports.entries()) {
    const proceeding = result.proceeding;
    const name =
      proceeding.answers.find((a) => a.id === result.answerId)?.name ?? file ?? `answer ${String(i + 1)}`;
    tellImport(result, name);
  }
  if (comparison) printComparison(comparison);
  const proceeding = imports.at(-1)?.proceeding ?? (await services.requests.get(id));
  say(`\nNext: ${proceeding.next}`);
}

export async function admonish(
  { services }: Session,
  id: string,
  o: { days?: string; excessiveId?: string; wrongMedium?: string; wrongLanguage?: string },
): Promise<void> {
  const proceeding = await services.requests.admonish(id, {
    days: o.days,
    excessiveId: o.excessiveId,
    wrongMedium: o.wrongMedium,
    wrongLanguage: o.wrongLanguage,
  });
  say(`Drafted an admonition to ${proceeding.provider}:`);
  // Its next step is this admonition's sending, said below; the proceeding's still says "admonish".
  printDraft(proceeding, false);
  say(
    proceeding.channel === 'email'
      ? `Send it with \`vrm request send ${String(proceeding.id)}\`.`
      : `Post or paste it, then \`vrm request sent ${String(proceeding.id)}\`.`,
  );
}

export async function complain(
  { services }: Session,
  id: string,
  o: { authority?: string; by?: 'residence' | 'controller' },
): Promise<void> {
  const proceeding = await services.requests.complain(id, { authority: o.authority, by: o.by });
  const authority = services.requests.authorities().find((a) => a.slug === proceeding.authority);
  const complaint = [...proceeding.messages].reverse().find((m) => m.kind === 'complaint');
  say(
    `Drafted a complaint to ${authority?.name ?? proceeding.authority ?? 'the supervisory authority'}` +
      `${authority?.webform ? ` (its web form: ${authority.webform})` : authority?.email ? ` (${authority.email})` : ''}:`,
  );
  if (complaint) say(`Subject: ${complaint.subject}\n\n${complaint.body}\n`);
  say(
    `Make its PDF with the whole proceeding (\`vrm request bundle ${String(proceeding.id)}\`), lodge it, then \`vrm request sent ${String(proceeding.id)}\`.`,
  );
}

export function authorities({ services }: Session, country: string | undefined, o: JsonOption): void {
  const found = services.requests.authorities(country);
  if (o.json) {
    printJson(found);
    return;
  }
  printTable(
    found,
    [
      { header: 'slug', value: (a) => a.slug },
      { header: 'name', value: (a) => a.name, maxWidth: 60 },
      { header: 'countries', value: (a) => a.countries.map((c) => c.toUpperCase()).join(' ') },
      // A complaint goes through the web form where there is one, else by e-mail.
      { header: 'web form or e-mail', value: (a) => a.webform ?? a.email ?? '', maxWidth: 100 },
    ],
    `No supervisory authority in the directory for ${country ?? ''}: \`vrm request authorities\` lists all of them.`,
  );
}

const closed = (proceeding: Proceeding): string =>
  `Request ${String(proceeding.id)} to ${proceeding.provider}: ${proceeding.next}`;

export async function done({ services }: Session, id: string, o: OnOption): Promise<void> {
  say(closed(await services.requests.done(id, { on: o.on })));
}

export async function withdraw({ services }: Session, id: string, o: OnOption): Promise<void> {
  say(closed(await services.requests.withdraw(id, { on: o.on })));
}
