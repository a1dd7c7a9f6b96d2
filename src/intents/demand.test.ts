import { createPublicKey, createPrivateKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMAND_CONTENT_TYPE,
  DEMAND_TYPE,
  decimalOf,
  demandOf,
  demandText,
  readSignedDemand,
  signDemand,
  type IntentContent,
  type IntentPersona,
} from './demand.js';
import { exposuresIn, secretsOf } from './exposure.js';

const intent: IntentContent = {
  identifier: 'urn:uuid:5b0e6c1e-8a0e-4d8c-9a8e-2f3c4d5e6f70',
  category: 'car insurance',
  description: 'Comprehensive cover for a 2019 hatchback, parked in a garage, 8,000 miles a year.',
  quantity: { value: 1, unit: 'car' },
  where: 'postcode area BS1',
  from: '2027-01-15',
  until: '2028-01-14',
  budget: { maxMinor: 60000, currency: 'GBP', per: 'year' },
  terms: [
    {
      code: 'PDC-INTENT',
      summary: 'I tell you what I intend to buy so that you can make me an offer.',
      url: 'https://customercommons.org/',
    },
  ],
  answerBy: '2026-12-20',
};
const persona: IntentPersona = {
  displayName: 'Quiet Harbour 27',
  alias: 'quietharbour.x7k2q9@shop-17.example',
  statements: [
    { label: 'Driving licence', value: '2012', text: 'Driving licence: holds a driving licence since 2012' },
    { label: '', value: 'no claims for 6 years', text: 'no claims for 6 years' },
  ],
};

let key: {
  privateJwk: Awaited<ReturnType<typeof exportJWK>>;
  publicJwk: Awaited<ReturnType<typeof exportJWK>>;
  kid: string;
};
beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(pair.publicKey);
  key = {
    privateJwk: await exportJWK(pair.privateKey),
    publicJwk,
    kid: await calculateJwkThumbprint(publicJwk),
  };
});

