import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../cli/exit.js';
import { VrmError } from '../platform/errors.js';
import { vrm } from '../test/cli.js';
import { crashSigns, mutate, seeded, type Random } from '../test/fuzz.js';
import { b64json, ecKeyPair, signJws } from '../test/sd-jwt.js';
import { freshStore, PARCELPOINT, TEST_PASSPHRASE, type TestStore } from '../test/store.js';

/**
 * `vrm verify` fed 2,000 damaged copies of a real package: bytes flipped or cut, parts repeated,
 * dropped, emptied or swapped, thousands of `~`, disclosures that nest deep or hold the wrong
 * shape, payloads and headers changed and signed again with the store's own key (so that they
 * pass the signature and reach the disclosure and date checks), issuers with broken did:jwk, and
 * `--key` values that are no key. Every one is verified or refused with a `VrmError`; none throws
 * anything else. A few go through the real binary, which must exit with a documented code other
 * than 1 and print no stack trace.
 *
 * `VRM_FUZZ_SEED=N` replays another set.
 */
const SEED = Number(process.env.VRM_FUZZ_SEED ?? 20260315);
const CASES = 2_000;

let t: TestStore;
let valid: string;
let ownKey: JWK;

beforeAll(async () => {
  t = await freshStore();
  const { providers, vault, policies, packages, keys } = t.services;
  await providers.add({ ...PARCELPOINT });
  await vault.add({ kind: 'email', label: 'Personal', value: { address: 'alex@example.org' } });
  await vault.add({ kind: 'name', label: 'Name', value: { given: 'Alex', family: 'Morgan' } });
  await vault.add({
    kind: 'postal_address',
    label: 'Home',
    value: { lines: ['4 Harbour Road'], locality: 'Bristol', postcode: 'BS1 5TT', country: 'GB' },
  });
  await policies.add({ facts: ['*'], allow: ['delivery'] });
  valid = (await packages.issue({ provider: 1, facts: [1, 2, 3], terms: 'SD-BASE', purposes: ['delivery'] }))
    .sdJwt;
  ownKey = (await keys.signingKey()).privateJwk;
});

afterAll(async () => {
  await t.dispose();
});

const decode = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

/** JSON values that are wrong almost anywhere. */
const JUNK: readonly unknown[] = [
  null,
  '',
  0,
  -1,
  1e308,
  -8.64e12 - 1,
  true,
  [],
  {},
  'x'.repeat(300),
  JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`) as unknown,
  { '...': 'abc' },
  { _sd: 'abc' },
  ['a', 'b', 'c', 'd'],
];

const { x, y } = ecKeyPair().publicJwk as { x: string; y: string };
const BAD_DIDS = [
  'did:jwk:',
  'did:jwk:%%%',
  'did:jwk:e30',
  `did:jwk:${b64json(null)}`,
  `did:jwk:${b64json({ kty: 'EC', x, y })}`,
  `did:jwk:${b64json({ kty: 'EC', crv: 'P-521', x, y })}`,
  `did:jwk:${b64json({ kty: 'EC', crv: 'P-256', x, y: x })}`,
  `did:jwk:${b64json({ kty: 'EC', crv: 'P-256', x: 'A', y })}`,
  `did:jwk:${b64json({ kty: 'OKP', crv: 'Ed25519', x })}`,
  `did:jwk:${b64json({ kty: 'EC', crv: 'P-256', x, y })}#0#1`,
  'did:web:example.org',
  'x'.repeat(5000),
];

