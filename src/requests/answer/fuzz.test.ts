import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { craftZip } from '../../test/zip.js';
import { extractFindings } from './findings.js';
import { readAnswer } from './read.js';
import { unsafeEntryName } from './zip.js';

const sample = craftZip([
  { name: 'account/profile.json', data: '{"profile":{"firstName":"Alex","email":"alex@example.org"}}' },
  { name: 'orders.csv', data: 'order;date\nA-1;03.01.2025\n' },
  { name: 'letter.txt', data: 'Hauptstraße 5\n10115 Berlin\n+49 30 1234567', method: 'store' },
]);

describe('readAnswer on damaged ZIPs', () => {
  it('never throws, keeps only safe paths, and names every problem in words', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(sample.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (changes) => {
          const bytes = Buffer.from(sample);
          for (const [at, value] of changes) bytes[at] = value;
          const read = await readAnswer({ name: 'export.zip', bytes });
          for (const file of read.files) expect(unsafeEntryName(file.path)).toBeNull();
          for (const problem of read.problems) {
            expect(problem.message).toContain(problem.path);
            expect(problem.message).not.toMatch(/\n\s+at /);
          }
          extractFindings(read.files, { defaultCountry: 'DE' });
        },
      ),
      { numRuns: 300, seed: 16 },
    );
  });
});
