import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportStore, serialiseExport, type VrmExport } from '../backup/export.js';
import { parseExport, restoreExport } from '../backup/restore.js';
import { seedDemo } from '../demo/seed.js';
import type { AliasImportReport } from '../identities/alias-import.js';
import { openStore } from '../platform/db/store.js';
import { VrmError } from '../platform/errors.js';
import { vrm, type CliResult } from '../test/cli.js';
import { corpusFiles, corpusMessage, quoteMboxrd } from '../test/corpus.js';
import { crashSigns, mutate, seeded, utf16, type Random } from '../test/fuzz.js';
import { freshStore, TEST_PASSPHRASE, type TestStore } from '../test/store.js';
import { EXIT_CODES } from './exit.js';
import { decodeText } from './files.js';
import { sqliteConnection } from '../platform/db/sqlite/connection.js';

/**
 * Every importer fed a few hundred damaged copies of real samples: SimpleLogin and addy.io exports,
 * messages of the SpamAssassin corpus as .eml files, mbox files and Maildirs, and a whole store's
 * export. Each input damages some records (a flipped bit, a cut, an unclosed quote, NULs, a huge
 * line, bytes in another encoding, an empty file) and leaves the others byte for byte; every
 * undamaged record must still be imported, and every damaged one imported or named. Most cases run
 * in-process through the services; some through the real binary, where the exit code must be a
 * documented one other than 1 (a bug) and the output must hold no stack trace.
 *
 * `VRM_FUZZ_SEED=N` replays another set of inputs; the counts run are printed at the end.
 */
const SEED = Number(process.env.VRM_FUZZ_SEED ?? 20260315);
const ran: Record<string, { inProcess: number; binary: number }> = {};
const count = (importer: string, where: 'inProcess' | 'binary') => {
  ran[importer] ??= { inProcess: 0, binary: 0 };
  ran[importer][where]++;
};

let dir: string;
let t: TestStore;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-import-fuzz-'));
  t = await freshStore();
  const init = vrm(['init'], { VRM_HOME: dir, VRM_PASSPHRASE: TEST_PASSPHRASE });
  expect(init.code).toBe(0);
  const token = vrm(['unlock', '--raw'], { VRM_HOME: dir, VRM_PASSPHRASE: TEST_PASSPHRASE }).stdout.trim();
  env = { VRM_HOME: dir, VRM_SESSION: token };
});

afterAll(async () => {
  await t.dispose();
  rmSync(dir, { recursive: true, force: true });
  const total = Object.values(ran).reduce((n, r) => n + r.inProcess + r.binary, 0);
  console.log(
    `import fuzz (seed ${SEED}): ${total} cases: ` +
      Object.entries(ran)
        .map(([name, r]) => `${name} ${r.inProcess} in-process + ${r.binary} through the binary`)
        .join('; '),
  );
});

const DOCUMENTED = new Set<number>(Object.values(EXIT_CODES).filter((c) => c !== EXIT_CODES.internal));

/** What every run of the binary on bad input must be: a documented exit code, no trace of a bug. */
function expectClean(result: CliResult, what: string): void {
  expect(crashSigns(result.stdout + result.stderr), what).toEqual([]);
  expect(DOCUMENTED.has(result.code), `${what}: exit code ${result.code}\n${result.stderr}`).toBe(true);
}

/** 1-based line of byte `offset` in `bytes`. */
const lineAt = (bytes: Buffer, offset: number): number => {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
};

// ── alias exports ─────────────────────────────────────────────────────────────────────────────

const FIXTURES = new URL('../identities/fixtures/', import.meta.url);

interface AliasSample {
  readonly header: string;
  /** Good rows of the real export, each with its address. */
  readonly rows: readonly { text: string; address: string }[];
}

let aliasSamples: AliasSample[];

/** The rows of a fixture that import by themselves: the good rows of a real export. */
async function goodRows(name: string): Promise<AliasSample> {
  const [header = '', ...lines] = readFileSync(new URL(name, FIXTURES), 'utf8').split('\n');
  const rows: { text: string; address: string }[] = [];
  for (const line of lines) {
    const report = await t.services.aliasImport.importCsv(`${header}\n${line}\n`);
    const address = report.identities[0]?.value;
    if (address && report.problems.length === 0) rows.push({ text: line, address });
  }
  sqliteConnection(t.store).exec('DELETE FROM identities');
  return { header, rows };
}

