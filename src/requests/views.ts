import { addDays } from './days.js';
import { checkExtensionNotice, requestDeadlines, type RequestDeadlines } from './deadlines.js';
import type { AnswerFileRow, AnswerRow, MessageRow, ProceedingView } from './repository.js';
import type {
  PROCEEDING_STATUSES,
  AccessItemKey,
  MessageKind,
  ProceedingState,
  RequestChannel,
  RequestKind,
  RequestLanguage,
} from './schemas.js';
import { KIND_LABELS } from './templates.js';

/** Where a proceeding stands as the person reads it: the stored state, and what the dates say. */
export type ProceedingStatus = (typeof PROCEEDING_STATUSES)[number];

export interface ProceedingMessage {
  readonly id: number;
  readonly kind: MessageKind;
  readonly direction: 'out' | 'in';
  readonly state: 'drafted' | 'sent' | 'received';
  readonly on: string | null;
  readonly channel: RequestChannel | null;
  readonly recipient: string | null;
  readonly subject: string;
  readonly body: string;
  readonly outboxId: number | null;
  /**
   * Its send was cut off at a point vrm cannot know: it may or may not have reached the server.
   * It counts as sent (the deadline runs) and is never sent again by itself; the person checks
   * their sent mail and settles it in the outbox.
   */
  readonly uncertain: boolean;
  readonly mailMessageId: string | null;
  readonly documentId: number | null;
}

export interface AnswerSummary {
  readonly id: number;
  readonly name: string;
  readonly importedAt: string;
  readonly mailMessageId: string | null;
  readonly files: readonly { readonly path: string; readonly documentId: number }[];
  readonly problems: readonly { readonly file: string; readonly message: string }[];
  readonly findings: number;
}

/** A deadline with how it was counted, in words. */
export interface Deadline {
  readonly label: string;
  readonly day: string;
  readonly explanation: string;
}

export interface Proceeding {
  readonly id: number;
  readonly providerId: number;
  readonly provider: string;
  readonly campaignId: number | null;
  readonly kind: RequestKind;
  /** "Access (Art. 15)". */
  readonly title: string;
  readonly language: RequestLanguage;
  readonly channel: RequestChannel | null;
  readonly from: string | null;
  readonly recipient: string | null;
  readonly problem: string | null;
  /** Things the person should know before sending: what the directory asks and is not sent. */
  readonly notes: readonly string[];
  readonly place: string;
  readonly deliveryDays: number | null;
  readonly state: ProceedingState;
  readonly status: ProceedingStatus;
  readonly overdue: boolean;
  readonly sentOn: string | null;
  /** The day the deadline runs to now: one month, three after an extension, the admonition's. */
  readonly dueOn: string | null;
  readonly deadlines: readonly Deadline[];
  readonly extension: {
    readonly on: string;
    readonly reasons: string | null;
    readonly counts: boolean;
    readonly explanation: string;
  } | null;
  readonly answeredOn: string | null;
  readonly answer: 'complete' | 'incomplete' | null;
  readonly missingItems: readonly AccessItemKey[];
  readonly admonishedOn: string | null;
  readonly admonitionDueOn: string | null;
  /** The days an admonition gives the controller, counted from the day it is sent. */
  readonly admonitionDays: number;
  readonly authority: string | null;
  readonly complainedOn: string | null;
  readonly closedOn: string | null;
  readonly messages: readonly ProceedingMessage[];
  readonly answers: readonly AnswerSummary[];
  /** What to do next, in words. */
  readonly next: string;
}

export const OPEN_STATES: readonly ProceedingState[] = [
  'drafted',
  'sent',
  'extended',
  'answered',
  'admonished',
  'complaint',
];

/** The Art. 12(3) deadlines of a sent proceeding; null before it is sent. */
export function deadlinesOf(
  row: Pick<ProceedingView, 'sentOn' | 'channel' | 'deliveryDays' | 'place'>,
): RequestDeadlines | null {
  if (row.sentOn === null) return null;
  return requestDeadlines(
    row.channel === 'letter'
      ? { channel: 'letter', postedOn: row.sentOn, deliveryDays: row.deliveryDays ?? 3 }
      : { channel: row.channel === 'web_form' ? 'webform' : 'email', sentOn: row.sentOn },
    row.place,
  );
}

export function toMessage(row: MessageRow, uncertain: ReadonlySet<number> = new Set()): ProceedingMessage {
  return {
    id: row.id,
    kind: row.kind as MessageKind,
    direction: row.direction as 'out' | 'in',
    state: row.state as ProceedingMessage['state'],
    on: row.onDay,
    channel: row.channel as RequestChannel | null,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    outboxId: row.outboxId,
    uncertain: row.outboxId !== null && uncertain.has(row.outboxId),
    mailMessageId: row.mailMessageId,
    documentId: row.documentId,
  };
}

export function toAnswer(row: AnswerRow, files: readonly AnswerFileRow[]): AnswerSummary {
  return {
    id: row.id,
    name: row.name,
    importedAt: row.importedAt,
    mailMessageId: row.mailMessageId,
    files: files
      .filter((f) => f.answerId === row.id)
      .map((f) => ({ path: f.path, documentId: f.documentId })),
    problems: JSON.parse(row.problems) as AnswerSummary['problems'],
    findings: (JSON.parse(row.findings) as unknown[]).length,
  };
}

