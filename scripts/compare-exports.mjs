// Compares two exports of the same store content (`vrm export`), made for the same day, and says
// whether they are the same data: `node scripts/compare-exports.mjs before.json after.json`.
// Used to show that a refactoring changed no behaviour, for example on `vrm demo`'s store.
//
// What cannot be equal between two runs is replaced, in order of first appearance, by a
// placeholder, so two runs compare equal when they made the same things in the same order:
// random UUIDs, key ids and key material, signatures (JWS, SD-JWT, salts inside them), and the
// audit log's wall-clock times (the audit log records real time, not VRM_TODAY).
import { readFileSync } from 'node:fs';

const [beforePath, afterPath] = process.argv.slice(2);
if (!beforePath || !afterPath) {
  console.error('usage: node scripts/compare-exports.mjs before.json after.json');
  process.exit(2);
}

const RANDOM = [
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
  // JWS, SD-JWT and base64url key material: long runs of base64url characters, with dots or tildes.
  /[A-Za-z0-9_-]{20,}(?:[.~][A-Za-z0-9_-]*)*/g,
];

function normaliser() {
  const seen = new Map();
  const stable = (text) =>
    RANDOM.reduce(
      (t, pattern) =>
        t.replace(pattern, (match) => {
          if (!seen.has(match)) seen.set(match, `<random ${seen.size + 1}>`);
          return seen.get(match);
        }),
      text,
    );
  const walk = (value, key) => {
    if (key === 'at' && typeof value === 'string') return '<wall clock>';
    if (typeof value === 'string') {
      // JSON inside a string (audit rows, documents): normalise its parts too.
      if (/^[[{]/.test(value)) {
        try {
          return JSON.stringify(walk(JSON.parse(value)));
        } catch {
          /* not JSON: treat as text */
        }
      }
      return stable(value);
    }
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return walk;
}

const load = (path) => normaliser()(JSON.parse(readFileSync(path, 'utf8')));
const before = load(beforePath);
const after = load(afterPath);

const differences = [];
function compare(a, b, path) {
  if (differences.length >= 20) return;
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    differences.push(`${path}: ${JSON.stringify(a)?.slice(0, 80)} ≠ ${JSON.stringify(b)?.slice(0, 80)}`);
  } else if (Array.isArray(a)) {
    if (a.length !== b.length) differences.push(`${path}: ${a.length} rows ≠ ${b.length} rows`);
    else a.forEach((v, i) => compare(v, b[i], `${path}[${i}]`));
  } else if (a && typeof a === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
      compare(a[key], b[key], `${path}.${key}`);
  } else if (a !== b) {
    differences.push(`${path}: ${JSON.stringify(a)?.slice(0, 80)} ≠ ${JSON.stringify(b)?.slice(0, 80)}`);
  }
}
compare(before, after, '$');
if (differences.length > 0) {
  for (const d of differences) console.log(d);
  console.log(`the exports differ (first ${differences.length} differences above)`);
  process.exit(1);
}
const rows = Object.values(before.tables ?? {}).reduce((n, t) => n + (Array.isArray(t) ? t.length : 0), 0);
console.log(
  `the exports hold the same data: ${rows} rows in ${Object.keys(before.tables ?? {}).length} tables`,
);
