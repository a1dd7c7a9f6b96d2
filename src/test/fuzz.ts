/**
 * Seeded mutations of real samples, for the importers' fuzz tests: the same seed gives the same
 * inputs on every run, so a failure can be replayed. Each mutation damages one stretch of bytes
 * the way files get damaged (a flipped bit, a cut, an unclosed quote, NULs, a huge line, another
 * encoding), and says what it did, for the failure message.
 */

/** mulberry32: small, fast, and good enough to pick cases. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number): number => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[int(items.length)] as T;
  };
  /** Some of the items, in their order. */
  const some = <T>(items: readonly T[], count: number): T[] => {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, items.length)) chosen.add(int(items.length));
    return [...chosen].sort((x, y) => x - y).map((i) => items[i] as T);
  };
  return { next, int, pick, some };
}

export type Random = ReturnType<typeof seeded>;

export interface Mutation {
  readonly name: string;
  readonly bytes: Buffer;
}

/** Bytes that are not UTF-8: Latin-1 letters, a cut sequence, an overlong form, a lone surrogate. */
const NOT_UTF8 = [[0xe9], [0xfc, 0x20], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff, 0xfe]];

const splice = (bytes: Buffer, at: number, cut: number, insert: Buffer | number[]): Buffer =>
  Buffer.concat([bytes.subarray(0, at), Buffer.from(insert), bytes.subarray(at + cut)]);

/**
 * One damage to `bytes`, within `[from, to)` when given (the rest stays byte for byte), chosen
 * from the kinds above; `kinds` narrows the choice.
 */
export function mutate(
  random: Random,
  bytes: Buffer,
  options: { from?: number; to?: number; kinds?: readonly MutationKind[] } = {},
): Mutation {
  const from = options.from ?? 0;
  const to = Math.max(from, options.to ?? bytes.length);
  const at = () => from + random.int(Math.max(1, to - from));
  const kind = random.pick(options.kinds ?? MUTATION_KINDS);
  switch (kind) {
    case 'flip': {
      let out: Buffer = Buffer.from(bytes);
      const flips = 1 + random.int(4);
      for (let i = 0; i < flips && to > from; i++) {
        const where = at();
        out = splice(out, where, 1, [(out[where] ?? 0) ^ (1 << random.int(8))]);
      }
      return { name: `${flips} bit flips`, bytes: out };
    }
    case 'truncate': {
      const where = at();
      return { name: `cut at byte ${where}`, bytes: splice(bytes, where, to - where, []) };
    }
    case 'quote': {
      const where = at();
      return { name: `a quote at byte ${where}`, bytes: splice(bytes, where, 0, [0x22]) };
    }
    case 'nul': {
      const where = at();
      const count = 1 + random.int(8);
      return { name: `${count} NULs at byte ${where}`, bytes: splice(bytes, where, 0, Array(count).fill(0)) };
    }
    case 'huge': {
      const where = at();
      const size = (1 + random.int(16)) * 64 * 1024;
      const filler = Buffer.alloc(size, random.pick(['x', 'A,', '=', ' ', '"']));
      return { name: `a line of ${size} bytes at byte ${where}`, bytes: splice(bytes, where, 0, filler) };
    }
    case 'encoding': {
      const where = at();
      return {
        name: `bytes that are not UTF-8 at byte ${where}`,
        bytes: splice(bytes, where, 0, random.pick(NOT_UTF8)),
      };
    }
    case 'line-ends': {
      const where = at();
      return { name: `a bare CR at byte ${where}`, bytes: splice(bytes, where, 0, [0x0d]) };
    }
  }
}

export const MUTATION_KINDS = ['flip', 'truncate', 'quote', 'nul', 'huge', 'encoding', 'line-ends'] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

/** Text as UTF-16 (little-endian, with its byte-order mark), as Windows tools write "Unicode". */
export const utf16 = (text: string): Buffer =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

/** Lines of output that belong to a stack trace, or that admit a bug: never for bad input. */
export function crashSigns(output: string): string[] {
  return output.split('\n').filter((line) => /^ {4}at /.test(line) || /internal error/i.test(line));
}