interface AliasCase {
  readonly name: string;
  readonly bytes: Buffer;
  /** Undamaged rows: each must be imported, and never named as a problem. */
  readonly expected: readonly { address: string; line: number }[];
}

function aliasCase(random: Random, id: string): AliasCase {
  const sample = random.pick(aliasSamples);
  const rows = Array.from({ length: 4 + random.int(9) }, (_, i) => {
    const row = random.pick(sample.rows);
    const address = `${id}r${i}.${row.address}`;
    return { text: row.text.replace(row.address, address), address };
  });
  const eol = random.next() < 0.3 ? '\r\n' : '\n';
  const whole = random.next() < 0.25;
  const victims = new Set(whole ? [] : random.some([...rows.keys()], 1 + random.int(3)));
  const parts: Buffer[] = [Buffer.from(sample.header + eol)];
  const damage: string[] = [];
  const expected: { address: string; offset: number }[] = [];
  let offset = parts[0]?.length ?? 0;
  for (const [i, row] of rows.entries()) {
    let bytes: Buffer = Buffer.from(row.text);
    if (victims.has(i)) {
      const m = mutate(random, bytes);
      damage.push(`row ${i}: ${m.name}`);
      bytes = m.bytes;
    } else expected.push({ address: row.address, offset });
    const line = Buffer.concat([bytes, Buffer.from(eol)]);
    parts.push(line);
    offset += line.length;
  }
  let bytes: Buffer = Buffer.concat(parts);
  if (whole) {
    const kind = random.pick(['empty', 'header only', 'cut', 'utf-16', 'garbage', 'damaged header'] as const);
    damage.push(kind);
    if (kind === 'empty') bytes = Buffer.alloc(0);
    if (kind === 'header only') bytes = Buffer.from(sample.header);
    if (kind === 'garbage')
      bytes = Buffer.from(Array.from({ length: 1 + random.int(4000) }, () => random.int(256)));
    if (kind === 'damaged header') bytes = mutate(random, bytes, { to: parts[0]?.length ?? 0 }).bytes;
    if (kind === 'utf-16') bytes = utf16(bytes.toString('utf8'));
    if (kind === 'cut') {
      const at = random.int(bytes.length);
      bytes = bytes.subarray(0, at);
      // Rows whole before the cut are still there (their line end too).
      const kept = expected.filter((e) =>
        rows.some((r) => r.address === e.address && e.offset + r.text.length + eol.length <= at),
      );
      expected.splice(0, expected.length, ...kept);
    }
    if (kind !== 'utf-16' && kind !== 'cut') expected.splice(0);
  }
  return {
    name: `${id}: ${damage.join(', ')}`,
    bytes,
    expected: expected.map((e) => ({ address: e.address, line: whole ? 0 : lineAt(bytes, e.offset) })),
  };
}

function checkAliasReport(c: AliasCase, report: AliasImportReport, file: string): void {
  const imported = new Set(report.identities.map((i) => i.value));
  for (const e of c.expected) expect(imported.has(e.address), `${c.name}: ${e.address} was lost`).toBe(true);
  const lines = report.problems.map((p) => p.line);
  for (const p of report.problems)
    expect(p.message.startsWith(`${file}: line ${p.line}: `), c.name).toBe(true);
  expect(
    [...new Set(lines)].sort((a, b) => a - b),
    `${c.name}: one problem a line, in order`,
  ).toEqual(lines);
  for (const e of c.expected)
    if (e.line > 0) expect(lines, `${c.name}: good line ${e.line} named`).not.toContain(e.line);
  // Every record is accounted for: imported, a duplicate, or named.
  expect(report.rows, c.name).toBe(report.imported + report.duplicates + report.problems.length);
}

