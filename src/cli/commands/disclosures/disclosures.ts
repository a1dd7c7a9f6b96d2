import { Option, type Command } from 'commander';
import { withStore } from '../../run.js';
import { PURPOSES_HELP } from './purposes.js';

const load = () => import('../../actions/disclosures/disclosures.js');

const CHANNELS = ['web', 'email', 'phone', 'letter', 'in_person', 'app', 'other'];

/** `vrm disclosure …`: the ledger of who was given what. */
export function registerDisclosureCommands(program: Command): void {
  const disclosure = program
    .command('disclosure')
    .alias('disclosures')
    .description('the ledger of who was given what, when, for which purposes, under which terms');
  const given = (command: Command, reason: string) =>
    command
      .argument('<provider>', 'id or name')
      .option('--facts <list>', 'comma-separated facts: labels (home) or numbers')
      .option('--identities <ids>', 'comma-separated identity ids')
      .option('--purpose <list>', `${PURPOSES_HELP} (required)`)
      .option('--terms <code>', 'the terms it was given under (default: the accepted agreement, if any)')
      .addOption(new Option('--channel <channel>', 'how it was given').choices(CHANNELS).default('other'))
      .option('--note <text>', 'your note')
      .option('--override <reason>', reason);
  given(
    disclosure
      .command('record')
      .description(
        'record facts or identities you already gave a provider; it says what your policies would have said',
      ),
    'why you gave it, kept with the record when your policies would have refused',
  )
    .option('--on <date>', 'the day it was given, YYYY-MM-DD (default today)')
    .action(withStore(async () => (await load()).recordDisclosure));
  given(
    disclosure
      .command('share')
      .description('share facts or identities with a provider today: your policies decide (see --override)'),
    'share it although your policies refuse, and why',
  ).action(withStore(async () => (await load()).shareDisclosure));
  disclosure
    .command('list')
    .description('list disclosures')
    .option('--provider <provider>', 'only to this provider')
    .option('--fact <fact>', 'only of this fact: its label or number')
    .option('--all', 'include withdrawn ones')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).listDisclosures));
  disclosure
    .command('withdraw')
    .description('mark a disclosure withdrawn: the provider erased it, or was told to')
    .argument('<id>', 'the disclosure id')
    .option('--on <date>', 'the day, YYYY-MM-DD (default today)')
    .action(withStore(async () => (await load()).withdrawDisclosure));
  disclosure
    .command('fact')
    .description('who holds a fact, and who holds an outdated version of it')
    .argument('<fact>', 'the fact: its label (home) or number')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).factHolders));
  disclosure
    .command('provider')
    .description('everything a provider knows about you, and since when')
    .argument('<provider>', 'id or name')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).providerKnows));
  disclosure
    .command('matrix')
    .description('the who-knows-what grid: providers × facts, outdated cells marked')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).matrix));
}
