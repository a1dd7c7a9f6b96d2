import type { ApiOutput } from '../../api';
import { count, dateText, plural } from '../../format';

/** A message as lists show it (inbox, search, a leak's proof, a rule's preview). */
export type MessageSummary = ApiOutput<'listMessages'>[number];
type Snippet = NonNullable<ApiOutput<'searchMail'>['results'][number]['snippet']>;

export const ATTENTION = ['now', 'today', 'later', 'never'] as const;
export type Attention = (typeof ATTENTION)[number];
export const ATTENTION_LABEL: Record<Attention, string> = {
  now: 'Now',
  today: 'Today',
  later: 'Later',
  never: 'Never',
};

// One number and plural format for the whole app (format.ts); the mail pages import them from here too.
export { count, plural };

/** 1536 → "1.5 KB". */
export function bytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }).format(value)} ${units[unit] ?? ''}`;
}

/** A duration in words: 850 → "0.9 s", 125000 → "2 min 5 s". */
export function duration(ms: number): string {
  if (ms < 60_000)
    return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(ms / 1000)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** A message's day, or its time when it came today. */
export function when(iso: string | null): string {
  if (!iso) return 'no date';
  const d = new Date(iso);
  if (d.toDateString() === new Date().toDateString())
    return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return dateText(iso);
}

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function ErrorLine({ text }: { text: string }) {
  return text ? (
    <p className="error" role="alert">
      {text}
    </p>
  ) : null;
}

/** Search hits, marked: the API sends text runs, never HTML, so no markup from mail reaches the page. */
export function SnippetText({ snippet }: { snippet: Snippet }) {
  return (
    <span className="snippet">
      {snippet.map((part, i) =>
        part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </span>
  );
}

export function MessageBadges({ m }: { m: MessageSummary }) {
  return (
    <>
      {m.leak === 1 ? <span className="badge leak">leak</span> : null}
      {m.flagged === 1 ? <span className="badge flagged">flagged</span> : null}
      {m.attachmentCount > 0 ? (
        <span className="badge">{plural(m.attachmentCount, 'attachment')}</span>
      ) : null}
      {m.muted === 1 ? <span className="badge">muted</span> : null}
      {m.isList === 1 ? <span className="badge">list</span> : null}
    </>
  );
}

/** Messages as a list: date, sender, subject (a link to the message), badges, and why it is there. */
export function MessageList({
  messages,
  label,
  snippets,
}: {
  messages: readonly MessageSummary[];
  label: string;
  snippets?: ReadonlyMap<number, Snippet | null>;
}) {
  return (
    <ul className="mail-list" aria-label={label}>
      {messages.map((m) => {
        const snippet = snippets?.get(m.id);
        return (
          <li key={m.id} className={m.leak === 1 ? 'leaked' : ''}>
            <span className="when">{when(m.sentAt)}</span>
            <span className="from" title={m.sender}>
              {m.senderLabel}
            </span>
            <span className="subject">
              <a href={`#/mail/message/${m.id}`}>{m.subject || '(no subject)'}</a> <MessageBadges m={m} />
            </span>
            {snippet ? (
              <span className="hit">
                <SnippetText snippet={snippet} />
              </span>
            ) : null}
            <span className="reason">
              {ATTENTION_LABEL[m.attention]} · {m.folder} · {m.ruleReason}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