describe('fuzzing the alias import', () => {
  beforeAll(async () => {
    aliasSamples = [await goodRows('simplelogin.csv'), await goodRows('addy.csv')];
    expect(aliasSamples.map((s) => s.rows.length)).toEqual([5, 2]);
  });

  it('imports every undamaged row and names each damaged one, in-process', async () => {
    const random = seeded(SEED);
    for (let n = 0; n < 200; n++) {
      const c = aliasCase(random, `a${n}`);
      count('alias CSV', 'inProcess');
      let report: AliasImportReport;
      try {
        report = await t.services.aliasImport.importCsv(decodeText(c.bytes), { file: 'fuzz.csv' });
      } catch (error) {
        // Only a file unreadable as a whole is refused, and then it held no good row.
        expect(error, c.name).toBeInstanceOf(VrmError);
        expect((error as VrmError).message, c.name).toMatch(/^fuzz\.csv: line \d+: /);
        expect(c.expected, c.name).toEqual([]);
        continue;
      }
      checkAliasReport(c, report, 'fuzz.csv');
    }
  });

  it('through the binary: exits 0 or 2 with no trace, and the undamaged rows are in the store', () => {
    const random = seeded(SEED + 1);
    const expected: string[] = [];
    for (let n = 0; n < 8; n++) {
      const c = aliasCase(random, `b${n}`);
      const file = join(dir, `aliases-${n}.csv`);
      writeFileSync(file, c.bytes);
      const result = vrm(['identity', 'import', file], env);
      count('alias CSV', 'binary');
      expectClean(result, c.name);
      expect([0, 2], `${c.name}: ${result.stderr}`).toContain(result.code);
      if (result.code === 0) expect(result.stderr, c.name).toBe('');
      expected.push(...c.expected.map((e) => e.address));
    }
    const list = vrm(['identity', 'list', '--json'], env);
    const stored = new Set((JSON.parse(list.stdout) as { value: string }[]).map((i) => i.value));
    for (const address of expected) expect(stored.has(address), `${address} was lost`).toBe(true);
  });
});

// ── mail: .eml files, mbox, Maildir ──────────────────────────────────────────────────────────

let messages: Buffer[];
/** The mail cases' own store: the alias cases' thousands of identities would slow every import. */
let mailStore: TestStore;

/** A sample message with a Message-ID of its own, so that it can be found after the import. */
function message(random: Random, id: string): Buffer {
  const raw = random.pick(messages);
  const eol = raw.includes('\r\n') ? '\r\n' : '\n';
  return Buffer.concat([Buffer.from(`Message-ID: <${id}@fuzz.vrm.test>${eol}`), raw]);
}

/** Damages a message, or the whole file it is: cut, emptied, another encoding, noise. */
function damaged(random: Random, bytes: Buffer): { name: string; bytes: Buffer } {
  const roll = random.next();
  if (roll < 0.08) return { name: 'empty', bytes: Buffer.alloc(0) };
  if (roll < 0.14) return { name: 'utf-16', bytes: utf16(bytes.toString('latin1')) };
  if (roll < 0.18)
    return {
      name: 'noise',
      bytes: Buffer.from(Array.from({ length: 1 + random.int(3000) }, () => random.int(256))),
    };
  return mutate(random, bytes);
}

async function storedIds(path?: string): Promise<Set<string>> {
  const store = path ? await openStore(path, { sessionToken: env.VRM_SESSION ?? '' }) : mailStore.store;
  try {
    const rows = sqliteConnection(store).prepare('SELECT message_id FROM messages').pluck().all() as (
      string | null
    )[];
    return new Set(rows.filter((r): r is string => r !== null));
  } finally {
    if (path) await store.close();
  }
}

interface MailCase {
  readonly name: string;
  readonly path: string;
  /** Message-IDs of the undamaged messages. */
  readonly expected: readonly string[];
  /** Whether the damage may make the whole file unreadable (it then held no undamaged message). */
  readonly wholeFile: boolean;
}

