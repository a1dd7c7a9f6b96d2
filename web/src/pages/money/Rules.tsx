import { useState } from 'react';
import { api } from '../../api';
import { dateText, plural } from '../../format';
import { useLoad } from '../../useLoad';

/** `#/money/rules`: the person's rules for who a booking paid, each with Remove. */
export function Rules() {
  const rules = useLoad(() => api('listPayeeRules'), []);
  const [said, setSaid] = useState('');
  const [problem, setProblem] = useState('');
  const remove = (id: number) => {
    setProblem('');
    api('removePayeeRule', { id })
      .then((r) => {
        setSaid(
          `Removed the rule on the ${r.removed.fieldLabel} ${r.removed.value}; ${plural(r.rematched, 'booking')} matched again without it.`,
        );
        rules.reload();
      })
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
  };
  return (
    <section>
      <h2 className="page-title">Rules</h2>
      <p className="lead">
        When you say who a booking paid, vrm keeps it as a rule on the booking's strongest identifier (SEPA
        creditor identifier, mandate reference, IBAN, then payee): the other bookings with it, and every later
        import, follow it. <a href="#/money/bookings">Back to the bookings</a>.
      </p>
      {said ? (
        <p className="notice" role="status">
          {said}
        </p>
      ) : null}
      {problem || rules.error ? (
        <p className="error" role="alert">
          {problem || rules.error}
        </p>
      ) : null}
      {rules.data?.length === 0 ? (
        <p className="empty">
          No rules yet. On <a href="#/money/bookings">Bookings</a>, choose “Assign…” on a booking and say who
          it paid: that makes one.
        </p>
      ) : null}
      {rules.data && rules.data.length > 0 ? (
        <table>
          <caption className="visually-hidden">Your rules for who a booking paid</caption>
          <thead>
            <tr>
              <th scope="col">When the</th>
              <th scope="col">is</th>
              <th scope="col">it pays</th>
              <th scope="col">Since</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.data.map((r) => (
              <tr key={r.id}>
                <td>{r.fieldLabel}</td>
                <td className="change">
                  <code>{r.value}</code>
                </td>
                <td>
                  {r.providerId === null ? (
                    'none of your providers'
                  ) : (
                    <a href={`#/providers/${String(r.providerId)}`}>{r.provider}</a>
                  )}
                </td>
                <td>{dateText(r.createdAt)}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Remove the rule on the ${r.fieldLabel} ${r.value}`}
                    onClick={() => remove(r.id)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