const BAD_KEYS: readonly unknown[] = [
  null,
  42,
  'key',
  [],
  {},
  { kty: 'EC' },
  { kty: 'EC', crv: 'P-256', x, y: x },
  { kty: 'EC', crv: 'P-256', x: '!!', y },
  { kty: 'RSA', n: 'AQAB', e: 'AQAB' },
  { kty: 'EC', crv: 'P-256', x, y, d: x },
  JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`) as unknown,
];

interface Case {
  readonly name: string;
  readonly text: string;
  readonly key?: unknown;
}

/** A header to sign again with ES256: whatever `alg` it had is replaced. */
const withoutAlg = (header: Record<string, unknown>) => {
  const copy = { ...header };
  Reflect.deleteProperty(copy, 'alg');
  return copy;
};

/** Re-signs the token with its header or payload changed, with the store's key: it passes the signature. */
async function resigned(random: Random, parts: string[]): Promise<Case> {
  const [jwt = '', ...rest] = parts;
  const [h = '', p = ''] = jwt.split('.');
  const header = decode(h) as Record<string, unknown>;
  const payload = decode(p) as Record<string, unknown>;
  const target = random.next() < 0.25 ? header : payload;
  const keys = [...Object.keys(target), '_sd_alg', 'cnf', 'nbf', '_sd', '...', 'iss'];
  const key = random.pick(keys);
  let name: string;
  if (key === 'iss' && target === payload && random.next() < 0.6) {
    payload.iss = random.pick(BAD_DIDS);
    name = `iss ${String(payload.iss).slice(0, 30)}`;
  } else if (key === '_sd' && Array.isArray(payload._sd) && random.next() < 0.5) {
    const digests = payload._sd as unknown[];
    payload._sd = [...digests, random.pick(digests)];
    name = 'a digest twice';
  } else if (random.next() < 0.15) {
    Reflect.deleteProperty(target, key);
    name = `without ${key}`;
  } else {
    target[key] = random.pick(JUNK);
    name = `${target === header ? 'header' : 'payload'} ${key} = ${JSON.stringify(target[key]).slice(0, 30)}`;
  }
  const signed = await signJws(payload, ownKey, withoutAlg(header));
  return { name: `re-signed, ${name}`, text: [signed, ...rest].join('~') };
}

async function fuzzCase(random: Random): Promise<Case> {
  const parts = valid.split('~');
  const disclosures = parts.slice(1, -1);
  const roll = random.int(10);
  if (roll < 3) {
    const m = mutate(random, Buffer.from(valid), {
      kinds: ['flip', 'truncate', 'quote', 'nul', 'encoding', 'line-ends'],
    });
    return { name: m.name, text: m.bytes.toString('utf8') };
  }
  if (roll === 3) {
    const i = 1 + random.int(parts.length - 1);
    const choice = random.int(5);
    const out = [...parts];
    if (choice === 0) out.splice(i, 0, parts[i] ?? '');
    else if (choice === 1) out.splice(i, 1);
    else if (choice === 2) out.splice(i, 0, '');
    else if (choice === 3) out.splice(i, 0, parts[0] ?? '');
    else out.reverse();
    return {
      name: `parts: ${['repeated', 'dropped', 'emptied', 'the JWT again', 'reversed'][choice]} at ${i}`,
      text: out.join('~'),
    };
  }
  if (roll === 4) {
    const n = random.pick([2, 999, 1000, 1001, 5000, 300_000]);
    return { name: `${n} more ~`, text: `${valid}${'~'.repeat(n)}` };
  }
  if (roll === 5) {
    const value = random.pick([
      [random.pick(JUNK)],
      ['salt', random.pick(JUNK)],
      ['salt', random.pick(['_sd', '...', '__proto__', 'email', 'vct']), random.pick(JUNK)],
      ['salt', 'x', random.pick(JUNK), 4],
      JSON.parse(`${'['.repeat(1000)}${']'.repeat(1000)}`) as unknown,
    ]);
    const i = random.int(disclosures.length);
    const out = [...disclosures];
    out[i] = b64json(value);
    return {
      name: `disclosure ${i + 1} = ${JSON.stringify(value).slice(0, 30)}`,
      text: [parts[0], ...out, ''].join('~'),
    };
  }
  if (roll === 6) {
    const key = random.pick(BAD_KEYS);
    return { name: `--key ${JSON.stringify(key).slice(0, 30)}`, text: valid, key };
  }
  if (roll === 7) {
    // A key-binding part: junk, or a JWT that is not one.
    const kb = random.pick([
      'a.b.c',
      `${b64json({ alg: 'none', typ: 'kb+jwt' })}.${b64json({})}.AA`,
      `${parts[0]}`,
      'x',
    ]);
    return { name: `key-binding part ${kb.slice(0, 20)}`, text: `${valid}${kb}` };
  }
  // A disclosure that opens into more digests: nested objects and array elements, some missing.
  if (roll === 8) {
    const inner = b64json(['s', 'street', 'x']);
    const outer = b64json(['s2', 'address', { _sd: [digest(inner), digest(inner)] }]);
    const payload = decode(parts[0]?.split('.')[1] ?? '') as Record<string, unknown>;
    payload._sd = [...(payload._sd as string[]), digest(outer)];
    const header = decode(parts[0]?.split('.')[0] ?? '') as Record<string, unknown>;
    return {
      name: 'a nested digest twice',
      text: `${await signJws(payload, ownKey, withoutAlg(header))}~${[...disclosures, outer, inner].join('~')}~`,
    };
  }
  return resigned(random, parts);
}

describe('vrm verify on 2,000 damaged packages', () => {
  it('verifies or refuses each with a VrmError, in-process; a few through the binary exit cleanly', async () => {
    const random = seeded(SEED);
    const cases: Case[] = [];
    for (let i = 0; i < CASES; i++) cases.push(await fuzzCase(random));
    const problems: string[] = [];
    const outcomes = { valid: 0, refused: 0 };
    const started = performance.now();
    for (const c of cases) {
      try {
        await t.services.packages.verify(c.text, c.key === undefined ? {} : { key: c.key });
        outcomes.valid++;
      } catch (error) {
        if (error instanceof VrmError && error.code === 'invalid_input') outcomes.refused++;
        else
          problems.push(
            `${c.name}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
          );
      }
    }
    const inProcessMs = performance.now() - started;
    expect(problems).toEqual([]);
    expect(outcomes.refused).toBeGreaterThan(CASES / 2);

    // The binary: a handful of the same cases, as files, and bad --key files.
    const dir = mkdtempSync(join(tmpdir(), 'vrm-verify-fuzz-'));
    try {
      expect(vrm(['init'], { VRM_HOME: dir, VRM_PASSPHRASE: TEST_PASSPHRASE }).code).toBe(0);
      const session = vrm(['unlock', '--raw'], {
        VRM_HOME: dir,
        VRM_PASSPHRASE: TEST_PASSPHRASE,
      }).stdout.trim();
      const env = { VRM_HOME: dir, VRM_SESSION: session, VRM_TODAY: '2026-03-15' };
      const documented = new Set<number>(Object.values(EXIT_CODES).filter((c) => c !== EXIT_CODES.internal));
      const picked = random.some(cases, 6);
      for (const [i, c] of picked.entries()) {
        const file = join(dir, `case-${i}.sdjwt`);
        writeFileSync(file, c.text);
        const args = ['verify', file];
        if (c.key !== undefined) {
          writeFileSync(join(dir, `key-${i}.json`), JSON.stringify(c.key));
          args.push('--key', join(dir, `key-${i}.json`));
        }
        const result = vrm(args, env);
        expect(crashSigns(result.stdout + result.stderr), c.name).toEqual([]);
        expect(documented.has(result.code), `${c.name}: exit ${result.code}: ${result.stderr}`).toBe(true);
      }
      for (const [i, content] of ['null', '[]', '"x"', '{', JSON.stringify(ownKey), ''].entries()) {
        writeFileSync(join(dir, `bad-key-${i}.json`), content);
        const result = vrm(['verify', valid, '--key', join(dir, `bad-key-${i}.json`)], env);
        expect(result.code, `--key holding ${content}: ${result.stderr}`).toBe(EXIT_CODES.invalid_input);
        expect(result.stderr).toMatch(/^vrm: --key: /);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(
      `verify fuzz (seed ${SEED}): ${CASES} cases in-process in ${Math.round(inProcessMs)} ms ` +
        `(${outcomes.valid} valid, ${outcomes.refused} refused), 6 cases and 6 --key files through the binary`,
    );
  }, 60_000);
});
