import { api } from '../api';
import { count, dateText, dateTimeText, money, plural } from '../format';
import { useLoad } from '../useLoad';
import { Bookings } from './money/Bookings';
import { StatementImport } from './money/Import';
import { MoneyNav } from './money/MoneyNav';
import { Rules } from './money/Rules';
import { Spend } from './money/Spend';
import { Subscriptions } from './money/Subscriptions';
import { Skips } from './money/Skips';
import { accountText, ibanText, NO_STATEMENTS } from './money/words';

function Accounts() {
  const { data, error } = useLoad(() => api('listBankAccounts'), []);
  return (
    <section className="card" aria-labelledby="money-accounts">
      <h2 id="money-accounts">Bank accounts</h2>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {data?.length === 0 ? (
        <p className="empty">
          {NO_STATEMENTS} <a href="#/money/import">Import a statement</a>.
        </p>
      ) : null}
      {data && data.length > 0 ? (
        <table>
          <caption className="visually-hidden">Your bank accounts</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Bank</th>
              <th scope="col">Currency</th>
              <th scope="col" className="num">
                Sum of bookings
              </th>
              <th scope="col" className="num">
                Bookings
              </th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">In the vault</th>
            </tr>
          </thead>
          <tbody>
            {data.map((a) => (
              <tr key={a.id}>
                <td>
                  <strong>{accountText(a.title)}</strong>
                  {a.iban && a.title !== a.iban ? (
                    <>
                      <br />
                      <small className="iban">{ibanText(a.iban)}</small>
                    </>
                  ) : null}
                  {!a.iban && a.number && a.title !== a.number ? (
                    <>
                      <br />
                      <small>{a.number}</small>
                    </>
                  ) : null}
                </td>
                <td>{a.bankId ?? ''}</td>
                <td>{a.currency ?? ''}</td>
                <td className="num">
                  {a.balances.map((b) => money(b.minor, b.currency)).join(' · ') || '—'}
                </td>
                <td className="num">{count(a.count)}</td>
                <td>{dateText(a.firstOn)}</td>
                <td>{dateText(a.lastOn)}</td>
                <td>{a.factLabel ? <a href="#/vault">{a.factLabel}</a> : 'not linked'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function LatestImports() {
  const { data, error } = useLoad(() => api('listBankImports', { query: { limit: 10 } }), []);
  return (
    <section className="card" aria-labelledby="money-imports">
      <h2 id="money-imports">Latest imports</h2>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {data?.items.length === 0 ? (
        <p className="empty">
          Nothing imported yet. <a href="#/money/import">Import a statement</a>.
        </p>
      ) : null}
      {data && data.items.length > 0 ? (
        <table>
          <caption className="visually-hidden">The latest statement imports</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">When</th>
              <th scope="col" className="num">
                New
              </th>
              <th scope="col" className="num">
                Already there
              </th>
              <th scope="col" className="num">
                Skipped
              </th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((i) => (
              <tr key={i.id}>
                <td className="change">
                  <code>{i.fileName}</code> <small>({i.variant})</small>
                  {i.status === 'running' ? <span className="badge waiting">still running</span> : null}
                  {i.status === 'failed' ? <span className="badge open">failed: {i.error}</span> : null}
                  <Skips skips={i.skips} skipped={i.skipped} />
                </td>
                <td>{dateTimeText(i.startedAt)}</td>
                <td className="num">{count(i.imported)}</td>
                <td className="num">{count(i.duplicates)}</td>
                <td className="num">{count(i.skipped)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {data && data.total > data.items.length ? (
        <p>
          <small>
            The latest {count(data.items.length)} of {plural(data.total, 'import')}.
          </small>
        </p>
      ) : null}
    </section>
  );
}

function Overview() {
  return (
    <section>
      <h2 className="page-title">Overview</h2>
      <p className="lead">
        Your bank statements, kept encrypted on this machine: who each booking paid, the subscriptions they
        show, and what you spend.
      </p>
      <ul className="money-links">
        <li>
          <a href="#/money/bookings">Bookings</a>: every booking and who it paid
        </li>
        <li>
          <a href="#/money/subscriptions">Subscriptions</a>: recurring payments, price rises, forgotten
          charges
        </li>
        <li>
          <a href="#/money/spend">Spend</a>: per provider, category and month
        </li>
        <li>
          <a href="#/money/import">Import a statement</a>: OFX, QIF, CAMT or CSV
        </li>
      </ul>
      <Accounts />
      <LatestImports />
    </section>
  );
}

/**
 * My money: `#/money` (overview), `#/money/import`, `#/money/bookings`, `#/money/rules` and
 * `#/money/spend` and `#/money/subscriptions` (with one series' page), each under the area's
 * heading and tabs.
 */
export function Money({ route }: { route: readonly string[] }) {
  const [, page] = route;
  const mine =
    page === undefined ||
    page === 'import' ||
    page === 'bookings' ||
    page === 'rules' ||
    page === 'spend' ||
    page === 'subscriptions';
  if (!mine) return null;
  return (
    <div className="money">
      <MoneyNav />
      {page === undefined ? <Overview /> : null}
      {page === 'import' ? <StatementImport /> : null}
      {page === 'bookings' ? <Bookings /> : null}
      {page === 'rules' ? <Rules /> : null}
      {page === 'spend' ? <Spend /> : null}
      {page === 'subscriptions' ? <Subscriptions route={route} /> : null}
    </div>
  );
}