function emlCase(random: Random, id: string): MailCase & { paths: string[] } {
  const folder = join(dir, id);
  mkdirSync(folder);
  const files = 3 + random.int(3);
  const victims = new Set(random.some([...Array(files).keys()], 1 + random.int(2)));
  const expected: string[] = [];
  const damage: string[] = [];
  const paths = [...Array(files).keys()].map((i) => {
    const path = join(folder, `${i}.eml`);
    let bytes: Buffer = message(random, `${id}-${i}`);
    if (victims.has(i)) {
      const d = damaged(random, bytes);
      damage.push(`${i}.eml: ${d.name}`);
      bytes = d.bytes;
    } else expected.push(`${id}-${i}@fuzz.vrm.test`);
    writeFileSync(path, bytes);
    return path;
  });
  return { name: `${id}: ${damage.join(', ')}`, path: folder, paths, expected, wholeFile: false };
}

function mboxCase(random: Random, id: string): MailCase {
  const size = 3 + random.int(4);
  const victims = new Set(random.some([...Array(size).keys()], 1 + random.int(2)));
  const parts: Buffer[] = [];
  const ends: { id: string; end: number }[] = [];
  const damage: string[] = [];
  let length = 0;
  for (let i = 0; i < size; i++) {
    let bytes: Buffer = quoteMboxrd(message(random, `${id}-${i}`));
    if (victims.has(i)) {
      // Within the message: the blank line and the `From ` line after it are the next one's.
      const m = mutate(random, bytes, { from: 0, to: Math.max(0, bytes.length - 1) });
      damage.push(`message ${i}: ${m.name}`);
      bytes = m.bytes;
    }
    const ending = bytes.at(-1) === 0x0a ? '\n' : '\n\n';
    const part = Buffer.concat([
      Buffer.from('From fuzz@vrm.test Tue Mar 10 09:00:00 2026\n'),
      bytes,
      Buffer.from(ending),
    ]);
    parts.push(part);
    length += part.length;
    if (!victims.has(i)) ends.push({ id: `${id}-${i}@fuzz.vrm.test`, end: length });
  }
  let bytes: Buffer = Buffer.concat(parts);
  let expected = ends.map((e) => e.id);
  let wholeFile = false;
  if (random.next() < 0.2) {
    wholeFile = true;
    const kind = random.pick(['cut', 'empty', 'utf-16', 'first line'] as const);
    damage.push(kind);
    if (kind === 'cut') {
      const at = random.int(bytes.length);
      bytes = bytes.subarray(0, at);
      expected = ends.filter((e) => e.end <= at).map((e) => e.id);
    } else {
      if (kind === 'empty') bytes = Buffer.alloc(0);
      if (kind === 'utf-16') bytes = utf16(bytes.toString('latin1'));
      if (kind === 'first line') bytes = mutate(random, bytes, { to: 45 }).bytes;
      expected = [];
    }
  }
  const path = join(dir, `${id}.mbox`);
  writeFileSync(path, bytes);
  return { name: `${id}: ${damage.join(', ')}`, path, expected, wholeFile };
}

function maildirCase(random: Random, id: string): MailCase {
  const root = join(dir, `${id}-Maildir`);
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(root, sub), { recursive: true });
  const files = 3 + random.int(4);
  const victims = new Set(random.some([...Array(files).keys()], 1 + random.int(2)));
  const expected: string[] = [];
  const damage: string[] = [];
  for (let i = 0; i < files; i++) {
    let bytes: Buffer = message(random, `${id}-${i}`);
    if (victims.has(i)) {
      const d = damaged(random, bytes);
      damage.push(`file ${i}: ${d.name}`);
      bytes = d.bytes;
    } else expected.push(`${id}-${i}@fuzz.vrm.test`);
    const sub = random.next() < 0.5 ? 'cur' : 'new';
    writeFileSync(join(root, sub, `17000000${i}.M${i}P1.fuzz${sub === 'cur' ? ':2,S' : ''}`), bytes);
  }
  // What a Maildir holds besides mail: a message still being delivered, a folder, a dot file.
  writeFileSync(join(root, 'tmp', '1.M1.fuzz'), 'Subject: half');
  if (random.next() < 0.3) mkdirSync(join(root, 'cur', 'stray-folder'));
  if (random.next() < 0.3) writeFileSync(join(root, 'new', '.hidden'), 'not mail');
  return { name: `${id}: ${damage.join(', ')}`, path: root, expected, wholeFile: false };
}

