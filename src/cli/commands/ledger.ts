import { Option, type Command } from 'commander';
import { nonNegativeInt, positiveInt } from '../options.js';
import { withStore } from '../run.js';

const load = () => import('../actions/ledger.js');
const json = (command: Command): Command => command.option('--json', 'print JSON');
const choices = (flags: string, description: string, values: readonly string[]): Option =>
  new Option(flags, description).choices(values);

function accountOptions(command: Command): Command {
  return command
    .option('--label <label>', 'what the account is for')
    .option('--opened <date>', 'the day it was opened')
    .option('--closed <date>', 'the day it was closed')
    .option('--notes <text>', 'your notes');
}

function contractOptions(command: Command): Command {
  return command
    .option('--account <id>', 'the account it belongs to', positiveInt)
    .addOption(choices('--kind <kind>', 'contract (default) or subscription', ['contract', 'subscription']))
    .option('--price <amount>', 'price per billing cycle, such as 9.99')
    .option('--currency <code>', 'ISO 4217 currency code, such as EUR or GBP')
    .option('--cycle <cycle>', 'billing cycle: weekly, monthly, quarterly, yearly, or every N days ("30d")')
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

function caseOptions(command: Command): Command {
  return command
    .addOption(choices('--kind <kind>', 'complaint (default) or dispute', ['complaint', 'dispute']))
    .option('--description <text>', 'what went wrong, what you want')
    .option('--reference <ref>', "the provider's reference for the case")
    .addOption(choices('--status <status>', 'where it stands', ['open', 'waiting', 'escalated', 'resolved']))
    .option('--opened <date>', 'the day it opened (default today)')
    .option('--escalated <date>', 'the day it was escalated')
    .option('--resolved <date>', 'the day it was resolved')
    .option('--resolution <text>', 'how it ended');
}

function interactionOptions(command: Command): Command {
  return command
    .option('--case <id>', 'the case it belongs to', positiveInt)
    .option('--at <when>', 'when it happened: 2026-03-01T14:30:00Z or a date (default now)')
    .addOption(choices('--channel <channel>', 'how', ['email', 'phone', 'letter', 'chat', 'visit', 'web']))
    .addOption(choices('--direction <direction>', 'who reached out', ['inbound', 'outbound']))
    .option('--subject <text>', 'what it was about')
    .option('--notes <text>', 'what was said')
    .option('--outcome <text>', 'what came of it')
    .option('--follow-up <date>', 'the day to follow up')
    .option('--follow-up-done <date>', 'the day the follow-up was done');
}

function documentOptions(command: Command): Command {
  return command
    .option('--title <title>', 'a title (default: the file name)')
    .option('--contract <id>', 'the contract it belongs to', positiveInt)
    .option('--case <id>', 'the case it belongs to', positiveInt)
    .option('--type <media-type>', 'media type, such as application/pdf (default: from the file name)')
    .option('--notes <text>', 'your notes');
}

export function registerLedgerCommands(program: Command): void {
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
      .option('--name <name>', 'a new name'),
  ).action(withStore(async () => (await load()).updateContract));
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

  const kase = program
    .command('case')
    .alias('cases')
    .description('complaints and disputes, and where they stand');
  caseOptions(
    kase
      .command('add')
      .description('open a case')
      .requiredOption('--provider <provider>', 'provider id or name')
      .requiredOption('--title <title>', 'what it is about'),
  ).action(withStore(async () => (await load()).addCase));
  json(
    kase
      .command('list')
      .description('list cases, newest first')
      .option('--provider <provider>', 'only this provider')
      .option('--status <status>', 'open, waiting, escalated, resolved, or unresolved (all but resolved)'),
  ).action(withStore(async () => (await load()).listCases));
  json(
    kase
      .command('show')
      .description('show a case with its interactions')
      .argument('<id>', 'case id', positiveInt),
  ).action(withStore(async () => (await load()).showCase));
  caseOptions(
    kase
      .command('update')
      .description('change a case; a new status dates itself unless a date is given')
      .argument('<id>', 'case id', positiveInt)
      .option('--title <title>', 'a new title'),
  ).action(withStore(async () => (await load()).updateCase));
  kase
    .command('delete')
    .description('delete a case (its interactions and documents stay, unlinked)')
    .argument('<id>', 'case id', positiveInt)
    .action(withStore(async () => (await load()).deleteCase));

  const interaction = program
    .command('interaction')
    .alias('interactions')
    .description('calls, letters, e-mails, chats and visits: one timeline per provider');
  interactionOptions(
    interaction
      .command('add')
      .description('log an interaction (needs --channel, --direction and --subject)')
      .requiredOption('--provider <provider>', 'provider id or name'),
  ).action(withStore(async () => (await load()).addInteraction));
  json(
    interaction
      .command('list')
      .description('list interactions, newest first')
      .option('--provider <provider>', 'only this provider')
      .option('--case <id>', 'only this case', positiveInt)
      .option('--since <when>', 'on or after this date or time')
      .option('--until <when>', 'before this date or time')
      .option('--limit <n>', 'at most n', positiveInt),
  ).action(withStore(async () => (await load()).listInteractions));
  json(
    interaction
      .command('show')
      .description('show an interaction')
      .argument('<id>', 'interaction id', positiveInt),
  ).action(withStore(async () => (await load()).showInteraction));
  interactionOptions(
    interaction
      .command('update')
      .description('change an interaction; "" clears a field')
      .argument('<id>', 'interaction id', positiveInt),
  ).action(withStore(async () => (await load()).updateInteraction));
  interaction
    .command('done')
    .description("mark an interaction's follow-up as done")
    .argument('<id>', 'interaction id', positiveInt)
    .option('--on <date>', 'the day it was done (default today)')
    .action(withStore(async () => (await load()).doneInteraction));
  interaction
    .command('delete')
    .description('delete an interaction')
    .argument('<id>', 'interaction id', positiveInt)
    .action(withStore(async () => (await load()).deleteInteraction));

  json(
    program
      .command('follow-ups')
      .description('follow-ups not yet done: overdue, and due in the next days')
      .option('--within <days>', 'due in the next n days (default 7)', nonNegativeInt)
      .option('--as-of <date>', 'count from this day instead of today'),
  ).action(withStore(async () => (await load()).followUps));

  const document = program
    .command('document')
    .alias('documents')
    .description('files kept encrypted inside the store: contracts, letters, invoices, scans');
  documentOptions(
    document
      .command('add')
      .description('add a file (up to 50 MiB)')
      .argument('<file>', 'the file to keep')
      .requiredOption('--provider <provider>', 'provider id or name'),
  ).action(withStore(async () => (await load()).addDocument));
  json(
    document
      .command('list')
      .description('list documents')
      .option('--provider <provider>', 'only this provider'),
  ).action(withStore(async () => (await load()).listDocuments));
  json(
    document
      .command('show')
      .description("show a document's details")
      .argument('<id>', 'document id', positiveInt),
  ).action(withStore(async () => (await load()).showDocument));
  document
    .command('get')
    .description('write the file back out, byte for byte')
    .argument('<id>', 'document id', positiveInt)
    .option('-o, --output <file>', 'write to this file (default: stdout, when it is not a terminal)')
    .action(withStore(async () => (await load()).getDocument));
  documentOptions(
    document
      .command('update')
      .description('change a document\'s details; "" clears a field')
      .argument('<id>', 'document id', positiveInt)
      .option('--filename <name>', 'a new file name'),
  ).action(withStore(async () => (await load()).updateDocument));
  document
    .command('delete')
    .description('delete a document')
    .argument('<id>', 'document id', positiveInt)
    .action(withStore(async () => (await load()).deleteDocument));
}
