import type { Command } from 'commander';
import { choices, json, positiveInt } from '../../options.js';
import { withStore } from '../../run.js';

const load = () => import('../../actions/providers/cases.js');

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

/** `vrm case …`: complaints and disputes. */
export function registerCaseCommands(program: Command): void {
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
}
