import { useEffect, useState, type SyntheticEvent } from 'react';
import { api, ApiError, type ApiOutput } from '../../api';
import { useProviders } from '../../choices';
import { Field } from '../../components/Form';
import { dateText } from '../../format';
import { useLoad } from '../../useLoad';
import { Ticks } from '../WhoKnows';
import {
  ATTENTION,
  ATTENTION_LABEL,
  count,
  errorText,
  ErrorLine,
  MessageList,
  plural,
  type Attention,
} from './common';

type Rule = ApiOutput<'listMailRules'>[number];
type Conditions = Rule['conditions'];
type Actions = Rule['actions'];
type Preview = ApiOutput<'previewMailRule'>;
type Tri = '' | 'yes' | 'no';
type Status = 'active' | 'former' | 'prospect';

const TRI: readonly (readonly [Tri, string])[] = [
  ['', 'Any'],
  ['yes', 'Yes'],
  ['no', 'No'],
];
/** The yes / no / any conditions, each one select in the editor. */
const TRI_CONDITIONS = [
  ['activeContract', 'Active contract'],
  ['openCase', 'Open case'],
  ['leak', 'Suspected leak'],
  ['unknownSender', 'From no known provider'],
  ['list', 'Mailing-list or bulk mail'],
] as const satisfies readonly (readonly [keyof Draft, string])[];
const STATUSES: readonly (readonly [Status, string])[] = [
  ['active', 'active'],
  ['former', 'former'],
  ['prospect', 'prospect'],
];

/** The editor's fields, as strings and lists, turned into the API's conditions and actions on the way out. */
interface Draft {
  name: string;
  enabled: boolean;
  providers: number[];
  categories: string;
  providerStatus: Status[];
  activeContract: Tri;
  openCase: Tri;
  identities: number[];
  leak: Tri;
  unknownSender: Tri;
  list: Tri;
  keywords: string;
  after: string;
  before: string;
  folder: string;
  attention: '' | Attention;
  mute: boolean;
  flag: boolean;
  caseId: string;
}

const EMPTY: Draft = {
  name: '',
  enabled: true,
  providers: [],
  categories: '',
  providerStatus: [],
  activeContract: '',
  openCase: '',
  identities: [],
  leak: '',
  unknownSender: '',
  list: '',
  keywords: '',
  after: '',
  before: '',
  folder: '',
  attention: '',
  mute: false,
  flag: false,
  caseId: '',
};

const tri = (value: boolean | undefined): Tri => (value === undefined ? '' : value ? 'yes' : 'no');
const fromTri = (value: Tri): boolean | undefined => (value === '' ? undefined : value === 'yes');
const words = (text: string): string[] | undefined => {
  const list = text
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  return list.length > 0 ? list : undefined;
};
const some = <T,>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);
const blank = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

function draftOf(rule: Rule): Draft {
  const c = rule.conditions;
  const a = rule.actions;
  return {
    name: rule.name,
    enabled: rule.enabled,
    providers: c.providers ?? [],
    categories: (c.categories ?? []).join(', '),
    providerStatus: c.providerStatus ?? [],
    activeContract: tri(c.activeContract),
    openCase: tri(c.openCase),
    identities: c.identities ?? [],
    leak: tri(c.leak),
    unknownSender: tri(c.unknownSender),
    list: tri(c.list),
    keywords: (c.keywords ?? []).join(', '),
    after: c.after ?? '',
    before: c.before ?? '',
    folder: a.folder ?? '',
    attention: a.attention ?? '',
    mute: a.mute ?? false,
    flag: a.flag ?? false,
    caseId: a.caseId === undefined ? '' : String(a.caseId),
  };
}

function conditionsOf(d: Draft): Conditions {
  return {
    providers: some(d.providers),
    categories: words(d.categories),
    providerStatus: some(d.providerStatus),
    activeContract: fromTri(d.activeContract),
    openCase: fromTri(d.openCase),
    identities: some(d.identities),
    leak: fromTri(d.leak),
    unknownSender: fromTri(d.unknownSender),
    list: fromTri(d.list),
    keywords: words(d.keywords),
    after: blank(d.after),
    before: blank(d.before),
  };
}

function actionsOf(d: Draft): Actions {
  return {
    folder: blank(d.folder),
    attention: d.attention === '' ? undefined : d.attention,
    mute: d.mute || undefined,
    flag: d.flag || undefined,
    caseId: d.caseId === '' ? undefined : Number(d.caseId),
  };
}

