import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectPreset, sniffFormat } from './detect.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('sniffFormat', () => {
  it('tells OFX 1 (SGML), OFX 2 (XML), QIF and CAMT by their first bytes', () => {
    expect(
      sniffFormat(Buffer.from('OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\n\r\n<OFX>\r\n'), 'a.txt'),
    ).toBe('ofx');
    expect(
      sniffFormat(Buffer.from('<?xml version="1.0"?>\n<?OFX OFXHEADER="200" VERSION="211"?>\n<OFX>'), 'b'),
    ).toBe('ofx');
    expect(sniffFormat(Buffer.from('\n<OFX>\n<SIGNONMSGSRSV1>'), 'c')).toBe('ofx');
    expect(sniffFormat(Buffer.from('!Type:Bank\nD01/02/2024\nT-12.99\n^\n'), 'd')).toBe('qif');
    expect(sniffFormat(Buffer.from('!Account\nNChecking\n^\n'), 'e')).toBe('qif');
    expect(sniffFormat(Buffer.from('!Option:AutoSwitch\n'), 'f')).toBe('qif');
    expect(sniffFormat(fixture('camt053-v02.xml'), 'g.xml')).toBe('camt');
    expect(sniffFormat(fixture('camt052-v08.xml'), 'h.xml')).toBe('camt');
  });

  it('tells a CSV export, also with account details above its header and in UTF-16', () => {
    const ing = fixture('csv/ing-de.csv');
    expect(sniffFormat(ing, 'umsaetze.txt')).toBe('csv');
    expect(sniffFormat(fixture('csv/revolut.csv'), 'x')).toBe('csv');
    expect(
      sniffFormat(
        Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(ing.toString('utf8'), 'utf-16le')]),
        'x',
      ),
    ).toBe('csv');
  });

  it('reads nothing into a file that is none of them', () => {
    expect(sniffFormat(Buffer.alloc(0), 'empty.csv')).toBeNull();
    expect(
      sniffFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'x.png'),
    ).toBeNull();
    expect(
      sniffFormat(Buffer.from('Dear Alex,\nyour statement is attached.\nKind regards\n'), 'letter.txt'),
    ).toBeNull();
    expect(sniffFormat(Buffer.from('<html><body>statement</body></html>'), 'page.html')).toBeNull();
  });
});

describe('detectPreset', () => {
  it('recognises a bank by its header, and no bank by an unknown one', () => {
    expect(
      detectPreset([
        'Buchung',
        'Valuta',
        'Auftraggeber/Empfänger',
        'Buchungstext',
        'Verwendungszweck',
        'Saldo',
        'Währung',
        'Betrag',
        'Währung',
      ]),
    ).toBe('ing-de');
    expect(
      detectPreset([
        'Date',
        'Counter Party',
        'Reference',
        'Type',
        'Amount (GBP)',
        'Balance (GBP)',
        'Spending Category',
        'Notes',
      ]),
    ).toBe('starling');
    expect(detectPreset([' DATE ', 'Payee', 'Amount'])).toBe('generic');
    expect(detectPreset(['Datum', 'Wer', 'Wieviel'])).toBeNull();
  });
});

describe('sniffFormat on the formats’ real examples Debian ships', () => {
  const folder = (path: string, debianPackage: string): string[] => {
    if (!existsSync(path)) {
      throw new Error(
        `${path} is missing: run npm test (scripts/test.mjs installs it) or apt-get install ${debianPackage}`,
      );
    }
    return readdirSync(path).map((name) => join(path, name));
  };

  it('finds OFX in every OFX example of libofx-doc', () => {
    const files = folder('/usr/share/doc/libofx-dev/ofx_sample_files', 'libofx-doc').filter((file) =>
      /(downcast\.ofx|sect-16\.5\.\d\.\d\.ofx|sect-8\.5\.5\.ofx|stmtrs_example\.sgml|example-listing\d\.xml)$/u.test(
        file,
      ),
    );
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) expect([file, sniffFormat(readFileSync(file), file)]).toEqual([file, 'ofx']);
  });

  it('finds QIF in every QIF example of gnucash-common', () => {
    const files = folder('/usr/share/doc/gnucash-common/examples', 'gnucash-common').filter((file) =>
      file.endsWith('.qif'),
    );
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) expect([file, sniffFormat(readFileSync(file), file)]).toEqual([file, 'qif']);
  });
});
