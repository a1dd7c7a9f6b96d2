import { newPdf } from '../platform/pdf.js';
import {
  addressLeft,
  GEOMETRY,
  HOLE_MARK,
  MARGIN,
  PAGE,
  pt,
  type LayoutGeometry,
  type LetterLanguage,
  type LetterLayout,
} from './layout.js';
import { letterDate, WORDS } from './words.js';

/**
 * Everything a letter shows, already checked (see `checkLetter` in the service): the renderer
 * reads no store and makes no choices beyond placing it.
 */
export interface LetterModel {
  readonly layout: LetterLayout;
  readonly language: LetterLanguage;
  /** The sender's name, for the letterhead, the return line and the signature. */
  readonly senderName: string;
  /** The sender's address, one line each, without the name. */
  readonly sender: readonly string[];
  /** The recipient as the window shows it, name first; at most the layout's `addressLines`. */
  readonly recipient: readonly string[];
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly subject: string;
  /** Paragraphs separated by blank lines; single line breaks are kept. */
  readonly body: string;
  readonly customerNumber?: string | undefined;
  /**
   * The body opens with its own salutation ("Dear Ms Lee,") or ends with its own closing and
   * name: the letter then leaves out its standard one, so nothing is said twice.
   */
  readonly ownSalutation?: boolean | undefined;
  readonly ownClosing?: boolean | undefined;
}

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const SIZE = { body: 11, address: 10, returnLine: 7, letterhead: 8, name: 12, info: 9 } as const;
/** The address zone's line pitch: six lines fill DIN 5008's 27.3 mm zone. */
const ADDRESS_LEADING = 4.4;

/** The text of the return line above the address (Rücksendeangabe): name and address on one line. */
export const returnLine = (model: LetterModel): string => [model.senderName, ...model.sender].join(' · ');

/**
 * Writes one line that must fit `width` points: the type shrinks to `minSize`, then the line is cut
 * with an ellipsis, so it never wraps into what lies below it.
 */
function fittedLine(
  doc: PDFKit.PDFDocument,
  text: string,
  at: { x: number; y: number; width: number; size: number; minSize: number },
): void {
  let size = at.size;
  doc.fontSize(size);
  while (size > at.minSize && doc.widthOfString(text) > at.width) doc.fontSize((size -= 0.5));
  let shown = text;
  while (shown.length > 1 && doc.widthOfString(shown) > at.width) shown = `${shown.slice(0, -2)}…`;
  doc.text(shown, at.x, at.y, { lineBreak: false });
}

function marks(doc: PDFKit.PDFDocument, g: LayoutGeometry): void {
  doc.save().lineWidth(0.4).strokeColor('#777777');
  for (const fold of g.folds) doc.moveTo(pt(3), pt(fold)).lineTo(pt(7), pt(fold)).stroke();
  doc.moveTo(pt(3), pt(HOLE_MARK)).lineTo(pt(10), pt(HOLE_MARK)).stroke();
  doc.restore();
}

function letterhead(doc: PDFKit.PDFDocument, model: LetterModel, g: LayoutGeometry): void {
  const right = PAGE.width - MARGIN.right;
  const width = pt(right - 110);
  const x = pt(110);
  doc
    .font(BOLD)
    .fontSize(SIZE.name)
    .text(model.senderName, x, pt(g.letterhead.top), { width, align: 'right' });
  doc.font(FONT).fontSize(SIZE.letterhead);
  if (g.letterhead.stacked) {
    // British usage: the sender's address stacked at the top right.
    for (const line of model.sender) doc.text(line, x, doc.y, { width, align: 'right', lineBreak: false });
  } else {
    doc.text(model.sender.join(' · '), x, doc.y + 1, { width, align: 'right' });
  }
}

function addressField(doc: PDFKit.PDFDocument, model: LetterModel, g: LayoutGeometry): void {
  const left = addressLeft(g);
  const width = pt(g.addressWidth);
  doc.font(FONT);
  fittedLine(doc, returnLine(model), {
    x: pt(left),
    y: pt(g.window.top + 2),
    width,
    size: SIZE.returnLine,
    minSize: 5,
  });
  // A thin rule under the return line, as DIN 5008 examples show it.
  doc.save().lineWidth(0.3).strokeColor('#999999');
  doc
    .moveTo(pt(left), pt(g.window.top + 5))
    .lineTo(pt(left) + width, pt(g.window.top + 5))
    .stroke()
    .restore();
  doc.fontSize(SIZE.address);
  model.recipient.forEach((line, i) => {
    fittedLine(doc, line, {
      x: pt(left),
      y: pt(g.addressTop + i * ADDRESS_LEADING),
      width,
      size: SIZE.address,
      minSize: 8,
    });
  });
}

