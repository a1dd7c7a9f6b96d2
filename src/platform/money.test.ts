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
  it('reads "12,99" with a decimal comma as 12.99 EUR, not 1,299.00 (issue 14 point 1)', () => {
    expect(parseAmount('12,99', 'EUR')).toBe(1299);
  });

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

  // [text, currency, minor units]
  const good: [string, string, number][] = [
    ['12,99', 'EUR', 1299],
    ['12.99', 'EUR', 1299],
    ['12', 'EUR', 1200],
    ['12,5', 'EUR', 1250],
    ['12.5', 'EUR', 1250],
    [',5', 'EUR', 50],
    ['0,05', 'EUR', 5],
    ['+3,00', 'EUR', 300],
    ['1.299,00', 'EUR', 129900],
    ['1,299.00', 'EUR', 129900],
    ['1 299,50', 'EUR', 129950],
    ['1\u00a0299,50', 'EUR', 129950],
    ['1\u202f299,50', 'EUR', 129950],
    ["1'299.00", 'EUR', 129900],
    ['1\u2019299.00', 'CHF', 129900],
    ['1 299', 'EUR', 129900],
    ['1.299.000', 'EUR', 129900000],
    ['1,299,000', 'EUR', 129900000],
    ['1.299.000,5', 'EUR', 129900050],
    ['12 345 678,90', 'EUR', 1234567890],
    ['1299,00', 'EUR', 129900],
    ['0', 'EUR', 0],
    ['1200', 'JPY', 1200],
    ['1,200', 'JPY', 1200],
    ['1.200', 'JPY', 1200],
    ['1 200', 'JPY', 1200],
    ['1.234.567', 'JPY', 1234567],
    ['12.345', 'BHD', 12345],
    ['12,5', 'BHD', 12500],
    ['1.299,000', 'BHD', 1299000],
    ['1,299.5', 'BHD', 1299500],
    ['7', 'BHD', 7000],
  ];
  it.each(good)('reads %j in %s as %i minor units', (text, currency, minor) => {
    expect(parseAmount(text, currency)).toBe(minor);
  });

  it('reads a minus only where the caller allows one', () => {
    expect(parseAmount('-12,99', 'EUR', { signed: true })).toBe(-1299);
    expect(parseAmount('\u22121.299,00', 'EUR', { signed: true })).toBe(-129900);
    expect(parseAmount('- 5', 'JPY', { signed: true })).toBe(-5);
    expect(parseAmount('-0', 'EUR', { signed: true })).toBe(0);
    expect(parseAmount('-12,99', 'EUR')).toBe(
      '"-12,99" is below zero: write the amount without a minus, like 12,99 or 12.99',
    );
  });

  it('refuses "1,299" and "1.299" for a currency with decimals, showing both readings', () => {
    expect(parseAmount('1,299', 'EUR')).toBe(
      '"1,299" is unclear: with "," between thousands it is 1299,00 EUR; as a decimal "," it is 1,299 EUR, more decimals than EUR has. Write 1299 for the first, or 1,30 for the second',
    );
    expect(parseAmount('1.299', 'EUR')).toBe(
      '"1.299" is unclear: with "." between thousands it is 1299.00 EUR; as a decimal "." it is 1.299 EUR, more decimals than EUR has. Write 1299 for the first, or 1.30 for the second',
    );
    expect(parseAmount('12,345', 'USD')).toMatch(
      /^"12,345" is unclear: .* 12345,00 USD; .* 12,345 USD, .* or 12,35 for/,
    );
    expect(parseAmount('1,299', 'BHD')).toBe(
      '"1,299" is unclear: with "," between thousands it is 1299,000 BHD; as a decimal "," it is 1,299 BHD. Write 1299 for the first, or 1.299 for the second',
    );
  });

  // [text, currency, the message's start]
  const bad: [string, string, string][] = [
    ['abc', 'EUR', '"abc" is not an amount: write it like 12,99 or 12.99'],
    ['', 'EUR', '"" is not an amount'],
    ['12,', 'EUR', '"12," is not an amount'],
    ['12,99 EUR', 'EUR', '"12,99 EUR" is not an amount'],
    ['1e3', 'EUR', '"1e3" is not an amount'],
    ['12,9 9', 'EUR', '"12,9 9" is not an amount'],
    ['--5', 'EUR', '"--5" is below zero'],
    ['9.999', 'EUR', '"9.999" is unclear'],
    ['9,999', 'EUR', '"9,999" is unclear'],
    ['0,299', 'EUR', '"0,299" has 3 decimal places, but EUR has only 2'],
    ['1299,000', 'EUR', '"1299,000" has 3 decimal places, but EUR has only 2'],
    ['1.299,001', 'EUR', '"1.299,001" has 3 decimal places, but EUR has only 2'],
    ['1.5', 'JPY', '"1.5" has decimals, but JPY has none'],
    ['1,000.50', 'JPY', '"1,000.50" has decimals, but JPY has none'],
    ['1.2345', 'BHD', '"1.2345" has 4 decimal places, but BHD has only 3'],
    ['1.299 000,00', 'EUR', '"1.299 000,00" mixes thousands separators ("." and " ")'],
    ["1'299 000", 'EUR', '"1\'299 000" mixes thousands separators'],
    ['12 99', 'EUR', '"12 99" has a thousands separator in the wrong place'],
    ['1,29,000', 'EUR', '"1,29,000" has a thousands separator in the wrong place'],
    ['1299.000.00', 'EUR', '"1299.000.00" has a thousands separator in the wrong place'],
    ['1.2.3', 'EUR', '"1.2.3" has a thousands separator in the wrong place'],
    ['1,299,00', 'EUR', '"1,299,00" has a thousands separator in the wrong place'],
    ['99999999999999999', 'EUR', '"99999999999999999" is too large'],
  ];
  it.each(bad)('refuses %j in %s', (text, currency, message) => {
    const result = parseAmount(text, currency);
    expect(typeof result).toBe('string');
    expect(String(result).startsWith(message), String(result)).toBe(true);
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
