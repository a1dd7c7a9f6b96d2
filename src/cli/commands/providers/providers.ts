import { Option, type Command } from 'commander';
import { collect, positiveInt } from '../../options.js';
import { withStore } from '../../run.js';

const load = () => import('../../actions/providers/providers.js');

/** Options shared by `provider add` and `provider update`; on update an empty value clears a field. */
function providerOptions(command: Command): Command {
  return command
    .option('--category <name>', 'a category of your choosing, such as bank, energy, telecom')
    .option('--website <url>', 'the web site (https:// is added if missing)')
    .option('--country <code>', 'ISO 3166-1 alpha-2 country code, such as GB or DE')
    .addOption(
      new Option('--status <status>', 'your relationship with it').choices(['active', 'former', 'prospect']),
    )
    .option('--domain <domain>', 'a mail domain it uses (repeat for more)', collect)
    .option('--support-email <address>', 'e-mail address of customer service')
    .option('--privacy-email <address>', 'e-mail address of the data protection officer')
    .option('--phone <number>', 'customer service phone number')
    .option('--address <text>', 'postal address (use \\n or several lines in quotes)')
    .option('--web-form <url>', 'contact or complaint form on the web')
    .option('--notes <text>', 'your notes')
    .option(
      '--from-directory <slug>',
      'link to an organisation directory entry (see `vrm directory search`) and fill in what it knows',
    );
}

/** `vrm provider …`: the organisations the person deals with. */
export function registerProviderCommands(program: Command): void {
  const provider = program
    .command('provider')
    .alias('providers')
    .description('the organisations you deal with: banks, shops, insurers, utilities, employers, clinics');

  providerOptions(
    provider
      .command('add')
      .description('add a provider; with --from-directory, its details come from the organisation directory')
      .argument('[name]', "its name, unique in your ledger (default: the directory entry's name)"),
  ).action(withStore(async () => (await load()).add));

  provider
    .command('list')
    .description('list providers, with filters')
    .addOption(new Option('--status <status>', 'only this status').choices(['active', 'former', 'prospect']))
    .option('--category <name>', 'only this category')
    .option('--search <text>', 'match name, category or mail domain')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).list));

  provider
    .command('show')
    .description('show a provider with its accounts, contracts, cases, timeline and documents')
    .argument('<provider>', 'id or name')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).show));

  provider
    .command('timeline')
    .description(
      "a provider's timeline, newest first: interactions, cases, messages, leaks, disclosures, agreements, documents",
    )
    .argument('<provider>', 'id or name')
    .option(
      '--kind <kind>',
      'only this kind: interaction, case, message, leak, disclosure, agreement, document (repeat for more)',
      collect,
    )
    .option('--limit <n>', 'how many items a page holds (1 to 200)', positiveInt, 50)
    .option('--after <place>', 'start after this place: the "next" a page before printed')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).timeline));

  providerOptions(
    provider
      .command('update')
      .description('change a provider; an empty value ("") clears a field')
      .argument('<provider>', 'id or name')
      .option('--name <name>', 'a new name'),
  )
    .option('--remove-domain <domain>', 'stop using a mail domain (repeat for more)', collect)
    .action(withStore(async () => (await load()).update));

  provider
    .command('retire')
    .description('mark a provider as former: you no longer deal with it, its history stays')
    .argument('<provider>', 'id or name')
    .action(withStore(async () => (await load()).retire));

  provider
    .command('delete')
    .description('delete a provider; one with records needs --cascade, which deletes them too')
    .argument('<provider>', 'id or name')
    .option('--cascade', 'also delete its accounts, contracts, cases, interactions and documents')
    .action(withStore(async () => (await load()).remove));
}
