import type { Command } from 'commander';
import { choices } from '../options.js';
import { withStore } from '../run.js';

const load = () => import('../actions/letters.js');

/** The options that say what a letter is: the same for writing it and for recording it posted. */
function letterOptions(command: Command): Command {
  return command
    .argument('<provider>', 'provider id or name')
    .requiredOption(
      '--from <label>',
      'your postal address to write from: a fact of the vault, by label or number',
    )
    .requiredOption('--subject <text>', 'the subject line, printed in bold')
    .option('--body <text>', 'the text of the letter; a blank line starts a new paragraph')
    .option('--body-file <file>', 'read the text of the letter from this file (UTF-8)')
    .addOption(
      choices('--layout <layout>', 'window envelope layout (default: from the provider’s country)', [
        'din5008-a',
        'din5008-b',
        'uk',
      ]),
    )
    .addOption(
      choices(
        '--language <language>',
        'language of the fixed words and the date (default: from the provider’s country)',
        ['en', 'de'],
      ),
    )
    .option('--date <date>', 'the date printed on the letter, YYYY-MM-DD (default today)')
    .option('--name <name>', 'the name to sign with (default: the name fact of your vault)');
}

/** `vrm letter …`: letters to providers, as PDF for a window envelope. */
export function registerLetterCommands(program: Command): void {
  const letter = program
    .command('letter')
    .alias('letters')
    .description(
      'letters to providers as PDF for a window envelope (DIN 5008 form A or B, or the UK layout)',
    );
  letterOptions(
    letter
      .command('write')
      .description('make the PDF of a letter to a provider, ready to print, fold and post')
      .requiredOption('--out <file>', 'the PDF file to write (created readable by you alone)')
      .option('--force', 'replace the file if it exists'),
  ).action(withStore(async () => (await load()).writeLetter));
  letterOptions(
    letter
      .command('posted')
      .description(
        'record that the letter was posted: it goes on the provider’s timeline, its PDF kept as a document',
      )
      .option('--on <date>', 'the day it was posted, YYYY-MM-DD (default today)')
      .option('--notes <text>', 'your notes'),
  ).action(withStore(async () => (await load()).letterPosted));
}
