import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printableText } from '../letters/words.js';
import {
  ACCESS_ITEMS,
  admonitionText,
  cite,
  complaintText,
  KIND_LABELS,
  REQUEST_KINDS,
  requestText,
  type AdmonitionReason,
  type Identification,
  type Language,
  type RequestKind,
  type RequestTextInput,
} from './templates.js';

const ID: Identification = {
  name: 'Alex Jørgensen',
  email: 'stadtwerke.k7@alex.example',
  customerNumbers: ['KD-4711'],
};

/** What each kind needs besides the common fields, so every kind can be written. */
const DETAILS: Partial<Record<RequestKind, Partial<RequestTextInput>>> = {
  rectification: {
    rectify: [
      {
        label: 'Anschrift',
        held: ['Alte Gasse 1', '50667 Köln'],
        correct: ['Neue Straße 9', '10115 Berlin'],
      },
    ],
  },
};

const input = (
  kind: RequestKind,
  language: Language,
  overrides: Partial<RequestTextInput> = {},
): RequestTextInput => ({
  kind,
  language,
  provider: 'Stadtwerke Köln',
  identification: ID,
  sentOn: '2026-12-07',
  channel: 'email',
  ...DETAILS[kind],
  ...overrides,
});

/** The article as each language writes it: "Art. 21(2) GDPR", "Art. 21 Abs. 2 DSGVO". */
const cited = (kind: RequestKind, language: Language) =>
  `${cite(KIND_LABELS[kind].article, language)} ${language === 'en' ? 'GDPR' : 'DSGVO'}`;

/** Words of the English templates that must never show in a German text. */
const ENGLISH = [
  'Dear',
  'Please',
  'please',
  'Kind regards',
  ' the ',
  'GDPR',
  'request',
  'month',
  'e-mail',
  'Customer number',
];

