import { describe, expect, it } from 'vitest';
import { craftZip } from '../test/zip.js';
import { extractFindings, type Finding } from './answer/findings.js';
import { readAnswer } from './answer/read.js';
import { compareAnswer, type Comparison, type LedgerFact } from './compare.js';

/**
 * A shop's answer to Alex's access request, read and extracted for real: a JSON account export,
 * an order history as CSV, and a cover letter. Alex gave the shop an alias, a phone, the old and
 * then the new home address, a bank account and a passport number; never the date of birth.
 */
const account = {
  profile: {
    firstName: 'Alex',
    lastName: 'Example',
    email: 'Alex+Shop7K@example.org',
    dateOfBirth: '1988-07-14',
    landline: '+49 30 901820',
  },
  addresses: [
    { type: 'billing', street: 'Musterstr. 5', postalCode: '12345', city: 'Musterstadt', country: 'DE' },
  ],
  payment: { accountHolder: 'Example, Alex', iban: 'DE89 3704 0044 0532 0130 00' },
  household: [{ name: 'Sam Example', email: 'sam.example@gmail.com', phone: '+44 20 7946 0958' }],
  partners: [{ name: 'AdPartner GmbH', contact: 'data@adpartner.example' }],
};

const orders = 'order;date;email;total\r\nA-1;03.01.2025;alex+shop7k@example.org;"129,00"\r\n';

const letter = [
  'Dear Alex Example,',
  'here is the copy of your data under Art. 15 GDPR, as of 01.12.2025.',
  'The address we first had for you:',
  'Altweg 3',
  '10115 Berlin',
  'Questions: privacy@shop.example or +49 30 1234567',
].join('\n');

const home = (line: string, postcode: string, locality: string) => ({
  lines: [line],
  postcode,
  locality,
  country: 'DE',
});

const facts: LedgerFact[] = [
  {
    factId: 1,
    kind: 'name',
    label: 'Name',
    versions: [
      { version: 1, value: { full: 'Alex Example', given: 'Alex', family: 'Example' }, validFrom: null },
    ],
    currentVersion: 1,
    givenVersions: [1],
  },
  {
    factId: 2,
    kind: 'email',
    label: 'Personal e-mail',
    versions: [{ version: 1, value: { address: 'alex@example.org' }, validFrom: null }],
    currentVersion: 1,
    givenVersions: [],
  },
  {
    factId: 3,
    kind: 'phone',
    label: 'Mobile',
    versions: [{ version: 1, value: { number: '+4915123456789' }, validFrom: null }],
    currentVersion: 1,
    givenVersions: [1],
  },
  {
    factId: 4,
    kind: 'postal_address',
    label: 'Home',
    versions: [
      { version: 1, value: home('Altweg 3', '10115', 'Berlin'), validFrom: '2015-01-01' },
      { version: 2, value: home('Musterstraße 5', '12345', 'Musterstadt'), validFrom: '2025-06-01' },
    ],
    currentVersion: 2,
    givenVersions: [1, 2],
  },
  {
    factId: 5,
    kind: 'date',
    label: 'Date of birth',
    versions: [{ version: 1, value: { date: '1988-07-14' }, validFrom: null }],
    currentVersion: 1,
    givenVersions: [],
  },
  {
    factId: 6,
    kind: 'bank_account',
    label: 'Current account',
    versions: [{ version: 1, value: { iban: 'DE89370400440532013000' }, validFrom: null }],
    currentVersion: 1,
    givenVersions: [1],
  },
  {
    factId: 7,
    kind: 'identity_document',
    label: 'Passport',
    versions: [
      {
        version: 1,
        value: { document_type: 'passport', number: 'C01X00T47', issuer: 'DE' },
        validFrom: null,
      },
    ],
    currentVersion: 1,
    givenVersions: [1],
  },
];

