import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../test/store.js';

/** An upload's temporary copy: readable by this user alone, beside the store, gone when the import ends. */
let t: TestStore;
beforeEach(async () => {
  t = await freshStore();
});
afterEach(async () => {
  await t.dispose();
});

const copies = () => readdirSync(t.dir).filter((name) => name.startsWith('.vrm-upload-'));

async function finished(importId: number) {
  for (let i = 0; i < 400; i++) {
    const row = await t.services.mail.importStatus(importId);
    if (row.status !== 'running' && copies().length === 0) return row;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`import ${importId} did not finish`);
}

describe('startUpload', () => {
  it('writes the bytes to a file only this user can read, in the store folder, and removes it after', async () => {
    const seen: { name: string; mode: number }[] = [];
    async function* bytes() {
      yield await Promise.resolve(Buffer.from('From: billing@acme.example\nSubject: Upload\n'));
      // Half written: the copy is there, owner-only.
      for (const name of copies()) seen.push({ name, mode: statSync(join(t.dir, name)).mode & 0o777 });
      yield Buffer.from('Message-ID: <upload@x>\n\nHello.\n');
    }
    const { importId } = await t.services.mail.startUpload(bytes(), { name: 'letter.eml', folder: t.dir });
    expect(seen).toEqual([
      { name: expect.stringMatching(/^\.vrm-upload-[0-9a-f-]{36}$/) as string, mode: 0o600 },
    ]);
    expect(await finished(importId)).toMatchObject({ status: 'done', imported: 1 });
    expect(copies()).toEqual([]);
  });

  it('removes the copy when the import fails, and when the file is refused before it starts', async () => {
    async function* notMail() {
      yield await Promise.resolve(Buffer.from('shopping list\n'));
    }
    const { importId } = await t.services.mail.startUpload(notMail(), {
      name: 'notes.mbox',
      kind: 'mbox',
      folder: t.dir,
    });
    expect(await finished(importId)).toMatchObject({ status: 'failed' });
    async function* nothing() {}
    await expect(
      t.services.mail.startUpload(nothing(), { name: 'empty.eml', folder: t.dir }),
    ).rejects.toThrow('the file is empty');
    expect(copies()).toEqual([]);
  });
});
