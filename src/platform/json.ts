import { VrmError } from './errors.js';

const atEnd = (message: string, length: number): boolean => {
  if (/end of JSON input|Unterminated string/i.test(message)) return true;
  const position = /at position (\d+)/.exec(message);
  return position !== null && Number(position[1]) >= length;
};

/** Whether `prefix` is broken by its own content, rather than only cut short. */
function brokenBefore(text: string, length: number): boolean {
  try {
    JSON.parse(text.slice(0, length));
    return false;
  } catch (error) {
    return !atEnd(error instanceof Error ? error.message : '', length);
  }
}

/**
 * The offset of the first character that makes `text` invalid JSON. V8's messages do not always
 * say where, so this finds the shortest prefix that is already broken (a binary search: a prefix
 * broken by its own content stays broken when it grows).
 */
export function jsonErrorOffset(text: string): number {
  let low = 0;
  let high = text.length;
  if (!brokenBefore(text, high)) return text.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (brokenBefore(text, mid)) high = mid;
    else low = mid + 1;
  }
  return Math.max(0, low - 1);
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses JSON, or throws `invalid_input` naming the file, line and column of the first error. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const { line, column } = lineAndColumn(text, jsonErrorOffset(text));
    const reason = text.trim() === '' ? 'the file is empty' : 'not valid JSON';
    throw new VrmError('invalid_input', `${file}:${line}:${column}: ${reason}`, {
      cause,
      details: [{ path: `${file}:${line}:${column}`, message: reason }],
    });
  }
}