describe('an intent as a schema.org Demand', () => {
  it('says what, where, when, up to what price, on which terms, and where the Offer goes', () => {
    const demand = demandOf(intent, persona);
    expect(demand).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Demand',
      identifier: intent.identifier,
      itemOffered: { '@type': 'Service', category: 'car insurance' },
      eligibleQuantity: { '@type': 'QuantitativeValue', value: 1, unitText: 'car' },
      areaServed: 'postcode area BS1',
      availabilityStarts: '2027-01-15',
      availabilityEnds: '2028-01-14',
      priceSpecification: {
        '@type': 'UnitPriceSpecification',
        maxPrice: '600.00',
        priceCurrency: 'GBP',
        referenceQuantity: { unitCode: 'ANN' },
      },
      validThrough: '2026-12-20',
      potentialAction: {
        '@type': 'SendAction',
        object: { '@type': 'Offer' },
        recipient: { email: 'quietharbour.x7k2q9@shop-17.example' },
      },
    });
    expect(demand.additionalProperty).toEqual([
      {
        '@type': 'PropertyValue',
        propertyID: 'statement',
        name: 'Driving licence',
        value: 'holds a driving licence since 2012',
      },
      { '@type': 'PropertyValue', propertyID: 'statement', name: 'about me', value: 'no claims for 6 years' },
      {
        '@type': 'PropertyValue',
        propertyID: 'terms',
        name: 'PDC-INTENT',
        value: 'I tell you what I intend to buy so that you can make me an offer.',
        url: 'https://customercommons.org/',
      },
    ]);
  });

  it('signs it with the persona key, as node:crypto verifies on its own, and reads back what node:crypto signs', async () => {
    const demand = demandOf(intent, persona);
    const jws = await signDemand(demand, key);
    const [header = '', payload = '', signature = ''] = jws.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
      alg: 'ES256',
      kid: key.kid,
      typ: DEMAND_TYPE,
      cty: DEMAND_CONTENT_TYPE,
    });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual(demand);
    // Independently of jose: ES256 is ECDSA P-256 with SHA-256 over `header.payload`, r‖s.
    const publicKey = createPublicKey({ key: key.publicJwk, format: 'jwk' });
    expect(
      nodeVerify(
        'sha256',
        Buffer.from(`${header}.${payload}`),
        { key: publicKey, dsaEncoding: 'ieee-p1363' },
        Buffer.from(signature, 'base64url'),
      ),
    ).toBe(true);
    expect(await readSignedDemand(jws, key.publicJwk)).toEqual(demand);

    const byNode = [
      Buffer.from(
        JSON.stringify({ alg: 'ES256', kid: key.kid, typ: DEMAND_TYPE, cty: DEMAND_CONTENT_TYPE }),
      ).toString('base64url'),
      Buffer.from(JSON.stringify(demand)).toString('base64url'),
    ].join('.');
    const privateKey = createPrivateKey({ key: key.privateJwk, format: 'jwk' });
    const nodeSignature = nodeSign('sha256', Buffer.from(byNode), {
      key: privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    expect(await readSignedDemand(`${byNode}.${nodeSignature.toString('base64url')}`, key.publicJwk)).toEqual(
      demand,
    );
  });

  it('refuses a changed intent, another key, or a JWS that is no intent, saying which', async () => {
    const demand = demandOf(intent, persona);
    const jws = await signDemand(demand, key);
    const [header, , signature] = jws.split('.');
    const cheaper = Buffer.from(JSON.stringify({ ...demand, validThrough: '2027-06-30' })).toString(
      'base64url',
    );
    await expect(readSignedDemand(`${header}.${cheaper}.${signature}`, key.publicJwk)).rejects.toThrow(
      /the intent's signature does not verify with the persona's key/u,
    );
    const other = await exportJWK((await generateKeyPair('ES256', { extractable: true })).publicKey);
    await expect(readSignedDemand(jws, other)).rejects.toThrow(/does not verify/u);
    await expect(readSignedDemand('not a jws', key.publicJwk)).rejects.toThrow(/does not verify/u);
  });

  it('gives the text to paste into a web form, and none of it gives the person away', async () => {
    const text = demandText(intent, persona);
    expect(text).toBe(
      [
        'I am looking for: car insurance (1 car)',
        intent.description,
        '',
        'Where: postcode area BS1',
        'When: from 2027-01-15 until 2028-01-14',
        'Budget: at most 600.00 GBP a year',
        '',
        'About me:',
        '- Driving licence: holds a driving licence since 2012',
        '- no claims for 6 years',
        '',
        'My terms:',
        '- PDC-INTENT: I tell you what I intend to buy so that you can make me an offer.',
        '',
        'Please send your offer by 2026-12-20 to quietharbour.x7k2q9@shop-17.example.',
        `Quiet Harbour 27 (${intent.identifier})`,
        '',
      ].join('\n'),
    );
    const secrets = secretsOf({
      facts: [
        {
          id: 1,
          kind: 'name',
          label: 'Name',
          value: { full: 'Alex Morgan', family: 'Morgan', given: 'Alex' },
        },
        {
          id: 2,
          kind: 'postal_address',
          label: 'Home',
          value: { lines: ['14 Quay Street'], postcode: 'BS1 4DJ', country: 'GB' },
        },
      ],
    });
    const jws = await signDemand(demandOf(intent, persona), key);
    expect(exposuresIn(`${text}\n${jws}`, secrets)).toEqual([]);
  });

  it('writes prices as schema.org does: a full stop, no grouping, the currency’s decimals', () => {
    expect(decimalOf(60000, 'GBP')).toBe('600.00');
    expect(decimalOf(123456789, 'EUR')).toBe('1234567.89');
    expect(decimalOf(5000, 'JPY')).toBe('5000');
    expect(decimalOf(5, 'EUR')).toBe('0.05');
  });
});
