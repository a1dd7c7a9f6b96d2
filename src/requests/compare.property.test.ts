import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFindings } from './answer/findings.js';
import type { AnswerFile } from './answer/types.js';
import { compareAnswer, type LedgerFact } from './compare.js';

const jsonFile = (data: unknown): AnswerFile => {
  const text = JSON.stringify(data);
  return { path: 'export.json', type: 'json', bytes: Buffer.from(text), text, json: data };
};

const fact = (
  factId: number,
  kind: string,
  value: unknown,
  given: boolean,
  label = `Fact ${factId}`,
): LedgerFact => ({
  factId,
  kind,
  label,
  versions: [{ version: 1, value, validFrom: null }],
  currentVersion: 1,
  givenVersions: given ? [1] : [],
});

/** A word as names and streets have them: a capital, then small letters, umlauts and ß among them. */
const word = fc
  .array(fc.constantFrom(...'abcdefghiklmnoprstuwäöüß'.split('')), { minLength: 3, maxLength: 9 })
  .map((letters) => letters.join(''))
  .filter((w) => !/str$/.test(w))
  .map((w) => w.charAt(0).toUpperCase() + w.slice(1));

describe('compareAnswer (properties)', () => {
  it('matches a name however the answer orders, cases and spaces it', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (given, family, style) => {
        const written = [
          `${family}, ${given}`,
          `${given.toUpperCase()}   ${family}`,
          `${family.toLowerCase()} ${given.toLowerCase()}`,
          `${given} ${family}`,
        ][style];
        const findings = extractFindings([jsonFile({ profile: { fullName: written } })]);
        const result = compareAnswer(findings, [fact(1, 'name', { full: `${given} ${family}` }, true)]);
        expect(result.matched.map((m) => m.fact?.id)).toEqual([1]);
        expect(result.leftOut).toEqual([]);
      }),
    );
  });

  it('matches a German street however "Straße" is written, and not another house number', () => {
    fc.assert(
      fc.property(
        word,
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 9 }),
        (stem, number, style, other) => {
          const street = [
            `${stem}str. ${number}`,
            `${stem} Straße ${number}`,
            `${stem.toUpperCase()}STRASSE ${number}`,
            `${stem}strasse ${number}`,
            `${stem}str ${number}`,
          ][style];
          const vault = fact(
            1,
            'postal_address',
            { lines: [`${stem}straße ${number}`], postcode: '12345', locality: 'Musterstadt', country: 'DE' },
            true,
          );
          const answer = (house: string) =>
            extractFindings([
              jsonFile({ address: { street: house, postcode: '12345', city: 'Musterstadt' } }),
            ]);
          expect(compareAnswer(answer(street ?? ''), [vault]).matched.map((m) => m.fact?.id)).toEqual([1]);
          const neighbour = compareAnswer(answer(`${stem}straße ${number + other}`), [vault]);
          expect(neighbour.matched).toEqual([]);
          expect(neighbour.leftOut.map((l) => l.fact.id)).toEqual([1]);
        },
      ),
    );
  });

  it('sorts every fact by whether it was given and whether the answer holds it', () => {
    const pool = [
      { kind: 'email', value: { address: 'alex@example.org' }, json: { email: 'alex@example.org' } },
      { kind: 'phone', value: { number: '+4915123456789' }, json: { mobile: '+49 151 23456789' } },
      {
        kind: 'bank_account',
        value: { iban: 'GB29NWBK60161331926819' },
        json: { iban: 'GB29 NWBK 6016 1331 9268 19' },
      },
      { kind: 'date', value: { date: '1988-07-14' }, json: { dateOfBirth: '14.07.1988' } },
      { kind: 'name', value: { full: 'Alex Example' }, json: { fullName: 'Example, Alex' } },
      {
        kind: 'postal_address',
        value: { lines: ['12 Cotham Hill'], postcode: 'BS6 6LA', locality: 'Bristol', country: 'GB' },
        json: { address: { line1: '12 Cotham Hill', postcode: 'BS6 6LA', town: 'Bristol' } },
      },
    ];
    fc.assert(
      fc.property(
        fc.array(fc.record({ given: fc.boolean(), held: fc.boolean() }), {
          minLength: pool.length,
          maxLength: pool.length,
        }),
        (plan) => {
          const facts = pool.map((p, i) =>
            fact(
              i + 1,
              p.kind,
              p.value,
              plan[i]?.given ?? false,
              p.kind === 'date' ? 'Date of birth' : p.kind,
            ),
          );
          const profile = Object.assign(
            {},
            ...pool.filter((_, i) => plan[i]?.held).map((p) => p.json),
          ) as object;
          const result = compareAnswer(extractFindings([jsonFile({ profile })]), facts);
          const ids = (list: { fact?: { id: number } }[]) => list.map((e) => e.fact?.id).sort();
          const where = (want: { given: boolean; held: boolean }) =>
            plan.flatMap((p, i) => (p.given === want.given && p.held === want.held ? [i + 1] : [])).sort();
          expect(ids(result.matched)).toEqual(where({ given: true, held: true }));
          expect(ids(result.neverGiven)).toEqual(where({ given: false, held: true }));
          expect(ids(result.leftOut)).toEqual(where({ given: true, held: false }));
          expect(result.unknown).toEqual([]);
          expect(result.outdated).toEqual([]);
        },
      ),
    );
  });
});
