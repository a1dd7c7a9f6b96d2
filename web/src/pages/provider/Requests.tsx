import { useState } from 'react';
import { api, ApiError } from '../../api';
import { go } from '../../router';
import { useLoad } from '../../useLoad';
import { RequestTable } from '../Requests';
import { ComparisonView } from '../requests/Comparison';
import { Section } from './Section';

/**
 * A provider's data requests: its proceedings, "Ask what they hold" (an access request drafted
 * and opened), and the comparison of its latest answer with what the person gave it.
 */
export function ProviderRequests({ providerId }: { providerId: number }) {
  const { data } = useLoad(
    () => api('listRequests', { query: { provider: String(providerId) } }),
    [providerId],
  );
  const answered = (data ?? []).filter((p) => p.answers.length > 0).sort((a, b) => b.id - a.id)[0];
  const latest = useLoad(
    () => (answered ? api('requestComparison', { id: answered.id }) : Promise.resolve(null)),
    [answered?.id],
  );
  const [message, setMessage] = useState('');
  const ask = () => {
    setMessage('');
    api('draftRequest', { body: { provider: providerId, kind: 'access' } })
      .then((p) => go(`requests/${String(p.id)}`))
      .catch((e: unknown) => setMessage(e instanceof ApiError ? e.message : String(e)));
  };
  return (
    <Section
      title="Data requests"
      action={
        <button type="button" className="small" onClick={ask}>
          Ask what they hold
        </button>
      }
    >
      {message ? (
        <p className="error" role="alert">
          {message}
        </p>
      ) : null}
      {data?.length === 0 ? (
        <p className="empty">
          No request yet. “Ask what they hold” drafts an access request (Art. 15 GDPR) to their privacy
          contact.
        </p>
      ) : null}
      {data && data.length > 0 ? (
        <RequestTable requests={data} caption="Data requests to this provider" />
      ) : null}
      {answered && latest.data ? (
        <>
          <h3>
            Their latest answer (<a href={`#/requests/${String(answered.id)}`}>{answered.title}</a>)
          </h3>
          <ComparisonView comparison={latest.data} providerId={providerId} />
        </>
      ) : null}
    </Section>
  );
}
