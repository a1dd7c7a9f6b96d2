import { useState } from 'react';
import { api } from '../../api';
import { Field, FormShell, opt, useSubmit } from '../../components/Form';

/** Uploads a file to keep, encrypted, with the provider. */
export function UploadDocument({ providerId, done }: { providerId: number; done: () => void }) {
  const [file, setFile] = useState<File | undefined>();
  const [title, setTitle] = useState('');
  const form = useSubmit(async () => {
    if (!file) throw new Error('Choose a file first.');
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return api('addDocument', {
      body: {
        providerId,
        filename: file.name,
        title: opt(title),
        mediaType: file.type || undefined,
        contentBase64: btoa(binary),
      },
    });
  }, done);
  return (
    <FormShell
      title="Upload a document"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Upload"
      onCancel={done}
    >
      <div className="field">
        <label htmlFor="document-file">File (up to 50 MiB)</label>
        <input id="document-file" type="file" onChange={(e) => setFile(e.target.files?.[0])} />
      </div>
      <Field label="Title" name="title" value={title} onChange={setTitle} hint="Empty: the file name" />
    </FormShell>
  );
}
