import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { craftZip } from '../../test/zip.js';
import { decodeText } from '../../platform/text-encoding.js';
import { readAnswer } from './read.js';

const one = async (name: string, bytes: Buffer, limits = {}) => {
  const read = await readAnswer({ name, bytes }, limits);
  const [file, ...others] = read.files;
  if (!file || others.length > 0) throw new Error(`expected one file, read ${read.files.length}`);
  return { file, problems: read.problems };
};

/** A two-page PDF made with pdfkit, the way a controller's system might print an answer. */
const makePdf = (pages: string[][]): Promise<Buffer> =>
  new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4', margin: 72 });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    pages.forEach((lines, index) => {
      if (index > 0) doc.addPage();
      for (const line of lines) doc.text(line);
    });
    doc.end();
  });

describe('decodeText', () => {
  it('tells the encodings apart and decodes each', () => {
    const text = 'Müller;Straße 5;€ 12,50';
    expect(decodeText(Buffer.from(text, 'utf8'))).toEqual({ encoding: 'utf-8', text });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({
      encoding: 'utf-8 with BOM',
      text,
    });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]))).toEqual({
      encoding: 'utf-16le',
      text,
    });
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]))).toEqual({
      encoding: 'utf-16be',
      text,
    });
    expect(decodeText(iconv.encode(text, 'utf-16le'))).toEqual({ encoding: 'utf-16le', text });
    expect(decodeText(iconv.encode(text, 'utf-16be'))).toEqual({ encoding: 'utf-16be', text });
    expect(decodeText(iconv.encode(text, 'windows-1252'))).toEqual({ encoding: 'windows-1252', text });
    expect(decodeText(iconv.encode('Müller, Straße 5', 'latin1'))).toEqual({
      encoding: 'iso-8859-1',
      text: 'Müller, Straße 5',
    });
  });
});

describe('readAnswer: files and encodings', () => {
  it('reads a UTF-16 CSV from a ZIP with its delimiter found, recording the encoding', async () => {
    const csv = 'Vorname;Nachname;E-Mail\r\nAlex;Müller;alex@example.org\r\n';
    const bytes = craftZip([
      { name: 'kunden.csv', data: Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(csv, 'utf-16le')]) },
    ]);
    const { file, problems } = await one('antwort.zip', bytes);
    expect(problems).toEqual([]);
    expect(file).toMatchObject({
      path: 'kunden.csv',
      type: 'csv',
      encoding: 'utf-16le',
      csv: {
        delimiter: ';',
        header: ['Vorname', 'Nachname', 'E-Mail'],
        rows: [['Alex', 'Müller', 'alex@example.org']],
      },
    });
  });

  it('reads a tab-separated CSV and a comma one with quoted decimal commas', async () => {
    const tab = await one('a.csv', Buffer.from('name\temail\nAlex\talex@example.org\n'));
    expect(tab.file.csv).toEqual({
      delimiter: '\t',
      header: ['name', 'email'],
      rows: [['Alex', 'alex@example.org']],
    });
    const comma = await one('b.csv', Buffer.from('item,total\n"Ticket, return","12,50"\n'));
    expect(comma.file.csv?.rows).toEqual([['Ticket, return', '12,50']]);
  });

  it('decodes a Windows-1252 text file, smart quotes and euro sign included', async () => {
    const text = 'Sehr geehrter Herr Müller, „Ihre Daten“ – Gebühr 5 €';
    const { file } = await one('brief.txt', iconv.encode(text, 'windows-1252'));
    expect(file).toMatchObject({ type: 'text', encoding: 'windows-1252', text });
  });

  it('names a JSON syntax error by line and column and keeps the file as text', async () => {
    const json = '{\n  "name": "Alex",\n  "email": "alex@example.org",,\n}';
    const { file, problems } = await one('profile.json', Buffer.from(json));
    expect(file.type).toBe('text');
    expect(problems).toEqual([
      expect.objectContaining({ path: 'profile.json', code: 'json_syntax', kept: true }),
    ]);
    expect(problems[0]?.message).toContain('is not valid JSON at line 3, column 31');
  });

  it('names the place where a cut-short JSON file ends', async () => {
    const { problems } = await one('profile.json', Buffer.from('{\n  "name": "Alex"'));
    expect(problems[0]?.message).toMatch(/^profile\.json is not valid JSON at line 2, column 17 \(/);
  });

  it('reads an HTML page as its visible text, without scripts or styles, entities decoded', async () => {
    const html = `<!DOCTYPE html><html><head><title>Your data</title><style>p{color:red}</style></head>
<body><p>İİİİİİİİİİİİİİİİİİİİ</p><SCRIPT>var email = "tracker@evil.example"; if (a < b) {}</Script>
<h1>Your data</h1><p>E-mail: alex&#64;example.org</p><!-- internal: vip@example.org -->
<table><tr><th>Name</th><td>Alex M&uuml;ller &amp; family</td></tr></table>
<noscript>enable JS</noscript><p title="a > b">Phone: +49 30 1234567</p></body></html>`;
    const { file } = await one('index.html', Buffer.from(html));
    expect(file.type).toBe('html');
    expect(file.text).toBe(
      'İİİİİİİİİİİİİİİİİİİİ\nYour data\nE-mail: alex@example.org\nName\tAlex Müller & family\nPhone: +49 30 1234567',
    );
  });

  it('reads a PDF through pdftotext, page by page', async () => {
    const pdf = await makePdf([
      ['Auskunft nach Art. 15 DSGVO', 'alex@example.org'],
      ['Seite zwei', 'IBAN DE89 3704 0044 0532 0130 00'],
    ]);
    const { file, problems } = await one('auskunft.pdf', pdf);
    expect(problems).toEqual([]);
    expect(file.type).toBe('pdf');
    expect(file.pages).toHaveLength(2);
    expect(file.pages?.[0]).toContain('alex@example.org');
    expect(file.pages?.[1]).toContain('DE89 3704 0044 0532 0130 00');
  });

  it('keeps a PDF it cannot read and says how to install pdftotext', async () => {
    const pdf = await makePdf([['hello']]);
    const { file, problems } = await one('auskunft.pdf', pdf, { pdftotext: '/nonexistent/pdftotext' });
    expect(file).toMatchObject({ type: 'pdf', bytes: pdf });
    expect(file.text).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ code: 'pdf_not_read', kept: true })]);
    expect(problems[0]?.message).toContain('install poppler-utils');
  });

  it('stops pdftotext when it hangs on a PDF, and keeps the PDF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrm-answer-test-'));
    try {
      const hanging = join(dir, 'pdftotext');
      writeFileSync(hanging, '#!/bin/sh\nexec sleep 30\n');
      chmodSync(hanging, 0o755);
      const pdf = await makePdf([['hello']]);
      const started = Date.now();
      const { file, problems } = await one('slow.pdf', pdf, { pdftotext: hanging, pdfTimeoutMs: 300 });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(file).toMatchObject({ type: 'pdf', bytes: pdf });
      expect(problems).toEqual([expect.objectContaining({ code: 'pdf_not_read', kept: true })]);
      expect(problems[0]?.message).toContain('took longer than 0,3 s and was stopped');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a binary file unread and says so', async () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    const { file, problems } = await one('avatar.png', png);
    expect(file.type).toBe('other');
    expect(problems).toEqual([expect.objectContaining({ path: 'avatar.png', code: 'binary', kept: true })]);
  });
});
