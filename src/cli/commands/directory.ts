import type { Command } from 'commander';
import { positiveInt } from '../options.js';
import { lazy } from '../run.js';

const load = () => import('../actions/directory.js');

/** `vrm directory …`: the organisation directory shipped with vrm; it opens no store. */
export function registerDirectoryCommands(program: Command): void {
  const directory = program
    .command('directory')
    .description(
      'the organisation directory shipped with vrm: 3,069 organisations and their privacy contacts (CC0, datarequests.org)',
    );
  directory
    .command('search')
    .description('find organisations by name, brand or web domain')
    .argument('<text>', 'what to look for, at least 2 characters')
    .option('--country <code>', 'only organisations relevant in this country (ISO code)')
    .option('--limit <n>', 'at most n results (default 20)', positiveInt)
    .option('--json', 'print JSON')
    .action(lazy(async () => (await load()).searchDirectoryCommand));
  directory
    .command('show')
    .description('show one organisation of the directory')
    .argument('<slug>', 'its id in the directory, as search shows it')
    .option('--json', 'print JSON')
    .action(lazy(async () => (await load()).showDirectoryEntry));
}
