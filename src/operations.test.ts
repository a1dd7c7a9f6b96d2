import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from './test/store.js';

/**
 * One set of operations: every public method of every service built in src/app.ts is reachable
 * from the CLI (src/cli calls it) and from the web app (web/src calls an HTTP route whose endpoint
 * calls it), or docs/operations.md lists it as one-sided, with the reason. A new operation that is
 * in neither fails here until it gets both surfaces or a documented reason.
 */
const root = new URL('..', import.meta.url).pathname;
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

function files(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * The calls `a.b` in some source text: `services.a.b`, and `a.b(` where `a` was taken from the
 * services object by name (`const { packages } = services`).
 */
const calls = (text: string): Set<string> =>
  new Set(
    [...text.matchAll(/(?:services\.|(?<![\w.]))(\w+)\.(\w+)(?=\s*\()|services\.(\w+)\.(\w+)/g)].map(
      (m) => `${m[1] ?? m[3] ?? ''}.${m[2] ?? m[4] ?? ''}`,
    ),
  );

/** The source of the class a service is an instance of, to tell its public methods from its private ones. */
function classSource(name: string): string {
  const file = files('src').find((f) => new RegExp(`export class ${name}\\b`).test(read(f)));
  return file ? read(file) : '';
}

/** What docs/operations.md lists as one-sided: `service.method` → where it is reachable, and why. */
function documented(): Map<string, string> {
  const rows = read('docs/operations.md')
    .split('\n')
    .map((line) => /^\|\s*`(\w+\.\w+)`\s*\|([^|]+)\|([^|]+)\|$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null);
  return new Map(rows.map((m) => [m[1] ?? '', (m[3] ?? '').trim()]));
}

describe('one set of operations', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await freshStore();
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('reaches every service operation from both the CLI and the web app, or documents why not', () => {
    const operations: string[] = [];
    for (const [key, service] of Object.entries(t.services)) {
      if (typeof service !== 'object') continue;
      const proto = Object.getPrototypeOf(service) as object;
      const source = classSource(proto.constructor.name);
      for (const method of Object.getOwnPropertyNames(proto)) {
        if (method === 'constructor') continue;
        if (new RegExp(`\\bprivate\\s+(?:async\\s+|readonly\\s+|static\\s+)*${method}\\b`).test(source))
          continue;
        operations.push(`${key}.${method}`);
      }
    }
    const cli = calls(files('src/cli').map(read).join('\n'));
    const endpoints = files('src/http')
      .filter((f) => /endpoints\.ts$/.test(f))
      .map(read)
      .join('\n');
    const usedRoutes = new Set(
      [
        ...files('web/src')
          .map(read)
          .join('\n')
          .matchAll(/api\(\s*'(\w+)'/g),
      ].map((m) => m[1] ?? ''),
    );
    // Each route's endpoint block: from `name: endpoint({` to the next route.
    const web = new Set<string>();
    for (const block of endpoints.split(/\n {2}(?=\w+: endpoint\()/)) {
      const name = /^(\w+): endpoint\(/.exec(block.trim())?.[1];
      if (name && usedRoutes.has(name)) for (const call of calls(block)) web.add(call);
    }
    const listed = documented();
    const missing = operations.filter((op) => !(cli.has(op) && web.has(op)) && !listed.has(op));
    expect(missing, 'reachable from one surface only, and not in docs/operations.md').toEqual([]);
    // The table stays true: each row names an operation that exists, is one-sided, and says why.
    const stale = [...listed.keys()].filter((op) => !operations.includes(op) || (cli.has(op) && web.has(op)));
    expect(stale, 'rows of docs/operations.md that are no longer one-sided').toEqual([]);
    for (const [op, reason] of listed) expect(reason.length, op).toBeGreaterThan(10);
  });
});
