import type { Command } from 'commander';
import { collect } from '../options.js';
import { withStore } from '../run.js';

const load = () => import('../actions/personas.js');

/** Personas: the pseudonyms intents are cast under (issue 18). */
export function registerIntentCommands(program: Command): void {
  const persona = program
    .command('persona')
    .alias('personas')
    .description(
      'pseudonyms to shop under: an alias, a name and a signing key of their own, saying only what you attach, generalised',
    );
  persona
    .command('new')
    .description('make a persona (its alias is made on your catch-all domain)')
    .option('--name <name>', 'its display name (default: one made up, such as "Quiet Harbour 27")')
    .option(
      '--state <fact[:form]>',
      'a vault fact it states, generalised: postcode_area, town, country, year, years_since, held, held_since (repeatable)',
      collect,
    )
    .option('--full <fact>', 'a vault fact it states in full: your word that it may (repeatable)', collect)
    .option(
      '--say <words>',
      'something it says in your own words, such as "no claims for 6 years" (repeatable)',
      collect,
    )
    .option('--pickup <address>', 'a postal pickup or PO box it may give')
    .option('--strategy <strategy>', 'the catch-all alias strategy (an id; default: your catch-all one)')
    .option('--note <text>', 'your note')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).newPersona));
  persona
    .command('list')
    .description('list the personas, with whom each was shown to')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).listPersonas));
  persona
    .command('show')
    .description('show a persona: its alias, key, what it says and whom it was shown to')
    .argument('<id>', 'the persona id')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).showPersona));
  persona
    .command('retire')
    .description('retire a persona: no new intent uses it; mail to its alias is still watched')
    .argument('<id>', 'the persona id')
    .action(withStore(async () => (await load()).retirePersona));
}
