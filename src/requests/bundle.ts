import { newPdf } from '../platform/pdf.js';
import { charName, printableText } from '../letters/words.js';
import { citeLaw, dayIn, KIND_LABELS, type Language, type RequestKind } from './templates.js';

/** What a message in a proceeding was: the request, the answer, an admonition, … */
export type BundleMessageKind = 'request' | 'response' | 'admonition' | 'complaint' | 'extension' | 'note';

/** One message of the proceeding's history, as it went or came. */
export interface BundleMessage {
  /** `YYYY-MM-DD`, or an ISO date and time (the time is shown as given). */
  readonly on: string;
  readonly direction: 'out' | 'in';
  readonly kind: BundleMessageKind;
  /** How it travelled, in words ("e-mail", "letter"), or null when not known. */
  readonly channel: string | null;
  readonly subject: string;
  readonly body: string;
  /** The attachments' file names. */
  readonly attachments?: readonly string[] | undefined;
}

/** Everything the complaint's PDF bundle shows; all text already in the bundle's language. */
export interface BundleInput {
  readonly language: Language;
  /** "Complaint to the Information Commissioner's Office". */
  readonly title: string;
  readonly complaint: {
    readonly subject: string;
    readonly body: string;
    readonly authority: string;
    readonly sentOn: string;
  };
  readonly proceeding: {
    readonly provider: string;
    readonly kind: RequestKind;
    /** The state in words, as the proceeding's page shows it. */
    readonly state: string;
    /** Each deadline with its day and how it was counted. */
    readonly deadlines: readonly {
      readonly label: string;
      readonly day: string;
      readonly explanation?: string;
    }[];
  };
  readonly messages: readonly BundleMessage[];
}

const WORDS = {
  en: {
    to: 'To',
    date: 'Date',
    history: 'History',
    controller: 'Controller',
    request: 'Request',
    state: 'State',
    columns: ['No.', 'Date', 'Direction', 'Kind', 'Subject', 'Page'],
    out: 'sent',
    in: 'received',
    sentTo: 'Sent to',
    receivedFrom: 'Received from',
    channel: 'Channel',
    subject: 'Subject',
    attachments: 'Attachments',
    message: (n: number, of: number) => `Message ${String(n)} of ${String(of)}`,
    noMessages: 'No messages have been recorded in this proceeding.',
    deadlines: 'Deadlines and how they were counted',
    noDeadlines: 'No deadlines have been recorded.',
    replaced: 'Characters this PDF cannot show are written as their code point, such as [U+1F600].',
    page: (page: number, of: number) => `Page ${String(page)} of ${String(of)}`,
    kinds: {
      request: 'Request',
      response: 'Answer',
      admonition: 'Formal reminder',
      complaint: 'Complaint',
      extension: 'Extension notice',
      note: 'Note',
    },
  },
  de: {
    to: 'An',
    date: 'Datum',
    history: 'Verlauf',
    controller: 'Verantwortlicher',
    request: 'Antrag',
    state: 'Stand',
    columns: ['Nr.', 'Datum', 'Richtung', 'Art', 'Betreff', 'Seite'],
    out: 'gesendet',
    in: 'empfangen',
    sentTo: 'Gesendet an',
    receivedFrom: 'Empfangen von',
    channel: 'Weg',
    subject: 'Betreff',
    attachments: 'Anhänge',
    message: (n: number, of: number) => `Nachricht ${String(n)} von ${String(of)}`,
    noMessages: 'In diesem Verfahren sind keine Nachrichten verzeichnet.',
    deadlines: 'Fristen und ihre Berechnung',
    noDeadlines: 'Es sind keine Fristen verzeichnet.',
    replaced:
      'Zeichen, die diese PDF-Datei nicht darstellen kann, sind als Codepunkt geschrieben, etwa [U+1F600].',
    page: (page: number, of: number) => `Seite ${String(page)} von ${String(of)}`,
    kinds: {
      request: 'Antrag',
      response: 'Antwort',
      admonition: 'Mahnung',
      complaint: 'Beschwerde',
      extension: 'Fristverlängerung',
      note: 'Notiz',
    },
  },
} as const;

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const MM = 72 / 25.4;
const MARGIN = { top: 20 * MM, bottom: 22 * MM, left: 25 * MM, right: 20 * MM } as const;
const SIZE = { title: 16, heading: 13, body: 10, small: 8.5 } as const;

