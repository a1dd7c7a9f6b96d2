import type { Command } from 'commander';
import { collect, idleMinutes, listenPort, positiveInt } from '../options.js';
import { lazy, withStore } from '../run.js';

const load = () => import('../actions/store.js');

export function registerStoreCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the web app and the HTTP API on this machine (http://127.0.0.1:7464 by default)')
    .option('--port <port>', 'the port to listen on; 0 picks a free one (default 7464)', listenPort)
    .option('--host <address>', 'the address to listen on (default 127.0.0.1: this machine only)')
    .option(
      '--idle <minutes>',
      'lock the store after this many idle minutes, 1 to 1440 (default 15)',
      idleMinutes,
    )
    .option('--log', 'log each request: method, route, status and time (never data)')
    .option(
      '--import-folder <dir>',
      'a folder the web app may import mail from by path, besides your home folder (repeat for more)',
      collect,
    )
    .action(lazy(async () => (await import('../actions/serve.js')).serve));

  program
    .command('init')
    .description('create a new encrypted store (asks for a passphrase twice, or reads VRM_PASSPHRASE)')
    .action(lazy(async () => (await load()).init));

  program
    .command('unlock')
    .description('check the passphrase and print a session token for VRM_SESSION (never the passphrase)')
    .option('--raw', 'print the token alone, for scripts')
    .action(withStore(async () => (await load()).unlock));

  program
    .command('passphrase')
    .description(
      'change the passphrase: re-keys the whole store (new one from VRM_NEW_PASSPHRASE or asked twice)',
    )
    .action(withStore(async () => (await load()).passphrase));

  program
    .command('info')
    .description('show where the store is, its schema version and how many records it holds')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).info));

  program
    .command('export')
    .description(
      'write the whole store as JSON (unencrypted: keep the file safe); private keys and passwords are left out',
    )
    .option(
      '-o, --output <file>',
      'write to this file (created with owner-only permissions) instead of stdout',
    )
    .option(
      '--with-secrets',
      'put in the private signing keys and IMAP passwords too, in clear text (`vrm backup` keeps them encrypted)',
    )
    .action(withStore(async () => (await load()).exportCommand));

  program
    .command('backup')
    .description(
      'write an encrypted copy of the whole store, mail and documents included; works while `vrm serve` runs',
    )
    .argument(
      '<file>',
      'the file to create (owner-only, never overwritten); it opens with the passphrase the store has now',
    )
    .action(withStore(async () => (await load()).backup));

  program
    .command('restore')
    .description(
      'read an export or a backup into a new store at --store (or the default place); never overwrites',
    )
    .argument(
      '<file>',
      'a file written by `vrm export`, or by `vrm backup` (asks for the passphrase it was made under)',
    )
    .action(lazy(async () => (await load()).restore));

  program
    .command('audit')
    .description('show the audit log: every change, when, with old and new values')
    .option('--entity <table>', 'only changes to this kind of record, such as providers or contracts')
    .option('--id <id>', 'only changes to the record with this id (with --entity)', positiveInt)
    .option('--limit <n>', 'show at most n entries, newest first (default 50)', positiveInt)
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).audit));

  program
    .command('demo')
    .description('create a store at --store filled with a fictional person, to explore vrm')
    .action(lazy(async () => (await load()).demo));

  program
    .command('tour')
    .description('build a demo store in a temporary folder and show what vrm keeps, command by command')
    .action(lazy(async () => (await load()).tour));
}
