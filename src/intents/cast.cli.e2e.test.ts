import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { todayUtc } from '../platform/dates.js';
import { alexShopping, decodedMime, INSURERS, personIn } from '../test/intents.js';
import { useMailServers } from '../test/mail-servers.js';
import { readSignedDemand } from './demand.js';

/**
 * Casting an intent from the command line (issue 18, point 2), through Debian's Exim: the vendors
 * chosen with `vrm intent vendors`, the intent sent with `vrm intent send`, and its QR code read
 * back by an independent decoder (zbar's zbarimg).
 */

const mail = useMailServers();
const { ok, run } = mail;
const dir = mkdtempSync(join(tmpdir(), 'vrm-intent-cast-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('vrm intent vendors, send and qr', () => {
  it('chooses vendors from the ledger and the directory, sends once from the persona, and draws a QR code', async () => {
    // The command line runs on the real clock: the intent is answered by 13 days from now.
    const shop = await alexShopping(mail.t.services, { today: todayUtc() });
    const id = String(shop.intent.id);
    mail.setUpSending();

    const listed = ok('intent', 'vendors', id, '--country', 'DE');
    expect(listed).toContain('Could also go to');
    expect(listed).toMatch(/Aegis Insurance\s+Aegis Insurance\s+quotes@aegis\.example\s+your ledger/u);
    expect(listed).toMatch(/directory:allianz/u);
    const unknown = run('intent', 'vendors', id, '--add', 'Nobody Ltd');
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/no provider or directory organisation "Nobody Ltd"/u);

    const chosen = ok(
      'intent',
      'vendors',
      id,
      ...INSURERS.flatMap((v) => ['--add', v.name]),
      '--add',
      'directory:allianz',
    );
    expect(chosen.match(/chosen, not sent/gu)).toHaveLength(4);
    expect(chosen).toContain(`Send it with: vrm intent send ${id}`);
    const removed = ok('intent', 'vendors', id, '--remove', 'Allianz', '--json');
    expect((JSON.parse(removed) as { chosen: unknown[] }).chosen).toHaveLength(3);

    const sent = run('intent', 'send', id);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toMatch(
      new RegExp(
        `^Intent ${id}: 3 e-mail\\(s\\) sent now from Quiet Harbour <${shop.persona.alias.replace('.', '\\.')}>`,
        'mu',
      ),
    );
    for (const vendor of INSURERS) {
      const [raw] = await mail.exim.waitFor(vendor.quotes, 1);
      expect(personIn(decodedMime(raw ?? Buffer.alloc(0)), shop.secrets)).toEqual([]);
    }
    expect(ok('intent', 'vendors', id).match(/sent, waiting for an offer/gu)).toHaveLength(3);
    expect(ok('persona', 'show', String(shop.persona.id))).toMatch(/Kestrel Direct/u);
    // Sent again: nothing goes twice.
    expect(ok('intent', 'send', id)).toMatch(/0 e-mail\(s\) sent now/u);
    expect(mail.exim.deliveredAll()).toHaveLength(3);

    // The QR code holds the signed intent, which verifies with the persona's key.
    const png = join(dir, 'intent.png');
    expect(ok('intent', 'qr', id, '--out', png)).toContain(`Wrote ${png}`);
    expect(statSync(png).mode & 0o777).toBe(0o600);
    const read = execFileSync('/usr/bin/zbarimg', ['--raw', '-q', png], { encoding: 'utf8' }).trim();
    const published = JSON.parse(ok('intent', 'document', id, '--json')) as {
      jws: string;
      publicJwk: Parameters<typeof readSignedDemand>[1];
    };
    // ES256 signs with a fresh nonce each time: the same header and content, a valid signature.
    expect(read.split('.').slice(0, 2)).toEqual(published.jws.split('.').slice(0, 2));
    expect(await readSignedDemand(read, published.publicJwk)).toMatchObject({ '@type': 'Demand' });
    expect(personIn(read, shop.secrets)).toEqual([]);
    const wrong = run('intent', 'qr', id, '--out', join(dir, 'intent.gif'));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/name a \.png or an \.svg file/u);
  });
});
