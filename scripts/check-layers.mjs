// The layer check, part of `npm run check`. It holds the shape that docs/decisions.md describes:
//
// 1. Queries live in repositories. Outside a repository (`repository.ts`, `*.repository.ts` or a
//    file in a `repository/` folder) and `src/platform/db/`, no source file imports Kysely or
//    calls the query builder.
// 2. Adapters (`src/cli/`, `src/http/`, `web/src/`) reach services only: they import no
//    repository and no database schema.
// 3. Areas do not import each other in a cycle: the graph of `src/<area>/` imports has no loop.
//
// Files that still break a rule are listed in KNOWN below, each with the rule it breaks; the list
// may only shrink. A listed file that no longer breaks its rule is an error too, so the list stays
// true.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);

/** Files that break a rule today, to be emptied. The value says which rule. */
const KNOWN = new Map([]);
/** Area cycles that exist today, as `a -> b` edges that close them; to be emptied. */
const KNOWN_EDGES = new Set([]);

const isTest = (file) => /\.test\.tsx?$/.test(file) || file.startsWith('src/test/');
const isRepository = (file) =>
  /(^|\/)repository\.ts$/.test(file) || /\.repository\.ts$/.test(file) || /\/repository\//.test(file);
const isPlatformDb = (file) => file.startsWith('src/platform/db/');
const isAdapter = (file) => /^(src\/cli|src\/http|web\/src)\//.test(file);

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Import specifiers of a file: static, re-exports and dynamic `import('…')`. */
function importsOf(text) {
  const found = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(pattern)) found.push(match[1]);
  return found;
}

/** Text with comments and string contents blanked, so a word in a comment is not a query. */
function codeOnly(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`])\/\/[^\n]*/g, (m, lead) => lead + ' '.repeat(m.length - lead.length));
}

const QUERY_CALLS =
  /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom|executeTakeFirst|executeTakeFirstOrThrow)\s*\(|\.transaction\(\)\s*\.execute|\bsql\s*(`|<[^>]*>\s*`|\.(raw|ref|table|id|lit|join)\b)/;

const problems = [];
const stillKnown = new Set();
const files = [...sourceFiles('src'), ...sourceFiles('web/src')].filter((f) => !isTest(f));
const areaEdges = new Map();

for (const file of files) {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = importsOf(text);
  const broken = [];
  if (!isRepository(file) && !isPlatformDb(file)) {
    if (specifiers.includes('kysely')) broken.push('imports Kysely');
    const call = QUERY_CALLS.exec(codeOnly(text));
    if (call) {
      const line = text.slice(0, call.index).split('\n').length;
      broken.push(`calls the query builder (line ${line}: \`${call[0].trim()}\`)`);
    }
  }
  if (isAdapter(file)) {
    for (const spec of specifiers) {
      if (/(^|\/)repository(\.js)?$|\.repository\.js$|\/repository\/|platform\/db\/schema\.js$/.test(spec))
        broken.push(`is an adapter and imports ${spec}`);
    }
  }
  if (broken.length > 0) {
    const rule = broken.some((b) => b.startsWith('is an adapter')) ? 'adapter' : 'query';
    if (KNOWN.get(file) === rule) {
      stillKnown.add(file);
    } else {
      problems.push(
        `${file} ${broken.join('; ')}: ${rule === 'adapter' ? "call the area's service instead" : "move the query into the area's repository"}.`,
      );
    }
  }

  // The area graph: src/<area>/… importing src/<other>/…
  const area = /^src\/([^/]+)\//.exec(file)?.[1];
  if (area === undefined || ['cli', 'http', 'platform', 'test', 'demo'].includes(area)) continue;
  for (const spec of specifiers) {
    if (!spec.startsWith('.')) continue;
    const target = relative(root, resolve(root, dirname(file), spec));
    const other = /^src\/([^/]+)\//.exec(target)?.[1];
    if (other === undefined || other === area || ['platform', 'test'].includes(other)) continue;
    if (!areaEdges.has(area)) areaEdges.set(area, new Map());
    const targets = areaEdges.get(area);
    if (!targets.has(other)) targets.set(other, `${file} imports ${spec}`);
  }
}

for (const file of KNOWN.keys()) {
  if (!stillKnown.has(file))
    problems.push(
      `${file} is listed in KNOWN in scripts/check-layers.mjs but keeps the rule now: remove it.`,
    );
}

// Cycles: a depth-first search over areas, ignoring the listed edges.
const edge = (a, b) => `${a} -> ${b}`;
const usedKnownEdges = new Set();
const state = new Map();
const stack = [];
function visit(area) {
  state.set(area, 'open');
  stack.push(area);
  for (const [next, why] of areaEdges.get(area) ?? []) {
    if (KNOWN_EDGES.has(edge(area, next))) {
      usedKnownEdges.add(edge(area, next));
      continue;
    }
    if (state.get(next) === 'open') {
      const loop = [...stack.slice(stack.indexOf(next)), next];
      problems.push(`areas import each other in a cycle: ${loop.join(' -> ')} (${why}).`);
    } else if (!state.has(next)) visit(next);
  }
  stack.pop();
  state.set(area, 'done');
}
for (const area of [...areaEdges.keys()].sort()) if (!state.has(area)) visit(area);
for (const known of KNOWN_EDGES) {
  if (!usedKnownEdges.has(known))
    problems.push(`the edge ${known} is listed in KNOWN_EDGES but no longer exists: remove it.`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`layers: ${problem}`);
  process.exit(1);
}
console.log(
  `layers: ${files.length} files hold the layers; ${KNOWN.size} known to fix, ${KNOWN_EDGES.size} cycle edges known.`,
);
