import type { Command } from 'commander';
import { choices, json, nonNegativeInt, positiveInt } from '../../options.js';
import { withStore } from '../../run.js';

const load = () => import('../../actions/providers/interactions.js');

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

/** `vrm interaction …` and `vrm follow-ups`. */
export function registerInteractionCommands(program: Command): void {
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
}
