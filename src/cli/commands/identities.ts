import { Option, type Command } from 'commander';
import { positiveInt } from '../options.js';
import { withStore } from '../run.js';

const load = () => import('../actions/identities.js');

/** Alias strategies and the identities given to each provider. */
export function registerIdentityCommands(program: Command): void {
  const alias = program
    .command('alias')
    .description('how vrm makes e-mail aliases: plus tags on your mailbox, or a catch-all domain of yours');
  alias
    .command('setup')
    .description(
      'set up plus-addressing on a mailbox (me@example.org) or a catch-all domain (mydomain.example)',
    )
    .addOption(
      new Option('--kind <kind>', 'plus or catchall').choices(['plus', 'catchall']).makeOptionMandatory(),
    )
    .argument('<base>', 'the mailbox (plus) or the domain (catchall)')
    .option('--default', 'make it the strategy `vrm identity new` uses unless told otherwise')
    .action(withStore(async () => (await load()).setupStrategy));
  alias
    .command('list')
    .description('list the alias strategies')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).listStrategies));
  alias
    .command('default')
    .description('make an alias strategy the one `vrm identity new` uses unless told otherwise')
    .argument('<id>', 'the strategy id (see `vrm alias list`)')
    .action(withStore(async () => (await load()).makeDefault));
  alias
    .command('remove')
    .description('remove an alias strategy that made no identities')
    .argument('<id>', 'the strategy id')
    .action(withStore(async () => (await load()).removeStrategy));

  const identity = program
    .command('identity')
    .alias('identities')
    .description(
      'the identity each provider was given: e-mail aliases, tagged postal addresses, phone numbers',
    );
  identity
    .command('new')
    .description('make a new e-mail alias for a provider, and record it as given to that provider')
    .argument('<provider>', 'id or name')
    .option('--strategy <strategy>', 'a strategy id, plus or catchall (default: the default strategy)')
    .option('--note <text>', 'your note')
    .action(withStore(async () => (await load()).generate));
  identity
    .command('add')
    .description('record an e-mail address you gave a provider')
    .requiredOption('--provider <provider>', 'id or name of the provider')
    .requiredOption('--email <address>', 'the address')
    .option('--note <text>', 'your note')
    .action(withStore(async () => (await load()).addEmail));
  identity
    .command('postal')
    .description('give a provider your postal address with a tag line of its own (kept exactly as chosen)')
    .requiredOption('--provider <provider>', 'id or name of the provider')
    .requiredOption('--fact <id>', 'the postal address fact of the vault')
    .requiredOption('--tag <text>', 'the extra line or department code, such as "Dept AC7K"')
    .option('--note <text>', 'your note')
    .action(withStore(async () => (await load()).addPostal));
  identity
    .command('phone')
    .description('record a phone number you gave a provider')
    .requiredOption('--provider <provider>', 'id or name of the provider')
    .requiredOption('--number <number>', 'the number, international or with --country')
    .option('--country <code>', 'country of a national number, such as GB')
    .option('--note <text>', 'your note')
    .action(withStore(async () => (await load()).addPhone));
  identity
    .command('list')
    .description('list identities')
    .option('--provider <provider>', 'only those given to this provider')
    .addOption(new Option('--kind <kind>', 'only this kind').choices(['email', 'postal', 'phone']))
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).list));
  identity
    .command('show')
    .description('show one identity')
    .argument('<id>', 'the identity id')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).show));
  identity
    .command('which')
    .description('tell which of your identities an e-mail address is, and who it was given to')
    .argument('<address>', 'the address, as it appeared')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).which));
  identity
    .command('import')
    .description(
      "import an alias service's export (SimpleLogin or addy.io CSV); matches wait for your review",
    )
    .argument('<file>', 'the CSV export')
    .addOption(
      new Option('--format <format>', 'the service (default: told by the header)').choices([
        'simplelogin',
        'addy',
      ]),
    )
    .action(withStore(async () => (await load()).importAliases));
  identity
    .command('review')
    .description('imported aliases waiting for you: the suggested provider and why, or no match')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).reviewQueue));
  identity
    .command('confirm')
    .description(
      'confirm an imported alias for its suggested provider (or --provider); recorded as disclosed',
    )
    .argument('<id>', 'the identity id')
    .option('--provider <provider>', 'the provider it was given to, if not the suggested one')
    .action(withStore(async () => (await load()).confirm));
  identity
    .command('reject')
    .description('reject the suggested provider of an imported alias')
    .argument('<id>', 'the identity id')
    .action(withStore(async () => (await load()).reject));
  identity
    .command('retire')
    .description('stop using an identity; it stays on record to recognise old mail')
    .argument('<id>', 'the identity id')
    .action(withStore(async () => (await load()).retire));
  identity
    .command('replace')
    .description(
      'after a leak: retire an e-mail identity and give its provider a new alias (same strategy when it still exists)',
    )
    .argument('<id>', 'the identity id')
    .action(withStore(async () => (await load()).replace));
  identity
    .command('mail')
    .description('how much mail reached an identity, and from which senders (most first)')
    .argument('<id>', 'the identity id')
    .option('--limit <n>', 'how many senders to list (default 10)', positiveInt)
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).mail));
  identity
    .command('off')
    .description(
      'switch an identity off: its mail goes to the folder "switched off" as unwanted, from now on',
    )
    .argument('<id>', 'the identity id')
    .option('--existing', 'move the mail it already has there too')
    .action(withStore(async () => (await load()).switchOff));
  identity
    .command('on')
    .description('switch an identity on again: its mail is sorted as usual')
    .argument('<id>', 'the identity id')
    .action(withStore(async () => (await load()).switchOn));
  identity
    .command('delete')
    .description('delete an identity that was never recorded as given to anyone')
    .argument('<id>', 'the identity id')
    .action(withStore(async () => (await load()).remove));
}
