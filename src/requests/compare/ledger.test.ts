import { describe, expect, it } from 'vitest';
import type { FactWithHistory } from '../../vault/service.js';
import { ledgerFactsFor } from './ledger.js';

const version = (n: number, address: string) => ({
  version: n,
  value: { address },
  summary: address,
  validFrom: `2025-0${n}-01`,
  recordedAt: `2025-0${n}-01T00:00:00.000Z`,
  note: null,
});

const email: FactWithHistory = {
  id: 3,
  kind: 'email',
  label: 'Personal',
  current: version(2, 'b@example.org'),
  history: [version(1, 'a@example.org'), version(2, 'b@example.org')],
  createdAt: '2025-01-01T00:00:00.000Z',
  retiredAt: null,
};

describe('ledgerFactsFor', () => {
  it('counts a version given again after a withdrawal as given, and one only withdrawn as withdrawn', () => {
    const [fact] = ledgerFactsFor(
      [email],
      [
        { factId: 3, factVersion: 1, withdrawnOn: '2025-03-01' },
        { factId: 3, factVersion: 1, withdrawnOn: null },
        { factId: 3, factVersion: 2, withdrawnOn: '2025-04-01' },
        { factId: 9, factVersion: 1, withdrawnOn: null },
        { factId: null, factVersion: null, withdrawnOn: null },
      ],
    );
    expect(fact).toEqual({
      factId: 3,
      kind: 'email',
      label: 'Personal',
      versions: [
        { version: 1, value: { address: 'a@example.org' }, validFrom: '2025-01-01' },
        { version: 2, value: { address: 'b@example.org' }, validFrom: '2025-02-01' },
      ],
      currentVersion: 2,
      givenVersions: [1],
      withdrawnVersions: [2],
      retired: false,
    });
  });

  it('lists every fact, the ones never given with no versions given', () => {
    expect(ledgerFactsFor([{ ...email, retiredAt: '2025-05-01' }], [])).toMatchObject([
      { factId: 3, givenVersions: [], withdrawnVersions: [], retired: true },
    ]);
  });
});
