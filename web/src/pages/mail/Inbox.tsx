import { useEffect, useState } from 'react';
import { api, type ApiOutput } from '../../api';
import { go } from '../../router';
import { useLoad } from '../../useLoad';
import {
  ATTENTION,
  ATTENTION_LABEL,
  count,
  errorText,
  ErrorLine,
  MessageList,
  plural,
  type Attention,
  type MessageSummary,
} from './common';

/** What the inbox shows: one attention level, a folder, a provider's mail, or search results. */
export type InboxView =
  | { kind: 'attention'; attention: Attention }
  | { kind: 'folder'; folder: string }
  | { kind: 'provider'; providerId: number }
  | { kind: 'search'; q: string };

const PAGE = 50;

type Counts = ApiOutput<'mailCounts'>;

function SideLink(props: { href: string; label: string; n: number; current: boolean }) {
  return (
    <li>
      <a href={props.href} aria-current={props.current ? 'page' : undefined}>
        <span>{props.label}</span>
        <span className="n">
          {count(props.n)}
          <span className="visually-hidden"> {props.n === 1 ? 'message' : 'messages'}</span>
        </span>
      </a>
    </li>
  );
}

/** The sidebar: counts by attention, by folder and by sending provider. */
function Side({ counts, view }: { counts: Counts | undefined; view: InboxView }) {
  return (
    <nav className="mail-side" aria-label="Mail by attention, folder and provider">
      <h2 id="mail-attention">Attention</h2>
      <ul aria-labelledby="mail-attention">
        {ATTENTION.map((a) => (
          <SideLink
            key={a}
            href={`#/mail/in/${a}`}
            label={ATTENTION_LABEL[a]}
            n={counts?.attention[a] ?? 0}
            current={view.kind === 'attention' && view.attention === a}
          />
        ))}
      </ul>
      <h2 id="mail-folders">Folders</h2>
      {counts?.folders.length === 0 ? <p className="empty">No folders yet.</p> : null}
      <ul aria-labelledby="mail-folders">
        {(counts?.folders ?? []).map((f) => (
          <SideLink
            key={f.folder}
            href={`#/mail/folder/${encodeURIComponent(f.folder)}`}
            label={f.folder}
            n={f.count}
            current={view.kind === 'folder' && view.folder === f.folder}
          />
        ))}
      </ul>
      <h2 id="mail-providers">Providers</h2>
      {counts?.providers.length === 0 ? <p className="empty">No mail from your providers yet.</p> : null}
      <ul aria-labelledby="mail-providers">
        {(counts?.providers ?? []).map((p) => (
          <SideLink
            key={p.id}
            href={`#/mail/provider/${p.id}`}
            label={p.name}
            n={p.count}
            current={view.kind === 'provider' && view.providerId === p.id}
          />
        ))}
      </ul>
      {counts && counts.muted > 0 ? (
        <p className="hint">{plural(counts.muted, 'muted message')} not counted.</p>
      ) : null}
    </nav>
  );
}

function SearchBox({ q }: { q: string }) {
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  return (
    <form
      className="mail-search"
      role="search"
      aria-label="Search mail"
      onSubmit={(e) => {
        e.preventDefault();
        go(text.trim() ? `mail/search/${encodeURIComponent(text.trim())}` : 'mail');
      }}
    >
      <label htmlFor="mail-q" className="visually-hidden">
        Search mail
      </label>
      <input
        id="mail-q"
        type="search"
        value={text}
        placeholder="Search mail"
        aria-describedby="mail-q-help"
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit">Search</button>
      <small id="mail-q-help" className="hint">
        Words must all appear; <code>"a phrase"</code>; operators <code>from:</code> <code>to:</code>{' '}
        <code>subject:</code> <code>provider:</code> <code>before:</code> <code>after:</code>{' '}
        <code>has:attachment</code> <code>is:leak</code>
      </small>
    </form>
  );
}

type SearchHit = ApiOutput<'searchMail'>['results'][number];

