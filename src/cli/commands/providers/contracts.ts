import type { Command } from 'commander';
import { choices, json, nonNegativeInt, positiveInt } from '../../options.js';
import { withStore } from '../../run.js';

const load = () => import('../../actions/providers/contracts.js');

function contractOptions(command: Command): Command {
  return command
    .option('--account <id>', 'the account it belongs to', positiveInt)
    .addOption(choices('--kind <kind>', 'contract (default) or subscription', ['contract', 'subscription']))
    .option('--price <amount>', 'price per billing cycle, such as 9.99')
    .option('--currency <code>', 'ISO 4217 currency code, such as EUR or GBP')
    .option(
      '--cycle <cycle>',
      'billing cycle: weekly, monthly, quarterly, half-yearly, yearly, or every N days ("30d")',
    )
    .option('--start <date>', 'the day it started (default today)')
    .option('--term <period>', 'length of one term, such as "12 months" (default one billing cycle)')
    .option('--renews-on <date>', 'a known renewal date; renewals repeat every term from it')
    .option('--notice <period>', 'notice period, such as "1 month" or "30 days"')
    .option('--auto-renew', 'it renews by itself (the default)')
    .option('--no-auto-renew', 'it ends unless renewed')
    .option('--payment <method>', 'how you pay: direct debit, card, invoice…')
    .option('--end <date>', 'the day it ends or ended')
    .option('--notes <text>', 'your notes');
}

/** `vrm contract …`, `vrm renewals` and `vrm costs`. */
export function registerContractCommands(program: Command): void {
  const contract = program
    .command('contract')
    .alias('contracts')
    .description('contracts and subscriptions: price, billing cycle, term, notice, renewal');
  contractOptions(
    contract
      .command('add')
      .description('add a contract or subscription')
      .argument('<name>', 'what it is, such as "Broadband 500"')
      .requiredOption('--provider <provider>', 'provider id or name'),
  ).action(withStore(async () => (await load()).addContract));
  json(
    contract
      .command('list')
      .description('list running contracts with their next renewal and last day to cancel')
      .option('--provider <provider>', 'only this provider')
      .option('--all', 'include ended contracts'),
  ).action(withStore(async () => (await load()).listContracts));
  json(
    contract.command('show').description('show a contract').argument('<id>', 'contract id', positiveInt),
  ).action(withStore(async () => (await load()).showContract));
  contractOptions(
    contract
      .command('update')
      .description('change a contract; "" clears a field')
      .argument('<id>', 'contract id', positiveInt)
      .option('--name <name>', 'a new name')
      .option('--price-from <date>', 'the day a new --price applies from (default today)'),
  ).action(withStore(async () => (await load()).updateContract));
  contract
    .command('price')
    .description("record a change of price from a day on; it goes into the contract's price history")
    .argument('<id>', 'contract id', positiveInt)
    .argument('<amount>', 'the price per billing cycle from that day, such as 12,99')
    .option('--from <date>', 'the day the price applies from (default today)')
    .option('--currency <code>', 'a new ISO 4217 currency, when it changes too')
    .option('--note <text>', 'where the new price was announced, or why it changed')
    .action(withStore(async () => (await load()).recordPrice));
  contract
    .command('end')
    .description('record that a contract ended (cancelled or expired); it stays on record')
    .argument('<id>', 'contract id', positiveInt)
    .option('--on <date>', 'the day it ends (default today)')
    .action(withStore(async () => (await load()).endContract));
  contract
    .command('delete')
    .description('delete a contract (its documents stay with the provider)')
    .argument('<id>', 'contract id', positiveInt)
    .action(withStore(async () => (await load()).deleteContract));

  json(
    program
      .command('renewals')
      .description('contracts that renew soon, by the last day to cancel')
      .option('--within <days>', 'renewals in the next n days (default 60)', nonNegativeInt)
      .option('--as-of <date>', 'count from this day instead of today'),
  ).action(withStore(async () => (await load()).renewals));
  json(
    program
      .command('costs')
      .description('yearly cost of running contracts, per provider and in total, per currency')
      .option('--as-of <date>', 'for the contracts running on this day'),
  ).action(withStore(async () => (await load()).costs));
}