describe('requestText', () => {
  describe.each(['en', 'de'] as const)('in %s', (language) => {
    it.each(REQUEST_KINDS)('cites the article of %s and asks for an answer within one month', (kind) => {
      const { subject, body } = requestText(input(kind, language));
      expect(subject).toContain(cited(kind, language));
      // The body may cite more precisely: Art. 17(1) for an erasure.
      expect(body).toContain(cite(KIND_LABELS[kind].article, language));
      expect(body).toContain(language === 'en' ? 'Art. 12(3) GDPR' : 'Art. 12 Abs. 3 DSGVO');
      expect(body).toContain(
        language === 'en' ? 'within one month of receipt' : 'innerhalb eines Monats nach Eingang',
      );
      // No identity document when the details match (Art. 12(6)).
      expect(body).toContain(language === 'en' ? 'Art. 12(6) GDPR' : 'Art. 12 Abs. 6 DSGVO');
      expect(body).toContain(language === 'en' ? 'identity document' : 'Ausweisdokuments');
      expect(body.trimEnd().endsWith('Alex Jørgensen')).toBe(true);
    });

    it.each(REQUEST_KINDS)('identifies the person with exactly what was given (%s)', (kind) => {
      const { body } = requestText(input(kind, language));
      expect(body).toContain('Name: Alex Jørgensen');
      expect(body).toContain(`${language === 'en' ? 'Customer number' : 'Kundennummer'}: KD-4711`);
      expect(body).toContain(
        `${language === 'en' ? 'E-mail address' : 'E-Mail-Adresse'}: stadtwerke.k7@alex.example`,
      );
      // Nothing the provider was not given: no address, no date of birth, no other e-mail.
      expect(body).not.toMatch(/Date of birth|Geburtsdatum|Postal address|Anschrift:/);
      expect(body).not.toContain('@example.org');
    });

    it.each(REQUEST_KINDS)('states the due day in the language when it is known (%s)', (kind) => {
      const due = language === 'en' ? '6 January 2027' : '6. Januar 2027';
      expect(requestText(input(kind, language, { dueOn: '2027-01-06' })).body).toContain(due);
      expect(requestText(input(kind, language)).body).not.toContain(due);
    });

    if (language === 'de') {
      it.each(REQUEST_KINDS)('uses no English words of the template (%s)', (kind) => {
        const { subject, body } = requestText(input(kind, 'de', { dueOn: '2027-01-06' }));
        for (const word of ENGLISH) expect(`${subject}\n${body}`).not.toContain(word);
      });
    }

    it.each(REQUEST_KINDS)(
      'prints in a letter as written, every character in the letter font (%s)',
      (kind) => {
        const { subject, body } = requestText(
          input(kind, language, { channel: 'letter', dueOn: '2027-01-06' }),
        );
        expect(printableText(`${subject}\n${body}`)).toEqual({ text: `${subject}\n${body}`, replaced: [] });
      },
    );

    it('lists every Art. 15 item on its own numbered line in an access request', () => {
      const lines = requestText(input('access', language)).body.split('\n');
      ACCESS_ITEMS.forEach((item, i) => {
        const line = lines.find((candidate) => candidate.startsWith(`${String(i + 1)}. `));
        expect(line).toContain(item[language]);
        expect(line).toContain(`(${cite(item.article, language)})`);
      });
      expect(lines.filter((line) => /^\d+\. /.test(line))).toHaveLength(ACCESS_ITEMS.length);
    });
  });

  it('gives an address, a date of birth and other details when the provider holds them, in the language of the text', () => {
    const identification: Identification = {
      address: ['Neue Straße 9', '10115 Berlin'],
      birthdate: '1990-01-06',
      other: [{ label: 'Vertragskonto', value: 'VK 88-1' }],
    };
    const de = requestText(input('access', 'de', { identification, channel: 'letter' })).body;
    expect(de).toContain('Anschrift:\n        Neue Straße 9\n        10115 Berlin');
    expect(de).toContain('Geburtsdatum: 6. Januar 1990');
    expect(de).toContain('Vertragskonto: VK 88-1');
    expect(de).not.toContain('E-Mail-Adresse');
    expect(de).not.toContain('Kundennummer');
    // A letter with no e-mail address asks for the answer by post; no name, no signature line.
    expect(de).toContain('per Post an meine obige Anschrift');
    expect(de.trimEnd().endsWith('Mit freundlichen Grüßen')).toBe(true);
    const en = requestText(input('access', 'en', { identification })).body;
    expect(en).toContain('Date of birth: 6 January 1990');
  });

  it('gives any part of the identification that was given and never one that was not (property)', () => {
    // Distinct values, none of which the template's own words contain.
    const pool = {
      name: 'Quinn Zephyrine',
      email: 'qz.k7@alias.example',
      customerNumbers: ['CN-8841-XQ'],
      address: ['Quayside 77', 'ZX9 9ZZ Qorbury'],
      birthdate: '1987-07-19',
      other: [{ label: 'Meter number', value: 'MTR-5521' }],
    } as const;
    const shown = {
      name: ['Quinn Zephyrine'],
      email: ['qz.k7@alias.example'],
      customerNumbers: ['CN-8841-XQ'],
      address: ['Quayside 77', 'ZX9 9ZZ Qorbury'],
      birthdate: ['19 July 1987', '19. Juli 1987'],
      other: ['Meter number', 'MTR-5521'],
    } as const;
    const keys = Object.keys(pool) as (keyof typeof pool)[];
    fc.assert(
      fc.property(
        fc.subarray(keys, { minLength: 1 }),
        fc.constantFrom(...REQUEST_KINDS),
        fc.constantFrom<Language>('en', 'de'),
        fc.constantFrom<RequestTextInput['channel']>('email', 'letter', 'web_form'),
        (given, kind, language, channel) => {
          const identification = Object.fromEntries(given.map((key) => [key, pool[key]])) as Identification;
          const { body } = requestText(input(kind, language, { identification, channel }));
          for (const key of keys) {
            // A day is written in the text's language.
            const words = key === 'birthdate' ? [shown.birthdate[language === 'en' ? 0 : 1]] : shown[key];
            for (const word of words) {
              if (given.includes(key)) expect(body).toContain(word);
              else expect(body).not.toContain(word);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('asks for the electronic copy to go to the alias the provider knows', () => {
    const { body } = requestText(input('access', 'en'));
    expect(body).toContain('commonly used electronic form (Art. 15(3) GDPR)');
    expect(body).toContain('by e-mail to stadtwerke.k7@alex.example');
  });

  it('asks for the answer where it can reach the person: the alias, a reply, the form or the post', () => {
    const noEmail: Identification = { customerNumbers: ['KD-4711'] };
    expect(requestText(input('erasure', 'en', { identification: noEmail })).body).toContain(
      'confirm the erasure by replying to this e-mail',
    );
    expect(requestText(input('erasure', 'de', { identification: noEmail })).body).toContain(
      'als Antwort auf diese E-Mail',
    );
    expect(
      requestText(input('erasure', 'en', { identification: noEmail, channel: 'web_form' })).body,
    ).toContain('to the contact details I gave in your form');
    expect(requestText(input('erasure', 'en', { channel: 'letter' })).body).toContain(
      'by post to my address above, or by e-mail to stadtwerke.k7@alex.example',
    );
  });

  it('lists each fact to rectify as held and correct', () => {
    const { body } = requestText(input('rectification', 'en'));
    expect(body).toMatch(
      /- Anschrift\n\s+You hold:\n\s+Alte Gasse 1\n\s+50667 Köln\n\s+Correct:\n\s+Neue Straße 9\n\s+10115 Berlin/,
    );
    expect(body).toContain('Art. 19 GDPR');
  });

  it('names what to erase, or everything, cites Art. 17(1) and asks to tell recipients (Art. 19)', () => {
    const some = requestText(input('erasure', 'en', { erase: ['Phone number', 'Purchase history'] })).body;
    expect(some).toContain('Art. 17(1) GDPR');
    expect(some).toContain('  - Phone number\n  - Purchase history');
    expect(some).toContain('Art. 19 GDPR');
    expect(requestText(input('erasure', 'en')).body).toContain('all personal data you hold about me');
    expect(requestText(input('erasure', 'de')).body).toContain('alle personenbezogenen Daten');
  });

  it('asks for a structured, machine-readable format for portability, or the one given', () => {
    expect(requestText(input('portability', 'en')).body).toContain(
      'structured, commonly used and machine-readable',
    );
    expect(requestText(input('portability', 'en', { portabilityFormat: 'JSON' })).body).toContain('in JSON.');
  });

  it('tells an objection to direct marketing from a general one: absolute, no weighing (Art. 21(2) and (3))', () => {
    const marketing = requestText(input('marketing_objection', 'en')).body;
    expect(marketing).toContain('direct marketing');
    expect(marketing).toContain('Art. 21(3)');
    expect(marketing).toContain('no weighing of interests');
    const general = requestText(
      input('objection', 'en', { objectTo: 'the credit scoring of my account' }),
    ).body;
    expect(general).toContain('I object to the credit scoring of my account');
    expect(general).toContain('compelling legitimate grounds');
  });

  it('withdraws the consent named and asks to erase what rested on it alone (Art. 7(3), Art. 17(1)(b))', () => {
    const { body } = requestText(input('withdraw_consent', 'en', { consentTo: 'the newsletter' }));
    expect(body).toContain('I withdraw my consent to the newsletter');
    expect(body).toContain('Art. 17(1)(b) GDPR');
  });

  it('asks for the recipients by name, not only categories (Art. 15(1)(c) and Art. 19)', () => {
    const { body } = requestText(input('recipients', 'en'));
    expect(body).toContain('Under Art. 15(1)(c) and Art. 19 GDPR');
    expect(body).toContain('name each recipient, not only categories');
  });

  it('refuses input that makes no sense, naming the field', () => {
    expect(() => requestText(input('access', 'en', { sentOn: '2026-02-30' }))).toThrow(
      /Sending day 2026-02-30 does not exist/,
    );
    expect(() => requestText(input('access', 'en', { dueOn: '2026-11-01' }))).toThrow(
      /Due day 2026-11-01 is before sending day/,
    );
    expect(() => requestText(input('access', 'en', { identification: {} }))).toThrow(
      /Identification is empty/,
    );
    expect(() => requestText(input('rectification', 'en', { rectify: [] }))).toThrow(/Facts to correct/);
    expect(() =>
      requestText(
        input('rectification', 'en', { rectify: [{ label: 'Phone', held: null, correct: [' '] }] }),
      ),
    ).toThrow(/Correct value of "Phone" is empty/);
  });
});

const REASONS: { reason: AdmonitionReason; en: string[]; de: string[] }[] = [
  {
    reason: { kind: 'overdue', dueOn: '2027-01-06' },
    en: ['not answered', '6 January 2027', 'Art. 12(3) GDPR'],
    de: ['nicht geantwortet', '6. Januar 2027', 'Art. 12 Abs. 3 DSGVO'],
  },
  {
    reason: { kind: 'missing_items', items: ['purposes', 'source'] },
    en: ['Art. 15(1) GDPR', 'the purposes for which you process it (Art. 15(1)(a))', '(Art. 15(1)(g))'],
    de: [
      'Art. 15 Abs. 1 DSGVO',
      'die Zwecke, zu denen Sie sie verarbeiten (Art. 15 Abs. 1 lit. a)',
      '(Art. 15 Abs. 1 lit. g)',
    ],
  },
  {
    reason: { kind: 'left_out', what: ['Telefonnummer', 'Zählerstand'] },
    en: ['Art. 15(3) GDPR', 'incomplete', '  - Telefonnummer\n  - Zählerstand'],
    de: ['Art. 15 Abs. 3 DSGVO', 'unvollständig', '  - Telefonnummer\n  - Zählerstand'],
  },
  {
    reason: { kind: 'excessive_id', asked: 'eine Kopie meines Personalausweises' },
    en: ['eine Kopie meines Personalausweises', 'Art. 12(6) GDPR', 'Art. 5(1)(c) GDPR'],
    de: ['eine Kopie meines Personalausweises', 'Art. 12 Abs. 6 DSGVO', 'Art. 5 Abs. 1 lit. c DSGVO'],
  },
  {
    reason: { kind: 'wrong_medium', asked: 'electronic copy', got: 'paper printout' },
    en: ['electronic copy', 'paper printout', 'Art. 12(1)', 'Art. 15(3) GDPR'],
    de: ['electronic copy', 'paper printout', 'Art. 12 Abs. 1', 'Art. 15 Abs. 3 DSGVO'],
  },
  {
    reason: { kind: 'wrong_language', got: 'Französisch' },
    en: ['Französisch', 'Art. 12(1) GDPR', 'concise, intelligible'],
    de: ['Französisch', 'Art. 12 Abs. 1 DSGVO', 'präzise, verständliche'],
  },
];

const OVERDUE: AdmonitionReason = { kind: 'overdue', dueOn: '2027-01-06' };

describe('admonitionText', () => {
  const admonition = (language: Language, reasons: AdmonitionReason[], extra: object = {}) =>
    admonitionText({
      language,
      provider: 'Stadtwerke Köln',
      requestKind: 'access',
      requestSentOn: '2026-12-07',
      identification: ID,
      reasons,
      newDueOn: '2027-01-27',
      sentOn: '2027-01-13',
      ...extra,
    });

  describe.each(['en', 'de'] as const)('in %s', (language) => {
    it.each(REASONS.map((r) => [r.reason.kind, r] as const))(
      'names the reason %s with its article',
      (_kind, r) => {
        const { body } = admonition(language, [r.reason]);
        for (const words of r[language]) expect(body).toContain(words);
      },
    );

    it('names the request, sets the new date and announces a complaint under Art. 77', () => {
      const { subject, body } = admonition(
        language,
        REASONS.map((r) => r.reason),
      );
      expect(subject).toContain(language === 'en' ? '7 December 2026' : '7. Dezember 2026');
      expect(body).toContain(language === 'en' ? 'by 27 January 2027' : 'bis zum 27. Januar 2027');
      expect(body).toContain(language === 'en' ? 'Art. 77 GDPR' : 'Art. 77 DSGVO');
      expect(body).toContain('KD-4711');
      // A letter prints it as written.
      expect(printableText(body).replaced).toEqual([]);
      expect(printableText(body).unprintable).toBeUndefined();
      // Several reasons are numbered, so each can be answered.
      for (let i = 1; i <= REASONS.length; i += 1) expect(body).toMatch(new RegExp(`^${String(i)}\\. `, 'm'));
    });
  });

  it('mentions the extension notice when there was one', () => {
    expect(admonition('en', [OVERDUE], { extension: { noticeOn: '2026-12-20' } }).body).toContain(
      'On 20 December 2026 you told me that you were extending the period by two further months',
    );
  });

  it('has no English words of the template in German', () => {
    const { subject, body } = admonition(
      'de',
      REASONS.slice(0, 4).map((r) => r.reason),
    );
    for (const word of ENGLISH) expect(`${subject}\n${body}`).not.toContain(word);
  });

  it('refuses a new date before the admonition, unknown items and no reasons', () => {
    expect(() => admonition('en', [OVERDUE], { newDueOn: '2027-01-01' })).toThrow(
      /New deadline 2027-01-01 is before admonition day/,
    );
    expect(() => admonition('en', [])).toThrow(/Reasons: name at least one/);
    expect(() => admonition('en', [{ kind: 'missing_items', items: ['colour' as never] }])).toThrow(
      /"colour" is not an item of Art. 15/,
    );
  });
});

describe('complaintText', () => {
  const complaint = (language: Language, extra: object = {}) =>
    complaintText({
      language,
      authority: 'Information Commissioner’s Office',
      controller: {
        name: 'Brightside Energy Ltd',
        address: '1 Canal Street\nLeeds LS1 4AB',
        email: 'dpo@brightside.example',
      },
      person: {
        name: 'Alex Jørgensen',
        address: ['12 Harbour Road', 'Bristol BS1 4DJ'],
        email: 'alex@alex.example',
      },
      requestKind: 'access',
      requestSentOn: '2026-11-02',
      dueOn: '2026-12-02',
      admonishedOn: '2026-12-07',
      reasons: [{ kind: 'overdue', dueOn: '2026-12-02' }],
      sentOn: '2026-12-22',
      ...extra,
    });

  it.each(['en', 'de'] as const)(
    'cites Art. 77 and names the controller, the request and its dates (%s)',
    (language) => {
      const { subject, body } = complaint(language);
      const law = language === 'en' ? 'Art. 77 GDPR' : 'Art. 77 DSGVO';
      expect(subject).toContain(law);
      expect(subject).toContain('Brightside Energy Ltd');
      expect(body).toContain(law);
      expect(body).toContain('1 Canal Street');
      expect(body).toContain('dpo@brightside.example');
      expect(body).toContain('12 Harbour Road');
      const days =
        language === 'en'
          ? ['2 November 2026', '2 December 2026', '7 December 2026']
          : ['2. November 2026', '2. Dezember 2026', '7. Dezember 2026'];
      for (const day of days) expect(body).toContain(day);
      expect(body).toContain(language === 'en' ? 'attached as one PDF' : 'als PDF-Datei bei');
      expect(printableText(body).unprintable).toBeUndefined();
      expect(body).toContain(
        language === 'en' ? 'The controller has not answered' : 'Der Verantwortliche hat nicht geantwortet',
      );
    },
  );

  it('leaves out the admonition when there was none', () => {
    expect(complaint('en', { admonishedOn: null }).body).not.toContain('formal reminder');
  });

  it('refuses a due day before the request and a complaint with no way to reach the person', () => {
    expect(() => complaint('en', { dueOn: '2026-10-01' })).toThrow(
      /Due day 2026-10-01 is before request sent on/,
    );
    expect(() => complaint('en', { person: {} })).toThrow(/About me/);
  });
});
