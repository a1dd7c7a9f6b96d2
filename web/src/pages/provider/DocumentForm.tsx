import { api } from '../../api';
import { cleared, Field, FormShell, useFields, useSubmit } from '../../components/Form';
import type { DocumentInfo } from './types';

/** Edits a stored document's title, file name and notes. */
export function DocumentForm({ document, done }: { document: DocumentInfo; done: () => void }) {
  const f = useFields({ title: document.title, filename: document.filename, notes: document.notes ?? '' });
  const form = useSubmit(
    () =>
      api('updateDocument', {
        id: document.id,
        body: { title: f.values.title, filename: f.values.filename, notes: cleared(f.values.notes) },
      }),
    done,
  );
  return (
    <FormShell
      title={`Edit ${document.title}`}
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Save"
      onCancel={done}
    >
      <Field
        label="Title"
        name="title"
        value={f.values.title}
        onChange={f.set('title')}
        required
        error={form.errors.title}
      />
      <Field
        label="File name"
        name="filename"
        value={f.values.filename}
        onChange={f.set('filename')}
        required
        error={form.errors.filename}
      />
      <Field
        label="Notes"
        name="notes"
        value={f.values.notes}
        onChange={f.set('notes')}
        multiline
        error={form.errors.notes}
      />
    </FormShell>
  );
}