describe('fuzzing the mail import', () => {
  afterAll(async () => {
    await mailStore.dispose();
  });

  beforeAll(async () => {
    mailStore = await freshStore();
    // Real mail of every kind the corpus holds, small enough to copy many times, and the crafted
    // hard cases (broken MIME, odd charsets).
    const random = seeded(SEED + 2);
    const files = corpusFiles();
    const picked = Array.from({ length: 80 }, () => corpusMessage(random.pick(files))).filter(
      (m) => m.length < 64 * 1024,
    );
    const fixtures = fileURLToPath(new URL('../mail/fixtures/', import.meta.url));
    const crafted = readdirSync(fixtures)
      .filter((n) => n.endsWith('.eml'))
      .map((n) => readFileSync(join(fixtures, n)))
      .filter((m) => m.length < 64 * 1024);
    messages = [...picked, ...crafted];
    expect(messages.length).toBeGreaterThan(60);
  });

  it('imports every undamaged .eml, mbox message and Maildir file, in-process', async () => {
    const random = seeded(SEED + 3);
    const { mail } = mailStore.services;
    for (let n = 0; n < 150; n++) {
      const kind = (['eml', 'mbox', 'maildir'] as const)[n % 3] ?? 'eml';
      count(`mail ${kind}`, 'inProcess');
      if (kind === 'eml') {
        const c = emlCase(random, `e${n}`);
        const { summaries, failures } = await mail.importPaths(c.paths, { poolSize: 0 });
        expect(summaries.length + failures.length, c.name).toBe(c.paths.length);
        const ids = await storedIds();
        for (const id of c.expected) expect(ids.has(id), `${c.name}: ${id} was lost`).toBe(true);
        continue;
      }
      const c = kind === 'mbox' ? mboxCase(random, `m${n}`) : maildirCase(random, `d${n}`);
      try {
        const summary = await mail.importPath(c.path, { poolSize: 0 });
        expect(summary.seen, c.name).toBeGreaterThanOrEqual(summary.imported + summary.duplicates);
      } catch (error) {
        expect(error, c.name).toBeInstanceOf(VrmError);
        expect(c.wholeFile && c.expected.length === 0, `${c.name}: ${String(error)}`).toBe(true);
        continue;
      }
      const ids = await storedIds();
      for (const id of c.expected) expect(ids.has(id), `${c.name}: ${id} was lost`).toBe(true);
    }
  });

  it('through the binary: exits 0 or 2 with no trace, and the undamaged messages are in the store', async () => {
    const random = seeded(SEED + 4);
    const expected: string[] = [];
    for (let n = 0; n < 6; n++) {
      const kind = (['eml', 'mbox', 'maildir'] as const)[n % 3] ?? 'eml';
      const c =
        kind === 'eml'
          ? emlCase(random, `be${n}`)
          : kind === 'mbox'
            ? mboxCase(random, `bm${n}`)
            : maildirCase(random, `bd${n}`);
      const paths = 'paths' in c ? (c.paths as string[]) : [c.path];
      const result = vrm(['mail', 'import', ...paths], env);
      count(`mail ${kind}`, 'binary');
      expectClean(result, c.name);
      expect([0, 2], `${c.name}: ${result.stderr}`).toContain(result.code);
      expected.push(...c.expected);
    }
    const ids = await storedIds(join(dir, 'store.db'));
    for (const id of expected) expect(ids.has(id), `${id} was lost`).toBe(true);
  });
});

// ── restoring an export ──────────────────────────────────────────────────────────────────────

let exported: VrmExport;
/** Records no other record refers to: one can be damaged without taking others with it. */
let leaves: { table: keyof VrmExport['tables']; index: number }[];

type Row = Record<string, unknown>;
const tablesOf = (data: VrmExport) => data.tables as unknown as Record<string, Row[]>;

