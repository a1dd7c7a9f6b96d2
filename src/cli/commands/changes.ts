import { Option, type Command } from 'commander';
import { withStore } from '../run.js';

const load = () => import('../actions/changes.js');

/** Change campaigns: a new address, e-mail, phone, bank account or name, told to every provider. */
export function registerChangeCommands(program: Command): void {
  const change = program
    .command('change')
    .alias('changes')
    .description(
      'tell every provider that holds an old address (or e-mail, phone, bank account, name) the new one, and follow each until it confirms',
    );
  change
    .command('start')
    .description(
      'start a campaign for the current version of a fact, to every provider that holds an older one',
    )
    .argument('<fact>', 'the fact, by its label or number (see `vrm fact list`)')
    .addOption(
      new Option(
        '--language <language>',
        'the notices’ language (German for providers in DE, AT, CH)',
      ).choices(['en', 'de']),
    )
    .option('--wait <days>', 'days to wait for an answer before a notice is overdue (default 21)')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).start));
  change
    .command('list')
    .description('list the campaigns, with how many providers confirmed')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).list));
  change
    .command('show')
    .description("show a campaign: each provider's channel, state and what to do next")
    .argument('<campaign>', 'the campaign number')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).show));
  change
    .command('notice')
    .description('print the notice to one provider as it will be sent')
    .argument('<item>', 'the item number (see `vrm change show`)')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).notice));
  change
    .command('letter')
    .description('make the PDF of a letter notice, for a window envelope: print it, sign it, post it')
    .argument('<item>', 'the item number (see `vrm change show`)')
    .option(
      '--out <file>',
      'the PDF file to write, created readable by you alone (default: its own name, here)',
    )
    .option('--date <date>', 'the date printed on the letter, YYYY-MM-DD (default today)')
    .option('--force', 'replace the file if it exists')
    .action(withStore(async () => (await load()).letter));
  change
    .command('add')
    .description('add a provider to a campaign, with a drafted notice')
    .argument('<campaign>', 'the campaign number')
    .argument('<provider>', 'id or name')
    .action(withStore(async () => (await load()).add));
  change
    .command('drop')
    .description('take a provider off a campaign: it is not written to')
    .argument('<item>', 'the item number')
    .action(withStore(async () => (await load()).drop));
  change
    .command('edit')
    .description('change a notice before it is sent')
    .argument('<item>', 'the item number')
    .option('--subject <text>', 'the subject')
    .option('--body-file <file>', 'the text, from a file (- for standard input)')
    .addOption(new Option('--channel <channel>', 'how it goes').choices(['email', 'letter', 'web_form']))
    .action(withStore(async () => (await load()).edit));
  change
    .command('send')
    .description(
      "send a campaign's e-mail notices through the outbox, each from the alias its provider knows",
    )
    .argument('<campaign>', 'the campaign number')
    .option('--item <ids>', 'only these items, comma-separated')
    .action(withStore(async () => (await load()).send));
  change
    .command('follow-up')
    .description(
      'draft a follow-up to each provider whose answer is late (past the wait), saying when you first wrote',
    )
    .argument('<campaign>', 'the campaign number')
    .option('--item <ids>', 'only these sent items, late or not, comma-separated')
    .action(withStore(async () => (await load()).followUp));
  change
    .command('sent')
    .description(
      'mark a notice sent: a letter posted (its PDF is kept with the provider), a web form filled in, an e-mail you sent yourself',
    )
    .argument('<item>', 'the item number')
    .option('--on <date>', 'the day it went (default: today)')
    .action(withStore(async () => (await load()).sent));
  change
    .command('acknowledged')
    .description('a reply arrived: the provider has the notice')
    .argument('<item>', 'the item number')
    .option('--on <date>', 'the day of the reply (default: today)')
    .action(withStore(async () => (await load()).acknowledged));
  change
    .command('failed')
    .description('the notice bounced or was refused; edit it and send it again')
    .argument('<item>', 'the item number')
    .requiredOption('--reason <text>', 'what went wrong')
    .action(withStore(async () => (await load()).failed));
  change
    .command('confirm')
    .description('the provider holds the new version now: recorded in Who knows what')
    .argument('<item>', 'the item number')
    .option('--on <date>', 'the day it confirmed (default: today)')
    .action(withStore(async () => (await load()).confirm));
}
