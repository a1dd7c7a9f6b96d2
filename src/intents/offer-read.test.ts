import { describe, expect, it } from 'vitest';
import { dateIn, ownWords, readOfferJsonLd, readOfferText } from './offer-read.js';

/** Offers as vendors write them (issue 18, point 3): in a reply's words, or as a schema.org Offer. */
describe('an offer in the words of a reply', () => {
  it('reads the price, period, term, valid-until day, inclusions, exclusions and conditions', () => {
    const read = readOfferText(
      [
        'Dear Quiet Harbour,',
        '',
        'Thank you for your request. We can offer comprehensive cover for £545.00 a year',
        '(or £47.20 a month by direct debit). This is a 12-month policy.',
        'This quote is valid until 31 December 2026.',
        '',
        'Included: courtesy car, windscreen cover and legal expenses',
        'Not included:',
        '- breakdown cover',
        '- personal accident cover',
        'Excess: £250 compulsory, £100 voluntary',
        'Conditions: garaged overnight',
        '',
        'Kind regards,',
        'Harbour Mutual',
      ].join('\n'),
    );
    expect(read).toEqual({
      isOffer: true,
      fields: {
        priceMinor: 54500,
        currency: 'GBP',
        period: 'year',
        termMonths: 12,
        validUntil: '2026-12-31',
        included: ['courtesy car', 'windscreen cover', 'legal expenses'],
        excluded: ['breakdown cover', 'personal accident cover'],
        conditions: 'garaged overnight; Excess: £250 compulsory, £100 voluntary',
      },
      problems: [],
    });
  });

  it('reads prices as vendors write them, with the period before or after', () => {
    const price = (text: string) => {
      const { fields } = readOfferText(text);
      return [fields.priceMinor, fields.currency, fields.period];
    };
    expect(price('Our quote: €49,90 per month.')).toEqual([4990, 'EUR', 'month']);
    expect(price('Monthly premium: GBP 52.10')).toEqual([5210, 'GBP', 'month']);
    expect(price('Annual premium £1,234.50')).toEqual([123450, 'GBP', 'year']);
    expect(price('The price is 545 GBP per annum.')).toEqual([54500, 'GBP', 'year']);
    expect(price('Total: 1.299,00 € one-off')).toEqual([129900, 'EUR', 'once']);
    expect(price('Yours for $39.99/mo')).toEqual([3999, 'USD', 'month']);
    expect(price('We offer £580 annually.')).toEqual([58000, 'GBP', 'year']);
  });

  it('never takes the budget quoted back, an excess or a discount for the price', () => {
    const read = readOfferText(
      [
        'We can do it for £575 a year.',
        'You would save £30 compared with your budget.',
        '',
        'On Mon, 7 Dec 2026 at 10:00, Quiet Harbour <qh@shop-17.example> wrote:',
        '> Budget: at most 600.00 GBP a year',
      ].join('\n'),
    );
    expect(read.fields.priceMinor).toBe(57500);
    expect(readOfferText('Excess: £250.\nYour premium: £612 a year').fields.priceMinor).toBe(61200);
    expect(readOfferText('> Budget: at most 600.00 GBP a year\nThanks, we will be in touch.').isOffer).toBe(
      false,
    );
    expect(ownWords('Hello\n-----Original Message-----\nBudget: £600')).toBe('Hello');
  });

  it('tells a reply without an offer from an offer without a price', () => {
    const none = readOfferText('Thank you for your message. We do not insure cars in your area.');
    expect(none.isOffer).toBe(false);
    expect(readOfferText('Sorry, we are unable to offer a quote at this time.').isOffer).toBe(false);
    const unpriced = readOfferText(
      'We would be happy to quote. Our offer includes: courtesy car. Please call us for the price.',
    );
    expect(unpriced).toMatchObject({ isOffer: true, problems: ['it names no price'] });
    expect(unpriced.fields).toMatchObject({ priceMinor: null, included: ['courtesy car'] });
    expect(readOfferText('Our price: £545').problems).toEqual([
      'its price names no period (a year, a month…)',
    ]);
  });

  it('reads the days vendors write', () => {
    expect(dateIn('valid until 2026-12-31')).toBe('2026-12-31');
    expect(dateIn('valid until 31/12/2026')).toBe('2026-12-31');
    expect(dateIn('gültig bis 31.12.2026')).toBe('2026-12-31');
    expect(dateIn('valid until 1st January 2027')).toBe('2027-01-01');
    expect(dateIn('expires December 31, 2026')).toBe('2026-12-31');
    expect(dateIn('expires 31 Dec 2026')).toBe('2026-12-31');
    expect(dateIn('valid until 31/02/2026')).toBeNull();
    expect(dateIn('valid for a while')).toBeNull();
  });
});

describe('a schema.org Offer in JSON-LD', () => {
  const offer = {
    '@context': 'https://schema.org',
    '@type': 'Offer',
    priceCurrency: 'GBP',
    price: '545.00',
    priceSpecification: {
      '@type': 'UnitPriceSpecification',
      price: 545,
      priceCurrency: 'GBP',
      referenceQuantity: { '@type': 'QuantitativeValue', value: 1, unitCode: 'ANN' },
    },
    eligibleDuration: { '@type': 'QuantitativeValue', value: 12, unitCode: 'MON' },
    validThrough: '2026-12-31T23:59:59Z',
    seller: { '@type': 'Organization', name: 'Harbour Mutual', email: 'sales@harbourmutual.example' },
    description: 'Comprehensive cover, garaged overnight',
    additionalProperty: [
      { '@type': 'PropertyValue', name: 'included', value: ['courtesy car', 'windscreen cover'] },
      { '@type': 'PropertyValue', name: 'excluded', value: 'breakdown cover' },
    ],
  };

  it('reads its price, period, term, valid-through day, seller and what it includes', () => {
    expect(readOfferJsonLd(JSON.stringify(offer))).toEqual({
      isOffer: true,
      fields: {
        priceMinor: 54500,
        currency: 'GBP',
        period: 'year',
        termMonths: 12,
        validUntil: '2026-12-31',
        included: ['courtesy car', 'windscreen cover'],
        excluded: ['breakdown cover'],
        conditions: 'Comprehensive cover, garaged overnight',
      },
      seller: { name: 'Harbour Mutual', email: 'sales@harbourmutual.example', url: undefined },
      problems: [],
    });
    // In a graph, beside other nodes.
    const graph = { '@context': 'https://schema.org', '@graph': [{ '@type': 'Organization' }, offer] };
    expect(readOfferJsonLd(JSON.stringify(graph)).fields.priceMinor).toBe(54500);
  });

  it('says what is wrong with one it cannot read', () => {
    expect(readOfferJsonLd('{ "@type": "Offer", ').problems[0]).toMatch(/^it is not JSON: /u);
    expect(readOfferJsonLd('{ "@type": "Demand" }')).toMatchObject({
      isOffer: false,
      problems: ['it holds no schema.org Offer (an object with "@type": "Offer")'],
    });
    expect(
      readOfferJsonLd(JSON.stringify({ ...offer, price: '545,00', priceSpecification: undefined })).problems,
    ).toEqual(['the price "545,00" is not a schema.org price (digits, and a full stop for decimals)']);
    expect(readOfferJsonLd(JSON.stringify({ '@type': 'Offer', price: '10' })).problems).toEqual([
      'it names no currency (priceCurrency)',
    ]);
    expect(
      readOfferJsonLd(JSON.stringify({ '@type': 'Offer', price: '10', priceCurrency: 'GBP' })).problems,
    ).toEqual(['its price names no period (referenceQuantity ANN, MON, QAN or WEE)']);
  });
});
