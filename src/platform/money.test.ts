import { describe, expect, it } from 'vitest';
import { currencySchema, formatAmount, isCurrency, minorDigits, parseAmount } from './money.js';

describe('minorDigits', () => {
  it('follows ISO 4217: no minor unit for yen, two for euro, three for the Bahraini dinar', () => {
    expect([minorDigits('JPY'), minorDigits('EUR'), minorDigits('GBP'), minorDigits('BHD')]).toEqual([
      0, 2, 2, 3,
    ]);
  });
});

describe('parseAmount', () => {
  it('reads decimal text into whole minor units, never through floating point', () => {
    expect(parseAmount('9.99', 'EUR')).toBe(999);
    expect(parseAmount('12', 'EUR')).toBe(1200);
    expect(parseAmount('0.1', 'EUR')).toBe(10);
    // 1.15 × 100 is 114.99999999999999 in floating point; text arithmetic gives 115.
    expect(parseAmount('1.15', 'EUR')).toBe(115);
    expect(parseAmount(' 1,299.00 ', 'GBP')).toBe(129900);
    expect(parseAmount('1_000', 'JPY')).toBe(1000);
    expect(parseAmount('1.234', 'BHD')).toBe(1234);
  });

  it('names the problem instead of guessing', () => {
    expect(parseAmount('abc', 'EUR')).toBe('"abc" is not an amount (write it like 9.99)');
    expect(parseAmount('-5', 'EUR')).toBe('"-5" is not an amount (write it like 9.99)');
    expect(parseAmount('9.999', 'EUR')).toBe('"9.999" has more than 2 decimal places, too many for EUR');
    expect(parseAmount('1.5', 'JPY')).toBe('"1.5" has more than 0 decimal places, too many for JPY');
    expect(parseAmount('1.2345', 'BHD')).toBe('"1.2345" has more than 3 decimal places, too many for BHD');
    expect(parseAmount('99999999999999999', 'EUR')).toBe('"99999999999999999" is too large');
  });
});

describe('formatAmount', () => {
  it('writes the amount with its code, the same in any locale', () => {
    expect(formatAmount({ minor: 999, currency: 'EUR' })).toBe('9.99 EUR');
    expect(formatAmount({ minor: 5, currency: 'EUR' })).toBe('0.05 EUR');
    expect(formatAmount({ minor: 123456789, currency: 'GBP' })).toBe('1,234,567.89 GBP');
    expect(formatAmount({ minor: -1250, currency: 'EUR' })).toBe('-12.50 EUR');
    expect(formatAmount({ minor: 1000, currency: 'JPY' })).toBe('1,000 JPY');
    expect(formatAmount({ minor: 1234, currency: 'BHD' })).toBe('1.234 BHD');
  });

  it('reads back what it writes', () => {
    for (const [minor, currency] of [
      [0, 'EUR'],
      [1, 'EUR'],
      [1999, 'GBP'],
      [100000000, 'EUR'],
      [7, 'JPY'],
      [1001, 'BHD'],
    ] as const) {
      const text = formatAmount({ minor, currency }).replace(` ${currency}`, '');
      expect(parseAmount(text, currency)).toBe(minor);
    }
  });
});

describe('currencySchema', () => {
  it('takes an ISO 4217 code in any case and refuses others', () => {
    expect(currencySchema.parse(' eur ')).toBe('EUR');
    expect(isCurrency('GBX')).toBe(false);
    expect(currencySchema.safeParse('GBX').error?.issues[0]?.message).toBe(
      'must be an ISO 4217 currency code such as EUR, GBP or USD',
    );
  });
});