async function shopAnswer(): Promise<Finding[]> {
  const bytes = craftZip([
    { name: 'account.json', data: JSON.stringify(account, null, 2) },
    { name: 'orders.csv', data: orders },
    { name: 'letter.txt', data: letter },
  ]);
  const { files, problems } = await readAnswer({ name: 'export.zip', bytes });
  expect(problems).toEqual([]);
  return extractFindings(files, { defaultCountry: 'DE' });
}

/** Findings of one JSON file, as the answer reader would give it. */
const json = (data: unknown, extract = {}) => {
  const text = JSON.stringify(data);
  return extractFindings(
    [{ path: 'data.json', type: 'json', bytes: Buffer.from(text), text, json: data }],
    extract,
  );
};

const options = { providerDomains: ['shop.example'], identities: ['alex+shop7k@example.org'] };

/** Every finding's kind and value in one list of a comparison. */
const listed = (comparison: Comparison): string[] =>
  Object.values(comparison)
    .flat()
    .flatMap((entry: { finding?: Finding }) =>
      entry.finding ? [`${entry.finding.kind} ${entry.finding.value}`] : [],
    );

describe('compareAnswer', () => {
  it('asks where they got a date of birth that was never given, showing where it stands', async () => {
    const comparison = compareAnswer(await shopAnswer(), facts, options);
    expect(comparison.neverGiven).toEqual([
      {
        finding: expect.objectContaining({
          kind: 'date',
          value: '1988-07-14',
          places: [{ file: 'account.json', jsonPath: '$.profile.dateOfBirth', field: 'dateOfBirth' }],
        }) as Finding,
        fact: { id: 5, label: 'Date of birth', version: 1 },
        ask: 'Ask where they got your date of birth (Art. 15(1)(g))',
      },
    ]);
  });

  it('finds an old address as outdated, and the new one spelled "Musterstr." as given', async () => {
    const comparison = compareAnswer(await shopAnswer(), facts, options);
    expect(comparison.outdated).toEqual([
      {
        finding: expect.objectContaining({
          kind: 'address',
          shown: 'Altweg 3, 10115 Berlin',
          places: [{ file: 'letter.txt', line: 5, column: 1 }],
        }) as Finding,
        fact: { id: 4, label: 'Home', version: 1, current: 2 },
      },
    ]);
    expect(comparison.matched).toContainEqual({
      finding: expect.objectContaining({
        kind: 'address',
        shown: 'Musterstr. 5, 12345 Musterstadt',
        places: [{ file: 'account.json', jsonPath: '$.addresses[0]', field: 'postalCode' }],
      }) as Finding,
      fact: { id: 4, label: 'Home', version: 2 },
    });
  });

  it('lists a given phone the answer leaves out, and a passport it cannot check', async () => {
    const comparison = compareAnswer(await shopAnswer(), facts, {
      ...options,
      identities: [...options.identities, '+44 7911 123456'],
    });
    // The alias is in the answer; the phone identity given to them is not.
    expect(comparison.leftOutIdentities).toEqual(['+44 7911 123456']);
    expect(comparison.leftOut).toEqual([{ fact: { id: 3, label: 'Mobile', givenVersions: [1] } }]);
    expect(comparison.notChecked).toEqual([
      { fact: { id: 7, label: 'Passport', kind: 'identity_document', givenVersions: [1] } },
    ]);
  });

  it('matches the alias given to the provider, in every place it stands, and the name either way round', async () => {
    const comparison = compareAnswer(await shopAnswer(), facts, options);
    expect(comparison.matched).toContainEqual({
      finding: expect.objectContaining({
        kind: 'email',
        value: 'alex+shop7k@example.org',
        places: [
          { file: 'account.json', jsonPath: '$.profile.email', field: 'email' },
          { file: 'orders.csv', row: 1, columnName: 'email', field: 'email' },
        ],
      }) as Finding,
      identity: 'alex+shop7k@example.org',
    });
    const names = comparison.matched.filter((m) => m.finding.kind === 'name');
    expect(names.map((m) => [m.finding.shown, m.fact?.label])).toEqual([
      ['Alex', 'Name'],
      ['Example', 'Name'],
      ['Example, Alex', 'Name'],
    ]);
    expect(comparison.matched).toContainEqual({
      finding: expect.objectContaining({ kind: 'iban', value: 'DE89370400440532013000' }) as Finding,
      fact: { id: 6, label: 'Current account', version: 1 },
    });
  });

  it('leaves out the provider’s own addresses and phone, partners’ addresses and order dates', async () => {
    const all = listed(compareAnswer(await shopAnswer(), facts, options));
    expect(all).not.toContain('email privacy@shop.example');
    expect(all).not.toContain('phone +49301234567');
    expect(all).not.toContain('email data@adpartner.example');
    expect(all).not.toContain('date 2025-01-03');
    expect(all).not.toContain('date 2025-12-01');
    // Without its domain, the provider's privacy address is still no person's: it is not listed.
    const withoutDomains = compareAnswer(await shopAnswer(), facts, { identities: options.identities });
    expect(listed(withoutDomains)).not.toContain('email privacy@shop.example');
  });

  it('leaves out the provider’s own phone and postal address where the export records them', () => {
    const findings = json(
      {
        merchant: { street: 'Paketstraße 5', postcode: '10115', city: 'Berlin', hotline: '030 1234567' },
        customer: { street: 'Lindenallee 9', postcode: '10115', city: 'Berlin', phone: '030 7654321' },
      },
      { defaultCountry: 'DE' },
    );
    const comparison = compareAnswer(findings, facts, {
      providerPhones: ['Hotline: 030 1234567 (Mo-Fr)'],
      providerAddresses: ['Parcelpoint GmbH\nPaketstr. 5\n10115 Berlin'],
      providerCountry: 'DE',
    });
    expect(comparison.unknown.map((u) => u.finding.shown)).toEqual([
      'Lindenallee 9, 10115 Berlin',
      '030 7654321',
    ]);
  });

  it('lists what looks personal and matches no fact, with an Art. 14 question and its places', async () => {
    const comparison = compareAnswer(await shopAnswer(), facts, options);
    expect(comparison.unknown.map((u) => [u.finding.kind, u.finding.shown, u.finding.places[0]])).toEqual([
      ['phone', '+49 30 901820', { file: 'account.json', jsonPath: '$.profile.landline', field: 'landline' }],
      ['name', 'Sam Example', { file: 'account.json', jsonPath: '$.household[0].name', field: 'name' }],
      [
        'email',
        'sam.example@gmail.com',
        { file: 'account.json', jsonPath: '$.household[0].email', field: 'email' },
      ],
      [
        'phone',
        '+44 20 7946 0958',
        { file: 'account.json', jsonPath: '$.household[0].phone', field: 'phone' },
      ],
    ]);
    expect(comparison.unknown[0]?.ask).toBe(
      'Ask where they got the phone number +49 30 901820, and whose it is (Art. 14, Art. 15(1)(g))',
    );
  });

  it('names the provider an alias found here was given to: it was passed on', () => {
    const findings = json({ profile: { email: 'alex+acme4x@example.org' }, contacts: ['+44 7911 123456'] });
    const comparison = compareAnswer(findings, facts, {
      ...options,
      otherIdentities: [
        { value: 'Alex+Acme4X@example.org', provider: 'Acme Insurance' },
        { value: '+447911123456', provider: 'Brightside Energy' },
      ],
    });
    expect(comparison.passedOn.map((p) => [p.identity, p.givenTo, p.finding.places[0]])).toEqual([
      [
        'Alex+Acme4X@example.org',
        'Acme Insurance',
        { file: 'data.json', jsonPath: '$.profile.email', field: 'email' },
      ],
      [
        '+447911123456',
        'Brightside Energy',
        { file: 'data.json', jsonPath: '$.contacts[0]', field: 'contacts' },
      ],
    ]);
    expect(comparison.passedOn[0]?.ask).toBe(
      'Ask where they got the e-mail address alex+acme4x@example.org, which you gave only to Acme Insurance (Art. 15(1)(g)), and ask Acme Insurance whom it shared it with (Art. 15(1)(c))',
    );
    expect(listed(comparison).filter((entry) => entry.startsWith('email'))).toEqual([
      'email alex+acme4x@example.org',
    ]);
  });

  it('asks in German when asked to', async () => {
    const comparison = compareAnswer(await shopAnswer(), facts, { ...options, language: 'de' });
    expect(comparison.neverGiven[0]?.ask).toBe(
      'Fragen Sie, woher sie Ihr Geburtsdatum haben (Art. 15 Abs. 1 lit. g DSGVO)',
    );
  });

  it('puts each finding in one list at most, and sets aside what the person ignores', async () => {
    const findings = await shopAnswer();
    const comparison = compareAnswer(findings, facts, {
      ...options,
      ignore: ['+49 30 901820', 'name:sam example'],
    });
    const all = listed(comparison);
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain('phone +4930901820');
    expect(all).not.toContain('name sam example');
  });
});

