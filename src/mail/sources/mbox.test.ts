import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VrmError } from '../../platform/errors.js';
import { corpusFiles, corpusMessage, writeCorpusMbox } from '../../test/corpus.js';
import type { RawMessage, SourceProblem } from '../types.js';
import { readMbox, type MboxOptions } from './mbox.js';

let dir: string;
let corpusMbox: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-mbox-'));
  corpusMbox = join(dir, 'corpus.mbox');
  writeCorpusMbox(corpusMbox);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function collect(
  path: string,
  options: MboxOptions = {},
): Promise<{ messages: RawMessage[]; problems: SourceProblem[] }> {
  const problems: SourceProblem[] = [];
  const messages: RawMessage[] = [];
  for await (const message of readMbox(path, {
    ...options,
    onProblem: (problem) => problems.push(problem),
  })) {
    messages.push(message);
  }
  return { messages, problems };
}

function mboxFile(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const texts = (messages: readonly RawMessage[]): string[] =>
  messages.map((message) => message.raw.toString('utf8'));

describe('readMbox', () => {
  it('gives back all 6,046 corpus messages byte for byte from an mboxrd file', async () => {
    const files = corpusFiles();
    const { messages, problems } = await collect(corpusMbox);
    expect(problems).toEqual([]);
    expect(messages).toHaveLength(files.length);
    expect(messages[0]?.location).toBe('corpus.mbox:1');
    const mismatched = files.filter((file, i) => {
      const original = corpusMessage(file);
      // mbox cannot keep a missing final newline: the one such corpus message gains one.
      const expected = original.at(-1) === 0x0a ? original : Buffer.concat([original, Buffer.from('\n')]);
      return !messages[i]?.raw.equals(expected);
    });
    expect(mismatched).toEqual([]);
  });

  it('cuts the CRLF corpus at the same places, across chunk boundaries', async () => {
    const crlfText = readFileSync(corpusMbox, 'latin1').replaceAll('\n', '\r\n');
    const crlf = mboxFile('corpus-crlf.mbox', Buffer.from(crlfText, 'latin1'));
    const lf = await collect(corpusMbox);
    const { messages, problems } = await collect(crlf);
    expect(problems).toEqual([]);
    expect(messages.map((m) => m.location)).toEqual(
      lf.messages.map((m) => m.location.replace('corpus', 'corpus-crlf')),
    );
    const toCrlf = (raw: Buffer): string => raw.toString('latin1').replaceAll('\n', '\r\n');
    const mismatched = messages.filter(
      (m, i) => m.raw.toString('latin1') !== toCrlf(lf.messages[i]?.raw ?? Buffer.alloc(0)),
    );
    expect(mismatched).toEqual([]);
    rmSync(crlf);
  });

  it('numbers each location by the line of its From line', async () => {
    const { messages } = await collect(corpusMbox);
    const lines = readFileSync(corpusMbox, 'latin1').split('\n');
    for (const message of messages.slice(0, 50)) {
      const line = Number(message.location.split(':')[1]);
      expect(lines[line - 1]).toMatch(/^From /);
    }
  });

  it('undoes one level of >From quoting, as mboxrd and mboxo writers quote', async () => {
    const path = mboxFile(
      'quoted.mbox',
      [
        'From alex@example.org Mon Jan  1 00:00:00 2024',
        'Subject: mboxrd',
        '',
        '>From the start',
        '>>From a quoted quote',
        'text >From not at a line start',
        '',
        'From sam@example.org Mon Jan  1 00:00:01 2024',
        'Subject: mboxo',
        '',
        '>From quoted once by an mboxo writer',
        '',
      ].join('\n'),
    );
    const { messages } = await collect(path);
    expect(texts(messages)).toEqual([
      'Subject: mboxrd\n\nFrom the start\n>From a quoted quote\ntext >From not at a line start\n',
      'Subject: mboxo\n\nFrom quoted once by an mboxo writer\n',
    ]);
  });

  it('splits at Google Takeout From lines with CRLF line ends', async () => {
    const path = mboxFile(
      'takeout.mbox',
      [
        'From 1781234567890123456@xxx Mon Jan 01 00:00:00 +0000 2024',
        'X-GM-THRID: 1781234567890123456',
        'Subject: one',
        '',
        'first body',
        '',
        'From 1781234567890123457@xxx Tue Jan 02 00:00:00 +0000 2024',
        'X-GM-THRID: 1781234567890123457',
        'Subject: two',
        '',
        '>From the second body',
        '',
      ].join('\r\n'),
    );
    const { messages, problems } = await collect(path);
    expect(problems).toEqual([]);
    expect(texts(messages)).toEqual([
      'X-GM-THRID: 1781234567890123456\r\nSubject: one\r\n\r\nfirst body\r\n',
      'X-GM-THRID: 1781234567890123457\r\nSubject: two\r\n\r\nFrom the second body\r\n',
    ]);
    expect(messages.map((m) => m.location)).toEqual(['takeout.mbox:1', 'takeout.mbox:7']);
  });

  it('keeps an unquoted From line in a body when no header follows it', async () => {
    const path = mboxFile(
      'mboxo-unquoted.mbox',
      'From a Mon Jan  1 00:00:00 2024\nSubject: x\n\nhello\n\nFrom here on, all is well.\nbye\n\n',
    );
    const { messages } = await collect(path);
    expect(texts(messages)).toEqual(['Subject: x\n\nhello\n\nFrom here on, all is well.\nbye\n']);
  });

  it('reports a message cut off in its headers and still yields the ones before it', async () => {
    const path = mboxFile(
      'truncated.mbox',
      'From a Mon Jan  1 00:00:00 2024\nSubject: one\n\nbody\n\n' +
        'From b Mon Jan  1 00:00:00 2024\nSubject: two\nTo: alex@exa',
    );
    const { messages, problems } = await collect(path);
    expect(texts(messages)).toEqual(['Subject: one\n\nbody\n']);
    expect(problems).toEqual([
      { location: 'truncated.mbox:6', reason: 'truncated: the file ends inside this message' },
    ]);
  });

  it('reports a From line at the very end of the file', async () => {
    const path = mboxFile(
      'from-at-end.mbox',
      'From a Mon Jan  1 00:00:00 2024\nSubject: one\n\nbody\n\nFrom b Mon',
    );
    const { messages, problems } = await collect(path);
    expect(texts(messages)).toEqual(['Subject: one\n\nbody\n']);
    expect(problems).toEqual([
      { location: 'from-at-end.mbox:6', reason: 'truncated: the file ends inside this message' },
    ]);
  });

  it('yields a last message cut off in its body, since its headers are whole', async () => {
    const path = mboxFile(
      'cut-body.mbox',
      'From a Mon Jan  1 00:00:00 2024\nSubject: one\n\nthe body stops he',
    );
    const { messages, problems } = await collect(path);
    expect(problems).toEqual([]);
    expect(texts(messages)).toEqual(['Subject: one\n\nthe body stops he']);
  });

  it('rejects a file that is not an mbox, naming the file and line', async () => {
    const path = mboxFile('letter.txt', 'Subject: hello\n\nnot an mbox\n');
    const error = await collect(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VrmError);
    const oneWord = mboxFile('one-word.txt', 'x');
    await expect(collect(oneWord)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: `${path}: line 1: not an mbox file (it does not begin with a "From " line)`,
    });
  });

  it('says not_found for a file that does not exist, and invalid_input for a folder', async () => {
    const missing = join(dir, 'missing.mbox');
    await expect(collect(missing)).rejects.toMatchObject({
      code: 'not_found',
      message: `${missing}: no such file`,
    });
    await expect(collect(dir)).rejects.toMatchObject({
      code: 'invalid_input',
      message: `${dir}: it is a folder, not a file`,
    });
  });

  it('yields nothing for an empty file, or one of blank lines', async () => {
    expect((await collect(mboxFile('empty.mbox', ''))).messages).toEqual([]);
    expect((await collect(mboxFile('blank.mbox', '\n\r\n\n'))).messages).toEqual([]);
  });

  it('skips a byte order mark and blank lines before the first From line', async () => {
    const path = mboxFile('bom.mbox', '\uFEFF\n\nFrom a Mon Jan  1 00:00:00 2024\nSubject: x\n\nhi\n');
    const { messages } = await collect(path);
    expect(texts(messages)).toEqual(['Subject: x\n\nhi\n']);
    expect(messages[0]?.location).toBe('bom.mbox:3');
  });

  it('resumes from an endOffset with exactly the messages after it', async () => {
    const { messages } = await collect(corpusMbox);
    for (const index of [0, 2999, 6044]) {
      const from = messages[index];
      const rest = await collect(corpusMbox, { startOffset: from?.endOffset ?? 0 });
      expect(rest.messages).toHaveLength(messages.length - index - 1);
      expect(rest.messages[0]).toEqual(messages[index + 1]);
      expect(rest.messages.at(-1)).toEqual(messages.at(-1));
    }
    const last = messages.at(-1);
    expect((await collect(corpusMbox, { startOffset: last?.endOffset ?? 0 })).messages).toEqual([]);
  });

  // Its memory staying flat (under 100 MB more for 200 MB of mbox) is a target of bench/mbox-memory.ts.
  it('reads a file of the corpus twice over, every message of both copies', async () => {
    const twice = join(dir, 'twice.mbox');
    const corpus = readFileSync(corpusMbox);
    const fd = openSync(twice, 'w');
    writeSync(fd, corpus);
    writeSync(fd, corpus);
    closeSync(fd);
    try {
      const { messages, problems } = await collect(twice);
      const count = corpusFiles().length;
      expect(problems).toEqual([]);
      expect(messages).toHaveLength(2 * count);
      const lines = corpus.toString('latin1').split('\n').length - 1;
      expect(messages[count]?.location).toBe(`twice.mbox:${String(lines + 1)}`);
      const differing = messages
        .slice(count)
        .filter((m, i) => !m.raw.equals(messages[i]?.raw ?? Buffer.alloc(0)));
      expect(differing).toEqual([]);
    } finally {
      rmSync(twice, { force: true });
    }
  });
});