/**
 * Text as the standard Helvetica prints it (WinAnsi): stand-ins where there is a plain one, and a
 * visible `[U+XXXX]` for any other character, so a received message is never silently changed;
 * control characters other than line breaks are dropped. `marked` says whether any was written so.
 */
function pdfText(text: string, seen: { marked: boolean }): string {
  let out = '';
  // One character at a time, so a long message with many such characters stays linear.
  for (const c of text.normalize('NFC')) {
    const result = printableText(c);
    if (result.unprintable === undefined) {
      out += result.text;
      continue;
    }
    const code = c.codePointAt(0) ?? 0;
    if (code >= 0x20 && !(code >= 0x7f && code < 0xa0)) {
      out += `[${charName(c).replace(/^".*" \(|\)$/gu, '')}]`;
      seen.marked = true;
    }
  }
  return out;
}

/** A day, or a date and time, as the bundle's language writes it. */
function when(on: string, language: Language): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(on)?.[0];
  if (!day) return on;
  const time = /[T ](\d{2}:\d{2})/.exec(on)?.[1];
  return time ? `${dayIn(day, language)}, ${time}` : dayIn(day, language);
}

/** One line cut with an ellipsis to fit `width`, so a table row never wraps. */
function fitted(doc: PDFKit.PDFDocument, text: string, width: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (doc.widthOfString(line) <= width) return line;
  let shown = line;
  while (shown.length > 1 && doc.widthOfString(`${shown}…`) > width) shown = shown.slice(0, -1);
  return `${shown}…`;
}

/**
 * The PDF bundle that goes with a complaint to a supervisory authority: the complaint letter; the
 * history, one line per message with the page it starts on; every message in full (date, from or
 * to, channel, subject, body, attachment names); and the deadlines with how they were counted.
 * A4, standard Helvetica so that `pdftotext` and screen readers read it back (umlauts, ß and €
 * included), "Page N of M" on every page.
 *
 * @example (await complaintBundle(input)).subarray(0, 5).toString() // → '%PDF-'
 */
