import type { Command } from 'commander';
import { withStore } from '../run.js';

/** `vrm dashboard`: the web app's first page, at the terminal. */
export function registerDashboardCommand(program: Command): void {
  program
    .command('dashboard')
    .description(
      'what to act on first: renewals in the next 60 days, follow-ups due, open cases and the yearly spend',
    )
    .option('--as-of <date>', 'count from this day instead of today')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await import('../actions/dashboard.js')).dashboard));
}
