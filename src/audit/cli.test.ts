import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vrm } from '../test/cli.js';

describe('vrm audit', () => {
  it('says what was signed for whom in words, and keeps the signed token for --json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrm-audit-cli-'));
    const env = { VRM_HOME: dir, VRM_PASSPHRASE: 'audit cli passphrase' };
    const ok = (...args: string[]) => {
      const result = vrm(args, env);
      expect(result.stderr.startsWith('vrm:') ? result.stderr : '', args.join(' ')).toBe('');
      expect(result.code, args.join(' ')).toBe(0);
      return result.stdout;
    };
    try {
      ok('init');
      ok(
        'provider',
        'add',
        'Parcelpoint',
        '--country',
        'GB',
        '--privacy-email',
        'privacy@parcelpoint.example',
        '--phone',
        '0113 496 0200',
      );
      ok('fact', 'add', 'email', 'alex@example.org', '--label', 'personal');
      ok('policy', 'add', '--facts', '*', '--allow', 'delivery');
      ok('package', 'new', 'parcelpoint', '--facts', '1', '--terms', 'SD-BASE', '--purpose', 'delivery');
      const table = ok('audit');
      expect(table).toMatch(/Signed a package for Parcelpoint: personal e-mail/);
      expect(table).toMatch(/Added provider Parcelpoint/);
      expect(table).not.toMatch(/eyJ/);
      const raw = JSON.parse(ok('audit', '--json')) as { entity: string; newValues: { sd_jwt?: string } }[];
      expect(raw.find((e) => e.entity === 'disclosure_packages')?.newValues.sd_jwt).toMatch(/^eyJ/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
