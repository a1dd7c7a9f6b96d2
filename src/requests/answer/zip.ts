import { crc32 } from 'node:zlib';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { RATIO_FLOOR_BYTES, type AnswerLimits, type AnswerProblem } from './types.js';

/** One entry taken out of a ZIP, whole and checked (size, CRC). */
export interface ZipEntryBytes {
  readonly path: string;
  readonly bytes: Buffer;
}

/** What one answer may still use, shared by the outer ZIP and the ZIPs inside it. */
export interface ZipBudget {
  entries: number;
  bytes: number;
}

/** `1,5 MiB`: sizes in messages, in the binary units file managers show. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 ? String(value) : value.toFixed(value < 10 ? 1 : 0).replace('.', ',');
  return `${shown} ${units[unit]}`;
}

/** True when the bytes start like a ZIP (local file header, or the end record of an empty ZIP). */
export const looksLikeZip = (bytes: Buffer): boolean =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);

/**
 * Why an entry name would escape the folder it is unpacked into, or null when it is safe. Checked
 * on the raw name, before yauzl turns backslashes into slashes, because `..\..\x` is a traversal
 * on Windows (the "Zip Slip" family).
 */
export function unsafeEntryName(name: string): string | null {
  if (name === '') return 'has an empty name';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) return 'has control characters in its name';
  if (name.includes('\\'))
    return 'uses backslashes, which Windows reads as folders and could lead outside the answer';
  if (/^[a-zA-Z]:/.test(name)) return `starts with a drive letter (${name.slice(0, 2)})`;
  if (name.startsWith('/')) return 'is an absolute path';
  if (name.split('/').includes('..')) return 'climbs out of the folder with ".."';
  return null;
}

const problem = (
  path: string,
  code: AnswerProblem['code'],
  message: string,
  kept = false,
): AnswerProblem => ({
  path,
  code,
  message,
  kept,
});

/** Refusals decided from the central directory alone, before a byte is inflated. */
function declaredProblem(
  path: string,
  entry: Entry,
  limits: AnswerLimits,
  budget: ZipBudget,
): AnswerProblem | null {
  const declared = entry.uncompressedSize;
  if (entry.isEncrypted())
    return problem(
      path,
      'encrypted',
      `${path} is encrypted; vrm cannot read it. Ask the sender for it unencrypted.`,
    );
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
    return problem(
      path,
      'unsupported_compression',
      `${path} uses compression method ${entry.compressionMethod}, which vrm does not read (only stored and deflated). Unpack the ZIP with another program and import the file alone.`,
    );
  if (entry.compressionMethod === 0 && entry.compressedSize !== declared)
    return problem(
      path,
      'size_mismatch',
      `${path} is stored uncompressed but declares ${declared} bytes and occupies ${entry.compressedSize}; the ZIP is damaged or forged here.`,
    );
  if (declared > limits.maxEntryBytes)
    return problem(
      path,
      'entry_too_large',
      `${path} would unpack to ${formatBytes(declared)}, over the limit of ${formatBytes(limits.maxEntryBytes)} per file.`,
    );
  if (budget.bytes + declared > limits.maxTotalBytes)
    return problem(
      path,
      'too_large',
      `${path} would bring the answer to ${formatBytes(budget.bytes + declared)}, over the limit of ${formatBytes(limits.maxTotalBytes)} in all.`,
    );
  if (declared > RATIO_FLOOR_BYTES && declared > entry.compressedSize * limits.maxRatio)
    return problem(
      path,
      'compression_ratio',
      `${path} would unpack ${formatBytes(entry.compressedSize)} into ${formatBytes(declared)} (ratio ${Math.round(declared / Math.max(1, entry.compressedSize))} to 1, limit ${limits.maxRatio} to 1): refused as a zip bomb.`,
    );
  return null;
}

const openStream = (zip: ZipFile, entry: Entry): Promise<Readable> =>
  new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
  });

/**
 * Inflates one entry while counting: declared sizes can lie, so every limit is enforced again on
 * the bytes that actually come out, and the stream is stopped the moment one is passed.
 */
