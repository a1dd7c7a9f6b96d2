import { useState } from 'react';
import { api, type ApiOutput } from '../api';
import { useSubmit } from '../components/Form';
import { dateText, money } from '../format';
import { useLoad } from '../useLoad';

type Comparison = ApiOutput<'compareOffers'>;
type Compared = Comparison['offers'][number];
type Recipient = ApiOutput<'intentVendors'>['chosen'][number];

const STATE: Record<Recipient['state'], string> = {
  chosen: 'Chosen, not sent',
  queued: 'In the outbox',
  sent: 'Sent, waiting for an offer',
  failed: 'Failed',
  uncertain: 'Uncertain: check your sent mail',
  answered: 'Answered',
  offered: 'Made an offer',
  no_answer: 'No answer by the answer-by day',
};

const PERIOD: Record<string, string> = {
  once: 'once',
  week: 'a week',
  month: 'a month',
  quarter: 'a quarter',
  'half-year': 'a half-year',
  year: 'a year',
};

const priceText = (o: Compared): string =>
  o.price === null
    ? 'No price'
    : `${money(o.price.minor, o.price.currency)} ${o.period ? PERIOD[o.period] : ''}`;

const differenceText = (o: Compared): string => {
  if (o.difference === null) return '';
  const { minor, currency } = o.difference;
  if (minor === 0) return 'The same';
  return minor < 0 ? `${money(-minor, currency)} less` : `${money(minor, currency)} more`;
};

/**
 * Intents (issue 18): what the person shops for under a persona, the vendors each went to, and
 * the offers side by side against what they pay today, with the step that accepts one.
 */
export function Intents({ id }: { id?: string | undefined }) {
  return id === undefined ? <IntentList /> : <IntentPage id={Number(id)} />;
}

