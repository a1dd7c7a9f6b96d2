import { cycleText, dateText, money, percentText, period } from '../../format';
import type { Contract } from './types';

/**
 * What a contract cost before, oldest first, each price from its day and the change from the one
 * before (issue 17): "£10.99 from 3 Feb 2025 · £12.99 from 14 Mar 2026 (+18.2%)". Shown once the
 * price has changed.
 */
function PriceHistory({ contract }: { contract: Contract }) {
  if (contract.priceHistory.length < 2) return null;
  return (
    <ol className="price-history" aria-label={`Price history of ${contract.name}`}>
      {contract.priceHistory.map((p) => (
        <li key={p.id}>
          <small>
            {money(p.priceMinor, p.currency)} from {dateText(p.validFrom)}
            {p.changePercent === null ? '' : ` (${percentText(p.changePercent)})`}
            {p.source === 'bank' ? ' · seen at the bank' : ''}
          </small>
        </li>
      ))}
    </ol>
  );
}

/** The provider's contracts with the figures derived from their terms: renewal, last day to cancel, yearly cost. */
export function ContractTable({
  contracts,
  onEdit,
}: {
  contracts: readonly Contract[];
  onEdit: (id: number) => void;
}) {
  if (contracts.length === 0)
    return (
      <p className="empty">
        No contracts. Add one to see its renewal, the last day to cancel and what it costs a year.
      </p>
    );
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Contract</th>
          <th scope="col" className="num">
            Price
          </th>
          <th scope="col">Term · notice</th>
          <th scope="col">Next renewal</th>
          <th scope="col">Cancel by</th>
          <th scope="col" className="num">
            A year
          </th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {contracts.map((c) => (
          <tr key={c.id} className={c.derived.active ? '' : 'ended'}>
            <td>
              {c.name}
              <br />
              <small>
                {c.kind}
                {c.paymentMethod ? ` · ${c.paymentMethod}` : ''}
              </small>
            </td>
            <td className="num">
              {money(c.priceMinor, c.currency)}
              <br />
              <small>{cycleText(c)}</small>
              <PriceHistory contract={c} />
            </td>
            <td>
              {period(c.term) || 'one cycle'} · {period(c.noticePeriod) || 'no notice'}
            </td>
            <td>
              {c.derived.active
                ? c.derived.nextRenewal
                  ? dateText(c.derived.nextRenewal)
                  : 'does not renew'
                : `ended ${dateText(c.endDate)}`}
            </td>
            <td>
              {dateText(c.derived.cancelBy)}
              {c.derived.nextChance ? (
                <>
                  <br />
                  <small>
                    notice period passed; next chance: cancel by {dateText(c.derived.nextChance.cancelBy)}
                  </small>
                </>
              ) : null}
            </td>
            <td className="num">{c.derived.active ? money(c.derived.yearlyCostMinor, c.currency) : '—'}</td>
            <td>
              <button
                type="button"
                className="small secondary"
                onClick={() => onEdit(c.id)}
                aria-label={`Edit ${c.name}`}
              >
                Edit
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
