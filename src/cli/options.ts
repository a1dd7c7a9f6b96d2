import { InvalidArgumentError, Option, type Command } from 'commander';

/**
 * Argument parsers for commander. They run before any store is opened and reject bad values with
 * a message that names the expected form; commander adds which option it was.
 */
export function positiveInt(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    throw new InvalidArgumentError('expected a positive whole number.');
  }
  return Number(value);
}

export function nonNegativeInt(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number of days.');
  return Number(value);
}

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
