import { useState, type SyntheticEvent } from 'react';
import { api, ApiError } from '../../api';
import { useProviders } from '../../choices';
import { Field } from '../../components/Form';
import { useLoad } from '../../useLoad';
import { Ticks } from '../WhoKnows';
import { ATTENTION, ATTENTION_LABEL, count, errorText, ErrorLine, MessageList, plural } from './common';

import {
  type Rule,
  type Tri,
  TRI,
  TRI_CONDITIONS,
  STATUSES,
  type Draft,
  EMPTY,
  draftOf,
  conditionsOf,
  actionsOf,
  conditionWords,
  actionWords,
  errorAt,
  usePreview,
} from './rule-draft';
function Editor({
  rule,
  start,
  onSaved,
  onCancel,
}: {
  rule: Rule | undefined;
  /** For a new rule: the draft it starts from (a default to change). */
  start?: Draft;
  onSaved: (moved: number) => void;
  onCancel: () => void;
}) {
  const providers = useProviders();
  const identities = useLoad(() => api('listIdentities', { query: { kind: 'email' } }), []);
  const cases = useLoad(() => api('listCases', { query: {} }), []);
  const [d, setDraft] = useState<Draft>(rule ? draftOf(rule) : (start ?? EMPTY));
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
          label="Sender addresses"
          name="senders"
          value={d.senders}
          onChange={set('senders')}
          hint="Comma-separated; the exact address, such as news@shop.example"
          error={err('conditions.senders')}
        />
        <Field
          label="Sender domains"
          name="senderDomains"
          value={d.senderDomains}
          onChange={set('senderDomains')}
          hint="Comma-separated, such as shop.example: its subdomains count too"
          error={err('conditions.senderDomains')}
        />
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
  const defaults = useLoad(() => api('defaultMailRules'), []);
  const [start, setStart] = useState<Draft | undefined>();
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
          <button
            type="button"
            onClick={() => {
              setStart(undefined);
              setEditing('new');
            }}
          >
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
          key={editing === 'new' ? `new-${start?.name ?? ''}` : editing.id}
          rule={editing === 'new' ? undefined : editing}
          start={start}
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
          {(data ?? []).map((r, index, all) => (
            <li key={r.id} className={r.enabled ? '' : 'ended'}>
              <div className="rule-row">
                <div className="what">
                  <strong>{r.name}</strong> {r.enabled ? null : <span className="badge">off</span>}
                  <br />
                  If {conditionWords(r.conditions, names)} → {actionWords(r.actions)}
                </div>
                <span className="actions">
                  <button
                    type="button"
                    className="small secondary"
                    disabled={index === 0}
                    aria-label={`Move ${r.name} up`}
                    title="Tried earlier"
                    onClick={() =>
                      act(
                        api('moveMailRule', { id: r.id, body: { direction: 'up' } }).then((x) => x.applied),
                        (n) => `Moved up. ${plural(n, 'message')} moved.`,
                      )
                    }
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="small secondary"
                    disabled={index === all.length - 1}
                    aria-label={`Move ${r.name} down`}
                    title="Tried later"
                    onClick={() =>
                      act(
                        api('moveMailRule', { id: r.id, body: { direction: 'down' } }).then((x) => x.applied),
                        (n) => `Moved down. ${plural(n, 'message')} moved.`,
                      )
                    }
                  >
                    ↓
                  </button>
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
        <p>
          To change one, make a rule of your own from it: yours are tried first. Mail to an identity you
          switched off goes to the folder “switched off” before any rule.
        </p>
        <ol className="rules defaults">
          {(defaults.data ?? []).map((d) => (
            <li key={d.name}>
              <div className="rule-row">
                <div className="what">
                  <strong>{d.name}</strong>
                  <br />
                  If {d.when} → {d.place}
                </div>
                <span className="actions">
                  <button
                    type="button"
                    className="small secondary"
                    onClick={() => {
                      setStart(
                        draftOf({
                          id: 0,
                          name: d.name,
                          position: 0,
                          enabled: true,
                          conditions: d.conditions,
                          actions: d.actions,
                        }),
                      );
                      setEditing('new');
                    }}
                  >
                    Change <span className="visually-hidden">{d.name}</span>
                  </button>
                </span>
              </div>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
