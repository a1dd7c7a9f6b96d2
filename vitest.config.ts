import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Three projects, so the inner loop is fast: `npm test -- --project unit` runs in seconds, and
 * `npm test` runs all three. A test file's project follows from what it uses, so a new file lands
 * in the right one without a list to keep:
 * - `e2e`: a browser, the built CLI, a real IMAP server, a child process or a small disk
 *   (`*.e2e.test.ts`, or an import of `src/test/{chromium,cli,dovecot,small-disk}`, or
 *   `node:child_process`);
 * - `store`: a real encrypted store in this process (`src/test/store`, the store itself, the
 *   composition root or the HTTP app, `src/test/http`'s served store);
 * - `unit`: everything else, pure functions over values, buffers and files.
 */
const END_TO_END =
  /\.e2e\.test\.ts$|from '[./]*\/test\/(chromium|cli|dovecot|small-disk)\.js'|from 'node:child_process'/;
const STORE =
  /from '[./]*\/test\/(store|sizeable|http)\.js'|from '[./]*\/platform\/db\/store\.js'|from '[./]*\/app\.js'|from '[./]*\/http\/(app|server)\.js'|from '\.\/(app|server)\.js'/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const projectOf = (file: string): 'unit' | 'store' | 'e2e' => {
  const text = readFileSync(file, 'utf8');
  if (END_TO_END.test(file) || END_TO_END.test(text)) return 'e2e';
  return STORE.test(text) ? 'store' : 'unit';
};
const files = testFiles('src');
const of = (project: string) => files.filter((file) => projectOf(file) === project);

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // `expect.poll` waits for what the page shows; its default of 1 s is a timing guess that a
    // busy machine misses (a search's worker thread starting, say). 10 s, as page.setDefaultTimeout.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: of('unit') } },
      // The store tests serve the built web app (dist/web) too: build it first when a source is newer.
      {
        extends: true,
        test: { name: 'store', include: of('store'), globalSetup: ['src/test/global-setup.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: of('e2e'),
          // These run the compiled CLI and the built web app: build them first when a source is newer.
          globalSetup: ['src/test/global-setup.ts'],
        },
      },
    ],
  },
});
