import { api } from '../../api';
import { CASE_KINDS, CASE_STATUSES } from '../../choices';
import { cleared, Field, FormShell, opt, useFields, useSubmit } from '../../components/Form';
import { DeleteButton } from './DeleteButton';
import type { Case } from './types';

/** Opens a case (a complaint or a dispute), or edits one, with its status and resolution. */
export function CaseForm({ providerId, done, kase }: { providerId: number; done: () => void; kase?: Case }) {
  const f = useFields({
    title: kase?.title ?? '',
    kind: kase?.kind ?? 'complaint',
    description: kase?.description ?? '',
    reference: kase?.reference ?? '',
    status: kase?.status ?? 'open',
    resolution: kase?.resolution ?? '',
  });
  const v = f.values;
  const form = useSubmit(
    () =>
      kase
        ? api('updateCase', {
            id: kase.id,
            body: {
              title: v.title,
              kind: v.kind as 'complaint',
              description: cleared(v.description),
              reference: cleared(v.reference),
              status: v.status as 'open',
              resolution: cleared(v.resolution),
            },
          })
        : api('addCase', {
            body: {
              providerId,
              title: v.title,
              kind: v.kind as 'complaint',
              description: opt(v.description),
              reference: opt(v.reference),
            },
          }),
    done,
  );
  const e = form.errors;
  return (
    <FormShell
      title={kase ? `Edit case: ${kase.title}` : 'Open a case'}
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel={kase ? 'Save' : 'Open case'}
      onCancel={done}
    >
      <Field label="Title" name="title" value={v.title} onChange={f.set('title')} required error={e.title} />
      <Field label="Kind" name="kind" value={v.kind} onChange={f.set('kind')} options={CASE_KINDS} />
      <Field
        label="Description"
        name="description"
        value={v.description}
        onChange={f.set('description')}
        multiline
        error={e.description}
      />
      <Field
        label="Their reference"
        name="reference"
        value={v.reference}
        onChange={f.set('reference')}
        error={e.reference}
      />
      {kase ? (
        <>
          <Field
            label="Status"
            name="status"
            value={v.status}
            onChange={f.set('status')}
            options={CASE_STATUSES}
            error={e.status}
          />
          <Field
            label="Resolution"
            name="resolution"
            value={v.resolution}
            onChange={f.set('resolution')}
            multiline
            error={e.resolution ?? e.resolvedOn}
          />
        </>
      ) : null}
      {kase ? (
        <DeleteButton
          what={`case “${kase.title}”`}
          consequence="Its interactions and documents stay with the provider, no longer linked to it."
          onDelete={() => api('deleteCase', { id: kase.id })}
          done={done}
        />
      ) : null}
    </FormShell>
  );
}
