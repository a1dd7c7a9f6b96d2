import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { complaintBundle, type BundleInput, type BundleMessage } from './bundle.js';
import { complaintText } from './templates.js';

/** Bundles read back with Debian's qpdf and poppler-utils, as an authority's office would open them. */
const dir = mkdtempSync(join(tmpdir(), 'vrm-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, pdf: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return file;
}

const qpdfCheck = (file: string) => spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });

/** The text of the whole file, or of one page. */
function text(file: string, page?: number): string {
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  const result = spawnSync('pdftotext', ['-layout', ...pages, file, '-'], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const pageCount = (file: string): number => {
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
};

const complaint = complaintText({
  language: 'de',
  authority: 'Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen',
  controller: {
    name: 'Stadtwerke Köln GmbH',
    address: 'Große Straße 5\n50667 Köln',
    email: 'datenschutz@stadtwerke.example',
  },
  person: { name: 'Alex Jørgensen', address: ['Neue Straße 9', '10115 Berlin'] },
  requestKind: 'access',
  requestSentOn: '2026-11-02',
  dueOn: '2026-12-02',
  admonishedOn: '2026-12-07',
  reasons: [{ kind: 'overdue', dueOn: '2026-12-02' }],
  sentOn: '2026-12-22',
});

/** A paragraph repeated until the message runs over more than a page on its own. */
const LONG = Array.from(
  { length: 90 },
  (_, i) =>
    `Absatz ${String(i + 1)}: Wir bearbeiten Ihre Anfrage gemäß unseren Richtlinien und melden uns in Kürze.`,
).join('\n');

const messages: BundleMessage[] = [
  {
    on: '2026-11-02',
    direction: 'out',
    kind: 'request',
    channel: 'E-Mail',
    subject: 'Auskunft über meine personenbezogenen Daten (Art. 15 DSGVO)',
    body: 'Sehr geehrte Damen und Herren,\n\nnach Art. 15 DSGVO bitte ich Sie um Auskunft.',
  },
  {
    on: '2026-11-20T09:41:00Z',
    direction: 'in',
    kind: 'response',
    channel: 'E-Mail',
    subject: 'Ihre Anfrage – Eingangsbestätigung Nr. 4711',
    body: `Guten Tag,\r\n\r\n${LONG}\r\n\r\nMit freundlichen Grüßen 😀 Ihr Kundenservice`,
    attachments: ['Auskunft_Teil1.pdf', 'Übersicht.csv'],
  },
  {
    on: '2026-12-07',
    direction: 'out',
    kind: 'admonition',
    channel: 'Brief',
    subject: 'Mahnung: Auskunft über meine personenbezogenen Daten',
    body: 'Bitte antworten Sie bis zum 21. Dezember 2026 vollständig.',
  },
];

const input = (overrides: Partial<BundleInput> = {}): BundleInput => ({
  language: 'de',
  title: 'Beschwerde an die Landesbeauftragte für Datenschutz NRW',
  complaint: { ...complaint, authority: 'Landesbeauftragte für Datenschutz NRW', sentOn: '2026-12-22' },
  proceeding: {
    provider: 'Stadtwerke Köln GmbH',
    kind: 'access',
    state: 'Beschwerde eingelegt',
    deadlines: [
      {
        label: 'Antwortfrist',
        day: '2026-12-02',
        explanation:
          'Eingang am 2. November 2026 (E-Mail); ein Monat nach Art. 12 Abs. 3 DSGVO endet am 2. Dezember 2026.',
      },
      { label: 'Frist der Mahnung', day: '2026-12-21' },
    ],
  },
  messages,
  ...overrides,
});

describe('complaintBundle', () => {
  it('puts the complaint, the history, every message and the deadlines into one valid, readable PDF', async () => {
    const file = write('bundle.pdf', await complaintBundle(input()));
    const check = qpdfCheck(file);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('No syntax or stream encoding errors');

    const all = text(file);
    // The complaint letter comes first, umlauts and ß intact.
    const first = text(file, 1);
    expect(first).toContain('Beschwerde nach Art. 77 DSGVO: Stadtwerke Köln GmbH');
    expect(first).toContain('Große Straße 5');
    expect(first).toContain('22. Dezember 2026');
    // Every message in full: subjects, dates, direction, attachment names.
    for (const message of messages) expect(all).toContain(message.subject);
    for (const day of ['2. November 2026', '20. November 2026, 09:41', '7. Dezember 2026'])
      expect(all).toContain(day);
    expect(all).toContain('Empfangen von: Stadtwerke Köln GmbH');
    expect(all).toContain('Gesendet an: Stadtwerke Köln GmbH');
    expect(all).toContain('Auskunft_Teil1.pdf, Übersicht.csv');
    expect(all).toContain('Absatz 90: Wir bearbeiten');
    // A character Helvetica cannot print is kept visibly, not dropped.
    expect(all).toContain('[U+1F600]');
    // The deadlines and how they were counted.
    expect(all).toContain('Fristen und ihre Berechnung');
    expect(all.replace(/\s+/g, ' ')).toContain(
      'ein Monat nach Art. 12 Abs. 3 DSGVO endet am 2. Dezember 2026',
    );
    expect(all).toContain('Frist der Mahnung: 21. Dezember 2026');
    // Page numbers on every page.
    const pages = pageCount(file);
    expect(pages).toBeGreaterThanOrEqual(5);
    for (let page = 1; page <= pages; page += 1) {
      expect(text(file, page)).toContain(`Seite ${String(page)} von ${String(pages)}`);
    }
  });

  it('breaks a long message over pages and names, in the history, the page each message starts on', async () => {
    const file = write('pages.pdf', await complaintBundle(input()));
    const pages = pageCount(file);
    const start = (needle: string) =>
      Array.from({ length: pages }, (_, i) => i + 1).find((page) => text(file, page).includes(needle));
    const second = start('Nachricht 2 von 3');
    const third = start('Nachricht 3 von 3');
    const end = start('Absatz 90:');
    expect(second).toBeDefined();
    // The long answer runs over at least one page break before the admonition starts.
    expect(end).toBeGreaterThan(second ?? 0);
    expect(third).toBeGreaterThanOrEqual(end ?? 0);
    const history = text(file, 2);
    expect(history).toContain('Verlauf');
    expect(history).toContain('Antrag: Auskunft über meine personenbezogenen Daten (Art. 15 DSGVO)');
    const rows = history.split('\n').filter((line) => /^\s*\d+\s+\d+\./.test(line));
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/empfangen\s+Antwort/);
    expect(rows[1]?.trimEnd().endsWith(String(second))).toBe(true);
    expect(rows[2]?.trimEnd().endsWith(String(third))).toBe(true);
  });

  it('writes English when asked', async () => {
    const file = write(
      'en.pdf',
      await complaintBundle(input({ language: 'en', title: 'Complaint to the ICO' })),
    );
    const all = text(file);
    expect(all).toContain('Page 1 of');
    expect(all).toContain('History');
    expect(all).toContain('Received from: Stadtwerke Köln GmbH');
    expect(all).toContain('20 November 2026, 09:41');
  });

  it('still makes a valid PDF when there is no history', async () => {
    const file = write(
      'empty.pdf',
      await complaintBundle(input({ messages: [], proceeding: { ...input().proceeding, deadlines: [] } })),
    );
    expect(qpdfCheck(file).status).toBe(0);
    const all = text(file);
    expect(all).toContain('In diesem Verfahren sind keine Nachrichten verzeichnet.');
    expect(all).toContain('Es sind keine Fristen verzeichnet.');
    expect(all).toContain('Seite 1 von 3');
  });

  it('makes a valid PDF of any received text, whatever its characters (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        async (body, subject) => {
          const message: BundleMessage = {
            on: '2026-12-01',
            direction: 'in',
            kind: 'response',
            channel: null,
            subject,
            body,
          };
          const file = write('fuzz.pdf', await complaintBundle(input({ messages: [message] })));
          const check = qpdfCheck(file);
          expect(check.status, check.stdout + check.stderr).toBe(0);
        },
      ),
      { numRuns: 25, seed: 16 },
    );
  });

  it('shows a message with no body, no channel and control characters without failing', async () => {
    const bare: BundleMessage = {
      on: '2026-12-01',
      direction: 'in',
      kind: 'note',
      channel: null,
      subject: 'Anruf\u0007',
      body: '',
    };
    const file = write('bare.pdf', await complaintBundle(input({ messages: [bare] })));
    expect(qpdfCheck(file).status).toBe(0);
    const all = text(file);
    expect(all).toContain('Nachricht 1 von 1: Notiz');
    expect(all).toContain('Betreff: Anruf\n');
    expect(all).not.toContain('Weg:');
  });
});
