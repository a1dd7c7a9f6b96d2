import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusFiles, corpusMessage } from '../../test/corpus.js';
import { readEml } from './eml.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-eml-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('readEml', () => {
  it('reads a real message whole, located by its file name', async () => {
    const original = corpusMessage(corpusFiles()[0] ?? '');
    const path = join(dir, 'letter.eml');
    writeFileSync(path, original);
    const message = await readEml(path);
    expect(message.location).toBe('letter.eml');
    expect(message.raw.equals(original)).toBe(true);
  });

  it('rejects an empty file, naming it', async () => {
    const path = join(dir, 'empty.eml');
    writeFileSync(path, '');
    await expect(readEml(path)).rejects.toMatchObject({
      code: 'invalid_input',
      message: `${path}: the file is empty`,
    });
  });

  it('says not_found for a missing file and invalid_input for a folder', async () => {
    await expect(readEml(join(dir, 'missing.eml'))).rejects.toMatchObject({
      code: 'not_found',
      message: `${join(dir, 'missing.eml')}: no such file`,
    });
    await expect(readEml(dir)).rejects.toMatchObject({
      code: 'invalid_input',
      message: `${dir}: it is a folder, not a file`,
    });
  });
});
