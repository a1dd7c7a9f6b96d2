import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GEOMETRY, LAYOUTS, pt, type LetterLayout } from './layout.js';
import { layoutLetter, returnLine, type LetterModel } from './render.js';

/**
 * Letters read back with Debian's poppler-utils and qpdf, as a post office's scanner and a
 * printer would meet them: the recipient must sit inside the envelope's window.
 */
const dir = mkdtempSync(join(tmpdir(), 'vrm-letters-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const model = (layout: LetterLayout, overrides: Partial<LetterModel> = {}): LetterModel => ({
  layout,
  language: 'de',
  senderName: 'Alex Jørgensen',
  sender: ['Dept AC7K', '12 Harbour Road', 'BRISTOL', 'BS1 4DJ'],
  recipient: ['Stadtwerke Köln GmbH', 'Kundenservice', 'Große Straße 5', '50667 Köln'],
  date: '2026-12-07',
  subject: 'Neue Anschrift ab dem 1. Januar',
  body: 'Bitte ändern Sie meine Anschrift. Die Gebühr von 12,50 € habe ich überwiesen.\n\nMit Grüßen aus Straßburg.',
  customerNumber: 'KD-4711',
  ...overrides,
});

function write(name: string, pdf: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return file;
}

/** Text of one page, or of a crop of it in millimetres (pdftotext's -x/-y/-W/-H take points at 72 dpi). */
function text(
  file: string,
  page = 1,
  crop?: { left: number; top: number; width: number; height: number },
): string {
  const area = crop
    ? [
        '-x',
        String(Math.floor(pt(crop.left))),
        '-y',
        String(Math.floor(pt(crop.top))),
        '-W',
        String(Math.ceil(pt(crop.width))),
        '-H',
        String(Math.ceil(pt(crop.height))),
      ]
    : [];
  return execFileSync(
    'pdftotext',
    ['-layout', '-r', '72', '-f', String(page), '-l', String(page), ...area, file, '-'],
    {
      encoding: 'utf8',
    },
  );
}

describe('renderLetter', () => {
  it.each(LAYOUTS)('puts the recipient and the return line inside the window (%s)', (layout) => {
    const file = write(`${layout}.pdf`, layoutLetter(model(layout)).pdf);
    const window = text(file, 1, GEOMETRY[layout].window);
    for (const line of model(layout).recipient) expect(window).toContain(line);
    expect(window.replace(/\s+/g, ' ')).toContain(returnLine(model(layout)));
    // The body and the subject stay out of the window.
    expect(window).not.toContain('Anschrift');
    expect(window).not.toContain('KD-4711');
  });

  it('places the window where each layout says: form A higher than form B, the UK one lower still', () => {
    const a = write('a.pdf', layoutLetter(model('din5008-a')).pdf);
    // Form A's window (27–72 mm) holds the address; form B's area starting at 45 mm does not see its top.
    expect(text(a, 1, { left: 20, top: 44, width: 85, height: 28 })).toContain('50667 Köln');
    expect(text(a, 1, { left: 20, top: 73, width: 85, height: 20 })).not.toContain('Köln');
    const uk = write('uk-place.pdf', layoutLetter(model('uk')).pdf);
    expect(text(uk, 1, { left: 20, top: 20, width: 90, height: 29 })).not.toContain('Stadtwerke');
  });

  it('makes a valid A4 PDF that qpdf accepts', () => {
    const file = write('check.pdf', layoutLetter(model('din5008-b')).pdf);
    const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.2\d x 841\.8\d pts \(A4\)/);
    expect(info).toMatch(/Pages:\s+1\n/);
  });

  it('keeps umlauts, ß and the euro sign, and writes the date in the letter’s language', () => {
    const de = text(write('de.pdf', layoutLetter(model('din5008-b')).pdf));
    expect(de).toContain('Die Gebühr von 12,50 € habe ich überwiesen.');
    expect(de).toContain('Mit Grüßen aus Straßburg.');
    expect(de).toContain('Alex Jørgensen');
    expect(de).toMatch(/Kundennummer\s+KD-4711/);
    expect(de).toMatch(/Datum\s+7\. Dezember 2026/);
    expect(de).toContain('Sehr geehrte Damen und Herren,');
    expect(de).toContain('Mit freundlichen Grüßen');
    const en = text(write('en.pdf', layoutLetter(model('uk', { language: 'en' })).pdf));
    expect(en).toMatch(/Customer number\s+KD-4711/);
    expect(en).toMatch(/Date\s+7 December 2026/);
    expect(en).toContain('Dear Sir or Madam,');
    expect(en).toContain('Yours faithfully,');
  });

  it.each(LAYOUTS)('flows a long text onto numbered pages that keep the window empty (%s)', (layout) => {
    const body = Array.from(
      { length: 40 },
      (_, i) => `Absatz ${String(i + 1)}: ${'Wörter über Wörter. '.repeat(12)}`,
    ).join('\n\n');
    const { pdf, pages } = layoutLetter(model(layout, { body, language: 'en' }));
    expect(pages).toBeGreaterThanOrEqual(2);
    const file = write(`long-${layout}.pdf`, pdf);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(
      new RegExp(`Pages:\\s+${String(pages)}\\n`),
    );
    expect(text(file, 1)).toContain(`Page 1 of ${String(pages)}`);
    expect(text(file, pages)).toContain(`Page ${String(pages)} of ${String(pages)}`);
    expect(text(file, pages)).toContain('Absatz 40');
    for (let page = 2; page <= pages; page += 1) {
      expect(text(file, page, GEOMETRY[layout].window).trim()).toBe('');
    }
    const german = text(write(`long-de-${layout}.pdf`, layoutLetter(model(layout, { body })).pdf), 2);
    expect(german).toMatch(/Seite 2 von \d/);
  });

  it('renders page 1 as an image (the README’s letter, written when VRM_SCREENSHOTS is set)', () => {
    const letter = model('uk', {
      language: 'en',
      senderName: 'Alex Morgan',
      sender: ['12 Harbour Road', 'BRISTOL', 'BS1 4DJ'],
      recipient: ['Northern Power Ltd', 'Customer Services', '1 Mill Street', 'MANCHESTER', 'M1 2AB'],
      subject: 'Change of address from 1 December 2026',
      customerNumber: 'NP-123456',
      body:
        'Please note that I have moved. From 1 December 2026 my address is 12 Harbour Road, Bristol BS1 4DJ.\n\n' +
        'Please update your records for my account and send all letters to the new address. ' +
        'Kindly confirm the change in writing.',
    });
    const file = write('shot.pdf', layoutLetter(letter).pdf);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      join(dir, 'letter'),
    ]);
    const png = readFileSync(join(dir, 'letter.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const folder = process.env.VRM_SCREENSHOTS;
    if (folder) {
      const target = isAbsolute(folder) ? folder : resolve(process.cwd(), folder);
      mkdirSync(target, { recursive: true });
      writeFileSync(join(target, 'letter.png'), png);
    }
  });
});
