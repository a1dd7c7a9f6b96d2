import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vrm } from '../test/cli.js';

/** "I have moved" from the CLI (issue 15, part 2): start, review, edit, send, confirm. */
describe('vrm change', () => {
  it('starts a campaign for a new address, edits and sends a notice, and confirms it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrm-change-cli-'));
    const env = { VRM_HOME: dir, VRM_PASSPHRASE: 'change cli passphrase', VRM_TODAY: '2026-03-15' };
    const run = (...args: string[]) => vrm(args, env);
    const ok = (...args: string[]) => {
      const result = run(...args);
      expect(result.stderr.startsWith('vrm:') ? result.stderr : '', args.join(' ')).toBe('');
      expect(result.code, args.join(' ')).toBe(0);
      return result.stdout;
    };
    try {
      ok('init');
      ok(
        'fact',
        'add',
        'postal-address',
        '4 Old Mill Lane',
        '--label',
        'home',
        '--locality',
        'Manchester',
        '--postcode',
        'M4 6AB',
        '--country',
        'GB',
        '--valid-from',
        '2019-08-01',
      );
      ok(
        'provider',
        'add',
        'Stadtwerke Köln',
        '--country',
        'DE',
        '--address',
        'Stadtwerke Köln\\nPostfach 1\\n50667 Köln',
      );
      ok('account', 'add', '--provider', 'Stadtwerke Köln', '--number', 'SW-77');
      ok(
        'disclosure',
        'record',
        'Stadtwerke Köln',
        '--facts',
        'home',
        '--purpose',
        'service',
        '--on',
        '2020-01-10',
      );

      // The name a posted letter is signed with.
      ok('fact', 'add', 'name', 'Alex Morgan', '--label', 'name');
      const none = run('change', 'start', 'home');
      expect(none.code).toBe(4);
      expect(none.stderr).toMatch(/has no older version.*vrm fact update/);

      ok(
        'fact',
        'update',
        '1',
        '12 Cotham Hill',
        '--locality',
        'Bristol',
        '--postcode',
        'BS6 6LA',
        '--country',
        'GB',
        '--valid-from',
        '2026-03-01',
      );
      const started = ok('change', 'start', 'home');
      expect(started).toMatch(/Started campaign 1 for home \(postal address\).*to 1 providers/);
      expect(started).toMatch(/Stadtwerke Köln\s+letter\s+drafted/);

      const notice = ok('change', 'notice', '1');
      expect(notice).toMatch(/To Stadtwerke Köln by letter/);
      expect(notice).toMatch(/Subject: Adressänderung \(Kundennummer SW-77\)/);
      expect(notice).toMatch(/Ab dem 1\. März 2026 lautet meine Anschrift:/);

      const text = join(dir, 'notice.txt');
      writeFileSync(text, 'Bitte ändern Sie meine Anschrift.\n');
      ok('change', 'edit', '1', '--body-file', text);
      expect(ok('change', 'notice', '1')).toMatch(/Bitte ändern Sie meine Anschrift\./);
      expect(ok('change', 'sent', '1', '--on', '2026-03-02')).toMatch(
        /Sent to Stadtwerke Köln on 2026-03-02; an answer is due by 2026-03-23/,
      );
      const edit = run('change', 'edit', '1', '--subject', 'Again');
      expect(edit.code).toBe(4);
      expect(edit.stderr).toMatch(/only a draft is edited/);
      // Not late yet: nothing to follow up.
      const early = run('change', 'follow-up', '1');
      expect(early.code).toBe(4);
      expect(early.stderr).toMatch(/no late answer to follow up/);
      // Two weeks on, the answer is late: a follow-up is drafted, reviewed and posted.
      const later = (...args: string[]) => {
        const result = vrm(args, { ...env, VRM_TODAY: '2026-03-30' });
        expect(result.stderr, args.join(' ')).toBe('');
        return result.stdout;
      };
      expect(later('change', 'show', '1')).toMatch(/overdue since 2026-03-23.*vrm change follow-up 1/);
      const drafted = later('change', 'follow-up', '1');
      expect(drafted).toMatch(/Stadtwerke Köln: Erinnerung: Adressänderung \(Kundennummer SW-77\)/);
      expect(drafted).toMatch(/Drafted a follow-up on campaign 1.*vrm change sent ITEM/);
      expect(later('change', 'show', '1')).toMatch(/follow-up 1 drafted/);
      expect(later('change', 'notice', '1')).toMatch(/bereits am 2\. März 2026 geschrieben/);
      expect(later('change', 'sent', '1', '--on', '2026-03-30')).toMatch(
        /Followed up to Stadtwerke Köln on 2026-03-30; an answer is due by 2026-04-20/,
      );
      expect(later('change', 'show', '1')).toMatch(/sent \(followed up\)/);
      expect(later('change', 'confirm', '1', '--on', '2026-03-30')).toMatch(
        /Stadtwerke Köln holds the new version since 2026-03-30: 1 of 1 updated/,
      );
      expect(ok('change', 'list')).toMatch(/1 of 1 updated/);
      expect(JSON.parse(ok('change', 'show', '1', '--json'))).toMatchObject({
        progress: { total: 1, updated: 1 },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
