import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../platform/db/store.js';
import { vrm, type CliResult } from '../test/cli.js';

/** `vrm persona …` and `vrm intent …` (issue 18): made from the command line as a person would. */
const PASSPHRASE = 'personas on the command line';
let dir: string;
const env = { VRM_PASSPHRASE: PASSPHRASE };
const run = (...args: string[]): CliResult => vrm(['--store', join(dir, 'store.db'), ...args], env);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-cli-personas-'));
  await (await createStore(join(dir, 'store.db'), PASSPHRASE)).close();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('vrm persona', () => {
  it('makes a persona that states facts generalised, shows it, and retires it', () => {
    expect(run('persona', 'list').stdout).toMatch(/No persona yet/u);
    const home = run(
      'fact',
      'add',
      'postal_address',
      '--label',
      'Home',
      '--value-json',
      JSON.stringify({ lines: ['14 Quay Street'], locality: 'Bristol', postcode: 'BS1 4DJ', country: 'GB' }),
    );
    expect(home.code, home.stderr).toBe(0);
    const factId = /^Added fact (\d+)/u.exec(home.stdout)?.[1] ?? '';
    // No catch-all domain yet: the person is told how to set one up.
    const none = run('persona', 'new', '--state', factId);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /set one up with `vrm alias setup --kind catchall DOMAIN`, on a domain that does not name you/u,
    );
    expect(run('alias', 'setup', '--kind', 'catchall', 'shop-17.example').code).toBe(0);

    const made = run(
      'persona',
      'new',
      '--name',
      'Calm Orchard',
      '--state',
      `${factId}:postcode_area`,
      '--say',
      'no claims for 6 years',
    );
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(
      /^Persona 1: Calm Orchard, writing from calmorchard\.[a-z0-9]{6}@shop-17\.example$/mu,
    );
    expect(made.stdout).toContain('- Home: postcode area BS1');
    expect(made.stdout).toContain('- no claims for 6 years');

    const full = run('persona', 'new', '--state', `${factId}:full`);
    expect(full.code).toBe(2);
    expect(full.stderr).toContain(
      `"full" is not a form: use one of postcode_area, town, country, year, years_since, held, held_since, or --full ${factId} to state the fact in full`,
    );
    const told = run('persona', 'new', '--full', factId, '--json');
    expect(told.code, told.stderr).toBe(0);
    expect((JSON.parse(told.stdout) as { statements: { generalised: boolean }[] }).statements).toEqual([
      expect.objectContaining({ generalised: false }),
    ]);

    const list = run('persona', 'list');
    expect(list.stdout).toMatch(/Calm Orchard/u);
    expect(run('persona', 'show', '1').stdout).toMatch(/Shown to\n─+\nNobody yet\./u);
    expect(run('persona', 'retire', '1').stdout).toMatch(/^Retired persona 1 \(Calm Orchard\)/u);
    expect(run('persona', 'retire', '1').stderr).toMatch(/was retired already/u);
  });

  it('makes an intent under a persona and writes it out as published, signed and as text', () => {
    const made = run('persona', 'new', '--name', 'Lucky Falcon', '--say', 'no claims for 6 years');
    expect(made.code, made.stderr).toBe(0);
    const personaId = /^Persona (\d+)/mu.exec(made.stdout)?.[1] ?? '';
    const intent = run(
      'intent',
      'new',
      '--persona',
      personaId,
      '--category',
      'car insurance',
      '--description',
      'Comprehensive cover for a 2019 hatchback',
      '--quantity',
      '1 car',
      '--where',
      'postcode area BS1',
      '--budget',
      '600,00',
      '--currency',
      'GBP',
      '--per',
      'year',
      '--answer-by',
      '2099-12-20',
    );
    expect(intent.code, intent.stderr).toBe(0);
    expect(intent.stdout).toMatch(
      /^Intent 1: car insurance, under Lucky Falcon; offers by 2099-12-20 to luckyfalcon\.[a-z0-9]{6}@shop-17\.example/u,
    );
    expect(run('intent', 'show', '1').stdout).toMatch(/budget:\s+at most 600\.00 GBP a year/u);
    const text = run('intent', 'document', '1');
    expect(text.stdout).toContain('I am looking for: car insurance (1 car)');
    expect(text.stdout).toContain('- no claims for 6 years');
    const out = join(dir, 'intent-1.jws');
    const written = run('intent', 'document', '1', '--out', out);
    expect(written.stdout).toMatch(
      /^Wrote .*intent-1\.jws \(the Demand signed by the persona's key [A-Za-z0-9_-]{43}\) and .*intent-1\.jsonld\.\n$/u,
    );
    expect(readFileSync(out, 'utf8')).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\n$/u);
    expect(JSON.parse(readFileSync(join(dir, 'intent-1.jsonld'), 'utf8'))).toMatchObject({
      '@type': 'Demand',
    });
    expect(statSync(out).mode & 0o777).toBe(0o600);

    const late = run(
      'intent',
      'new',
      '--persona',
      personaId,
      '--category',
      'x',
      '--description',
      'y',
      '--answer-by',
      '2020-01-01',
    );
    expect(late.code).toBe(2);
    expect(late.stderr).toMatch(/answerBy 2020-01-01 is not after today/u);
    const half = run(
      'intent',
      'new',
      '--persona',
      personaId,
      '--category',
      'x',
      '--description',
      'y',
      '--answer-by',
      '2099-01-01',
      '--budget',
      '5',
    );
    expect(half.stderr).toMatch(/--budget and --currency go together/u);
  });
});
