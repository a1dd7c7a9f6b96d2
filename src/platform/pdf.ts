import { createRequire } from 'node:module';
import type PdfKit from 'pdfkit';

const require = createRequire(import.meta.url);
let loaded: typeof PdfKit | undefined;

/**
 * A new pdfkit document. pdfkit is loaded when the first PDF is made, not when vrm starts: its
 * fonts and Unicode tables took a tenth of a second and 15 MB from every command, letters or not.
 *
 * @example const doc = newPdf({ size: 'A4', bufferPages: true });
 */
export function newPdf(options?: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  loaded ??= require('pdfkit') as typeof PdfKit;
  return new loaded(options);
}
