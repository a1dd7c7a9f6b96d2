/** What the disclosure commands read from their options and files, and how they write files. */
import type { JWK } from 'jose';
import { publicJwk } from '../../../disclosures/sd-jwt.js';
import { VrmError } from '../../../platform/errors.js';
import { writeFileWhole } from '../../../platform/files.js';
import { parseId } from '../../../platform/validation.js';
import { readText } from '../../files.js';
import { note } from '../../output.js';

/** `a, b,c` → `['a', 'b', 'c']`. */
export const items = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `1, 2` → `[1, 2]`; a part that is not an id is an error that says what it should be. */
export const ids = (text: string | undefined, what: string): number[] =>
  items(text).map((s) => parseId(s, what));

/** Writes a file whole (never half) and says so on stderr, so stdout stays clean. */
export function writeOut(file: string, content: string | Buffer, what: string): void {
  writeFileWhole(file, content, what);
  note(`Wrote ${what} to ${file}`);
}

/** `--key FILE`: a public key in JWK form, read and checked before anything is verified with it. */
export function readPublicJwk(file: string): JWK {
  let key: unknown;
  try {
    key = JSON.parse(readText(file, 'the key'));
  } catch (cause) {
    if (cause instanceof VrmError) throw cause;
    throw new VrmError('invalid_input', `--key: ${file} is not a JSON Web Key (not valid JSON)`);
  }
  // Checked as a P-256 public key: the curve, the coordinates on it, and no private half.
  return publicJwk(key, `--key: ${file}`, 'P-256');
}

/** JSON from a file the person named; bad JSON is an error that names the file. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new VrmError('invalid_input', `${file} is not valid JSON`, { cause });
  }
}

export const readJson = (file: string, what: string): unknown => parseJson(readText(file, what), file);
