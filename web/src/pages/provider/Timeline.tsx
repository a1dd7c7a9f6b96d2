import { useState, type ReactNode } from 'react';
import { api, documentUrl, type ApiOutput } from '../../api';
import { CASE_STATUSES } from '../../choices';
import { dateText, dateTimeText } from '../../format';
import { useLoad } from '../../useLoad';

type Page = ApiOutput<'providerTimeline'>;
type Item = Page['items'][number];

/** How many items a page of the timeline holds; "Show more" adds the next. */
const PAGE_SIZE = 30;

/** An interaction, with its follow-up's Done button at hand. */
function InteractionEntry({ item, edit, changed }: { item: Item; edit: EditButton; changed: () => void }) {
  const i = item.interaction;
  if (!i) return null;
  return (
    <li className="interaction">
      <span className="when">{dateTimeText(i.occurredAt)}</span>
      <span className="channel">
        {i.direction === 'inbound' ? '←' : '→'} {i.channel}
      </span>{' '}
      <strong>{i.subject}</strong>
      {i.outcome ? <span> · {i.outcome}</span> : null}
      {i.followUpOn && !i.followUpDoneOn ? (
        <>
          <span className="badge waiting">follow up {dateText(i.followUpOn)}</span>
          <button
            type="button"
            className="small secondary"
            onClick={() => void api('completeFollowUp', { id: i.id, body: {} }).then(changed)}
          >
            Done
          </button>
        </>
      ) : null}
      {edit('interaction', i.id, i.subject)}
    </li>
  );
}

/** A case opened or closed, with its status at hand. */
function CaseEntry({ item, edit, changed }: { item: Item; edit: EditButton; changed: () => void }) {
  const c = item.case;
  if (!c) return null;
  return (
    <li className="case">
      <span className="when">{dateText(item.at)}</span>
      <span className={`badge ${c.status}`}>{c.kind}</span> <strong>{item.title}</strong>
      <label className="inline">
        status
        <select
          value={c.status}
          onChange={(e) =>
            void api('updateCase', { id: c.id, body: { status: e.target.value as 'open' } }).then(changed)
          }
        >
          {CASE_STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      {edit('case', c.id, `case ${c.title}`)}
    </li>
  );
}

/** Any other item, from whichever area adds it: a link to where the record is shown. */
function OtherEntry({ item }: { item: Item }) {
  const href = item.route ? `#/${item.route}` : item.kind === 'document' ? documentUrl(item.id) : undefined;
  return (
    <li className={`item ${item.kind}`}>
      {/* A day-only record (a disclosure, an agreement) counts from midnight: show it as a day. */}
      <span className="when">
        {item.at.endsWith('T00:00:00.000Z') ? dateText(item.at) : dateTimeText(item.at)}
      </span>
      <span className="channel">{item.kind}</span>{' '}
      {href ? (
        <a href={href} download={item.kind === 'document' && !item.route ? '' : undefined}>
          <strong>{item.title}</strong>
        </a>
      ) : (
        <strong>{item.title}</strong>
      )}
      {item.detail ? <small> · {item.detail}</small> : null}
    </li>
  );
}

type EditButton = (kind: 'interaction' | 'case', id: number, label: string) => ReactNode;

/**
 * Everything about the provider in one list, newest first, as the server merges it from every
 * area (interactions, cases, messages, leaks, disclosures, agreements, documents): a filter by
 * kind with the count of each, and "Show more" for the next page, so a provider with thousands of
 * messages loads one page at a time.
 */
export function Timeline({
  providerId,
  version,
  edit,
  changed,
}: {
  providerId: number;
  /** Changes when the page's records changed: the timeline loads again. */
  version: number;
  /** The Edit button of one entry. */
  edit: EditButton;
  /** Tells the page that an entry changed (a follow-up done, a case's status). */
  changed: () => void;
}) {
  const [hidden, setHidden] = useState<readonly string[]>([]);
  const [more, setMore] = useState<{ items: readonly Item[]; next: string | null }>();
  const [problem, setProblem] = useState('');
  const [kinds, setKinds] = useState<Page['kinds']>([]);
  const shown = kinds.filter((k) => !hidden.includes(k.kind)).map((k) => k.kind);
  const nothingShown = kinds.length > 0 && shown.length === 0;
  const query = hidden.length === 0 ? {} : { kind: shown.join(',') };
  const { data, error } = useLoad(async () => {
    if (nothingShown) return undefined;
    const page = await api('providerTimeline', { id: providerId, query: { ...query, limit: PAGE_SIZE } });
    setMore(undefined);
    setKinds(page.kinds);
    return page;
  }, [providerId, version, hidden.join(','), nothingShown]);
  const items = [...(data?.items ?? []), ...(more?.items ?? [])];
  const next = more ? more.next : (data?.next ?? null);
  const showMore = () => {
    if (next === null) return;
    setProblem('');
    api('providerTimeline', { id: providerId, query: { ...query, limit: PAGE_SIZE, after: next } })
      .then((page) => setMore({ items: [...(more?.items ?? []), ...page.items], next: page.next }))
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
  };
  const toggle = (kind: string, on: boolean) =>
    setHidden((h) => (on ? h.filter((k) => k !== kind) : [...h, kind]));
  const present = kinds.filter((k) => k.count > 0);
  return (
    <>
      {present.length > 1 ? (
        <fieldset className="timeline-kinds">
          <legend>Show</legend>
          {present.map((k) => (
            <label key={k.kind} className="check">
              <input
                type="checkbox"
                checked={!hidden.includes(k.kind)}
                onChange={(e) => toggle(k.kind, e.target.checked)}
              />
              {k.noun.many} ({k.count})
            </label>
          ))}
        </fieldset>
      ) : null}
      {error || problem ? (
        <p className="error" role="alert">
          {error || problem}
        </p>
      ) : null}
      {nothingShown ? <p className="empty">Nothing to show: tick a kind above.</p> : null}
      {data && items.length === 0 && !nothingShown ? (
        <p className="empty">
          Nothing yet. Log each call, letter and e-mail, and open a case when something goes wrong; mail you
          import from this provider shows here too.
        </p>
      ) : null}
      {!data && !error && !nothingShown ? <p className="loading">Loading…</p> : null}
      {items.length > 0 && !nothingShown ? (
        <ol className="timeline" aria-label="Timeline">
          {items.map((item) =>
            item.kind === 'interaction' && item.interaction ? (
              <InteractionEntry key={item.key} item={item} edit={edit} changed={changed} />
            ) : item.kind === 'case' && item.case ? (
              <CaseEntry key={item.key} item={item} edit={edit} changed={changed} />
            ) : (
              <OtherEntry key={item.key} item={item} />
            ),
          )}
        </ol>
      ) : null}
      {next !== null && !nothingShown ? (
        <p>
          <button type="button" className="secondary" onClick={showMore}>
            Show more
          </button>{' '}
          <small>
            {items.length} of {data?.total ?? items.length}
          </small>
        </p>
      ) : null}
    </>
  );
}