async function inflate(
  zip: ZipFile,
  entry: Entry,
  path: string,
  limits: AnswerLimits,
  budget: ZipBudget,
): Promise<Buffer | AnswerProblem> {
  let stream: Readable;
  try {
    stream = await openStream(zip, entry);
  } catch (error) {
    return problem(
      path,
      'broken',
      `${path} could not be opened (${(error as Error).message}); the ZIP is damaged here.`,
    );
  }
  const chunks: Buffer[] = [];
  let count = 0;
  const over = (): AnswerProblem | null => {
    if (count > entry.uncompressedSize)
      return problem(
        path,
        'size_mismatch',
        `${path} declares ${formatBytes(entry.uncompressedSize)} but unpacks to more: refused as a zip bomb (its declared size lies).`,
      );
    if (count > limits.maxEntryBytes)
      return problem(
        path,
        'entry_too_large',
        `${path} unpacks to over ${formatBytes(limits.maxEntryBytes)}, the limit per file.`,
      );
    if (budget.bytes + count > limits.maxTotalBytes)
      return problem(
        path,
        'too_large',
        `${path} takes the answer over ${formatBytes(limits.maxTotalBytes)} in all, the limit.`,
      );
    if (count > RATIO_FLOOR_BYTES && count > entry.compressedSize * limits.maxRatio)
      return problem(
        path,
        'compression_ratio',
        `${path} unpacks ${formatBytes(entry.compressedSize)} into over ${formatBytes(count)} (limit ${limits.maxRatio} to 1): refused as a zip bomb.`,
      );
    return null;
  };
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      count += buffer.length;
      const refused = over();
      if (refused) {
        stream.destroy();
        return refused;
      }
      chunks.push(buffer);
    }
  } catch (error) {
    return problem(
      path,
      'broken',
      `${path} could not be unpacked (${(error as Error).message}); the ZIP is damaged here. The other files were kept.`,
    );
  }
  const bytes = Buffer.concat(chunks, count);
  if (count < entry.uncompressedSize)
    return problem(
      path,
      'broken',
      `${path} is cut short: ${count} of its ${entry.uncompressedSize} bytes are there. The other files were kept.`,
    );
  if (crc32(bytes) !== entry.crc32)
    return problem(
      path,
      'broken',
      `${path} fails its checksum (CRC-32): the ZIP is damaged here. The other files were kept.`,
    );
  return bytes;
}

/** Reads the entries one at a time, so a huge directory never sits in memory at once. */
async function eachEntry(zip: ZipFile, visit: (entry: Entry) => Promise<boolean>): Promise<Error | null> {
  if (zip.entryCount === 0) {
    zip.close();
    return null;
  }
  return new Promise((resolve) => {
    let done = false;
    const finish = (error: Error | null) => {
      if (done) return;
      done = true;
      zip.close();
      resolve(error);
    };
    zip.on('error', (error: Error) => finish(error));
    zip.on('end', () => finish(null));
    zip.on('entry', (entry: Entry) => {
      visit(entry).then(
        (more) => (more ? zip.readEntry() : finish(null)),
        (error: unknown) => finish(error instanceof Error ? error : new Error(String(error))),
      );
    });
    zip.readEntry();
  });
}

/**
 * Unpacks a ZIP answer within the limits. Every refused or broken entry becomes a problem that
 * names it; the good entries are returned. `name` names the ZIP in messages; `prefix` goes before
 * each entry's path (empty for the answer itself, `inner.zip/` for a ZIP inside it).
 */
export async function unzip(
  zipBytes: Buffer,
  name: string,
  prefix: string,
  limits: AnswerLimits,
  budget: ZipBudget,
): Promise<{ entries: ZipEntryBytes[]; problems: AnswerProblem[]; nested: ZipEntryBytes[] }> {
  const entries: ZipEntryBytes[] = [];
  const nested: ZipEntryBytes[] = [];
  const problems: AnswerProblem[] = [];
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(zipBytes, {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: false,
    });
  } catch (error) {
    problems.push(
      problem(
        name,
        'not_a_zip',
        `${name} is not a ZIP that can be read (${(error as Error).message}).`,
        false,
      ),
    );
    return { entries, problems, nested };
  }
  // The entry count is in the end record: an answer with too many is known before reading any.
  const allowed = Math.max(0, limits.maxEntries - budget.entries);
  const skipped = Math.max(0, zip.entryCount - allowed);
  const seen = new Set<string>();
  const failure = await eachEntry(zip, async (entry) => {
    if (budget.entries >= limits.maxEntries) return false;
    budget.entries += 1;
    const raw = yauzl.getFileNameLowLevel(
      entry.generalPurposeBitFlag,
      entry.fileNameRaw,
      entry.extraFields,
      true,
    );
    const path = `${prefix}${raw}`;
    const unsafe = unsafeEntryName(raw);
    if (unsafe) {
      problems.push(
        problem(
          path,
          'unsafe_name',
          `${path} ${unsafe}; it was refused so nothing lands outside the answer.`,
        ),
      );
      return true;
    }
    if (raw.endsWith('/')) return true;
    // Two entries of one name would be one document in the store; the first is the one unpackers keep.
    if (seen.has(path)) {
      problems.push(
        problem(
          path,
          'duplicate_name',
          `${path} appears twice in the ZIP; the first was kept and this one left out.`,
        ),
      );
      return true;
    }
    seen.add(path);
    const refused = declaredProblem(path, entry, limits, budget);
    if (refused) {
      problems.push(refused);
      return true;
    }
    const bytes = await inflate(zip, entry, path, limits, budget);
    if (!Buffer.isBuffer(bytes)) {
      problems.push(bytes);
      return true;
    }
    budget.bytes += bytes.length;
    (looksLikeZip(bytes) ? nested : entries).push({ path, bytes });
    return true;
  });
  if (skipped > 0)
    problems.push(
      problem(
        name,
        'too_many_entries',
        `${name} holds ${zip.entryCount} entries, over the limit of ${limits.maxEntries} per answer; ${allowed} were read and ${skipped} were left out.`,
      ),
    );
  if (failure)
    problems.push(
      problem(
        name,
        'broken',
        `${name} is damaged after entry ${budget.entries} (${failure.message}); the entries before it were kept.`,
      ),
    );
  return { entries, problems, nested };
}
