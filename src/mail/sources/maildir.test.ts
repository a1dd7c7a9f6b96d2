import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusFiles, corpusMessage, writeCorpusMaildir } from '../../test/corpus.js';
import type { RawMessage, SourceProblem } from '../types.js';
import { readMaildir } from './maildir.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-maildir-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function collect(path: string): Promise<{ messages: RawMessage[]; problems: SourceProblem[] }> {
  const problems: SourceProblem[] = [];
  const messages: RawMessage[] = [];
  for await (const message of readMaildir(path, { onProblem: (p) => problems.push(p) })) {
    messages.push(message);
  }
  return { messages, problems };
}

function put(root: string, relative: string, content: string): void {
  const path = join(root, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

describe('readMaildir', () => {
  it('reads all 6,046 corpus messages in name order, byte for byte', async () => {
    const maildir = join(dir, 'corpus');
    const files = corpusFiles();
    writeCorpusMaildir(maildir, files);
    const { messages, problems } = await collect(maildir);
    expect(problems).toEqual([]);
    expect(messages).toHaveLength(files.length);
    expect(messages[0]?.location).toBe('cur/00000.corpus.host:2,S');
    expect(files.filter((file, i) => !messages[i]?.raw.equals(corpusMessage(file)))).toEqual([]);
  });

  it('reads cur/ then new/, skipping tmp/ and dotfiles', async () => {
    const maildir = join(dir, 'plain');
    put(maildir, 'cur/1700000002.M1P2.host:2,S', 'Subject: seen\n\n');
    put(maildir, 'cur/1700000001.M1P1.host:2,S', 'Subject: seen first\n\n');
    put(maildir, 'new/1700000003.M1P3.host', 'Subject: new\n\n');
    put(maildir, 'tmp/1700000004.M1P4.host', 'Subject: being delivered\n\n');
    put(maildir, 'cur/.hidden', 'Subject: not mail\n\n');
    const { messages } = await collect(maildir);
    expect(messages.map((m) => [m.location, m.raw.toString()])).toEqual([
      ['cur/1700000001.M1P1.host:2,S', 'Subject: seen first\n\n'],
      ['cur/1700000002.M1P2.host:2,S', 'Subject: seen\n\n'],
      ['new/1700000003.M1P3.host', 'Subject: new\n\n'],
    ]);
  });

  it('accepts a Maildir with only new/', async () => {
    const maildir = join(dir, 'only-new');
    put(maildir, 'new/1.host', 'Subject: a\n\n');
    expect((await collect(maildir)).messages.map((m) => m.location)).toEqual(['new/1.host']);
  });

  it('descends into Maildir++ subfolders and names them in the location', async () => {
    const maildir = join(dir, 'plusplus');
    put(maildir, 'cur/1.host:2,S', 'Subject: inbox\n\n');
    put(maildir, '.Sent/cur/2.host:2,S', 'Subject: sent\n\n');
    put(maildir, '.Work.Projects/new/3.host', 'Subject: project\n\n');
    mkdirSync(join(maildir, '.not-a-folder'), { recursive: true });
    const { messages } = await collect(maildir);
    expect(messages.map((m) => m.location)).toEqual([
      'cur/1.host:2,S',
      '.Sent/cur/2.host:2,S',
      '.Work.Projects/new/3.host',
    ]);
  });

  it('reports an empty or unreadable file and goes on with the rest', async () => {
    const maildir = join(dir, 'broken');
    put(maildir, 'cur/1.host', '');
    put(maildir, 'cur/2.host', 'Subject: fine\n\n');
    const { messages, problems } = await collect(maildir);
    expect(messages.map((m) => m.location)).toEqual(['cur/2.host']);
    expect(problems).toEqual([{ location: 'cur/1.host', reason: 'the file is empty' }]);
  });

  // Root reads every file whatever its mode, and CI runs as root: these files fail for anyone.
  it('reports a file that cannot be read, whoever runs it, and goes on with the rest', async () => {
    const maildir = join(dir, 'unreadable');
    put(maildir, 'cur/2.host', 'Subject: fine\n\n');
    // A message moved away by a mail program between the listing and the read leaves no file.
    symlinkSync(join(maildir, 'cur/gone'), join(maildir, 'cur/1.host'));
    // A name in cur/ that turns out to be a folder when read.
    mkdirSync(join(maildir, 'elsewhere'));
    symlinkSync(join(maildir, 'elsewhere'), join(maildir, 'cur/3.host'));
    const { messages, problems } = await collect(maildir);
    expect(messages.map((m) => [m.location, m.raw.toString()])).toEqual([
      ['cur/2.host', 'Subject: fine\n\n'],
    ]);
    expect(problems).toEqual([
      { location: 'cur/1.host', reason: 'no such file' },
      { location: 'cur/3.host', reason: 'it is a folder, not a file' },
    ]);
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it may not read (not as root, who may)', async () => {
    const maildir = join(dir, 'locked');
    put(maildir, 'cur/1.host', 'Subject: secret\n\n');
    chmodSync(join(maildir, 'cur/1.host'), 0o000);
    const { problems } = await collect(maildir);
    expect(problems).toEqual([{ location: 'cur/1.host', reason: 'permission denied' }]);
  });

  it('rejects a folder that is not a Maildir, naming it', async () => {
    const folder = join(dir, 'photos');
    put(folder, 'holiday.jpg', 'not mail');
    await expect(collect(folder)).rejects.toMatchObject({
      code: 'invalid_input',
      message: `${folder}: not a Maildir: it has neither cur/ nor new/`,
    });
  });

  it('says not_found for a folder that does not exist', async () => {
    await expect(collect(join(dir, 'missing'))).rejects.toMatchObject({ code: 'not_found' });
  });
});
