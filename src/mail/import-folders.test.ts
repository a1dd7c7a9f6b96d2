import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confineImportPath, OUTSIDE_IMPORT_FOLDERS } from './import-folders.js';

let root: string;
let home: string;
let named: string;

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'vrm-import-folders-')));
  home = join(root, 'home');
  named = join(root, 'named');
  mkdirSync(join(home, 'Maildir', 'cur'), { recursive: true });
  mkdirSync(join(named, '.Sent', 'cur'), { recursive: true });
  writeFileSync(join(home, 'a.eml'), 'x');
  symlinkSync(join(home, 'loop-b'), join(home, 'loop-a'));
  symlinkSync(join(home, 'loop-a'), join(home, 'loop-b'));
  symlinkSync(join(home, 'a.eml'), join(home, 'inner-link.eml'));
  symlinkSync(join(home, 'Maildir'), join(home, '.hidden-link'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const forbidden = { code: 'forbidden', message: OUTSIDE_IMPORT_FOLDERS };

describe('confineImportPath', () => {
  it('gives the real path of a file or folder in home, through links that stay inside', async () => {
    const folders = { home, named: [] };
    expect(await confineImportPath('~/a.eml', folders)).toBe(join(home, 'a.eml'));
    expect(await confineImportPath('a.eml', folders)).toBe(join(home, 'a.eml'));
    expect(await confineImportPath('~/inner-link.eml', folders)).toBe(join(home, 'a.eml'));
    expect(await confineImportPath(`${home}/Maildir/cur/../`, folders)).toBe(join(home, 'Maildir'));
  });

  it('refuses a link loop and a hidden entry of home, even one that leads back inside', async () => {
    const folders = { home, named: [] };
    await expect(confineImportPath('~/loop-a', folders)).rejects.toMatchObject(forbidden);
    await expect(confineImportPath('~/loop-a/x.eml', folders)).rejects.toMatchObject(forbidden);
    await expect(confineImportPath('~/.hidden-link', folders)).rejects.toMatchObject(forbidden);
    await expect(confineImportPath('~/Maildir/\0/etc/passwd', folders)).rejects.toMatchObject(forbidden);
  });

  it('reads a named folder whole, hidden Maildir++ folders included', async () => {
    const folders = { home, named: [named] };
    expect(await confineImportPath(join(named, '.Sent'), folders)).toBe(join(named, '.Sent'));
    await expect(confineImportPath(join(named, 'gone.mbox'), folders)).rejects.toMatchObject({
      code: 'not_found',
      message: `${join(named, 'gone.mbox')}: no such file or folder`,
    });
  });

  it('allows nothing for a home of / (a service account), so it cannot open the whole machine', async () => {
    await expect(confineImportPath('/etc/passwd', { home: '/', named: [] })).rejects.toMatchObject(forbidden);
    await expect(confineImportPath('etc/passwd', { home: '/', named: [] })).rejects.toMatchObject(forbidden);
  });

  it('allows nothing in a home that does not exist', async () => {
    await expect(
      confineImportPath('~/a.eml', { home: join(root, 'no-home'), named: [] }),
    ).rejects.toMatchObject(forbidden);
  });
});
