import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vrm } from '../test/cli.js';

/**
 * Issue 14 from the CLI: a provider's timeline with its mail and leaks, by kind and in pages, and
 * the next steps of a leak (`vrm identity replace`, `vrm mail complain`).
 */
describe('vrm provider timeline, vrm identity replace and vrm mail complain', () => {
  it('shows the mail and the leak in the timeline, pages it, and acts on the leak', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrm-timeline-cli-'));
    const env = { VRM_HOME: dir, VRM_PASSPHRASE: 'timeline cli passphrase' };
    const ok = (...args: string[]) => {
      const result = vrm(args, env);
      expect(result.stderr.startsWith('vrm:') ? result.stderr : '', args.join(' ')).toBe('');
      expect(result.code, args.join(' ')).toBe(0);
      return result.stdout;
    };
    try {
      ok('init');
      ok('provider', 'add', 'Acme Insurance', '--domain', 'acme-insurance.example');
      ok('alias', 'setup', '--kind', 'catchall', 'alexmorgan.example');
      ok('identity', 'add', '--provider', 'acme', '--email', 'acme.k3f9qx@alexmorgan.example');
      const mail = (from: string, subject: string, date: string) =>
        `From x Tue Mar 10 09:00:00 2026\nFrom: ${from}\nTo: acme.k3f9qx@alexmorgan.example\nSubject: ${subject}\n` +
        `Date: ${date}\nMessage-ID: <${subject.replace(/\W/g, '')}@t.example>\n\nHello.\n\n`;
      const mbox = join(dir, 'mail.mbox');
      writeFileSync(
        mbox,
        mail('bills@acme-insurance.example', 'Your bill', 'Sun, 1 Feb 2026 08:00:00 +0000') +
          mail('offers@spammy-broker.example', 'Cheap loans', 'Wed, 4 Feb 2026 10:00:00 +0000'),
      );
      ok('mail', 'import', mbox);

      const all = ok('provider', 'timeline', 'acme');
      expect(all).toMatch(/1 message · 1 leak/);
      expect(all).toMatch(/message\s+\d+\s+Your bill/);
      expect(all).toMatch(/leak\s+\d+\s+spammy-broker\.example wrote to acme/);
      const leaks = ok('provider', 'timeline', 'acme', '--kind', 'leak');
      expect(leaks).not.toMatch(/Your bill/);
      const first = ok('provider', 'timeline', 'acme', '--limit', '1');
      const next = /--after (\S+)/.exec(first)?.[1] ?? '';
      expect(next).not.toBe('');
      expect(ok('provider', 'timeline', 'acme', '--limit', '1', '--after', next)).not.toBe(first);
      expect(ok('provider', 'show', 'acme')).toMatch(/Your bill/);

      // The leak's next steps.
      const leak = ok('mail', 'leak', '1');
      expect(leak).toMatch(/vrm identity replace \d+/);
      expect(leak).toMatch(/vrm mail complain 1/);
      const replaced = ok('identity', 'replace', /vrm identity replace (\d+)/.exec(leak)?.[1] ?? '');
      expect(replaced).toMatch(/Retired identity \d+: acme\.k3f9qx@alexmorgan\.example/);
      expect(replaced).toMatch(/New identity \d+ for provider \d+: acmeinsuranc\.\w+@alexmorgan\.example/);
      expect(ok('mail', 'complain', '1')).toMatch(
        /Opened case \d+: Leak: acme\.k3f9qx@alexmorgan\.example used by spammy-broker\.example/,
      );
      expect(ok('provider', 'timeline', 'acme', '--kind', 'case')).toMatch(/Case opened: Leak: acme\.k3f9qx/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
