import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alexShopping } from '../test/intents.js';
import { fixedClock, freshStore, type TestStore } from '../test/store.js';

/**
 * Offers (issue 18, point 3) entered by hand and imported as schema.org JSON-LD, compared side by
 * side as yearly costs against Alex's Aegis contract (£612 a year, renewing on 2027-01-15).
 */
let t: TestStore;
let shop: Awaited<ReturnType<typeof alexShopping>>;

beforeEach(async () => {
  t = await freshStore(fixedClock('2026-12-07T10:00:00Z'));
  shop = await alexShopping(t.services);
});
afterEach(async () => {
  await t.dispose();
});

const jsonLd = (offer: Record<string, unknown>) =>
  Buffer.from(JSON.stringify({ '@context': 'https://schema.org', '@type': 'Offer', ...offer }));

describe('offers', () => {
  it('compares offers as yearly costs with what the person pays today, cheapest first', async () => {
    const { offers } = t.services;
    const id = shop.intent.id;
    await offers.add({
      intent: id,
      vendor: 'Harbour Mutual',
      price: '47,20',
      currency: 'GBP',
      period: 'month',
    });
    await offers.add({
      intent: id,
      vendor: 'Kestrel Direct',
      price: '575',
      currency: 'GBP',
      period: 'year',
      termMonths: 12,
      included: ['courtesy car'],
      validUntil: '2026-12-31',
    });
    const comparison = await offers.compare(id);
    expect(comparison.currency).toBe('GBP');
    expect(comparison.current).toMatchObject({
      providerName: 'Aegis Insurance',
      yearly: { minor: 61200, currency: 'GBP' },
      renewsOn: '2027-01-15',
      cancelBy: '2027-01-01',
    });
    expect(comparison.offers.map((o) => [o.providerName, o.yearly?.minor, o.difference?.minor])).toEqual(
      [
        ['Kestrel Direct', 57500, -3700],
        ['Harbour Mutual', 56640, -4560],
      ].sort((a, b) => Number(a[1]) - Number(b[1])),
    );
    // Each vendor with an offer is shown so among the intent's vendors.
    expect((await t.services.casting.recipients(id)).map((r) => r.state)).toEqual(['offered', 'offered']);
  });

  it('compares an offer in another currency only at the rate the person gives, and says so', async () => {
    const { offers } = t.services;
    const euro = await offers.add({
      intent: shop.intent.id,
      vendor: 'Harbour Mutual',
      price: '650,00',
      currency: 'EUR',
      period: 'year',
    });
    let compared = (await offers.compare(shop.intent.id)).offers[0];
    expect(compared?.yearly).toBeNull();
    expect(compared?.notes).toEqual([
      `in EUR: not compared until you give a rate (vrm offer rate ${String(euro.id)} 0,86 GBP)`,
    ]);
    await offers.setRate(euro.id, '0,86', 'GBP');
    compared = (await offers.compare(shop.intent.id)).offers[0];
    expect(compared?.yearly).toEqual({ minor: 55900, currency: 'GBP' });
    expect(compared?.difference).toEqual({ minor: -5300, currency: 'GBP' });
    expect(compared?.notes).toEqual(['converted from 650.00 EUR at your rate of 0.86 GBP to 1 EUR']);
    await expect(offers.setRate(euro.id, 'lots', 'GBP')).rejects.toThrow(
      /rate "lots": give what one unit of the offer's currency is worth, such as 0,86/,
    );
  });

  it('shows an offer with no price, and an expired one, without ranking the first', async () => {
    const { offers } = t.services;
    await offers.add({ intent: shop.intent.id, vendor: 'Harbour Mutual', included: ['courtesy car'] });
    await offers.add({
      intent: shop.intent.id,
      vendor: 'Kestrel Direct',
      price: '500',
      currency: 'GBP',
      period: 'year',
      validUntil: '2026-12-01',
    });
    const [first, second] = (await offers.compare(shop.intent.id)).offers;
    expect(first).toMatchObject({ providerName: 'Kestrel Direct', expired: true });
    expect(first?.notes).toEqual(['valid until 2026-12-01: it has expired']);
    expect(second).toMatchObject({ providerName: 'Harbour Mutual', yearly: null });
    expect(second?.notes).toEqual(['no price: ask the vendor, or enter it by hand']);
    await expect(
      offers.add({ intent: shop.intent.id, vendor: 'Harbour Mutual', price: '500', currency: 'GBP' }),
    ).rejects.toThrow(
      /how often is the price paid\? Give the period: once, week, month, quarter, half-year or year/,
    );
    await expect(
      offers.add({
        intent: shop.intent.id,
        vendor: 'Harbour Mutual',
        price: '1,299',
        currency: 'GBP',
        period: 'year',
      }),
    ).rejects.toThrow(/offer: price: "1,299" is unclear/);
  });

  it('imports a schema.org Offer once, finding its vendor by the seller, and keeps the file', async () => {
    const { offers, casting, documents } = t.services;
    await casting.addRecipients(shop.intent.id, ['Harbour Mutual']);
    const file = jsonLd({
      price: '545.00',
      priceCurrency: 'GBP',
      priceSpecification: {
        '@type': 'UnitPriceSpecification',
        price: '545.00',
        priceCurrency: 'GBP',
        referenceQuantity: { '@type': 'QuantitativeValue', value: 1, unitCode: 'ANN' },
      },
      seller: { '@type': 'Organization', name: 'Harbour Mutual Ltd', email: 'offers@harbourmutual.example' },
    });
    const offer = await offers.importJsonLd(shop.intent.id, { filename: 'offer.jsonld', content: file });
    expect(offer).toMatchObject({
      providerName: 'Harbour Mutual',
      source: 'json_ld',
      price: { minor: 54500, currency: 'GBP' },
      period: 'year',
    });
    expect((await documents.get(offer.documentId ?? 0)).filename).toBe('offer.jsonld');
    const again = await offers.importJsonLd(shop.intent.id, { filename: 'copy.jsonld', content: file });
    expect(again.id).toBe(offer.id);
    expect(await offers.list(shop.intent.id)).toHaveLength(1);

    await expect(
      offers.importJsonLd(shop.intent.id, {
        filename: 'stranger.jsonld',
        content: jsonLd({ price: '1', priceCurrency: 'GBP', seller: { name: 'Someone Else' } }),
      }),
    ).rejects.toThrow(
      /stranger\.jsonld: its seller \(Someone Else\) is none of intent \d+'s vendors: name the vendor it came from/,
    );
    await expect(
      offers.importJsonLd(shop.intent.id, {
        filename: 'demand.jsonld',
        content: Buffer.from('{"@type":"Demand"}'),
      }),
    ).rejects.toThrow(/demand\.jsonld: it holds no schema\.org Offer/);
  });

  it('refuses to accept before anything is revealed when the vendor has no e-mail address', async () => {
    const { offers, providers, disclosures } = t.services;
    const shop2 = await providers.add({ name: 'Counter Cover', phone: '+44 20 7946 0001', country: 'GB' });
    const offer = await offers.add({
      intent: shop.intent.id,
      vendor: shop2.name,
      price: '500',
      currency: 'GBP',
      period: 'year',
    });
    await expect(offers.accept(offer.id, { facts: [shop.name] })).rejects.toThrow(
      /Counter Cover has no e-mail address to send the acceptance to: add one with `vrm provider update "Counter Cover" --support-email ADDRESS`/,
    );
    expect(await disclosures.list({ provider: shop2.id })).toEqual([]);
    expect((await offers.get(offer.id)).status).toBe('open');
  });

  it('compares with the contract the intent names, when its name says nothing', async () => {
    const { intents, offers, contracts, providers } = t.services;
    const insurer = await providers.get('Kestrel Direct');
    const motor = await contracts.add({
      providerId: insurer.id,
      name: 'Motor policy 88121',
      price: '55,00',
      currency: 'GBP',
      billingCycle: 'monthly',
      startDate: '2026-03-01',
    });
    const intent = await intents.create({
      persona: shop.persona.id,
      category: 'van insurance',
      description: 'Cover for a small van.',
      answerBy: '2026-12-30',
      replaces: motor.id,
    });
    expect((await offers.compare(intent.id)).current).toMatchObject({
      name: 'Motor policy 88121',
      yearly: { minor: 66000, currency: 'GBP' },
    });
    await expect(
      intents.create({
        persona: shop.persona.id,
        category: 'x',
        description: 'y',
        answerBy: '2026-12-30',
        replaces: 9999,
      }),
    ).rejects.toThrow(/contract 9999 does not exist/);
  });
});
