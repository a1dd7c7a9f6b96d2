import type { ReactNode } from 'react';
import { api } from '../../api';
import { CASE_STATUSES } from '../../choices';
import { dateText, dateTimeText } from '../../format';
import type { TimelineEvent } from './types';

/**
 * The provider's timeline as the server merges it (interactions and cases, newest first), with a
 * follow-up's Done button and a case's status at hand.
 */
export function Timeline({
  events,
  edit,
  reload,
}: {
  events: readonly TimelineEvent[];
  /** The Edit button of one entry. */
  edit: (kind: 'interaction' | 'case', id: number, label: string) => ReactNode;
  reload: () => void;
}) {
  if (events.length === 0)
    return (
      <p className="empty">
        Nothing yet. Log each call, letter and e-mail, and open a case when something goes wrong.
      </p>
    );
  return (
    <ol className="timeline">
      {events.map((entry) =>
        entry.kind === 'interaction' ? (
          <li key={`i${entry.interaction.id}`}>
            <span className="when">{dateTimeText(entry.interaction.occurredAt)}</span>
            <span className="channel">
              {entry.interaction.direction === 'inbound' ? '←' : '→'} {entry.interaction.channel}
            </span>{' '}
            <strong>{entry.interaction.subject}</strong>
            {entry.interaction.outcome ? <span> · {entry.interaction.outcome}</span> : null}
            {entry.interaction.followUpOn && !entry.interaction.followUpDoneOn ? (
              <>
                <span className="badge waiting">follow up {dateText(entry.interaction.followUpOn)}</span>
                <button
                  type="button"
                  className="small secondary"
                  onClick={() =>
                    void api('completeFollowUp', { id: entry.interaction.id, body: {} }).then(reload)
                  }
                >
                  Done
                </button>
              </>
            ) : null}
            {edit('interaction', entry.interaction.id, entry.interaction.subject)}
          </li>
        ) : (
          <li key={`c${entry.case.id}`} className="case">
            <span className="when">{dateText(entry.case.openedOn)}</span>
            <span className={`badge ${entry.case.status}`}>{entry.case.kind}</span>{' '}
            <strong>{entry.case.title}</strong>
            <label className="inline">
              status
              <select
                value={entry.case.status}
                onChange={(e) =>
                  void api('updateCase', {
                    id: entry.case.id,
                    body: { status: e.target.value as 'open' },
                  }).then(reload)
                }
              >
                {CASE_STATUSES.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </label>
            {edit('case', entry.case.id, `case ${entry.case.title}`)}
          </li>
        ),
      )}
    </ol>
  );
}
