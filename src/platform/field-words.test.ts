import { describe, expect, it } from 'vitest';
import { fieldWords, problemSentence } from './field-words.js';

describe('a problem in the words of the form (issue 14 point 6)', () => {
  it('reads a field path as words', () => {
    expect(fieldWords('value.customerNumber[0]')).toBe('customer number');
    expect(fieldWords('name')).toBe('name');
  });

  it('names the field by its label, once', () => {
    expect(problemSentence('Customer number', 'customer number must not be empty', 'customerNumber')).toBe(
      'Customer number must not be empty',
    );
    expect(problemSentence('Support e-mail', 'is not an e-mail address', 'supportEmail')).toBe(
      'Support e-mail is not an e-mail address',
    );
    expect(problemSentence('Full name', 'is required', 'value.full')).toBe('Full name is required');
    expect(problemSentence('Currency', 'unknown code', 'currency')).toBe('Currency: unknown code');
  });

  it('keeps a sentence the form wrote itself', () => {
    expect(problemSentence('Repeat', 'Differs from the passphrase above.')).toBe(
      'Differs from the passphrase above.',
    );
  });
});
