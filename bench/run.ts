// `npm run bench`: every benchmark of the project, one after another. Name some to run only those
// (`npx tsx bench/run.ts parse-speed mbox-memory`); `--help` lists them. Other arguments are left to
// the benchmarks themselves (`npm run bench -- --copies 2` for bench/mail.ts).
const BENCHMARKS = {
  startup: () => import('./startup.js'),
  http: () => import('./http.js'),
  knows: () => import('./knows.js'),
  aliases: () => import('./aliases.js'),
  mail: () => import('./mail.js'),
  'parse-speed': () => import('./parse-speed.js'),
  'mbox-memory': () => import('./mbox-memory.js'),
  money: () => import('./money.js'),
  'money-store': () => import('./money-store.js'),
} as const;
type Name = keyof typeof BENCHMARKS;
const names = Object.keys(BENCHMARKS) as Name[];

if (process.argv.includes('--help')) {
  console.log(`usage: npx tsx bench/run.ts [${names.join('|')}]... [options of the benchmarks]`);
  console.log('With no name, all of them run.');
  process.exit(0);
}
const asked = names.filter((name) => process.argv.slice(2).includes(name));
const chosen = asked.length === 0 ? names : asked;
for (const [i, name] of chosen.entries()) {
  if (i > 0) console.log('');
  await BENCHMARKS[name]();
}
