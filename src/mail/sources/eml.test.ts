import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusFiles, corpusMessage } from '../../test/corpus.js';
import type { SourceProblem } from '../types.js';
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
    expect(message?.location).toBe('letter.eml');
    expect(message?.raw.equals(original)).toBe(true);
  });

  it('reports an empty file as a problem named by the file, and reads no message from it', async () => {
    const path = join(dir, 'empty.eml');
    writeFileSync(path, '');
    const problems: SourceProblem[] = [];
    expect(await readEml(path, { onProblem: (p) => problems.push(p) })).toBeNull();
    expect(problems).toEqual([{ location: 'empty.eml', reason: 'the file is empty' }]);
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
