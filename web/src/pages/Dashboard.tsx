import { api } from '../api';
import { SpendChart } from '../components/SpendChart';
import { dateText, daysText, money, count, cycleText, plural } from '../format';
import { useLoad } from '../useLoad';
import { MoneyCard } from './money/SubscriptionsCard';

export function Dashboard() {
  const { data, error, reload } = useLoad(() => api('dashboard'), []);
  const spread = useLoad(() => api('disclosureMatrix'), []);
  const outdated = spread.data?.cells.filter((c) => c.outdated).length ?? 0;
  const stale = new Set(spread.data?.cells.filter((c) => c.outdated).map((c) => c.providerId)).size;
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p className="loading">Loading…</p>;
  const more = (shown: number, total: number) =>
    total > shown ? <p className="hint">{`Showing the first ${count(shown)} of ${count(total)}.`}</p> : null;
  return (
    <div className="dashboard">
      <h1>Dashboard</h1>
      <p className="counts">
        {plural(data.renewals.total, 'renewal')} in the next 60 days ·{' '}
        {plural(data.followUps.total, 'follow-up')} due · {plural(data.openCases.total, 'open case')}
        {outdated > 0 ? (
          <>
            {' · '}
            <a href="#/knows">outdated data about you at {plural(stale, 'organisation')}</a>
          </>
        ) : null}
      </p>
      <div className="grid">
        {data.campaigns.length > 0 ? (
          <section className="card wide" aria-labelledby="campaigns">
            <h2 id="campaigns">Changes in progress</h2>
            <ul className="list">
              {data.campaigns.map((c) => (
                <li key={c.id} className={c.late.length > 0 ? 'overdue' : ''}>
                  <span className="what" title={c.title}>
                    <a href={`#/changes/${String(c.id)}`}>{c.title}</a>
                  </span>
                  <span className="when">
                    {`${String(c.updated)} of ${String(c.total)} updated`}
                    {c.late.length > 0 ? ` · no answer in time: ${c.late.join(', ')}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {data.requests.length > 0 ? (
          <section className="card wide" aria-labelledby="data-requests">
            <h2 id="data-requests">Data requests</h2>
            <ul className="list">
              {data.requests.map((r) => (
                <li key={r.id} className={r.status === 'overdue' ? 'overdue' : ''}>
                  <span className="when">
                    {r.status === 'overdue'
                      ? `late: was due ${dateText(r.dueOn)}`
                      : r.dueOn
                        ? `due ${dateText(r.dueOn)}`
                        : r.status}
                  </span>
                  <span className="what" title={`${r.provider}: ${r.title}`}>
                    <a href={`#/requests/${String(r.id)}`}>
                      {r.provider}: {r.title}
                    </a>
                    <br />
                    <small>{r.next}</small>
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section className="card wide" aria-labelledby="renewals">
          <h2 id="renewals">Upcoming renewals</h2>
          {data.renewals.total === 0 ? (
            <p className="empty">
              Nothing renews in the next 60 days. Contracts you add show here before their last day to cancel.
            </p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Cancel by</th>
                  <th scope="col">Contract</th>
                  <th scope="col">Renews</th>
                  <th scope="col" className="num">
                    Price
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.renewals.items.map((r) => (
                  <tr
                    key={r.contract.id}
                    className={r.daysToCancel < 0 ? 'passed' : r.daysToCancel <= 7 ? 'urgent' : ''}
                  >
                    <td>
                      {dateText(r.cancelBy)}
                      <br />
                      <small>{r.daysToCancel < 0 ? 'notice period passed' : daysText(r.daysToCancel)}</small>
                      {r.nextChance ? (
                        <>
                          <br />
                          <small className="next-chance">
                            next chance: cancel by {dateText(r.nextChance.cancelBy)} (renews{' '}
                            {dateText(r.nextChance.renewsOn)})
                          </small>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <a href={`#/providers/${r.contract.providerId}`}>{r.providerName}</a>
                      <br />
                      <small>{r.contract.name}</small>
                    </td>
                    <td>{dateText(r.renewsOn)}</td>
                    <td className="num">
                      {money(r.contract.priceMinor, r.contract.currency)}
                      <br />
                      <small>{cycleText(r.contract)}</small>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {more(data.renewals.items.length, data.renewals.total)}
          {data.renewals.total > 0 ? (
            <p className="hint">Rows in bold: last day to cancel within a week.</p>
          ) : null}
        </section>

        <section className="card" aria-labelledby="followups">
          <h2 id="followups">Follow-ups due</h2>
          {data.followUps.total === 0 ? (
            <p className="empty">
              No follow-ups due. Set a follow-up date when you log a call or a letter, and it shows here.
            </p>
          ) : (
            <ul className="list">
              {data.followUps.items.map((f) => (
                <li key={f.interaction.id} className={f.overdue ? 'overdue' : ''}>
                  <span className="when">
                    {f.overdue
                      ? `overdue since ${dateText(f.interaction.followUpOn)}`
                      : dateText(f.interaction.followUpOn)}
                  </span>
                  <span className="what" title={`${f.providerName}: ${f.interaction.subject}`}>
                    <a href={`#/providers/${f.interaction.providerId}`}>{f.providerName}</a>:{' '}
                    {f.interaction.subject}
                  </span>
                  <button
                    type="button"
                    className="small secondary"
                    onClick={() =>
                      void api('completeFollowUp', { id: f.interaction.id, body: {} }).then(reload)
                    }
                  >
                    Done
                  </button>
                </li>
              ))}
            </ul>
          )}
          {more(data.followUps.items.length, data.followUps.total)}
        </section>

        <section className="card" aria-labelledby="cases">
          <h2 id="cases">Open cases</h2>
          {data.openCases.total === 0 ? (
            <p className="empty">No open complaints or disputes.</p>
          ) : (
            <ul className="list">
              {data.openCases.items.map((c) => (
                <li key={c.id}>
                  <span className={`badge ${c.status}`}>{c.status}</span>
                  <span className="what" title={`${c.providerName}: ${c.title}`}>
                    <a href={`#/providers/${c.providerId}`}>{c.providerName}</a>: {c.title}
                  </span>
                  <small className="when">since {dateText(c.openedOn)}</small>
                </li>
              ))}
            </ul>
          )}
          {more(data.openCases.items.length, data.openCases.total)}
        </section>

        <MoneyCard />

        <section className="card wide" aria-labelledby="spend">
          <h2 id="spend">Yearly spend by provider</h2>
          <SpendChart spend={data.spend} />
        </section>
      </div>
    </div>
  );
}