/** A record damaged as a value: a wrong type, a missing or unknown field, odd text. */
function damagedValue(random: Random, row: Row): { name: string; row: unknown } {
  const keys = Object.keys(row);
  const key = random.pick(keys);
  const kind = random.pick([
    'wrong type', 'missing', 'unknown field', 'not an object', 'huge text', 'NUL', 'lone surrogate',
    'huge number', 'fraction', 'nested',
  ] as const); // prettier-ignore
  const copy: Row = { ...row };
  switch (kind) {
    case 'wrong type':
      copy[key] = typeof row[key] === 'number' ? String(row[key]) : 12;
      break;
    case 'missing':
      return {
        name: `${kind} (${key})`,
        row: Object.fromEntries(Object.entries(row).filter(([k]) => k !== key)),
      };
    case 'unknown field':
      copy.surplus = 'x';
      break;
    case 'not an object':
      return { name: kind, row: random.pick([null, 'text', 3, [row]]) };
    case 'huge text':
      copy[key] = 'x'.repeat(256 * 1024);
      break;
    case 'NUL':
      copy[key] = `${String(row[key])}\u0000end`;
      break;
    case 'lone surrogate':
      copy[key] = `${String(row[key])}\ud800`;
      break;
    case 'huge number':
      copy[key] = 2 ** 60;
      break;
    case 'fraction':
      copy[key] = 1.5;
      break;
    case 'nested':
      copy[key] = { deep: [row[key]] };
      break;
  }
  return { name: `${kind} (${key})`, row: copy };
}

interface RestoreBatch {
  readonly name: string;
  readonly data: VrmExport;
  /** `table[index]` of each damaged record, and its id after the damage. */
  readonly victims: ReadonlyMap<string, unknown>;
}

/** An export with several leaf records damaged: as values, or as bytes that still parse. */
function restoreBatch(random: Random, id: string): RestoreBatch {
  const data = structuredClone(exported);
  const tables = tablesOf(data);
  const victims = new Map<string, unknown>();
  const damage: string[] = [];
  for (const { table, index } of random.some(leaves, 6 + random.int(6))) {
    const original = tables[table]?.[index] ?? {};
    let value: unknown;
    let name: string;
    if (random.next() < 0.6) ({ name, row: value } = damagedValue(random, original));
    else {
      // Bytes of the record's own JSON; a damage that breaks the file is the parse cases' below.
      const m = mutate(random, Buffer.from(JSON.stringify(original)), {
        kinds: ['flip', 'nul', 'encoding', 'huge'],
      });
      name = m.name;
      try {
        value = JSON.parse(m.bytes.toString('utf8')) as unknown;
      } catch {
        continue;
      }
    }
    (tables[table] as unknown[])[index] = value;
    victims.set(`${table}[${index}]`, (value as Row | null)?.id);
    damage.push(`${table}[${index}]: ${name}`);
  }
  return { name: `${id}: ${damage.join(', ')}`, data, victims };
}

/** Which skipped records a batch may lose: its victims, and a record whose id a victim took. */
function expectOnlyVictimsSkipped(
  batch: RestoreBatch,
  skipped: readonly { record: string; message: string }[],
) {
  const tables = tablesOf(batch.data);
  for (const { record, message } of skipped) {
    const at = /^(\w+)\[(\d+)\]/.exec(record);
    const table = at?.[1] ?? '';
    const row = tables[table]?.[Number(at?.[2])];
    const taken = [...batch.victims].some(
      ([v, id]) =>
        v.startsWith(`${table}[`) &&
        v !== `${table}[${at?.[2]}]` &&
        (id === row?.id || /UNIQUE/.test(message)),
    );
    expect(
      batch.victims.has(`${table}[${at?.[2]}]`) || taken,
      `${batch.name}: ${record} was lost: ${message}`,
    ).toBe(true);
  }
}

