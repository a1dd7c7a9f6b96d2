import { useState } from 'react';
import { api } from '../../api';
import { ALERT_KIND_WORDS, alertText, type Alert, type Series } from './SubscriptionsWords';

/**
 * The alerts on the person's money, most important first, each in words with what can be done:
 * a charge after a contract ended opens a case (once; then it links to it), any alert can be
 * dismissed, and a dismissed one shown again.
 */
export function AlertList({
  alerts,
  series,
  changed,
}: {
  alerts: readonly Alert[];
  series: readonly Series[];
  changed: () => void;
}) {
  const [busy, setBusy] = useState('');
  const [problem, setProblem] = useState('');
  const bySeries = new Map(series.map((s) => [s.key, s]));
  const act = (alert: Alert, call: (params: { key: string }) => Promise<unknown>) => {
    setBusy(alert.key);
    setProblem('');
    call({ key: alert.key })
      .then(changed)
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(''));
  };
  return (
    <>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <ul className="list money-alerts">
        {alerts.map((alert) => {
          const words = alertText(
            alert,
            alert.seriesKey === null ? undefined : bySeries.get(alert.seriesKey),
          );
          return (
            <li key={alert.key} className={alert.importance === 'high' ? 'overdue' : ''}>
              <span className={`badge ${alert.importance === 'high' ? 'open' : ''}`}>
                {ALERT_KIND_WORDS[alert.kind]}
              </span>
              <span className="what">
                {words}
                {alert.state === 'dismissed' ? <small> · dismissed</small> : null}
              </span>
              <span className="actions">
                {alert.caseId !== null && alert.providerId !== null ? (
                  <a href={`#/providers/${String(alert.providerId)}`}>Case opened</a>
                ) : alert.kind === 'still-charging' ? (
                  <button
                    type="button"
                    className="small"
                    disabled={busy === alert.key}
                    onClick={() => act(alert, (params) => api('openCaseFromMoneyAlert', { params }))}
                    aria-label={`Open a case: ${words}`}
                  >
                    Open a case
                  </button>
                ) : null}
                {alert.state === 'dismissed' ? (
                  <button
                    type="button"
                    className="small secondary"
                    disabled={busy === alert.key}
                    onClick={() => act(alert, (params) => api('restoreMoneyAlert', { params }))}
                    aria-label={`Show again: ${words}`}
                  >
                    Show again
                  </button>
                ) : (
                  <button
                    type="button"
                    className="small secondary"
                    disabled={busy === alert.key}
                    onClick={() => act(alert, (params) => api('dismissMoneyAlert', { params }))}
                    aria-label={`Dismiss: ${words}`}
                  >
                    Dismiss
                  </button>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </>
  );
}