/** Search results, best first, a page at a time: "More" fetches the next page after those shown. */
function SearchResults({ q }: { q: string }) {
  const [hits, setHits] = useState<SearchHit[] | undefined>();
  const [total, setTotal] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const load = (offset: number, live: () => boolean = () => true): void => {
    setBusy(true);
    api('searchMail', { query: { q, limit: PAGE, offset } })
      .then((page) => {
        if (!live()) return;
        setHits((prev) => (offset === 0 ? page.results : [...(prev ?? []), ...page.results]));
        setTotal(page.total);
        setError('');
      })
      .catch((e: unknown) => {
        if (live()) setError(errorText(e));
      })
      .finally(() => {
        if (live()) setBusy(false);
      });
  };
  useEffect(() => {
    let live = true;
    setHits(undefined);
    load(0, () => live);
    return () => {
      live = false;
    };
  }, [q]);
  if (error && !hits) return <ErrorLine text={error} />;
  if (!hits) return <p className="loading">Searching…</p>;
  const snippets = new Map(hits.map((m) => [m.id, m.snippet]));
  return (
    <section aria-labelledby="mail-results">
      <h2 id="mail-results">
        {total === 0 ? 'No message' : plural(total, 'message')} for “{q}”
      </h2>
      {hits.length === 0 ? (
        <p className="empty">Nothing matches. Fewer words, or a word’s start with *, find more.</p>
      ) : (
        <MessageList messages={hits} snippets={snippets} label={`Search results for ${q}`} />
      )}
      <ErrorLine text={error} />
      {hits.length < total ? (
        <button type="button" className="secondary" disabled={busy} onClick={() => load(hits.length)}>
          {busy ? 'Loading…' : `More (showing ${count(hits.length)} of ${count(total)})`}
        </button>
      ) : null}
    </section>
  );
}

/** A filtered list, 50 at a time, with "More". */
function Pages({ view, title }: { view: Exclude<InboxView, { kind: 'search' }>; title: string }) {
  const filter =
    view.kind === 'attention'
      ? { attention: view.attention }
      : view.kind === 'folder'
        ? { folder: view.folder }
        : { provider: String(view.providerId) };
  const key = JSON.stringify(filter);
  const [items, setItems] = useState<MessageSummary[] | undefined>();
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const load = (offset: number, live: () => boolean = () => true): void => {
    setBusy(true);
    api('listMessages', { query: { ...filter, limit: PAGE, offset } })
      .then((page) => {
        if (!live()) return;
        setItems((prev) => (offset === 0 ? page : [...(prev ?? []), ...page]));
        setMore(page.length === PAGE);
        setError('');
      })
      .catch((e: unknown) => {
        if (live()) setError(errorText(e));
      })
      .finally(() => {
        if (live()) setBusy(false);
      });
  };
  useEffect(() => {
    let live = true;
    setItems(undefined);
    load(0, () => live);
    return () => {
      live = false;
    };
  }, [key]);
  return (
    <section aria-labelledby="mail-list-title">
      <h2 id="mail-list-title">{title}</h2>
      <ErrorLine text={error} />
      {items === undefined && !error ? <p className="loading">Loading…</p> : null}
      {items?.length === 0 ? (
        <p className="empty">
          {view.kind === 'attention'
            ? `Nothing needs your attention ${view.attention === 'now' ? 'now' : view.attention === 'never' ? 'here' : view.attention}.`
            : 'No messages here.'}{' '}
          Import mail under <a href="#/mail/import">Import</a>.
        </p>
      ) : null}
      {items && items.length > 0 ? <MessageList messages={items} label={title} /> : null}
      {more ? (
        <button type="button" className="secondary" disabled={busy} onClick={() => load(items?.length ?? 0)}>
          {busy ? 'Loading…' : `More (showing ${count(items?.length ?? 0)})`}
        </button>
      ) : null}
    </section>
  );
}

export function Inbox({ view }: { view: InboxView }) {
  const counts = useLoad(() => api('mailCounts'), []);
  const providerName =
    view.kind === 'provider' ? counts.data?.providers.find((p) => p.id === view.providerId)?.name : undefined;
  const title =
    view.kind === 'attention'
      ? ATTENTION_LABEL[view.attention]
      : view.kind === 'folder'
        ? `Folder ${view.folder}`
        : view.kind === 'provider'
          ? `From ${providerName ?? `provider ${view.providerId}`}`
          : 'Search';
  return (
    <div>
      <ErrorLine text={counts.error} />
      {counts.data?.total === 0 ? (
        <p className="notice">
          No mail yet. <a href="#/mail/import">Import an mbox, a Maildir or an IMAP account</a>: it stays on
          this machine, encrypted.
        </p>
      ) : null}
      <div className="mail-layout">
        <Side counts={counts.data} view={view} />
        <div className="mail-main">
          <SearchBox q={view.kind === 'search' ? view.q : ''} />
          {view.kind === 'search' ? <SearchResults q={view.q} /> : <Pages view={view} title={title} />}
        </div>
      </div>
    </div>
  );
}
