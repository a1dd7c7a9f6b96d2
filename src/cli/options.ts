import { InvalidArgumentError, Option, type Command } from 'commander';

/**
 * Argument parsers for commander. They run before any store is opened and reject bad values with
 * a message that names the expected form; commander adds which option it was.
 */
export function positiveInt(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError('expected a positive whole number.');
  }
  return Number(value);
}

/**
 * A whole number between `min` and `max`, for options with a range of their own (a port, minutes).
 * The message gives the range and how to choose, so `--port 99999` is refused before anything
 * starts instead of failing inside the server.
 *
 * @example wholeNumberIn(1, 65535, 'a port')('99999') // throws: expected a port from 1 to 65535.
 */
export function wholeNumberIn(min: number, max: number, what: string, hint?: string) {
  return (value: string): number => {
    const n = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
      throw new InvalidArgumentError(`expected ${what} from ${min} to ${max}${hint ? ` (${hint})` : ''}.`);
    }
    return n;
  };
}

/** `--within <days>`: from today up to a century ahead. */
export function nonNegativeInt(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number of days.');
  return wholeNumberIn(0, 36_600, 'a number of days')(value);
}

/** `vrm serve --port`: 0 asks the system for a free port. */
export const listenPort = wholeNumberIn(0, 65535, 'a port', '0 picks a free one');
/** A port to connect to (IMAP). */
export const remotePort = wholeNumberIn(1, 65535, 'a port');
/** `vrm serve --idle`: the same bounds as the web app's setting. */
export const idleMinutes = wholeNumberIn(1, 1440, 'a number of minutes', '1440 is a day');

/** For repeatable options: `--domain a.example --domain b.example`. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Commander passes positionals then options; these are the option bags' common shapes. */
export interface JsonOption {
  readonly json?: boolean;
}
/** `--provider`: a provider's id or name, to filter a list by. */
export interface ProviderOption {
  readonly provider?: string;
}

/** Adds `--json` to a read command. */
export const json = (command: Command): Command => command.option('--json', 'print JSON');

/** An option that takes one of a closed list of values; commander refuses any other. */
export const choices = (flags: string, description: string, values: readonly string[]): Option =>
  new Option(flags, description).choices(values);
