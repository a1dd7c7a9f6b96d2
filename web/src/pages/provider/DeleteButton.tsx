import { useState } from 'react';

/**
 * Deletes a record after the person confirms, saying what else goes with it (or stays). Used in the
 * edit forms of the provider page, so the web app deletes what the CLI deletes.
 */
export function DeleteButton({
  what,
  consequence,
  onDelete,
  done,
}: {
  /** The record as the person knows it: "contract “Broadband”". */
  what: string;
  /** What else goes with it, or what stays: one sentence. */
  consequence: string;
  onDelete: () => Promise<unknown>;
  done: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  if (!asking) {
    return (
      <div className="actions">
        <button type="button" className="secondary danger" onClick={() => setAsking(true)}>
          Delete…
        </button>
      </div>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={`Delete ${what}?`}>
      <p>
        Delete {what}? {consequence}
      </p>
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            setProblem('');
            onDelete()
              .then(done)
              .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)))
              .finally(() => setBusy(false));
          }}
        >
          {busy ? 'Deleting…' : 'Delete'}
        </button>
        <button type="button" className="secondary" onClick={() => setAsking(false)}>
          Keep it
        </button>
      </div>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

/** What deleting a contract leaves: its documents stay with the provider, unlinked. */
export function linkedText(documents: number): string {
  if (documents === 0) return 'Nothing else goes.';
  return documents === 1
    ? 'Its document stays with the provider, no longer linked to it.'
    : `Its ${documents} documents stay with the provider, no longer linked to it.`;
}
