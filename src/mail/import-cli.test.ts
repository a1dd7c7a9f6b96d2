import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vrm } from '../test/cli.js';
import { TEST_PASSPHRASE } from '../test/store.js';

let dir: string;
const env = () => ({ VRM_HOME: dir, VRM_PASSPHRASE: TEST_PASSPHRASE });

const letter = (subject: string) =>
  `From: news@shop.example\nTo: alex@example.org\nSubject: ${subject}\nMessage-ID: <${subject}@shop.example>\n\nHello.\n`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-mail-import-cli-'));
  expect(vrm(['init'], env()).code).toBe(0);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('vrm mail import of several files', () => {
  it('goes on past an empty .eml, names it with its reason, and exits 2 for the partial import', () => {
    const paths = ['one', 'two', 'three'].map((name) => join(dir, `${name}.eml`));
    writeFileSync(paths[0] ?? '', letter('one'));
    writeFileSync(paths[1] ?? '', '');
    writeFileSync(paths[2] ?? '', letter('three'));
    const result = vrm(['mail', 'import', ...paths], env());
    expect(result.stdout).toMatch(/one\.eml: 1 message read .* 1 imported, 0 duplicates, 0 skipped/);
    expect(result.stdout).toMatch(/two\.eml: 1 message read .* 0 imported, 0 duplicates, 1 skipped/);
    expect(result.stdout).toContain('  skipped two.eml: the file is empty');
    expect(result.stdout).toMatch(/three\.eml: 1 message read .* 1 imported/);
    expect(result.stderr).toMatch(
      /^vrm: 1 message skipped, each named with its reason; the rest was imported$/m,
    );
    expect(result.code).toBe(2);
    const listed = JSON.parse(vrm(['mail', 'list', '--json'], env()).stdout) as { subject: string }[];
    expect(listed.map((m) => m.subject).sort()).toEqual(['one', 'three']);
  });

  it('names a path that cannot be imported and imports the others; a missing path alone exits 3', () => {
    const good = join(dir, 'good.eml');
    writeFileSync(good, letter('good'));
    const missing = join(dir, 'missing.eml');
    const result = vrm(['mail', 'import', missing, good, '--json'], env());
    expect(result.stderr).toContain(`vrm: ${missing}: no such file or folder`);
    expect(result.stderr).toMatch(/^vrm: 1 of 2 paths could not be imported, each named with its reason/m);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ imported: 1, skipped: 0 });
    const alone = vrm(['mail', 'import', missing], env());
    expect(alone.stderr).toBe(`vrm: ${missing}: no such file or folder\n`);
    expect(alone.code).toBe(3);
  });
});