describe('fuzzing the restore of an export', () => {
  beforeAll(async () => {
    const source = await freshStore();
    try {
      await seedDemo(source.services, '2026-03-15');
      exported = await exportStore(source.store.db, source.store.schemaVersion());
      const referenced = new Set<string>();
      for (const table of Object.keys(exported.tables)) {
        const keys = sqliteConnection(source.store).prepare(`PRAGMA foreign_key_list(${table})`).all() as {
          table: string;
          from: string;
        }[];
        for (const row of tablesOf(exported)[table] ?? []) {
          for (const fk of keys) {
            const column = fk.from.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
            if (row[column] != null) referenced.add(`${fk.table}:${JSON.stringify(row[column])}`);
          }
        }
      }
      leaves = Object.entries(tablesOf(exported)).flatMap(([table, rows]) =>
        rows
          .map((row, index) => ({ table: table as keyof VrmExport['tables'], index, row }))
          .filter(({ row }) => !referenced.has(`${table}:${JSON.stringify(row.id)}`))
          .map(({ table: name, index }) => ({ table: name, index })),
      );
    } finally {
      await source.dispose();
    }
    expect(leaves.length).toBeGreaterThan(300);
  });

  it('refuses an export that is not JSON as a whole, naming the file, line and column', () => {
    const random = seeded(SEED + 5);
    const text = Buffer.from(serialiseExport(exported));
    for (let n = 0; n < 200; n++) {
      const roll = random.next();
      const { name, bytes } =
        roll < 0.05
          ? { name: 'empty', bytes: Buffer.alloc(0) }
          : roll < 0.1
            ? { name: 'utf-16', bytes: utf16(text.toString('utf8')) }
            : mutate(random, text);
      count('restore', 'inProcess');
      try {
        const data = parseExport(decodeText(bytes), 'export.json');
        expect(Object.keys(data.tables).length, name).toBeGreaterThan(0);
      } catch (error) {
        expect(error, name).toBeInstanceOf(VrmError);
        expect((error as VrmError).message, name).toMatch(/^export\.json(:\d+:\d+)?: /);
      }
    }
  });

  it('restores every undamaged record and names each damaged one, in-process', async () => {
    const random = seeded(SEED + 6);
    let skippedInAll = 0;
    for (let n = 0; n < 4; n++) {
      const batch = restoreBatch(random, `r${n}`);
      count('restore', 'inProcess');
      const target = await freshStore();
      try {
        const report = await restoreExport(
          target.store,
          parseExport(serialiseExport(batch.data), 'export.json'),
        );
        expectOnlyVictimsSkipped(batch, report.skipped);
        skippedInAll += report.skipped.length;
        const total = Object.values(tablesOf(batch.data)).reduce((k, rows) => k + rows.length, 0);
        const restored = Object.values(report.restored).reduce((k, v) => k + v, 0);
        expect(restored + report.skipped.length, batch.name).toBe(total);
      } finally {
        await target.dispose();
      }
    }
    expect(skippedInAll).toBeGreaterThan(0);
  });

  it('through the binary: exits 0 or 2 with no trace, and names only the damaged records', () => {
    const random = seeded(SEED + 7);
    for (let n = 0; n < 3; n++) {
      const batch = restoreBatch(random, `br${n}`);
      const file = join(dir, `export-${n}.json`);
      const bytes =
        n === 2
          ? mutate(random, Buffer.from(serialiseExport(batch.data)), { kinds: ['truncate', 'quote', 'nul'] })
              .bytes
          : Buffer.from(serialiseExport(batch.data));
      writeFileSync(file, bytes);
      const result = vrm(['restore', file, '--store', join(dir, `restored-${n}.db`)], {
        VRM_PASSPHRASE: TEST_PASSPHRASE,
      });
      count('restore', 'binary');
      expectClean(result, batch.name);
      expect([0, 2], `${batch.name}: ${result.stderr}`).toContain(result.code);
      const skipped = result.stderr
        .split('\n')
        .map((line) => /^export-\d+\.json: (\w+\[\d+\])[^:]*: (.*)$/.exec(line.replace(`${dir}/`, '')))
        .filter((m) => m !== null)
        .map((m) => ({ record: m[1] ?? '', message: m[2] ?? '' }));
      if (n === 2) continue;
      // A damaged record that was refused is named on a line of its own.
      if (result.code === 2) expect(skipped.length, `${batch.name}: ${result.stderr}`).toBeGreaterThan(0);
      expectOnlyVictimsSkipped(batch, skipped);
    }
  });
});