describe('compareAnswer on single facts', () => {
  const fact = (kind: string, label: string, values: unknown[], given: number[], more = {}): LedgerFact => ({
    factId: 9,
    kind,
    label,
    versions: values.map((value, index) => ({ version: index + 1, value, validFrom: null })),
    currentVersion: values.length,
    givenVersions: given,
    ...more,
  });
  it('finds the real address behind an alias as never given', () => {
    const comparison = compareAnswer(
      json({ user: { email: 'ALEX@example.org' } }),
      [fact('email', 'Personal e-mail', [{ address: 'alex@example.org' }], [])],
      { identities: ['alex+shop@example.org'] },
    );
    expect(comparison.neverGiven.map((n) => [n.fact.label, n.ask])).toEqual([
      ['Personal e-mail', 'Ask where they got your e-mail address (Art. 15(1)(g))'],
    ]);
  });

  it('takes a name that changed as outdated, and the current one given as matched', () => {
    const name = fact('name', 'Name', [{ full: 'Alex Muster' }, { full: 'Alex Example' }], [1, 2]);
    const comparison = compareAnswer(
      json({ profile: { fullName: 'MUSTER,  Alex', displayName: 'alex example' } }),
      [name],
    );
    expect(comparison.outdated.map((o) => [o.finding.shown, o.fact.version, o.fact.current])).toEqual([
      ['MUSTER, Alex', 1, 2],
    ]);
    expect(comparison.matched.map((m) => m.finding.shown)).toEqual(['alex example']);
  });

  it('matches a name with a title or a middle initial the vault does not keep', () => {
    const name = fact('name', 'Name', [{ full: 'Alex Example' }], [1]);
    const comparison = compareAnswer(
      json({ payment: { accountHolder: 'Dr. Alex J. Example' }, profile: { fullName: 'Herr Alex Example' } }),
      [name],
    );
    expect(comparison.matched.map((m) => m.finding.shown)).toEqual([
      'Dr. Alex J. Example',
      'Herr Alex Example',
    ]);
    expect(comparison.unknown).toEqual([]);
  });

  it('takes the current version held though only an older one was given as never given', () => {
    const phone = fact('phone', 'Mobile', [{ number: '+4915123456789' }, { number: '+4915199999999' }], [1]);
    const comparison = compareAnswer(
      json({ contact: { mobile: '0151 99999999' } }, { defaultCountry: 'DE' }),
      [phone],
    );
    expect(comparison.neverGiven.map((n) => [n.fact.version, n.ask])).toEqual([
      [2, 'Ask where they got your phone number (Art. 15(1)(g))'],
    ]);
    expect(comparison.leftOut).toEqual([]);
  });

  it('marks what they were asked to erase and still hold, and any version of a retired fact as outdated', () => {
    const erased = compareAnswer(json({ account: { iban: 'GB29NWBK60161331926819' } }), [
      fact('bank_account', 'Old account', [{ iban: 'GB29 NWBK 6016 1331 9268 19' }], [], {
        withdrawnVersions: [1],
      }),
    ]);
    expect(erased.stillHeld.map((s) => s.fact)).toEqual([{ id: 9, label: 'Old account', version: 1 }]);
    const retired = compareAnswer(json({ account: { iban: 'GB29NWBK60161331926819' } }), [
      fact('bank_account', 'Old account', [{ iban: 'GB29NWBK60161331926819' }], [1], { retired: true }),
    ]);
    expect(retired.outdated.map((o) => o.fact)).toEqual([
      { id: 9, label: 'Old account', version: 1, current: 1 },
    ]);
  });

  it('matches British and French street spellings, and not a neighbour on the same postcode', () => {
    const flat = fact(
      'postal_address',
      'Flat',
      [{ lines: ['Flat 3', '12 Cotham Hill Rd'], locality: 'Bristol', postcode: 'BS6 6LA', country: 'GB' }],
      [1],
    );
    const paris = fact(
      'postal_address',
      'Paris',
      [{ lines: ['12 av. Foch'], locality: 'Paris', postcode: '75016', country: 'FR' }],
      [1],
    );
    const found = json({
      addresses: [
        { line1: '12 Cotham Hill Road', town: 'Bristol', postcode: 'bs66la' },
        { line1: '14 Cotham Hill Road', town: 'Bristol', postcode: 'BS6 6LA' },
        { street: '12 Avenue Foch', zip: 'F-75016', city: 'Paris' },
      ],
    });
    const comparison = compareAnswer(found, [flat, { ...paris, factId: 10 }]);
    expect(comparison.matched.map((m) => [m.finding.shown, m.fact?.label])).toEqual([
      ['12 Cotham Hill Road, bs66la Bristol', 'Flat'],
      ['12 Avenue Foch, F-75016 Paris', 'Paris'],
    ]);
    expect(comparison.unknown.map((u) => u.finding.shown)).toEqual(['14 Cotham Hill Road, BS6 6LA Bristol']);
  });

  it('reads a music service’s Userdata.json: a postcode alone is part of the address it belongs to', () => {
    // The shape of Spotify's "Account data" download (Userdata.json), with Alex's values.
    const userdata = {
      username: 'alexexample88',
      email: 'alex+music@example.org',
      country: 'DE',
      birthdate: '1988-07-14',
      gender: 'neutral',
      postalCode: '12345',
      mobileNumber: null,
      mobileOperator: null,
      mobileBrand: null,
      creationTime: '2015-03-01',
    };
    const home = fact(
      'postal_address',
      'Home',
      [
        { lines: ['Altweg 3'], postcode: '10115', locality: 'Berlin', country: 'DE' },
        { lines: ['Musterstraße 5'], postcode: '12345', locality: 'Musterstadt', country: 'DE' },
      ],
      [1],
    );
    const birthday = { ...fact('date', 'Date of birth', [{ date: '1988-07-14' }], [1]), factId: 10 };
    const comparison = compareAnswer(json(userdata), [home, birthday], {
      identities: ['alex+music@example.org'],
    });
    expect(comparison.neverGiven.map((n) => [n.finding.shown, n.fact.label, n.fact.version])).toEqual([
      ['12345', 'Home', 2],
    ]);
    expect(comparison.matched.map((m) => m.fact?.label ?? m.identity)).toEqual([
      'alex+music@example.org',
      'Date of birth',
    ]);
    expect(comparison.unknown).toEqual([]);
    expect(comparison.leftOut).toEqual([]);
  });

  it('matches a date other than a birth date only in a field named like the fact', () => {
    const wedding = fact('date', 'Wedding day', [{ date: '2019-06-01' }], []);
    const comparison = compareAnswer(
      json({ orders: [{ placed: '2019-06-01' }], event: { weddingDay: '2019-06-01' } }),
      [wedding],
    );
    expect(comparison.neverGiven.map((n) => [n.finding.places.length, n.ask])).toEqual([
      [2, 'Ask where they got your date "Wedding day" (Art. 15(1)(g))'],
    ]);
    expect(compareAnswer(json({ orders: [{ placed: '2019-06-01' }] }), [wedding]).neverGiven).toEqual([]);
  });
});
