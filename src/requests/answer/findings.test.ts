import { describe, expect, it } from 'vitest';
import { craftZip } from '../../test/zip.js';
import { extractFindings, validIban, type Finding } from './findings.js';
import { readAnswer } from './read.js';

/**
 * An account export shaped like a real "download your data" archive (a travel shop's): a profile
 * with a date of birth the person never gave, addresses as objects, devices and marketing segments
 * whose `name` fields are not people's names, order history as CSV, a cover letter as text.
 */
const exportJson = {
  account: {
    id: 'c-88123',
    created: '2019-04-02T10:11:12Z',
    profile: {
      firstName: 'Alex',
      lastName: 'Muster',
      email: 'Alex.Muster+shop@Example.org',
      mobile: '0151 23456789',
      dateOfBirth: '1988-07-14',
      preferredLanguage: 'de',
    },
    addresses: [
      { type: 'billing', street: 'Hauptstraße 5', postalCode: '10115', city: 'Berlin', country: 'DE' },
      { type: 'shipping', street: '10 Downing Street', postcode: 'SW1A 2AA', city: 'London', country: 'GB' },
    ],
    payment: { accountHolder: 'Alex Muster', iban: 'DE89 3704 0044 0532 0130 00' },
  },
  devices: [
    { name: "Alex's iPhone", os: 'iOS 18.1', lastSeen: '2025-11-30T08:00:00Z' },
    { name: 'Chrome on Linux', os: 'Linux', lastSeen: '2025-12-01T19:30:00Z' },
  ],
  marketing: {
    segments: [
      { name: 'Frequent travellers', since: '2023-02-01' },
      { name: 'High spenders', since: '2024-06-15' },
    ],
    consent: { newsletter: true, givenAt: '2019-04-02T10:11:12Z' },
  },
  sharedWith: [{ name: 'AdPartner GmbH', purpose: 'retargeting' }],
};

const ordersCsv =
  'order;date;email;phone;total\r\nA-1;03.01.2025;alex.muster+shop@example.org;+49 30 901820;"129,00"\r\nA-2;15/02/2025;alex@example.org;;"18,50"\r\n';

const letter = [
  'Sehr geehrter Herr Muster,',
  'anbei die Auskunft nach Art. 15 DSGVO vom 01.12.2025.',
  'Ihre Anschrift bei uns:',
  'Alex Muster',
  'Hauptstraße 5',
  '10115 Berlin',
  'Rückfragen: datenschutz@shop.example oder +49 30 1234567',
  'Bad IBAN DE89 3704 0044 0532 0130 01 and no date 31.02.2024',
].join('\n');

const find = (findings: Finding[], kind: Finding['kind'], value: string) =>
  findings.find((finding) => finding.kind === kind && finding.value === value);
const values = (findings: Finding[], kind: Finding['kind']) =>
  findings
    .filter((finding) => finding.kind === kind)
    .map((finding) => finding.value)
    .sort();

