import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Starts a worker thread on an entry of the build (`dist/cli/<name>.js`, beside the chunk that
 * asks for it), or, when the caller runs from TypeScript source (vitest, tsx), on the `.ts` source
 * through tsx. `from` is the caller's `import.meta.url`; the entry lives in the caller's folder;
 * `workerData` reaches the worker as node:worker_threads' `workerData`.
 * **Important**: on Node 20, `execArgv: ['--import', 'tsx']` does not reach a worker's entry
 * module (it fails with "Unknown file extension .ts"), so a one-line bootstrap registers tsx in the
 * worker and then imports the source.
 */
export function startWorker(
  from: string,
  name: string,
  options: { resourceLimits?: ResourceLimits; workerData?: unknown } = {},
): Worker {
  if (!from.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, from), options);
  const require = createRequire(from);
  const tsxApi = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs'));
  const source = new URL(`./${name}.ts`, from);
  const bootstrap = `import(${JSON.stringify(tsxApi.href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
