import type { Command } from 'commander';
import { withStore } from '../run.js';

const load = () => import('../actions/discover.js');

/** `vrm discover …`: organisations that wrote to you but are not among your providers. */
export function registerDiscoverCommands(program: Command): void {
  const discover = program
    .command('discover')
    .description(
      'who else has your data: organisations that wrote to your addresses in imported mail but are not among your providers',
    );
  discover
    .command('list', { isDefault: true })
    .description('list them, most messages first (also what `vrm discover` alone does)')
    .option('--all', 'also those you dismissed')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).list));
  discover
    .command('add')
    .description(
      'add one to your providers (from the directory when it is there) and give it its past mail; then ask it what it holds',
    )
    .argument('<domain>', 'its domain, as the list shows it (shop.example)')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).add));
  discover
    .command('dismiss')
    .description('hide one from the list (`vrm discover undismiss` shows it again)')
    .argument('<domain>', 'its domain, as the list shows it')
    .action(withStore(async () => (await load()).dismiss));
  discover
    .command('undismiss')
    .description('show a dismissed one in the list again')
    .argument('<domain>', 'its domain, as `vrm discover --all` shows it')
    .action(withStore(async () => (await load()).undismiss));
}
