// Who knows what at scale: the matrix, the per-fact and per-provider views, the policy check,
// recording a disclosure (check, receipt, signature, write), and issuing and verifying a signed
// package (SD-JWT VC), on an encrypted store of 1,000 providers, 30 facts and 20,000 disclosures.
//
// Targets (a person's whole life in one store, on a 2-core machine): the matrix under 250 ms, so
// the web page opens at once; a policy check under 5 ms; recording under 20 ms; a package issued
// and verified under 20 ms each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../src/app.js';
import { DisclosureRepository } from '../src/disclosures/repository.js';
import { createStore } from '../src/platform/db/store.js';

const PROVIDERS = 1_000;
const FACTS = 30;
const PER_PROVIDER = 20;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function time(runs: number, work: (i: number) => Promise<unknown>): Promise<number> {
  const took: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work(i);
    took.push(performance.now() - start);
  }
  return median(took);
}

const dir = mkdtempSync(join(tmpdir(), 'vrm-bench-knows-'));
try {
  const started = performance.now();
  const store = await createStore(join(dir, 'store.db'), 'benchmark passphrase');
  const s = createServices(store, () => new Date('2026-03-15T12:00:00Z'));
  const facts: number[] = [];
  for (let i = 0; i < FACTS; i++) {
    const fact = await s.vault.add({
      kind: 'email',
      label: `address ${i}`,
      value: { address: `alex.${i}@example.org` },
      validFrom: '2020-01-01',
    });
    if (i % 3 === 0) await s.vault.update(fact.id, { value: { address: `alex.${i}.new@example.org` } });
    facts.push(fact.id);
  }
  for (let i = 0; i < PROVIDERS; i++) {
    await s.providers.add({
      name: `Provider ${String(i).padStart(4, '0')}`,
      category: ['bank', 'shop'][i % 2],
    });
  }
  await s.policies.add({ facts: ['*'], allow: ['service', 'delivery'] });
  await s.policies.add({ category: 'shop', facts: ['email'], deny: ['marketing'] });
  await s.policies.add({
    provider: 1,
    facts: [`fact:${facts[0] ?? 1}`],
    allow: ['service'],
    terms: 'SD-BASE',
  });
  // The bulk of the ledger is written directly: recording is timed on its own below.
  const rows = [];
  for (let p = 1; p <= PROVIDERS; p++) {
    for (let k = 0; k < PER_PROVIDER; k++) {
      const factId = facts[(p * 7 + k) % FACTS] ?? 1;
      rows.push({
        event: `bench-${p}-${k}`,
        providerId: p,
        factId,
        factVersion: 1,
        identityId: null,
        disclosedOn: '2024-06-01',
        channel: 'web' as const,
        purposes: '["service"]',
        termsCode: null,
        agreementId: null,
        policyOverride: null,
        note: null,
        createdAt: '2024-06-01T12:00:00.000Z',
        withdrawnOn: null,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500)
    await new DisclosureRepository(store.db).insertMany(rows.slice(i, i + 500));
  console.log(
    `Built a store of ${PROVIDERS} providers, ${FACTS} facts and ${rows.length} disclosures in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );

  const matrix = await s.disclosures.matrix();
  const results: [string, number, string][] = [
    [
      'matrix (providers × facts)',
      await time(5, () => s.disclosures.matrix()),
      `${matrix.providers.length} × ${matrix.facts.length}, ${matrix.cells.length} cells`,
    ],
    ['who holds one fact', await time(10, () => s.disclosures.forFact(facts[0] ?? 1)), ''],
    ['what one provider knows', await time(10, () => s.disclosures.forProvider(500)), ''],
    [
      'policy check, 3 fields',
      await time(200, (i) =>
        s.policies.evaluate({
          provider: 1 + (i % PROVIDERS),
          fields: ['email', 'phone', `fact:${facts[1] ?? 1}`],
          purposes: ['service'],
        }),
      ),
      '',
    ],
    [
      'record a disclosure under terms',
      await time(100, (i) =>
        s.disclosures.record({
          provider: 2 + (i % 500),
          facts: [facts[2] ?? 1],
          purposes: ['service'],
          terms: 'SD-BASE',
        }),
      ),
      'check, Kantara receipt signed, rows written',
    ],
  ];
  const packages: string[] = [];
  results.push([
    'issue a signed package (3 facts)',
    await time(50, async (i) => {
      const pkg = await s.packages.issue({
        provider: 600 + i,
        facts: facts.slice(3, 6),
        terms: 'SD-BASE',
        purposes: ['service'],
      });
      packages.push(pkg.sdJwt);
    }),
    'SD-JWT VC, ES256, with its receipt',
  ]);
  results.push([
    'verify a package',
    await time(200, (i) => s.packages.verify(packages[i % packages.length] ?? '')),
    '',
  ]);
  await store.close();

  console.log('| operation | median | notes |');
  console.log('| --- | ---: | --- |');
  for (const [name, ms, note] of results) console.log(`| ${name} | ${ms.toFixed(1)} ms | ${note} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