/** The proceeding as the person reads it, as of `today`. */
export function toProceeding(
  row: ProceedingView,
  messages: readonly MessageRow[],
  answers: readonly AnswerSummary[],
  today: string,
  uncertain: ReadonlySet<number> = new Set(),
): Proceeding {
  const state = row.state as ProceedingState;
  const details = JSON.parse(row.details) as { notes?: string[]; admonitionDays?: number };
  const deadlines = deadlinesOf(row);
  const extension =
    row.extensionOn !== null && deadlines
      ? (() => {
          const check = checkExtensionNotice(deadlines, {
            noticeOn: row.extensionOn,
            reasonsGiven: (row.extensionReasons ?? '').trim() !== '',
          });
          return {
            on: row.extensionOn,
            reasons: row.extensionReasons,
            counts: check.counts,
            explanation: check.explanation,
          };
        })()
      : null;
  const lawful = deadlines ? (extension?.counts ? deadlines.extended.end : deadlines.due.end) : null;
  const dueOn =
    state === 'admonished' ? row.admonitionDueOn : ['sent', 'extended'].includes(state) ? lawful : null;
  const overdue = dueOn !== null && today > dueOn;
  const received = deadlines?.receipt.day ?? null;
  const status: ProceedingStatus = overdue
    ? 'overdue'
    : state === 'sent' && received !== null && today >= received
      ? 'waiting'
      : state;
  const list: Deadline[] = deadlines
    ? [
        { label: 'Received', day: deadlines.receipt.day, explanation: deadlines.receipt.explanation },
        { label: 'Answer due (one month)', day: deadlines.due.end, explanation: deadlines.due.explanation },
        ...(extension?.counts
          ? [
              {
                label: 'Extended answer due (three months)',
                day: deadlines.extended.end,
                explanation: deadlines.extended.explanation,
              },
            ]
          : []),
        ...(row.admonitionDueOn !== null
          ? [
              {
                label: 'Admonition: answer due',
                day: row.admonitionDueOn,
                explanation: `The date the admonition of ${row.admonishedOn ?? ''} set.`,
              },
            ]
          : []),
      ]
    : [];
  const view = {
    id: row.id,
    providerId: row.providerId,
    provider: row.provider,
    campaignId: row.campaignId,
    kind: row.kind as RequestKind,
    title: `${KIND_LABELS[row.kind as RequestKind].en} (${KIND_LABELS[row.kind as RequestKind].article})`,
    language: row.language as RequestLanguage,
    channel: row.channel as RequestChannel | null,
    from: row.fromAddress,
    recipient: row.recipient,
    problem: row.problem,
    notes: details.notes ?? [],
    place: row.place,
    deliveryDays: row.deliveryDays,
    state,
    status,
    overdue,
    sentOn: row.sentOn,
    dueOn,
    deadlines: list,
    extension,
    answeredOn: row.answeredOn,
    answer: row.answer as Proceeding['answer'],
    missingItems: row.missingItems === null ? [] : (JSON.parse(row.missingItems) as AccessItemKey[]),
    admonishedOn: row.admonishedOn,
    admonitionDueOn: row.admonitionDueOn,
    admonitionDays: details.admonitionDays ?? 14,
    authority: row.authority,
    complainedOn: row.complainedOn,
    closedOn: row.closedOn,
    messages: messages.map((m) => toMessage(m, uncertain)),
    answers,
  };
  return { ...view, next: nextStep(view) };
}

/** What the person does next, in words, with the command. */
function nextStep(p: Omit<Proceeding, 'next'>): string {
  const id = String(p.id);
  const cut = p.messages.find((m) => m.uncertain);
  if (cut?.outboxId != null && !['done', 'withdrawn'].includes(p.state)) {
    const item = String(cut.outboxId);
    return `The send of “${cut.subject}” was cut off: it may or may not have gone. Look for it in your sent mail, then settle it (\`vrm outbox done ${item}\` if it went, \`vrm outbox send-again ${item}\` if not).`;
  }
  switch (p.status) {
    case 'drafted':
      return (
        p.problem ??
        (p.channel === 'letter'
          ? `Review the request, print it (\`vrm request letter ${id}\`), post it, then mark it posted (\`vrm request sent ${id} --delivery-days 3\`).`
          : p.channel === 'web_form'
            ? `Review the request, paste its text into their web form (${p.recipient ?? 'its address is on the request'}), then mark it sent (\`vrm request sent ${id}\`).`
            : `Review the request, then send it (\`vrm request send ${id}\`).`)
      );
    case 'sent':
      return `The request is on its way; ${p.provider} receives it on ${p.deadlines[0]?.day ?? 'its day of receipt'}.`;
    case 'waiting':
    case 'extended':
      return `Waiting for ${p.provider}'s answer, due by ${p.dueOn ?? ''}. When it comes, import it (\`vrm request answer ${id} FILE\`).`;
    case 'overdue':
      return p.state === 'admonished'
        ? `The admonition went unanswered: complain to the supervisory authority (\`vrm request complain ${id}\`).`
        : `The answer is late: send an admonition (\`vrm request admonish ${id}\`).`;
    case 'answered':
      return p.answer === 'incomplete'
        ? `The answer is incomplete: send an admonition (\`vrm request admonish ${id}\`).`
        : `Check the answer against what you gave, then close the request (\`vrm request done ${id}\`).`;
    case 'admonished':
      return `Admonished on ${p.admonishedOn ?? ''}; the answer is due by ${p.admonitionDueOn ?? ''}.`;
    case 'complaint':
      return `Complaint lodged on ${p.complainedOn ?? ''}; close the request when the authority has dealt with it (\`vrm request done ${id}\`).`;
    case 'done':
      return `Done on ${p.closedOn ?? ''}.`;
    case 'withdrawn':
      return `Withdrawn on ${p.closedOn ?? ''}.`;
  }
}

/** The day `days` days after `day`. */
export const daysAfter = (day: string, days: number): string => addDays(day, days);
