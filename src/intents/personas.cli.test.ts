import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../platform/db/store.js';
import { vrm, type CliResult } from '../test/cli.js';

/** `vrm persona new|list|show|retire` (issue 18): made from the command line as a person would. */
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
});
