/**
 * The mboxrd format, written: each message behind a `From ` line, with `From ` lines inside it
 * quoted as readers unquote them. Pure functions over bytes; writing the file is `files.ts`'s job.
 */

/** What the `From ` line of a message says: who sent it and when. */
export interface MboxEnvelope {
  readonly fromAddress: string | null;
  readonly sentAt: string | null;
  readonly importedAt: string;
}

/** The `From ` line that starts a message: `From alex@example.org Mon Mar  3 09:15:00 2025`. */
export function mboxFromLine(m: MboxEnvelope): Buffer {
  const when = new Date(m.sentAt ?? m.importedAt)
    .toUTCString()
    .replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 $4');
  return Buffer.from(`From ${m.fromAddress ?? 'MAILER-DAEMON'} ${when}\n`);
}

/**
 * The message as it follows its `From ` line, ending in a blank line. mboxrd quoting only, so a
 * reader gets the original back byte for byte: line ends stay as they arrived (CRLF too), and
 * only a `From ` after LF is quoted, as readers unquote.
 */
export function mboxrdBody(raw: Buffer): Buffer {
  const text = raw.toString('latin1').replace(/(?<=^|\n)(>*From )/g, '>$1');
  return Buffer.from(text.endsWith('\n') ? `${text}\n` : `${text}\n\n`, 'latin1');
}
