import { describe, expect, it } from 'vitest';
import { craftZip } from '../../test/zip.js';
import { readAnswer } from './read.js';

const paths = (read: { files: { path: string }[] }) => read.files.map((file) => file.path).sort();
const profile = { name: 'profile.json', data: '{"email":"alex@example.org"}' };

describe('readAnswer: ZIP safety', () => {
  it('reads the files of a well-formed ZIP by their paths inside it', async () => {
    const bytes = craftZip([profile, { name: 'orders/2024.csv', data: 'id,total\n1,"12,50"\n' }]);
    const read = await readAnswer({ name: 'export.zip', bytes });
    expect(read.problems).toEqual([]);
    expect(paths(read)).toEqual(['orders/2024.csv', 'profile.json']);
  });

  it('refuses a zip bomb by its declared ratio before inflating, and keeps the other files', async () => {
    const bomb = Buffer.alloc(20 * 1024 * 1024);
    const read = await readAnswer({
      name: 'export.zip',
      bytes: craftZip([profile, { name: 'logs.txt', data: bomb }]),
    });
    expect(paths(read)).toEqual(['profile.json']);
    expect(read.problems).toEqual([
      expect.objectContaining({ path: 'logs.txt', code: 'compression_ratio', kept: false }),
    ]);
    expect(read.problems[0]?.message).toMatch(/20 MiB.*limit 100 to 1.*zip bomb/);
  });

  it('stops a zip bomb whose declared size lies as soon as it unpacks past that size', async () => {
    const bomb = Buffer.alloc(50 * 1024 * 1024);
    const bytes = craftZip([{ name: 'small.txt', data: bomb, declaredSize: 1000 }, profile]);
    const read = await readAnswer({ name: 'export.zip', bytes });
    expect(paths(read)).toEqual(['profile.json']);
    expect(read.problems).toEqual([expect.objectContaining({ path: 'small.txt', code: 'size_mismatch' })]);
    expect(read.problems[0]?.message).toContain('declares 1000 bytes but unpacks to more');
  });

  it('refuses an entry over the per-file limit, naming both sizes', async () => {
    const bytes = craftZip([{ name: 'big.txt', data: 'a'.repeat(8 * 1024 * 1024) }, profile]);
    const loose = await readAnswer({ name: 'export.zip', bytes }, { maxRatio: 1_000_000 });
    expect(loose.problems).toEqual([]);
    const strict = await readAnswer(
      { name: 'export.zip', bytes },
      { maxRatio: 1_000_000, maxEntryBytes: 2 * 1024 * 1024 },
    );
    expect(paths(strict)).toEqual(['profile.json']);
    expect(strict.problems).toEqual([expect.objectContaining({ path: 'big.txt', code: 'entry_too_large' })]);
    expect(strict.problems[0]?.message).toContain('8,0 MiB, over the limit of 2,0 MiB per file');
  });

  it('enforces the total size over all entries', async () => {
    const data = 'x'.repeat(600 * 1024);
    const bytes = craftZip([
      { name: 'a.txt', data, method: 'store' },
      { name: 'b.txt', data, method: 'store' },
    ]);
    const read = await readAnswer({ name: 'export.zip', bytes }, { maxTotalBytes: 1024 * 1024 });
    expect(paths(read)).toEqual(['a.txt']);
    expect(read.problems).toEqual([expect.objectContaining({ path: 'b.txt', code: 'too_large' })]);
    expect(read.problems[0]?.message).toContain('over the limit of 1,0 MiB in all');
  });

  it('refuses every entry name that escapes the folder, naming each, and keeps the safe ones', async () => {
    const names = [
      '../../etc/cron.d/x',
      '/etc/passwd',
      'C:/Windows/win.ini',
      '..\\..\\boot.ini',
      'a/../../b.txt',
    ];
    const bytes = craftZip([...names.map((name) => ({ name, data: 'owned' })), profile]);
    const read = await readAnswer({ name: 'export.zip', bytes });
    expect(paths(read)).toEqual(['profile.json']);
    expect(read.problems.map((p) => [p.path, p.code])).toEqual(names.map((name) => [name, 'unsafe_name']));
    expect(read.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('climbs out of the folder'),
      expect.stringContaining('absolute path'),
      expect.stringContaining('drive letter (C:)'),
      expect.stringContaining('backslashes'),
      expect.stringContaining('climbs out of the folder'),
    ]);
  });

  it('names a broken entry (bad checksum, corrupt or cut-short data) and keeps the good ones around it', async () => {
    const bytes = craftZip([
      { name: 'good-1.txt', data: 'first' },
      { name: 'bad-crc.txt', data: 'changed in transit', crc: 0x12345678 },
      { name: 'corrupt.txt', data: 'hello', compressed: Buffer.from([0xff, 0xff, 0xff, 0xff]) },
      { name: 'short.txt', data: 'hello', method: 'store', declaredSize: 5, compressed: Buffer.from('hel') },
      { name: 'good-2.txt', data: 'last' },
    ]);
    const read = await readAnswer({ name: 'export.zip', bytes });
    expect(paths(read)).toEqual(['good-1.txt', 'good-2.txt']);
    expect(read.files.map((f) => f.text)).toEqual(['first', 'last']);
    expect(read.problems.map((p) => [p.path, p.code])).toEqual([
      ['bad-crc.txt', 'broken'],
      ['corrupt.txt', 'broken'],
      ['short.txt', 'size_mismatch'],
    ]);
    expect(read.problems[0]?.message).toContain('fails its checksum');
  });

  it('keeps the first of two entries with one name and names the second', async () => {
    const bytes = craftZip([profile, { name: 'profile.json', data: '{"email":"other@example.org"}' }]);
    const read = await readAnswer({ name: 'export.zip', bytes });
    expect(read.files.map((file) => file.text)).toEqual(['{"email":"alex@example.org"}']);
    expect(read.problems).toEqual([
      expect.objectContaining({ path: 'profile.json', code: 'duplicate_name' }),
    ]);
  });

  it('names an encrypted entry and reads the rest', async () => {
    const bytes = craftZip([
      { name: 'secret.csv', data: 'x', encrypted: true, method: 'store', compressed: Buffer.alloc(13) },
      profile,
    ]);
    const read = await readAnswer({ name: 'export.zip', bytes });
    expect(paths(read)).toEqual(['profile.json']);
    expect(read.problems).toEqual([expect.objectContaining({ path: 'secret.csv', code: 'encrypted' })]);
    expect(read.problems[0]?.message).toContain('secret.csv is encrypted');
  });

  it('reads no more entries than the limit and says how many were left out', async () => {
    const bytes = craftZip(Array.from({ length: 12 }, (_, i) => ({ name: `f${i}.txt`, data: `file ${i}` })));
    const read = await readAnswer({ name: 'export.zip', bytes }, { maxEntries: 10 });
    expect(read.files).toHaveLength(10);
    expect(read.problems).toEqual([
      expect.objectContaining({ path: 'export.zip', code: 'too_many_entries' }),
    ]);
    expect(read.problems[0]?.message).toContain(
      'holds 12 entries, over the limit of 10 per answer; 10 were read and 2 were left out',
    );
  });

  it('opens a ZIP inside the ZIP one level deep, and keeps a deeper one unopened and named', async () => {
    const deepest = craftZip([{ name: 'deep.txt', data: 'deep' }]);
    const inner = craftZip([
      { name: 'inner.txt', data: 'inner' },
      { name: 'more.zip', data: deepest },
    ]);
    const bytes = craftZip([profile, { name: 'photos.zip', data: inner }]);
    const read = await readAnswer({ name: 'export.zip', bytes });
    expect(paths(read)).toEqual(['photos.zip/inner.txt', 'photos.zip/more.zip', 'profile.json']);
    expect(read.problems).toEqual([
      expect.objectContaining({ path: 'photos.zip/more.zip', code: 'nested_zip', kept: true }),
    ]);
    const flat = await readAnswer({ name: 'export.zip', bytes }, { maxNesting: 0 });
    expect(flat.problems[0]?.message).toContain('ZIPs inside ZIPs are not opened');
  });

  it('counts nested ZIPs against the same limits, so a bomb cannot hide one level down', async () => {
    const inner = craftZip([{ name: 'zeros.bin', data: Buffer.alloc(20 * 1024 * 1024) }]);
    const bytes = craftZip([{ name: 'inner.zip', data: inner, method: 'store' }]);
    const read = await readAnswer({ name: 'export.zip', bytes });
    expect(read.files).toEqual([]);
    expect(read.problems).toEqual([
      expect.objectContaining({ path: 'inner.zip/zeros.bin', code: 'compression_ratio' }),
    ]);
  });

  it('says so when a file that starts like a ZIP cannot be read as one', async () => {
    const bytes = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(40)]);
    const read = await readAnswer({ name: 'export.zip', bytes });
    expect(read.files).toEqual([]);
    expect(read.problems).toEqual([expect.objectContaining({ path: 'export.zip', code: 'not_a_zip' })]);
  });
});