describe('extractFindings', () => {
  it('finds what an account export holds, normalised, with every place it came from', async () => {
    const bytes = craftZip([
      { name: 'account.json', data: JSON.stringify(exportJson, null, 2) },
      { name: 'orders.csv', data: ordersCsv },
      { name: 'letter.txt', data: letter },
    ]);
    const { files, problems } = await readAnswer({ name: 'export.zip', bytes });
    expect(problems).toEqual([]);
    const findings = extractFindings(files, { defaultCountry: 'DE' });

    expect(values(findings, 'email')).toEqual([
      'alex.muster+shop@example.org',
      'alex@example.org',
      'datenschutz@shop.example',
    ]);
    expect(find(findings, 'email', 'alex.muster+shop@example.org')?.places).toEqual([
      { file: 'account.json', jsonPath: '$.account.profile.email', field: 'email' },
      { file: 'orders.csv', row: 1, columnName: 'email', field: 'email' },
    ]);

    expect(values(findings, 'phone')).toEqual(['+4915123456789', '+49301234567', '+4930901820']);
    expect(find(findings, 'phone', '+4930901820')?.places).toEqual([
      { file: 'orders.csv', row: 1, columnName: 'phone', field: 'phone' },
    ]);
    expect(find(findings, 'phone', '+49301234567')?.places).toEqual([
      { file: 'letter.txt', line: 7, column: 43 },
    ]);

    // Names only from name fields: not the devices', segments' or partners' names.
    expect(values(findings, 'name')).toEqual(['alex', 'alex muster', 'muster']);
    expect(find(findings, 'name', 'alex muster')?.places).toEqual([
      { file: 'account.json', jsonPath: '$.account.payment.accountHolder', field: 'accountHolder' },
    ]);

    expect(values(findings, 'iban')).toEqual(['DE89370400440532013000']);
    expect(find(findings, 'date', '1988-07-14')).toMatchObject({
      shown: '1988-07-14',
      places: [{ file: 'account.json', jsonPath: '$.account.profile.dateOfBirth', field: 'dateOfBirth' }],
    });
    expect(find(findings, 'date', '2025-01-03')?.places).toEqual([
      { file: 'orders.csv', row: 1, columnName: 'date', field: 'date' },
    ]);
    expect(find(findings, 'date', '2025-02-15')).toMatchObject({ shown: '15/02/2025' });
    // One value, every place: a device's timestamp and the letter's date are the same day.
    expect(find(findings, 'date', '2025-12-01')?.places).toEqual([
      { file: 'account.json', jsonPath: '$.devices[1].lastSeen', field: 'lastSeen' },
      { file: 'letter.txt', line: 2, column: 43 },
    ]);
    expect(find(findings, 'date', '2024-02-31')).toBeUndefined();

    expect(find(findings, 'address', 'hauptstraße 5, 10115 berlin')).toMatchObject({
      country: 'DE',
      postcode: '10115',
      places: [
        { file: 'account.json', jsonPath: '$.account.addresses[0]', field: 'postalCode' },
        { file: 'letter.txt', line: 6, column: 1 },
      ],
    });
    expect(find(findings, 'address', '10 downing street, sw1a 2aa london')).toMatchObject({ country: 'GB' });
  });

  it('finds addresses of each country by their postcodes and the lines around them', () => {
    const text = [
      'Stephansplatz 1',
      '1010 Wien',
      '',
      '12 rue de Rivoli, 75001 Paris',
      '',
      'Keizersgracht 12',
      '1015 CS Amsterdam',
      '',
      '1 Main Street',
      'Dublin 2',
      'D02 X285',
      '',
      'In 2024 Berlin was cold; order 12345 Items shipped',
    ].join('\n');
    const findings = extractFindings([{ path: 'a.txt', type: 'text', bytes: Buffer.from(text), text }]);
    expect(
      findings
        .filter((f) => f.kind === 'address')
        .map((f) => [f.country, f.postcode, f.shown, f.places[0]?.line]),
    ).toEqual([
      ['AT', '1010', 'Stephansplatz 1, 1010 Wien', 2],
      ['FR', '75001', '12 rue de Rivoli, 75001 Paris', 4],
      ['NL', '1015 CS', 'Keizersgracht 12, 1015 CS Amsterdam', 7],
      ['IE', 'D02 X285', '1 Main Street, Dublin 2, D02 X285', 11],
    ]);
  });

  it('gives the page of a PDF finding', () => {
    const pages = ['Cover page', 'Your e-mail: ALEX@example.org'];
    const file = {
      path: 'a.pdf',
      type: 'pdf' as const,
      bytes: Buffer.alloc(0),
      pages,
      text: pages.join('\f'),
    };
    expect(extractFindings([file])).toEqual([
      {
        kind: 'email',
        value: 'alex@example.org',
        shown: 'ALEX@example.org',
        places: [{ file: 'a.pdf', page: 2, line: 1, column: 14 }],
      },
    ]);
  });

  it('checks IBANs by their mod-97 check digits', () => {
    expect(validIban('DE89370400440532013000')).toBe(true);
    expect(validIban('GB29NWBK60161331926819')).toBe(true);
    expect(validIban('DE89370400440532013001')).toBe(false);
    expect(validIban('DE8937040044')).toBe(false);
  });
});
