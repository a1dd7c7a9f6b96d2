/**
 * The shapes that the mail area passes between its parts: sources yield raw messages, the parser
 * turns each into a `ParsedMessage`, the classifier reads its `Envelope`, the store keeps both.
 * Pure types: no behaviour, no imports.
 */

/** Where messages come from. */
export type SourceKind = 'mbox' | 'maildir' | 'eml' | 'imap';

/** One message as a source yields it: its bytes, and where it was found (for skip reasons). */
export interface RawMessage {
  readonly raw: Buffer;
  /**
   * Where the message is, in words a person can follow to find it: `inbox.mbox:1234` (the line of
   * its `From ` line), `Maildir/cur/1700000000.M1P2.host:2,S`, `letter.eml`, `imap INBOX uid 42`.
   */
  readonly location: string;
  /** IMAP only: the folder and UID, so the import can remember how far it got. */
  readonly uid?: number;
  /** mbox only: the byte offset just after this message, so a resumed import starts there. */
  readonly endOffset?: number;
}

/** A message a source could not even cut out (a truncated mbox, an unreadable file): never fatal. */
export interface SourceProblem {
  readonly location: string;
  readonly reason: string;
}

/**
 * The addresses and domains that classification reads, kept per message as JSON so that adding an
 * alias or a provider domain can re-classify stored mail without parsing it again. Addresses are
 * lower-cased `local@domain`; domains are lower-cased host names.
 */
export interface Envelope {
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly deliveredTo: readonly string[];
  readonly xOriginalTo: readonly string[];
  readonly envelopeTo: readonly string[];
  /** `Received: … for <addr>` clauses, top (newest) first. */
  readonly receivedFor: readonly string[];
  readonly from: string | null;
  readonly sender: string | null;
  readonly replyTo: readonly string[];
  readonly returnPath: string | null;
  /** `d=` of each DKIM-Signature header, in header order. */
  readonly dkim: readonly string[];
  /** The List-Id's identifier (`news.acme.example` of `Acme News <news.acme.example>`). */
  readonly listId: string | null;
  /** Domains of List-Unsubscribe's mailto: and http(s): targets. */
  readonly listUnsubscribe: readonly string[];
  /** `Precedence: bulk|list|junk`, or an `Auto-Submitted` other than `no`. */
  readonly bulk: boolean;
}

export interface AttachmentMeta {
  readonly filename: string | null;
  readonly mimeType: string;
  /** Decoded size in bytes (estimated from the encoded length for base64, without decoding). */
  readonly size: number;
  readonly disposition: 'attachment' | 'inline' | null;
  readonly contentId: string | null;
}

/** What the store keeps of a message (besides its raw bytes). */
export interface ParsedMessage {
  /**
   * SHA-256 (hex) of the message with transport differences removed: the mbox `From ` line and its
   * `>From` quoting, CRLF versus LF, trailing blank lines, and the status headers mail programs add
   * (Status, X-Status, X-Keywords, X-UID, X-Mozilla-Status*). The same message fetched by IMAP,
   * read from an mbox or from a Maildir has the same fingerprint: the import's natural key.
   */
  readonly fingerprint: string;
  /** Message-ID without angle brackets, or null when missing. */
  readonly messageId: string | null;
  /** Date header as ISO 8601 UTC, or null when missing or unreadable. */
  readonly sentAt: string | null;
  readonly fromAddress: string | null;
  readonly fromName: string | null;
  /** Encoded words decoded. */
  readonly subject: string;
  /** Display form of To and Cc for search: `Name <addr>, addr2`. */
  readonly recipients: string;
  /** The header block as it arrived (unfolded lines kept as they were), decoded as UTF-8 or Latin-1. */
  readonly headers: string;
  /** Plain text; HTML turned into text when there is no text part. */
  readonly body: string;
  readonly size: number;
  readonly attachments: readonly AttachmentMeta[];
  readonly envelope: Envelope;
  /** Problems that did not stop the message being stored (broken MIME, an unknown charset). */
  readonly warnings: readonly string[];
  /**
   * The raw message deflated, when the parse pool was asked to keep it (`ParsePool.create(n, {
   * keepRaw: true })`) and it is no larger than `MAX_RAW_BYTES`: compressing beside the parse
   * keeps that work off the main thread, which writes the store.
   */
  readonly compressedRaw?: Uint8Array;
}
