import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { VrmError } from './errors.js';
import { parseInput, validationError } from './validation.js';

const refusal = (schema: z.ZodType, input: unknown, context?: string): VrmError => {
  try {
    parseInput(schema, input, context);
  } catch (error) {
    if (error instanceof VrmError) return error;
  }
  throw new Error('expected a refusal');
};

describe('validation messages (issue 14 point 6)', () => {
  const contract = z.object({ name: z.string(), currency: z.string(), price: z.string(), days: z.number() });

  it('says a missing field is required and what a mistyped one should be, not zod\'s "expected string, received undefined"', () => {
    const error = refusal(contract, { price: 12, days: 'x', currency: 'EUR' }, 'contract');
    expect(error.message).toBe('contract: name: is required; price: must be text; days: must be a number');
    expect(error.message).not.toMatch(/expected|received|and \d more/);
  });

  it('lists every problem once, and sums up only past five', () => {
    expect(
      validationError([
        { path: 'currency', message: 'unknown code' },
        { path: 'currency', message: 'unknown code' },
        { path: 'name', message: 'must not be empty' },
      ]).message,
    ).toBe('currency: unknown code; name: must not be empty');
    const many = Array.from({ length: 7 }, (_, i) => ({ path: `f${i}`, message: 'is required' }));
    expect(validationError(many).message).toBe(
      'f0: is required; f1: is required; f2: is required; f3: is required; f4: is required (and 2 more)',
    );
    expect(validationError(many).details).toHaveLength(7);
  });
});

describe('a message that names its field (issue 14 point 6)', () => {
  it('is not prefixed with the field again ("name: name must not be empty")', () => {
    const error = validationError([
      { path: 'name', message: 'name must not be empty' },
      { path: 'customerNumber', message: 'customer number must not be empty' },
      { path: 'supportEmail', message: 'is not an e-mail address' },
      { path: 'value.lines[0]', message: 'lines must not be empty' },
    ]);
    expect(error.message).toBe(
      'name must not be empty; customer number must not be empty; supportEmail: is not an e-mail address; value.lines[0]: lines must not be empty',
    );
  });
});
