/**
 * Reading the plain objects the XML readers build (`xml-stream.ts`: prefixes stripped, attributes
 * as `@Name`, text as `#text`, an element of text alone as that string).
 */

/** A parsed element: a plain object of its children by local name (one child as itself, more as an array), read through the helpers below. */
export type Node = Record<string, unknown>;

/** One step down: the child of that name (the first, when there are several). */
const step = (node: unknown, name: string): unknown => {
  if (node === null || typeof node !== 'object') return undefined;
  const next: unknown = (node as Node)[name];
  return Array.isArray(next) ? (next[0] as unknown) : next;
};

/**
 * The element at a path of up to four local names below `node`, the first of each name (fixed
 * arguments, not a rest array: an entry of a statement is read with some fifty of these calls).
 */
export const child = (node: unknown, a?: string, b?: string, c?: string, d?: string): unknown => {
  let current = node;
  if (a === undefined) return current;
  current = step(current, a);
  if (b === undefined) return current;
  current = step(current, b);
  if (c === undefined) return current;
  current = step(current, c);
  return d === undefined ? current : step(current, d);
};

export const children = (node: unknown, name: string): unknown[] => {
  if (node === null || typeof node !== 'object') return [];
  const value = (node as Node)[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
};

/** An element's text (also when it carries attributes), trimmed; null when absent or empty. */
export const text = (node: unknown, a?: string, b?: string, c?: string, d?: string): string | null => {
  const found = child(node, a, b, c, d);
  const value = found !== null && typeof found === 'object' ? (found as Node)['#text'] : found;
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const trimmed = String(value).trim();
  return trimmed === '' ? null : trimmed;
};

export const attribute = (node: unknown, name: string): string | null => {
  if (node === null || typeof node !== 'object') return null;
  const value = (node as Node)[`@${name}`];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

/** `Dt` or `DtTm` of a date choice, as `YYYY-MM-DD`. */
export const dateOf = (node: unknown): string | null => {
  const value = text(node, 'Dt') ?? text(node, 'DtTm');
  const date = value?.slice(0, 10) ?? null;
  return date && isDate(date) ? date : null;
};

/** Dates checked, and whether each is one: a statement repeats its dates. At most 10,000 kept. */
const checkedDates = new Map<string, boolean>();

const isDate = (date: string): boolean => {
  let known = checkedDates.get(date);
  if (known === undefined) {
    known = /^\d{4}-\d{2}-\d{2}$/u.test(date) && !Number.isNaN(Date.parse(date));
    if (checkedDates.size >= 10_000) checkedDates.clear();
    checkedDates.set(date, known);
  }
  return known;
};
