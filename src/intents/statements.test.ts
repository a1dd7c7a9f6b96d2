import { describe, expect, it } from 'vitest';
import { formsOf, postcodeArea, statementOf, wholeYears, type StatedFact } from './statements.js';

const today = '2026-12-07';
const home: StatedFact = {
  id: 1,
  kind: 'postal_address',
  label: 'Home',
  value: { lines: ['14 Quay Street'], locality: 'Bristol', postcode: 'BS1 4DJ', country: 'GB' },
};
const licence: StatedFact = {
  id: 2,
  kind: 'identity_document',
  label: 'Driving licence',
  value: {
    document_type: 'driving_licence',
    number: 'EXAMP801234AB9CD',
    issuer: 'DVLA',
    issued_on: '2012-05-03',
  },
};
const born: StatedFact = { id: 3, kind: 'date', label: 'Date of birth', value: { date: '1985-09-12' } };
const phone: StatedFact = { id: 4, kind: 'phone', label: 'Mobile', value: { number: '+447400123456' } };
const iban: StatedFact = {
  id: 5,
  kind: 'bank_account',
  label: 'Current account',
  value: { iban: 'GB33BUKB20201555555555' },
};
const name: StatedFact = { id: 6, kind: 'name', label: 'Name', value: { full: 'Alex Example' } };

describe('what a persona may say of the person', () => {
  it('states facts generalised, in the words of the issue', () => {
    expect(statementOf(home, 'postcode_area', { today }).text).toBe('Home: postcode area BS1');
    expect(statementOf(home, 'town', { today }).text).toBe('Home: Bristol, GB');
    expect(statementOf(licence, 'held_since', { today }).text).toBe(
      'Driving licence: holds a driving licence since 2012',
    );
    expect(statementOf(licence, 'held', { today }).text).toBe('Driving licence: holds a driving licence');
    expect(statementOf(born, 'year', { today }).text).toBe('Date of birth: 1985');
    expect(statementOf(born, 'years_since', { today })).toMatchObject({ value: '41', generalised: true });
    expect(statementOf(phone, 'country', { today }).text).toBe('Mobile: a phone number in GB');
    expect(statementOf(iban, 'country', { today }).text).toBe('Current account: a bank account in GB');
  });

  it('never states a fact in full unless the person says so, and then says it is not generalised', () => {
    expect(() => statementOf(home, 'full', { today })).toThrow(
      /your postal address "Home" cannot be stated in full: a persona states your facts only in general unless you say so; to state this one in full, say so \(full: true, or --full\), or state it as postcode_area or town or country/u,
    );
    expect(() => statementOf(name, 'full', { today })).toThrow(/cannot be stated in full/u);
    expect(statementOf(home, 'full', { today, fullAllowed: true })).toMatchObject({
      text: 'Home: 14 Quay Street, Bristol, BS1 4DJ, GB',
      generalised: false,
    });
  });

  it('refuses a form the kind does not have, naming the forms it has', () => {
    expect(() => statementOf(born, 'postcode_area', { today })).toThrow(
      'your date "Date of birth" cannot be stated as the postcode area only: a date can be stated as year (the year only), years_since (the whole years since), or in full if you say so',
    );
    expect(() => statementOf(name, 'country', { today })).toThrow(
      /a name has no general form: it can only be stated in full, if you say so/u,
    );
    expect(formsOf('email')).toEqual(['full']);
  });

  it('refuses what the fact cannot give, saying why', () => {
    const noPostcode = { ...home, value: { ...home.value, postcode: undefined } };
    expect(() => statementOf(noPostcode, 'postcode_area', { today })).toThrow(/has no postcode/u);
    const noIssue = { ...licence, value: { ...licence.value, issued_on: undefined } };
    expect(() => statementOf(noIssue, 'held_since', { today })).toThrow(/state that you hold one \(held\)/u);
    const future = { ...born, value: { date: '2027-01-01' } };
    expect(() => statementOf(future, 'years_since', { today })).toThrow(/2027-01-01 is still to come/u);
  });
});

describe('postcodeArea', () => {
  it.each([
    ['BS1 4DJ', 'GB', 'BS1'],
    ['ec1a1bb', 'GB', 'EC1A'],
    ['D02 X285', 'IE', 'D02'],
    ['10115', 'DE', '10…'],
    ['75008', 'FR', '75…'],
    ['1012 AB', 'NL', '10…'],
    ['1010', 'AT', '10…'],
    ['K1A 0B1', 'CA', 'K1A'],
    ['', 'DE', null],
  ])('%s in %s is %s', (postcode, country, area) => {
    expect(postcodeArea(postcode, country)).toBe(area);
  });
});

describe('wholeYears', () => {
  it('counts a year only once its day has come', () => {
    expect(wholeYears('2012-12-07', '2026-12-07')).toBe(14);
    expect(wholeYears('2012-12-08', '2026-12-07')).toBe(13);
    expect(wholeYears('2024-02-29', '2025-02-28')).toBe(0);
  });
});