export async function complaintBundle(input: BundleInput): Promise<Buffer> {
  const words = WORDS[input.language];
  const seen = { marked: false };
  const t = (text: string) => pdfText(text, seen);
  const doc = newPdf({
    size: 'A4',
    bufferPages: true,
    margins: MARGIN,
    lang: input.language,
    info: {
      Title: t(input.title),
      Creator: 'vrm',
      Producer: 'vrm',
      CreationDate: new Date(
        `${/^\d{4}-\d{2}-\d{2}/.exec(input.complaint.sentOn)?.[0] ?? '2000-01-01'}T12:00:00Z`,
      ),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const bottom = () => doc.page.height - MARGIN.bottom;
  const heading = (text: string, size: number = SIZE.heading) => {
    doc.font(BOLD).fontSize(size).text(t(text), left, doc.y, { width });
    doc.moveDown(0.6);
  };
  const field = (label: string, value: string) => {
    doc
      .font(BOLD)
      .fontSize(SIZE.body)
      .text(`${t(label)}: `, left, doc.y, { width, continued: true });
    doc.font(FONT).text(t(value));
  };
  const body = (text: string) => {
    doc
      .font(FONT)
      .fontSize(SIZE.body)
      .text(t(text.replace(/\r\n?/g, '\n')), left, doc.y, { width, lineGap: 1.5 });
  };
  /** Starts a block on the next page when less than `room` points are left. */
  const keep = (room: number) => {
    if (doc.y + room > bottom()) doc.addPage();
  };

  // 1. The complaint letter.
  heading(input.title, SIZE.title);
  field(words.to, input.complaint.authority);
  field(words.date, when(input.complaint.sentOn, input.language));
  doc.moveDown(1);
  heading(input.complaint.subject, 11);
  body(input.complaint.body);

  // 2. The history: one line per message; the page numbers are filled in once the messages are placed.
  doc.addPage();
  heading(words.history);
  const kindLabel = KIND_LABELS[input.proceeding.kind];
  field(words.controller, input.proceeding.provider);
  field(words.request, `${kindLabel[input.language]} (${citeLaw(kindLabel.article, input.language)})`);
  field(words.state, input.proceeding.state);
  doc.moveDown(1);
  const columns = [0, 5, 27, 39, 53, 93].map((share) => left + (width * share) / 100);
  const columnWidth = (i: number) => (columns[i + 1] ?? left + width) - (columns[i] ?? left) - 4;
  const headerRow = () => {
    doc.font(BOLD).fontSize(SIZE.small);
    const y = doc.y;
    words.columns.forEach((name, i) =>
      doc.text(name, columns[i], y, { width: columnWidth(i), lineBreak: false }),
    );
    doc.y = y + SIZE.small * 1.6;
    doc
      .save()
      .lineWidth(0.4)
      .strokeColor('#999999')
      .moveTo(left, doc.y - 3)
      .lineTo(left + width, doc.y - 3)
      .stroke();
    doc.restore();
  };
  const pageSlots: { page: number; y: number }[] = [];
  if (input.messages.length === 0) {
    doc.font(FONT).fontSize(SIZE.body).text(words.noMessages, left, doc.y, { width });
  } else {
    headerRow();
    input.messages.forEach((message, i) => {
      if (doc.y + SIZE.small * 1.6 > bottom()) {
        doc.addPage();
        headerRow();
      }
      const y = doc.y;
      const cells = [
        String(i + 1),
        when(message.on, input.language),
        message.direction === 'out' ? words.out : words.in,
        words.kinds[message.kind],
        message.subject,
      ].map(t);
      doc.font(FONT).fontSize(SIZE.small);
      cells.forEach((cell, c) =>
        doc.text(fitted(doc, cell, columnWidth(c)), columns[c], y, {
          width: columnWidth(c),
          lineBreak: false,
        }),
      );
      pageSlots.push({ page: doc.bufferedPageRange().count - 1, y });
      doc.y = y + SIZE.small * 1.6;
    });
  }

  // 3. Each message in full.
  const startPages: number[] = [];
  input.messages.forEach((message, i) => {
    if (i === 0) doc.addPage();
    else {
      doc.moveDown(1.5);
      keep(120);
    }
    startPages.push(doc.bufferedPageRange().count - 1);
    heading(`${words.message(i + 1, input.messages.length)}: ${words.kinds[message.kind]}`, 11);
    field(words.date, when(message.on, input.language));
    field(message.direction === 'out' ? words.sentTo : words.receivedFrom, input.proceeding.provider);
    if (message.channel) field(words.channel, message.channel);
    field(words.subject, message.subject);
    doc.moveDown(0.6);
    body(message.body);
    if (message.attachments && message.attachments.length > 0) {
      doc.moveDown(0.6);
      field(words.attachments, message.attachments.join(', '));
    }
  });

  // 4. The deadlines and how they were counted.
  doc.addPage();
  heading(words.deadlines);
  if (input.proceeding.deadlines.length === 0) body(words.noDeadlines);
  for (const deadline of input.proceeding.deadlines) {
    keep(40);
    field(deadline.label, when(deadline.day, input.language));
    if (deadline.explanation) body(deadline.explanation);
    doc.moveDown(0.8);
  }
  if (seen.marked) {
    doc.moveDown(1);
    doc.font(FONT).fontSize(SIZE.small).text(words.replaced, left, doc.y, { width });
  }

  // Page numbers: the history's column, and every page's foot.
  const { count } = doc.bufferedPageRange();
  pageSlots.forEach((slot, i) => {
    doc.switchToPage(slot.page);
    doc
      .font(FONT)
      .fontSize(SIZE.small)
      .text(String((startPages[i] ?? 0) + 1), columns[5], slot.y, {
        width: columnWidth(5),
        lineBreak: false,
      });
  });
  const footer = fitted(doc.font(FONT).fontSize(SIZE.small), t(input.title), width * 0.7);
  for (let i = 0; i < count; i += 1) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 14 * MM;
    doc.font(FONT).fontSize(SIZE.small).fillColor('#444444');
    doc.text(footer, left, y, { width: width * 0.7, lineBreak: false });
    doc.text(words.page(i + 1, count), left, y, { width, align: 'right', lineBreak: false });
    doc.fillColor('black');
  }
  doc.end();
  return done;
}