function IntentList() {
  const intents = useLoad(() => api('listIntents'), []);
  const personas = useLoad(() => api('listPersonas'), []);
  return (
    <div>
      <h1>Intents</h1>
      <p>
        What you want to buy, said under a persona: vendors see its alias and name, never yours, until you
        accept an offer. Make them with <code>vrm persona new</code> and <code>vrm intent new</code>.
      </p>
      {intents.error ? (
        <p className="error" role="alert">
          {intents.error}
        </p>
      ) : null}
      {intents.data && intents.data.length === 0 ? <p>No intent yet.</p> : null}
      {intents.data && intents.data.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Persona</th>
              <th scope="col">Answers by</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {intents.data.map((i) => (
              <tr key={i.id}>
                <td>
                  <a href={`#/intents/${String(i.id)}`}>{i.category}</a>
                </td>
                <td>{i.personaName}</td>
                <td>{dateText(i.answerBy)}</td>
                <td>{i.status === 'draft' ? 'Not sent' : i.status === 'cast' ? 'Sent' : 'Closed'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h2>Personas</h2>
      {personas.data && personas.data.length === 0 ? <p>No persona yet.</p> : null}
      {personas.data && personas.data.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Alias</th>
              <th scope="col">Says</th>
              <th scope="col">Shown to</th>
            </tr>
          </thead>
          <tbody>
            {personas.data.map((p) => (
              <tr key={p.id}>
                <td>
                  {p.displayName}
                  {p.retiredAt ? ' (retired)' : ''}
                </td>
                <td>{p.alias}</td>
                <td>{p.statements.map((s) => s.text).join('; ')}</td>
                <td>{p.shownTo.map((s) => s.providerName).join(', ') || 'Nobody yet'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function IntentPage({ id }: { id: number }) {
  const intent = useLoad(() => api('getIntent', { id }), [id]);
  const vendors = useLoad(() => api('intentVendors', { id }), [id]);
  const comparison = useLoad(() => api('compareOffers', { id }), [id]);
  const [said, setSaid] = useState('');
  const reload = () => {
    intent.reload();
    vendors.reload();
    comparison.reload();
  };
  const send = useSubmit(
    () => api('sendIntent', { id }),
    (result) => {
      setSaid(`${String(result.outcomes.length)} e-mail(s) sent from ${result.intent.personaName}.`);
      reload();
    },
  );
  const error = [intent.error, vendors.error, comparison.error].find((e) => e !== '');
  if (error)
    return (
      <div>
        <h1>Intent</h1>
        <p className="error" role="alert">
          {error}
        </p>
      </div>
    );
  if (!intent.data || !vendors.data || !comparison.data) return <p>Loading…</p>;
  const i = intent.data;
  const unsent = vendors.data.chosen.filter((r) => r.state === 'chosen' || r.state === 'failed');
  return (
    <div>
      <h1>
        {i.category}: {i.status === 'closed' ? 'closed' : `offers by ${dateText(i.answerBy)}`}
      </h1>
      <p>
        {i.description} Said under <strong>{i.personaName}</strong> ({i.alias}).
      </p>
      {said ? (
        <p className="notice" role="status">
          {said}
        </p>
      ) : null}
      <h2>Vendors</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Vendor</th>
            <th scope="col">Address</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {vendors.data.chosen.map((r) => (
            <tr key={r.id}>
              <td>{r.providerName}</td>
              <td>{r.address ?? ''}</td>
              <td>
                {STATE[r.state]}
                {r.problem
                  ? `: ${r.problem}`
                  : r.state === 'answered' && r.replyNote
                    ? `: ${r.replyNote}`
                    : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {unsent.length > 0 && i.status !== 'closed' ? (
        <form onSubmit={send.submit} aria-label="Send the intent">
          {send.message ? (
            <p className="error" role="alert">
              {send.message}
            </p>
          ) : null}
          <button type="submit" disabled={send.busy}>
            {send.busy ? 'Sending…' : `Send it to ${String(unsent.length)} vendor(s) from ${i.personaName}`}
          </button>
        </form>
      ) : null}
      <Offers comparison={comparison.data} onDone={reload} />
    </div>
  );
}

function Offers({ comparison, onDone }: { comparison: Comparison; onDone: () => void }) {
  const { current, offers, intent } = comparison;
  const [accepting, setAccepting] = useState<number | null>(null);
  return (
    <section aria-labelledby="offers-heading">
      <h2 id="offers-heading">Offers</h2>
      {current ? (
        <p>
          You pay {current.providerName} {money(current.yearly.minor, current.yearly.currency)} a year now (
          {current.name}){current.renewsOn ? `; it renews on ${dateText(current.renewsOn)}` : ''}
          {current.cancelBy ? `, and the last day to cancel is ${dateText(current.cancelBy)}` : ''}.
        </p>
      ) : (
        <p>
          No running contract of yours is called “{intent.category}”: offers are compared with each other.
        </p>
      )}
      {offers.length === 0 ? <p>No offer yet.</p> : null}
      {offers.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Vendor</th>
              <th scope="col">Price</th>
              <th scope="col">A year</th>
              <th scope="col">{current ? `Than ${current.providerName}` : 'Difference'}</th>
              <th scope="col">Term</th>
              <th scope="col">Valid until</th>
              <th scope="col">Includes</th>
              <th scope="col">Excludes</th>
              <th scope="col">Notes</th>
              <th scope="col">
                <span className="visually-hidden">Decision</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {offers.map((o) => (
              <tr key={o.id}>
                <td>{o.providerName}</td>
                <td>{priceText(o)}</td>
                <td>{o.yearly ? money(o.yearly.minor, o.yearly.currency) : ''}</td>
                <td>{differenceText(o)}</td>
                <td>{o.termMonths === null ? '' : `${String(o.termMonths)} months`}</td>
                <td>{dateText(o.validUntil)}</td>
                <td>{o.included.join(', ')}</td>
                <td>{o.excluded.join(', ')}</td>
                <td>{o.notes.join('; ')}</td>
                <td>
                  {o.status === 'open' && intent.status !== 'closed' ? (
                    <button type="button" className="secondary" onClick={() => setAccepting(o.id)}>
                      Accept {o.providerName}…
                    </button>
                  ) : o.status === 'accepted' ? (
                    'Accepted'
                  ) : o.status === 'declined' ? (
                    'Declined'
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {comparison.waiting.map((r) => (
        <p key={r.id}>
          {r.providerName} has not answered yet; answers are due by {dateText(intent.answerBy)}.
        </p>
      ))}
      {comparison.noAnswer.map((r) => (
        <p key={r.id}>
          {r.providerName} did not answer by {dateText(intent.answerBy)}.
        </p>
      ))}
      {accepting !== null ? (
        <Accept
          offer={offers.find((o) => o.id === accepting)}
          onDone={() => {
            setAccepting(null);
            onDone();
          }}
        />
      ) : null}
    </section>
  );
}

function Accept({ offer, onDone }: { offer: Compared | undefined; onDone: () => void }) {
  const facts = useLoad(() => api('listFacts'), []);
  const [chosen, setChosen] = useState<number[]>([]);
  const [declineOthers, setDeclineOthers] = useState(true);
  const [said, setSaid] = useState('');
  const accept = useSubmit(
    () => api('acceptOffer', { id: offer?.id ?? 0, body: { facts: chosen, declineOthers } }),
    (result) => {
      setSaid(
        `Accepted ${result.offer.providerName}: ${String(chosen.length)} fact(s) sent to them alone, signed.`,
      );
      onDone();
    },
  );
  if (!offer) return null;
  return (
    <form onSubmit={accept.submit} aria-label={`Accept the offer of ${offer.providerName}`}>
      <h3>Accept the offer of {offer.providerName}</h3>
      <p>
        Choose what {offer.providerName} needs to make the contract. Only these go, to them alone, signed,
        from the persona’s alias.
      </p>
      {said ? (
        <p className="notice" role="status">
          {said}
        </p>
      ) : null}
      {accept.message ? (
        <p className="error" role="alert">
          {accept.message}
        </p>
      ) : null}
      <fieldset>
        <legend>Facts to reveal</legend>
        {(facts.data ?? []).map((f) => (
          <label key={f.id}>
            <input
              type="checkbox"
              checked={chosen.includes(f.id)}
              onChange={(e) =>
                setChosen(e.target.checked ? [...chosen, f.id] : chosen.filter((c) => c !== f.id))
              }
            />{' '}
            {f.label}
          </label>
        ))}
      </fieldset>
      <label>
        <input type="checkbox" checked={declineOthers} onChange={(e) => setDeclineOthers(e.target.checked)} />{' '}
        Send the other vendors a polite decline
      </label>
      <button type="submit" disabled={accept.busy}>
        {accept.busy ? 'Accepting…' : `Accept and send to ${offer.providerName}`}
      </button>
    </form>
  );
}
