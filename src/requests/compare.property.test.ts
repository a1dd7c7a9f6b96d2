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

  it('keeps its lists consistent with the ledger for any answer and any ledger', () => {
    const emails = ['alex@example.org', 'alex+shop@example.org', 'sam@gmail.com'];
    const phones = ['+4915123456789', '+4930901820', '+447911123456'];
    const names = ['Alex Example', 'Alex Muster', 'Sam Example'];
    const dates = ['1988-07-14', '1990-01-01', '2025-03-01'];
    const value = fc.oneof(
      fc.record({ email: fc.constantFrom(...emails, 'info@shop.example') }),
      fc.record({ mobile: fc.constantFrom(...phones) }),
      fc.record({ fullName: fc.constantFrom(...names) }),
      fc.record({ dateOfBirth: fc.constantFrom(...dates) }),
      fc.record({ placed: fc.constantFrom(...dates) }),
    );
    const versions = <T>(pool: T[]) =>
      fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 });
    const ledgerFact = fc
      .oneof(
        versions(emails).map((vs) => ({
          kind: 'email',
          label: 'E-mail',
          values: vs.map<unknown>((address) => ({ address })),
        })),
        versions(phones).map((vs) => ({
          kind: 'phone',
          label: 'Phone',
          values: vs.map<unknown>((number) => ({ number })),
        })),
        versions(names).map((vs) => ({
          kind: 'name',
          label: 'Name',
          values: vs.map<unknown>((full) => ({ full })),
        })),
        versions(dates).map((vs) => ({
          kind: 'date',
          label: 'Date of birth',
          values: vs.map<unknown>((date) => ({ date })),
        })),
      )
      .chain((f) =>
        fc.record({
          f: fc.constant(f),
          given: fc.subarray(f.values.map((_, i) => i + 1)),
          withdrawn: fc.subarray(f.values.map((_, i) => i + 1)),
          retired: fc.boolean(),
        }),
      );
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 8 }),
        fc.array(ledgerFact, { maxLength: 5 }),
        (records, plans) => {
          const facts: LedgerFact[] = plans.map(({ f, given, withdrawn, retired }, i) => ({
            factId: i + 1,
            kind: f.kind,
            label: f.label,
            versions: f.values.map((v, n) => ({ version: n + 1, value: v, validFrom: null })),
            currentVersion: f.values.length,
            givenVersions: given,
            withdrawnVersions: withdrawn.filter((w) => !given.includes(w)),
            retired,
          }));
          const findings = extractFindings([jsonFile({ records })]);
          const result = compareAnswer(findings, facts, {
            providerDomains: ['shop.example'],
            identities: ['alex+shop@example.org'],
          });
          const byId = new Map(facts.map((f) => [f.factId, f]));
          const listedFindings = [
            ...result.neverGiven,
            ...result.unknown,
            ...result.outdated,
            ...result.matched,
            ...result.passedOn,
            ...result.stillHeld,
          ].map((entry) => entry.finding);
          expect(new Set(listedFindings).size).toBe(listedFindings.length);
          for (const { fact } of result.matched)
            if (fact) {
              const f = byId.get(fact.id);
              expect(f?.givenVersions).toContain(fact.version);
              expect(fact.version).toBe(f?.currentVersion);
              expect(f?.retired).toBe(false);
            }
          for (const { fact } of result.neverGiven)
            expect(byId.get(fact.id)?.givenVersions).not.toContain(fact.version);
          for (const { fact } of result.outdated)
            expect(fact.version < fact.current || byId.get(fact.id)?.retired === true).toBe(true);
          for (const { fact } of result.stillHeld) expect(byId.get(fact.id)?.givenVersions).toEqual([]);
          const found = new Set(
            [...result.matched, ...result.outdated, ...result.neverGiven, ...result.stillHeld].flatMap((e) =>
              e.fact ? [e.fact.id] : [],
            ),
          );
          for (const { fact } of result.leftOut) {
            expect(byId.get(fact.id)?.givenVersions.length).toBeGreaterThan(0);
            expect(found.has(fact.id)).toBe(false);
          }
          // The provider's own address is never listed, whatever the ledger says.
          expect(listedFindings.map((f) => f.value)).not.toContain('info@shop.example');
        },
      ),
    );
  });
});
