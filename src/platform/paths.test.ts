import { describe, expect, it } from 'vitest';
import { expandPath } from './paths.js';

describe('expandPath', () => {
  it('reads ~ and ~/ as the home folder, as a shell does', () => {
    expect(expandPath('~', { home: '/home/alex' })).toBe('/home/alex');
    expect(expandPath('~/Takeout/mail.mbox', { home: '/home/alex' })).toBe('/home/alex/Takeout/mail.mbox');
  });

  it('leaves a ~ elsewhere alone and makes relative paths absolute', () => {
    expect(expandPath('/srv/~old/mail', { home: '/home/alex' })).toBe('/srv/~old/mail');
    expect(expandPath('~bob/mail', { home: '/home/alex', base: '/tmp' })).toBe('/tmp/~bob/mail');
    expect(expandPath('mail.mbox', { base: '/tmp' })).toBe('/tmp/mail.mbox');
  });
});
