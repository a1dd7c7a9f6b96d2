import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vrm } from '../test/cli.js';

describe('vrm disclosure record and share, facts by label, one spelling of kinds', () => {
  it('records what was given without a policy, and names facts by label and kind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrm-record-cli-'));
    const env = { VRM_HOME: dir, VRM_PASSPHRASE: 'record cli passphrase' };
    const run = (...args: string[]) => vrm(args, env);
    const ok = (...args: string[]) => {
      const result = run(...args);
      expect(result.stderr.startsWith('vrm:') ? result.stderr : '', args.join(' ')).toBe('');
      expect(result.code, args.join(' ')).toBe(0);
      return result.stdout;
    };
    try {
      ok('init');
      ok('provider', 'add', 'Parcelpoint', '--category', 'shop');
      // The older spelling is still read; the one vocabulary is what comes out.
      expect(
        ok(
          'fact',
          'add',
          'postal-address',
          '--label',
          'home',
          '--line',
          '12 Canal Street',
          '--locality',
          'Manchester',
          '--country',
          'GB',
        ),
      ).toMatch(/^Added fact 1 \(postal_address, home\)/);
      ok('fact', 'add', 'phone', '+447911123456', '--label', 'mobile');
      ok('fact', 'add', 'phone', '+447911123457', '--label', 'work phone');

      const recorded = ok(
        'disclosure',
        'record',
        'parcelpoint',
        '--facts',
        'home,2',
        '--purpose',
        'delivery',
        '--on',
        '2025-06-01',
      );
      expect(recorded).toMatch(/^Recorded 2 disclosure\(s\) to Parcelpoint on 2025-06-01/);
      expect(recorded).toMatch(/Your policies would refuse “home” \(postal address\): no policy covers/);
      expect(recorded).not.toMatch(/fact:/);

      const ambiguous = run(
        'disclosure',
        'record',
        'parcelpoint',
        '--facts',
        'phone',
        '--purpose',
        'service',
      );
      expect(ambiguous.code).not.toBe(0);
      expect(ambiguous.stderr).toBe(
        'vrm: --facts: "phone" fits 2 facts: 2 “mobile” (phone number), 3 “work phone” (phone number); name one by its label or number\n',
      );

      expect(ok('policy', 'add', '--facts', 'home,phone', '--allow', 'delivery')).toMatch(
        /^Policy 1: “home” \(postal address\), any phone number; allows delivery/,
      );
      expect(ok('disclosure', 'share', 'parcelpoint', '--facts', 'home', '--purpose', 'delivery')).toMatch(
        /^Shared 1 disclosure\(s\) to Parcelpoint[\s\S]*Your policies allow “home” \(postal address\)/,
      );
      expect(ok('disclosure', 'fact', 'home')).toMatch(/home \(postal_address\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
