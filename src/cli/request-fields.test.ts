import { describe, expect, it } from 'vitest';
import { inCliTerms } from './exit.js';
import { flagFor } from './fields.js';

/** `vrm request …` (issue 16): a service's message names the option the person typed. */
describe('the options of vrm request in messages', () => {
  it.each([
    ['place', '--country'],
    ['deliveryDays', '--delivery-days'],
    ['details.facts[0]', '--fact'],
    ['details.erase[1]', '--erase'],
    ['details.objectTo', '--object-to'],
    ['details.consentTo', '--consent'],
    ['excessiveId', '--excessive-id'],
    ['on', '--on'],
  ])('names %s as %s', (path, flag) => {
    expect(flagFor(path)).toBe(flag);
  });

  it('rewrites a bad day of a notice into the option typed', () => {
    expect(
      inCliTerms('extension: on: must be a real date written YYYY-MM-DD', [
        { path: 'on', message: 'must be a real date written YYYY-MM-DD' },
      ]),
    ).toBe('extension: --on: must be a real date written YYYY-MM-DD');
  });
});
