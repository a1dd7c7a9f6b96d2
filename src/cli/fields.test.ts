import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_FLAGS,
  CASE_FLAGS,
  CONTRACT_FLAGS,
  DOCUMENT_FLAGS,
  FACT_FLAGS,
  type FlagTable,
  fieldsFrom,
  flagFor,
  INTERACTION_FLAGS,
  PROVIDER_FLAGS,
} from './fields.js';

describe('flagFor', () => {
  it.each([
    ['startDate', '--start'],
    ['renewsOn', '--renews-on'],
    ['followUpDoneOn', '--follow-up-done'],
    ['supportEmail', '--support-email'],
    ['customerNumber', '--number'],
    ['mediaType', '--type'],
    ['postalAddress', '--address'],
    ['price', '--price'],
    ['priceMinor', '--price'],
    ['billingIntervalDays', '--cycle'],
    ['validFrom', '--valid-from'],
    ['value.document_type', '--type'],
    ['value.issued_on', '--issued'],
  ])('names the option a person typed for %s: %s', (path, flag) => {
    expect(flagFor(path)).toBe(flag);
  });

  it('names the option for an item of a repeated one', () => {
    expect(flagFor('domains[2]')).toBe('--domain');
    expect(flagFor('value.lines[0]')).toBe('--line');
  });

  it('leaves a field that has its option’s own name as the service says it', () => {
    for (const path of [
      'label',
      'website',
      'currency',
      'title',
      'notes',
      'filename',
      'contracts[0].startDate',
    ])
      expect(flagFor(path), path).toBeUndefined();
  });

  it('names one option for every field, whichever command sets it', () => {
    const tables: readonly FlagTable[] = [
      ACCOUNT_FLAGS,
      CONTRACT_FLAGS,
      CASE_FLAGS,
      INTERACTION_FLAGS,
      DOCUMENT_FLAGS,
      PROVIDER_FLAGS,
      FACT_FLAGS,
    ];
    for (const table of tables) {
      for (const [option, fields] of Object.entries(table)) {
        const typed = `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
        for (const field of typeof fields === 'string' ? [fields] : fields) {
          // Two options for one field would leave one of them misnamed here.
          expect(flagFor(field) ?? typed, `${field} (from ${typed})`).toBe(typed);
        }
      }
    }
  });
});

describe('fieldsFrom', () => {
  it('sets each field from its option, as typed, and leaves worked-out fields to the action', () => {
    expect(
      fieldsFrom(CONTRACT_FLAGS, { start: '2026-01-01', price: '9.99', cycle: 'monthly', notice: '' }),
    ).toEqual({
      name: undefined,
      accountId: undefined,
      kind: undefined,
      currency: undefined,
      startDate: '2026-01-01',
      term: undefined,
      renewsOn: undefined,
      noticePeriod: '',
      autoRenews: undefined,
      paymentMethod: undefined,
      endDate: undefined,
      notes: undefined,
    });
  });
});

describe('a refusal in the words typed at the terminal (issue 14 point 6)', () => {
  it('names every field whose option differs from it by the option, not only the first', async () => {
    const { inCliTerms } = await import('./exit.js');
    expect(
      inCliTerms('contract: currency: must be an ISO 4217 code; startDate: must be a real date', [
        { path: 'currency', message: 'must be an ISO 4217 code' },
        { path: 'startDate', message: 'must be a real date' },
      ]),
    ).toBe('contract: currency: must be an ISO 4217 code; --start: must be a real date');
    expect(
      inCliTerms('provider: supportEmail: is not an e-mail address', [
        { path: 'supportEmail', message: 'is not an e-mail address' },
      ]),
    ).toBe('provider: --support-email: is not an e-mail address');
  });
});
