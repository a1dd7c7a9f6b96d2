import { Option, type Command } from 'commander';
import { listenPort } from '../options.js';
import { withStore } from '../run.js';

const load = () => import('../actions/calendar.js');

/** `vrm calendar`: every deadline, as an agenda, a feed for calendar apps, or a file. */
export function registerCalendarCommands(program: Command): void {
  const calendar = program
    .command('calendar')
    .description(
      'every deadline (renewals, last days to cancel, follow-ups, case dates): an agenda, a feed for calendar apps, a file',
    );
  calendar
    .command('agenda')
    .description('the deadlines of the next twelve months by day, late follow-ups first')
    .option('--from <date>', 'from this day instead of today (YYYY-MM-DD)')
    .option('--until <date>', 'until this day instead of twelve months on (YYYY-MM-DD)')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).agenda));
  calendar
    .command('feed')
    .description(
      'the secret address calendar apps subscribe to while `vrm serve` runs with the store unlocked; it is shown only when made',
    )
    .addOption(new Option('--renew', 'make a new address; the one before stops working').conflicts('revoke'))
    .option('--revoke', 'end the address: calendar apps that use it find nothing')
    .option(
      '--port <port>',
      'the port `vrm serve` listens on, for the address shown (default 7464)',
      listenPort,
    )
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).feed));
  calendar
    .command('export')
    .description('write the calendar feed to an iCalendar file (readable by you only), to import once')
    .requiredOption('--out <file>', 'the .ics file to write')
    .action(withStore(async () => (await load()).exportFeed));
}
