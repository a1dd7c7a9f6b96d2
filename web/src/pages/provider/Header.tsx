import { api } from '../../api';
import type { Overview } from './types';

/**
 * The page's top: the way back to the list, the provider's name and status, and what can be done
 * to the provider itself (edit, mark as former, delete).
 */
export function ProviderHeader({
  provider: p,
  onEdit,
  onChanged,
  onDeleted,
}: {
  provider: Overview['provider'];
  onEdit: () => void;
  onChanged: () => void;
  onDeleted: () => void;
}) {
  return (
    <>
      <p className="crumbs">
        <a href="#/providers">Providers</a> › {p.name}
      </p>
      <div className="page-head">
        <h1>
          {p.name} <span className={`badge ${p.status}`}>{p.status}</span>
        </h1>
        <div className="actions">
          <button type="button" className="small" onClick={onEdit}>
            Edit
          </button>
          {p.status !== 'former' ? (
            <button
              type="button"
              className="small secondary"
              onClick={() => void api('retireProvider', { id: p.id }).then(onChanged)}
            >
              Mark as former
            </button>
          ) : null}
          <button
            type="button"
            className="small danger"
            onClick={() => {
              if (window.confirm(`Delete ${p.name} and all its records? The audit log keeps a trace.`)) {
                void api('deleteProvider', { id: p.id, query: { cascade: 'true' } }).then(onDeleted);
              }
            }}
          >
            Delete
          </button>
        </div>
      </div>
    </>
  );
}