function infoBlock(doc: PDFKit.PDFDocument, model: LetterModel, g: LayoutGeometry): void {
  const words = WORDS[model.language];
  const rows: [string, string][] = [
    ...(model.customerNumber ? [[words.customerNumber, model.customerNumber] as [string, string]] : []),
    [words.date, letterDate(model.date, model.language)],
  ];
  doc.fontSize(SIZE.info);
  rows.forEach(([label, value], i) => {
    const y = pt(g.info.top + i * 4.5);
    doc.font(FONT).text(label, pt(g.info.left), y, { lineBreak: false });
    doc.font(FONT).text(value, pt(g.info.left + 28), y, { lineBreak: false });
  });
}

/** The body's paragraphs, a blank line apart. */
const paragraphs = (body: string): string[] =>
  body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+$/, ''))
    .filter((p) => p.trim() !== '');

/**
 * Makes the PDF of a letter for a window envelope: A4, the recipient inside the layout's window
 * with the return line above it, fold and hole marks, the subject in bold, salutation, body and
 * closing in the letter's language. A long body flows onto further pages, which keep the window
 * area empty and carry "Page n of m". Standard Helvetica, so any reader, printer and `pdftotext`
 * reads it back; `pages` is how many sheets it took.
 *
 * @example layoutLetter(model).pdf.subarray(0, 5).toString() // → '%PDF-'
 */
export function layoutLetter(model: LetterModel): { pdf: Buffer; pages: number } {
  const g = GEOMETRY[model.layout];
  const words = WORDS[model.language];
  const left = pt(MARGIN.left);
  const width = pt(PAGE.width - MARGIN.left - MARGIN.right);
  const doc = newPdf({
    size: 'A4',
    bufferPages: true,
    autoFirstPage: true,
    // Later pages start below the window area, so nothing shows through it when a sheet is refolded.
    margins: {
      top: pt(g.window.top + g.window.height + 8),
      bottom: pt(MARGIN.bottom),
      left,
      right: pt(MARGIN.right),
    },
    info: {
      Title: model.subject,
      Author: model.senderName,
      Creator: 'vrm',
      Producer: 'vrm',
      CreationDate: new Date(`${model.date}T12:00:00Z`),
    },
    lang: model.language,
  });
  marks(doc, g);
  letterhead(doc, model, g);
  addressField(doc, model, g);
  infoBlock(doc, model, g);
  doc.on('pageAdded', () => marks(doc, g));

  doc.font(BOLD).fontSize(SIZE.body).text(model.subject, left, pt(g.subjectTop), { width });
  doc.moveDown(1.5);
  doc.font(FONT);
  if (model.ownSalutation !== true) doc.text(words.salutation, left, doc.y, { width });
  for (const [i, paragraph] of paragraphs(model.body).entries()) {
    if (i > 0 || model.ownSalutation !== true) doc.moveDown(1);
    doc.text(paragraph, left, doc.y, { width, lineGap: 1.5 });
  }
  if (model.ownClosing !== true) {
    doc.moveDown(1);
    // The closing and the name stay together on one page.
    if (doc.y + pt(20) > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.text(words.closing, left, doc.y, { width });
    doc.moveDown(2.5);
    doc.text(model.senderName, left, doc.y, { width });
  }

  const { count } = doc.bufferedPageRange();
  if (count > 1) {
    for (let i = 0; i < count; i += 1) {
      doc.switchToPage(i);
      doc.page.margins.bottom = 0;
      // Later sheets say whose letter they continue, above where the window would be.
      if (i > 0) {
        fittedLine(
          doc.font(FONT),
          `${model.senderName} · ${letterDate(model.date, model.language)} · ${model.subject}`,
          {
            x: left,
            y: pt(12),
            width,
            size: SIZE.letterhead,
            minSize: 6,
          },
        );
      }
      doc
        .font(FONT)
        .fontSize(SIZE.info)
        .text(words.page(i + 1, count), left, pt(PAGE.height - 15), {
          width,
          align: 'right',
          lineBreak: false,
        });
    }
  }
  doc.end();
  // pdfkit writes into its stream synchronously; what it holds is the whole file once `end` ran.
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) {
    chunks.push(chunk);
  }
  return { pdf: Buffer.concat(chunks), pages: count };
}

/** The PDF of a letter: see `layoutLetter`. */
export const renderLetter = (model: LetterModel): Buffer => layoutLetter(model).pdf;
