import type { Command } from 'commander';
import { json, positiveInt } from '../../options.js';
import { withStore } from '../../run.js';

const load = () => import('../../actions/providers/accounts.js');

function accountOptions(command: Command): Command {
  return command
    .option('--label <label>', 'what the account is for')
    .option('--opened <date>', 'the day it was opened')
    .option('--closed <date>', 'the day it was closed')
    .option('--notes <text>', 'your notes');
}

/** `vrm account …`: customer accounts and their numbers. */
export function registerAccountCommands(program: Command): void {
  const account = program
    .command('account')
    .alias('accounts')
    .description('customer accounts and their numbers');
  accountOptions(
    account
      .command('add')
      .description('add an account')
      .requiredOption('--provider <provider>', 'provider id or name')
      .requiredOption('--number <customer-number>', 'your customer number with them'),
  ).action(withStore(async () => (await load()).addAccount));
  json(
    account
      .command('list')
      .description('list accounts')
      .option('--provider <provider>', 'only this provider'),
  ).action(withStore(async () => (await load()).listAccounts));
  json(
    account.command('show').description('show an account').argument('<id>', 'account id', positiveInt),
  ).action(withStore(async () => (await load()).showAccount));
  accountOptions(
    account
      .command('update')
      .description('change an account; "" clears a field')
      .argument('<id>', 'account id', positiveInt)
      .option('--number <customer-number>', 'a new customer number'),
  ).action(withStore(async () => (await load()).updateAccount));
  account
    .command('close')
    .description('record that an account was closed')
    .argument('<id>', 'account id', positiveInt)
    .option('--on <date>', 'the day it closed (default today)')
    .action(withStore(async () => (await load()).closeAccount));
  account
    .command('delete')
    .description('delete an account (its contracts stay, unlinked)')
    .argument('<id>', 'account id', positiveInt)
    .action(withStore(async () => (await load()).deleteAccount));
}
