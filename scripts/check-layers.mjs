// The layer check, part of `npm run check`. It holds the shape that docs/decisions.md describes:
//
// 1. Queries live in repositories. Outside a repository (`repository.ts`, `*.repository.ts` or a
//    file in a `repository/` folder) and `src/platform/db/`, no source file imports Kysely or
//    calls the query builder.
// 2. Adapters (`src/cli/`, `src/http/`, `web/src/`) reach services only: they import no
//    repository and no database schema.
// 3. Areas do not import each other in a cycle: the graph of `src/<area>/` imports has no loop.
// 4. What differs between database engines stays behind the database port (`src/platform/db/`):
//    elsewhere, code that talks to the store writes no 0/1 boolean conversions (`? 1 : 0`,
//    `row.x === 1`: use toDbBoolean/fromDbBoolean), and no source file writes SQLite's own SQL
//    (`LIKE`, `json_each`, `group_concat`, `pragma`, `sqlite_…`, `total_changes`, `LIMIT -1`).
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

// Rule 4. SQL that only SQLite speaks, as the port's helpers replace it; case matters, so prose
// ("reads like") is not SQL.
const ENGINE_SQL =
  /\b(LIKE|json_each|group_concat|pragma(_\w+)?|PRAGMA|sqlite_\w+|total_changes)\b|\bLIMIT\s+-1\b|\.limit\(\s*-1\s*\)/;
// A boolean written as 0/1 by hand: `x ? 1 : 0` or `x === false ? 0 : 1` on a value (not on a
// comparison such as `a > b ? 1 : 0`, which ranks), or a stored 0/1 read as `row.x === 1`.
const HAND_BOOLEAN = new RegExp(
  String.raw`(?:(?<![\w.$]|[<>=!]=?\s*|[-+*/%]\s*)!?[\w$]+(?:\??\.[\w$]+)*\s*|[!=]==\s*(?:true|false)\s*)` +
    String.raw`\?\s*([01])\s*:\s*(?!\1)[01]\b(?!\s*[-+*/.\d])` +
    String.raw`|\.(?!length\b|size\b|changes\b)[\w$]+\s*[!=]==\s*[01]\b(?!\s*[-+*/.\d])`,
);
/** Whether a file talks to the store: a repository, or code that imports one or the store handle. */
const talksToStore = (file, specifiers) =>
  isRepository(file) ||
  specifiers.some((s) => /(^|\/)repository(\.js|\/)|\.repository\.js$|platform\/db\//.test(s));

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
  if (file.startsWith('src/') && !isPlatformDb(file)) {
    const code = codeOnly(text);
    const at = (match) => `line ${text.slice(0, match.index).split('\n').length}: \`${match[0].trim()}\``;
    const engineSql = ENGINE_SQL.exec(code);
    if (engineSql) {
      problems.push(
        `${file} writes SQL only SQLite speaks (${at(engineSql)}): use a helper of src/platform/db/queries.ts, or add one there.`,
      );
    }
    const handBoolean = talksToStore(file, specifiers) ? HAND_BOOLEAN.exec(code) : null;
    if (handBoolean) {
      problems.push(
        `${file} converts a stored boolean by hand (${at(handBoolean)}): use toDbBoolean/fromDbBoolean in the repository.`,
      );
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
