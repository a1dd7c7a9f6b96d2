// Builds the CLI into dist/cli/ and the web app into dist/web/. The CLI is ES modules bundled by
// esbuild: one file for start-up, and one chunk per lazily imported command handler. Bundling halves the time of every command (Node 20
// has no compile cache, and resolving Kysely's and zod's hundreds of files costs ~200 ms).
// Type checking is not done here but in `npm run check` (tsc --noEmit).
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { build as buildWeb } from 'vite';

const root = new URL('..', import.meta.url).pathname;
// Build beside dist/ and swap it in at the end, so a command or test running from dist/ meanwhile
// never sees a half-written build.
const next = `dist-next-${process.pid}`;
rmSync(`${root}${next}`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // Worker threads load their own entries beside the chunks (src/platform/workers.ts): the mail
  // parser's (src/mail/pool.ts), the web app's search (src/mail/search-runner.ts) and the bank
  // statements' reader (src/money/formats/read-ahead.ts).
  entryPoints: {
    main: 'src/cli/main.ts',
    'parse-worker': 'src/mail/parse-worker.ts',
    'search-worker': 'src/mail/search-worker.ts',
    'read-worker': 'src/money/formats/read-worker.ts',
  },
  outdir: `${next}/cli`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // The native SQLCipher binding is loaded from node_modules as it is; so is pdfkit, which reads
  // its font metrics (data/Helvetica.afm) from beside its own files.
  external: ['better-sqlite3-multiple-ciphers', 'pdfkit'],
  // Some bundled CommonJS (libphonenumber-js metadata loaders) calls require().
  banner: {
    js: "import { createRequire as __vrmRequire } from 'node:module'; const require = __vrmRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
// The web app: React, bundled by Vite into dist/web, which `vrm serve` serves. Always the production
// build: Vite takes NODE_ENV from the environment, and the test runner sets it to "test", which
// would ship React's development build (twice the size, and slower).
process.env.NODE_ENV = 'production';
await buildWeb({
  mode: 'production',
  configFile: `${root}web/vite.config.ts`,
  logLevel: 'warn',
  build: { outDir: `${root}${next}/web` },
});
writeFileSync(`${root}${next}/.build-stamp`, new Date().toISOString());
const old = `${root}dist-old-${process.pid}`;
if (existsSync(`${root}dist`)) renameSync(`${root}dist`, old);
renameSync(`${root}${next}`, `${root}dist`);
rmSync(old, { recursive: true, force: true });