const or = (list: readonly string[]): string =>
  list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} or ${list.at(-1) ?? ''}`;

/** A rule's conditions in words: "sent by Acme and mentioning “invoice”". */
function conditionWords(
  c: Conditions,
  names: { providers: ReadonlyMap<number, string>; identities: ReadonlyMap<number, string> },
): string {
  const parts: string[] = [];
  const yesNo = (v: boolean | undefined, yes: string, no: string) => {
    if (v !== undefined) parts.push(v ? yes : no);
  };
  if (c.providers)
    parts.push(`sent by ${or(c.providers.map((p) => names.providers.get(p) ?? `provider ${p}`))}`);
  if (c.categories) parts.push(`from a provider in category ${or(c.categories)}`);
  if (c.providerStatus) parts.push(`from a provider that is ${or(c.providerStatus)}`);
  yesNo(c.activeContract, 'with an active contract', 'with no active contract');
  yesNo(c.openCase, 'with an open case', 'with no open case');
  if (c.identities)
    parts.push(`sent to ${or(c.identities.map((i) => names.identities.get(i) ?? `identity ${i}`))}`);
  yesNo(c.leak, 'a suspected leak', 'not a suspected leak');
  yesNo(c.unknownSender, 'from no known provider', 'from one of your providers');
  yesNo(c.list, 'list or bulk mail', 'not list mail');
  if (c.keywords) parts.push(`mentioning ${or(c.keywords.map((k) => `“${k}”`))}`);
  if (c.after) parts.push(`sent on or after ${dateText(c.after)}`);
  if (c.before) parts.push(`sent before ${dateText(c.before)}`);
  return parts.length > 0 ? parts.join(' and ') : 'every message';
}

function actionWords(a: Actions): string {
  const parts: string[] = [];
  if (a.attention) parts.push(`attention ${ATTENTION_LABEL[a.attention].toLowerCase()}`);
  parts.push(`folder ${a.folder ?? 'inbox'}`);
  if (a.mute) parts.push('muted');
  if (a.flag) parts.push('flagged');
  if (a.caseId !== undefined) parts.push(`linked to case ${a.caseId}`);
  return parts.join(', ');
}

/** The first error whose path is this field or inside it (`conditions.keywords[0]`). */
const errorAt = (errors: Record<string, string>, path: string): string | undefined =>
  Object.entries(errors).find(
    ([k]) => k === path || k.startsWith(`${path}.`) || k.startsWith(`${path}[`),
  )?.[1];

/** Shows how many stored messages the conditions match, asking again 400 ms after the last edit. */
function usePreview(conditions: Conditions) {
  const key = JSON.stringify(conditions);
  const [preview, setPreview] = useState<Preview | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    setBusy(true);
    const timer = setTimeout(() => {
      api('previewMailRule', { body: { conditions } })
        .then((p) => {
          if (!live) return;
          setPreview(p);
          setErrors({});
          setMessage('');
        })
        .catch((e: unknown) => {
          if (!live) return;
          setPreview(undefined);
          setErrors(e instanceof ApiError ? e.fieldErrors() : {});
          setMessage(errorText(e));
        })
        .finally(() => {
          if (live) setBusy(false);
        });
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  return { preview, errors, message, busy };
}

function Editor({
  rule,
  onSaved,
  onCancel,
}: {
  rule: Rule | undefined;
  onSaved: (moved: number) => void;
  onCancel: () => void;
}) {
  const providers = useProviders();
  const identities = useLoad(() => api('listIdentities', { query: { kind: 'email' } }), []);
  const cases = useLoad(() => api('listCases', { query: {} }), []);
  const [d, setDraft] = useState<Draft>(rule ? draftOf(rule) : EMPTY);
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((prev) => ({ ...prev, [key]: value }));
  const conditions = conditionsOf(d);
  const live = usePreview(conditions);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const all = { ...live.errors, ...errors };
  const err = (path: string) => errorAt(all, path);
  const providerNames = new Map(providers.map((p) => [p.id, p.name]));
  const openCases = (cases.data ?? []).filter((c) => c.status !== 'resolved');
  const title = rule ? `Edit rule ${rule.id}` : 'Add a rule';
  const save = (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage('');
    const body = { name: d.name, enabled: d.enabled, conditions, actions: actionsOf(d) };
    (rule ? api('updateMailRule', { id: rule.id, body }) : api('addMailRule', { body }))
      .then((r) => onSaved(r.applied.changed))
      .catch((e: unknown) => {
        if (e instanceof ApiError) setErrors(e.fieldErrors());
        setMessage(errorText(e));
      })
      .finally(() => setBusy(false));
  };
  return (
    <form className="card form rule-editor" onSubmit={save} noValidate aria-label={title}>
      <h3>{title}</h3>
      <div className="fields">
        <Field label="Name" name="name" value={d.name} onChange={set('name')} required error={err('name')} />
        <label className="check">
          <input type="checkbox" checked={d.enabled} onChange={(e) => set('enabled')(e.target.checked)} />{' '}
          Enabled
        </label>
      </div>
      <h4>When (all of these hold)</h4>
      <div className="fields">
        {providers.length > 0 ? (
          <div className="wide-field">
            <Ticks
              legend="Sent by (any of these providers)"
              options={providers.map((p) => [p.id, p.name] as const)}
              value={d.providers}
              onChange={set('providers')}
            />
            {err('conditions.providers') ? (
              <small className="error">{err('conditions.providers')}</small>
            ) : null}
          </div>
        ) : null}
        <Field
          label="Provider categories"
          name="categories"
          value={d.categories}
          onChange={set('categories')}
          hint="Comma-separated, such as bank, insurance"
          error={err('conditions.categories')}
        />
        {TRI_CONDITIONS.map(([key, label]) => (
          <Field
            key={key}
            label={label}
            name={key}
            value={d[key]}
            onChange={(v) => set(key)(v as Tri)}
            options={TRI}
          />
        ))}
        <Field
          label="Keywords"
          name="keywords"
          value={d.keywords}
          onChange={set('keywords')}
          hint="Comma-separated; any of them in the subject or the text"
          error={err('conditions.keywords')}
        />
        <Field
          label="Sent on or after"
          name="after"
          type="date"
          value={d.after}
          onChange={set('after')}
          error={err('conditions.after')}
        />
        <Field
          label="Sent before"
          name="before"
          type="date"
          value={d.before}
          onChange={set('before')}
          error={err('conditions.before')}
        />
        <Ticks
          legend="The provider’s status (any of these)"
          options={STATUSES}
          value={d.providerStatus}
          onChange={set('providerStatus')}
        />
        {(identities.data ?? []).length > 0 ? (
          <Ticks
            legend="Sent to (any of these identities)"
            options={(identities.data ?? [])
              .filter((i) => i.retiredAt === null)
              .map(
                (i) =>
                  [
                    i.id,
                    `${i.value}${i.providerId !== null ? ` (${providerNames.get(i.providerId) ?? ''})` : ''}`,
                  ] as const,
              )}
            value={d.identities}
            onChange={set('identities')}
          />
        ) : null}
      </div>
      <h4>Then</h4>
      <div className="fields">
        <Field
          label="Folder"
          name="folder"
          value={d.folder}
          onChange={set('folder')}
          hint="Empty: inbox"
          error={err('actions.folder')}
        />
        <Field
          label="Attention"
          name="attention"
          value={d.attention}
          onChange={(v) => set('attention')(v as Draft['attention'])}
          options={[
            ['', 'Today (or never when muted)'],
            ...ATTENTION.map((a) => [a, ATTENTION_LABEL[a]] as const),
          ]}
          error={err('actions.attention')}
        />
        <Field
          label="Link to an open case"
          name="caseId"
          value={d.caseId}
          onChange={set('caseId')}
          options={[
            ['', 'No case'],
            ...openCases.map(
              (c) =>
                [
                  String(c.id),
                  `${c.title} (${providerNames.get(c.providerId) ?? ''}, case ${c.id})`,
                ] as const,
            ),
          ]}
          error={err('actions.caseId')}
        />
        <fieldset className="ticks also">
          <legend>Also</legend>
          <label className="check">
            <input type="checkbox" checked={d.mute} onChange={(e) => set('mute')(e.target.checked)} /> Mute
          </label>
          <label className="check">
            <input type="checkbox" checked={d.flag} onChange={(e) => set('flag')(e.target.checked)} /> Flag
          </label>
        </fieldset>
      </div>
      {err('actions') ? (
        <p className="error" role="alert">
          {err('actions')}
        </p>
      ) : null}
      <section className="rule-preview" aria-label="Preview" aria-live="polite" aria-busy={live.busy}>
        <h4>Preview</h4>
        {live.preview ? (
          <>
            <p>
              <strong>{count(live.preview.matches)}</strong>{' '}
              {live.preview.matches === 1 ? 'stored message matches' : 'stored messages match'}
              {live.preview.sample.length > 0 ? ', the newest:' : '.'}
            </p>
            {live.preview.sample.length > 0 ? (
              <MessageList messages={live.preview.sample} label="Newest matching messages" />
            ) : null}
          </>
        ) : live.message ? (
          <p className="error">{live.message}</p>
        ) : (
          <p className="loading">Counting…</p>
        )}
        <p className="hint">An earlier rule may place some of them first; the order below decides.</p>
      </section>
      {message ? (
        <p className="error" role="alert">
          {message}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save rule'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function RulesView() {
  const { data, error, reload } = useLoad(() => api('listMailRules'), []);
  const providers = useProviders();
  const identities = useLoad(() => api('listIdentities', { query: {} }), []);
  const [editing, setEditing] = useState<Rule | 'new' | undefined>();
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const [running, setRunning] = useState(false);
  const names = {
    providers: new Map(providers.map((p) => [p.id, p.name])),
    identities: new Map((identities.data ?? []).map((i) => [i.id, i.value])),
  };
  const act = (p: Promise<{ changed: number }>, done: (changed: number) => string) => {
    setProblem('');
    setNotice('');
    p.then((r) => {
      setNotice(done(r.changed));
      reload();
    })
      .catch((e: unknown) => setProblem(errorText(e)))
      .finally(() => setRunning(false));
  };
  return (
    <div>
      <div className="page-head">
        <h2 className="page-title">Rules</h2>
        <span className="actions">
          <button type="button" onClick={() => setEditing('new')}>
            Add a rule
          </button>
          <button
            type="button"
            className="secondary"
            disabled={running}
            onClick={() => {
              setRunning(true);
              act(api('runMailRules'), (n) => `Rules ran again: ${plural(n, 'message')} moved.`);
            }}
          >
            {running ? 'Running…' : 'Run rules again'}
          </button>
        </span>
      </div>
      <p>
        Rules are tried in order; the first that matches places a message. Messages you moved by hand stay
        where you put them.
      </p>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorLine text={problem || error} />
      {editing ? (
        <Editor
          key={editing === 'new' ? 'new' : editing.id}
          rule={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(undefined)}
          onSaved={(moved) => {
            setEditing(undefined);
            setNotice(`Saved. ${plural(moved, 'message')} moved.`);
            reload();
          }}
        />
      ) : null}
      <section className="card" aria-labelledby="rules-yours">
        <h3 id="rules-yours">Your rules</h3>
        {data?.length === 0 ? (
          <p className="empty">No rules yet: the defaults below place every message.</p>
        ) : null}
        <ol className="rules">
          {(data ?? []).map((r) => (
            <li key={r.id} className={r.enabled ? '' : 'ended'}>
              <div className="rule-row">
                <div className="what">
                  <strong>{r.name}</strong> {r.enabled ? null : <span className="badge">off</span>}
                  <br />
                  If {conditionWords(r.conditions, names)} → {actionWords(r.actions)}
                </div>
                <span className="actions">
                  <button type="button" className="small secondary" onClick={() => setEditing(r)}>
                    Edit <span className="visually-hidden">{r.name}</span>
                  </button>
                  <button
                    type="button"
                    className="small danger"
                    onClick={() => {
                      if (!window.confirm(`Delete the rule “${r.name}”? Its messages are placed again.`))
                        return;
                      act(
                        api('deleteMailRule', { id: r.id }).then((x) => x.applied),
                        (n) => `Deleted. ${plural(n, 'message')} moved.`,
                      );
                    }}
                  >
                    Delete <span className="visually-hidden">{r.name}</span>
                  </button>
                </span>
              </div>
            </li>
          ))}
        </ol>
      </section>
      <section className="card" aria-labelledby="rules-defaults">
        <h3 id="rules-defaults">Then the defaults</h3>
        <ol className="rules defaults">
          <li>An open case with the sender → now, linked to the case</li>
          <li>A suspected leak → folder leaked, later</li>
          <li>List or marketing mail → later</li>
          <li>A provider of yours → today</li>
          <li>Anything else → later</li>
        </ol>
      </section>
    </div>
  );
}
