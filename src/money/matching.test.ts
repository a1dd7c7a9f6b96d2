import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatementTransaction } from './statement.js';
import { booking, shaOf, statement } from '../test/statements.js';
import { fixedClock, freshStore, type TestStore } from '../test/store.js';

const CREDITOR = 'DE98ZZZ09999999999';
const IBAN = 'GB33BUKB20201555555555';

describe('who was paid', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore(fixedClock('2026-03-03T09:00:00.000Z'));
  });
  afterEach(async () => {
    await t.dispose();
  });

  let file = 0;
  const load = async (...bookings: StatementTransaction[]) => {
    const read = statement(bookings);
    await t.services.money.importStatement(read, {
      name: `s${++file}.xml`,
      sha256: shaOf(read, String(file)),
    });
  };
  const byKey = async (key: string) => {
    const { items } = await t.services.money.transactions({ limit: 500 });
    const found = items.find((x) => x.bankReference === key);
    if (!found) throw new Error(`no booking ${key}`);
    return found;
  };
  const tx = (key: string, fields: Partial<StatementTransaction>) =>
    booking({ key: `ref:${key}`, bankReference: key, ...fields });

  it('turns a confirmation into a rule on the creditor id, applied to held and later bookings', async () => {
    const streamline = await t.services.providers.add({ name: 'Streamline TV' });
    await load(
      tx('A', { creditorId: CREDITOR, mandateReference: 'STV-001', counterpartyName: 'STV LIMITED' }),
      tx('B', { creditorId: CREDITOR, counterpartyName: 'STV LIMITED' }),
    );
    expect((await byKey('A')).providerId).toBeNull();
    const assignment = await t.services.money.assign((await byKey('A')).id, { provider: 'streamline tv' });
    expect(assignment.rule).toMatchObject({
      field: 'creditor_id',
      value: CREDITOR,
      provider: 'Streamline TV',
    });
    expect(assignment.rematched).toBe(1);
    expect(assignment.transaction).toMatchObject({
      providerId: streamline.id,
      confirmed: true,
      matchBy: 'person',
    });
    expect(await byKey('B')).toMatchObject({
      providerId: streamline.id,
      matchBy: 'rule',
      evidence: {
        sentence: `SEPA creditor identifier ${CREDITOR}: your rule of 3 March 2026 says it pays Streamline TV`,
      },
    });
    // The next import applies it; a booking with only the mandate is known by the confirmation.
    await load(
      tx('C', { creditorId: CREDITOR, counterpartyName: 'Whoever' }),
      tx('D', { mandateReference: 'STV-001' }),
    );
    expect(await byKey('C')).toMatchObject({ providerId: streamline.id, matchBy: 'rule' });
    expect(await byKey('D')).toMatchObject({
      providerId: streamline.id,
      matchBy: 'mandate_reference',
      evidence: {
        sentence: 'mandate reference STV-001, which you confirmed for Streamline TV on 3 March 2026',
      },
    });
    // Without the rule, the confirmed booking's creditor id still says who it is.
    const [rule] = await t.services.money.rules();
    await t.services.money.removeRule(rule?.id ?? 0);
    expect(await t.services.money.rules()).toEqual([]);
    expect(await byKey('B')).toMatchObject({
      providerId: streamline.id,
      matchBy: 'creditor_id',
      evidence: {
        sentence: `SEPA creditor identifier ${CREDITOR}, which you confirmed for Streamline TV on 3 March 2026`,
      },
    });
  });

  it('applies the rules in order: creditor id, mandate, IBAN, payee', async () => {
    const names = ['By creditor', 'By mandate', 'By IBAN', 'By payee'];
    for (const name of names) await t.services.providers.add({ name });
    await load(
      tx('R1', { creditorId: CREDITOR, counterpartyName: 'X1' }),
      tx('R2', { mandateReference: 'M-77', counterpartyName: 'X2' }),
      tx('R3', { counterpartyIban: IBAN, counterpartyName: 'X3' }),
      tx('R4', { counterpartyName: 'PAYPAL *ACME' }),
    );
    for (const [i, name] of names.entries())
      await t.services.money.assign((await byKey(`R${i + 1}`)).id, { provider: name });
    expect((await t.services.money.rules()).map((r) => `${r.fieldLabel}=${r.value}→${r.provider}`)).toEqual([
      `SEPA creditor identifier=${CREDITOR}→By creditor`,
      'mandate reference=M-77→By mandate',
      `counterparty IBAN=${IBAN}→By IBAN`,
      'payee=ACME→By payee',
    ]);
    const all = {
      creditorId: CREDITOR,
      mandateReference: 'M-77',
      counterpartyIban: IBAN,
      counterpartyName: 'ACME',
    };
    await load(tx('ALL', all));
    for (const name of names) {
      expect((await byKey('ALL')).provider).toBe(name);
      const rule = (await t.services.money.rules()).find((r) => r.provider === name);
      await t.services.money.removeRule(rule?.id ?? 0);
    }
  });

  it('knows a mandate by the customer number, and an IBAN by a confirmed booking', async () => {
    const power = await t.services.providers.add({ name: 'Bristol Power' });
    await t.services.accounts.add({ providerId: power.id, customerNumber: '4711000123' });
    const landlord = await t.services.providers.add({ name: 'Weber Lettings' });
    await load(
      tx('P', { mandateReference: 'MNDT-4711000123-01', counterpartyName: 'BP ENERGY' }),
      tx('L1', { creditorId: 'DE11ZZZ00000000001', counterpartyIban: IBAN, counterpartyName: 'Weber' }),
    );
    expect(await byKey('P')).toMatchObject({
      providerId: power.id,
      matchBy: 'customer_number',
      evidence: {
        sentence:
          'mandate reference MNDT-4711000123-01 carries 4711000123, your customer number with Bristol Power',
      },
    });
    await t.services.money.assign((await byKey('L1')).id, { provider: landlord.id });
    await load(tx('L2', { counterpartyIban: IBAN, counterpartyName: 'Rent March' }));
    expect(await byKey('L2')).toMatchObject({
      providerId: landlord.id,
      matchBy: 'counterparty_iban',
      evidence: {
        sentence: `counterparty IBAN ${IBAN}, which you confirmed for Weber Lettings on 3 March 2026`,
      },
    });
  });

  it('matches the payee against provider names and domains', async () => {
    const netflix = await t.services.providers.add({ name: 'Netflix' });
    const stream = await t.services.providers.add({
      name: 'Streamline TV Ltd',
      website: 'https://www.streamline.example',
    });
    await load(
      tx('N', { counterpartyName: 'PAYPAL *NETFLIX' }),
      tx('S', { counterpartyName: 'STREAMLINE TV LTD 0044123456' }),
      tx('W', { counterpartyName: 'Card payment', text: 'STREAMLINE.EXAMPLE 866-579-7172' }),
    );
    expect(await byKey('N')).toMatchObject({
      providerId: netflix.id,
      matchBy: 'name',
      evidence: { sentence: 'payee "NETFLIX" is the name of Netflix' },
    });
    expect(await byKey('S')).toMatchObject({ providerId: stream.id, matchBy: 'name' });
    expect(await byKey('W')).toMatchObject({
      providerId: stream.id,
      matchBy: 'domain',
      evidence: { sentence: 'the booking names streamline.example, a domain of Streamline TV Ltd' },
    });
  });

  it('suggests an organisation of the directory, and adds it when the person accepts', async () => {
    await load(
      tx('SP', { counterpartyName: 'Spotify AB' }),
      tx('NF', { counterpartyName: 'NETFLIX.COM 866-579-7172' }),
      tx('JS', { counterpartyName: 'John Smith' }),
    );
    const spotify = await byKey('SP');
    expect(spotify).toMatchObject({
      providerId: null,
      matchBy: 'directory',
      evidence: {
        directorySlug: expect.any(String) as string,
        sentence: expect.stringContaining('Spotify AB in the directory, not yet in your ledger') as string,
      },
    });
    expect((await byKey('NF')).evidence?.sentence).toBe(
      'the booking names netflix.com, the web domain of Netflix International B.V. in the directory, not yet in your ledger: accept to add it',
    );
    expect((await byKey('JS')).matchBy).toBeNull();
    expect((await t.services.money.transactions({ unmatched: 'true' })).total).toBe(3);
    const accepted = await t.services.money.acceptSuggestion(spotify.id);
    const provider = await t.services.providers.get(accepted.transaction.providerId ?? 0);
    expect(provider).toMatchObject({ name: 'Spotify AB', directorySlug: spotify.evidence?.directorySlug });
    expect(accepted.transaction).toMatchObject({ confirmed: true, provider: 'Spotify AB' });
    expect((await t.services.money.transactions({ unmatched: true })).total).toBe(2);
  });

  it('keeps a booking the person says pays no provider out of the unmatched, now and on later imports', async () => {
    await load(tx('J1', { counterpartyName: 'John Smith' }));
    const result = await t.services.money.assign((await byKey('J1')).id, { provider: null });
    expect(result.rule).toMatchObject({ field: 'counterparty_name', value: 'JOHN SMITH', provider: null });
    await load(tx('J2', { counterpartyName: 'JOHN SMITH' }));
    expect(await byKey('J2')).toMatchObject({
      providerId: null,
      matchBy: 'rule',
      evidence: { sentence: 'payee JOHN SMITH: your rule of 3 March 2026 says it pays no provider of yours' },
    });
    expect((await t.services.money.transactions({ unmatched: true })).total).toBe(0);
  });
});
