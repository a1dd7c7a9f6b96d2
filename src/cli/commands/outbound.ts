import { Option, type Command } from 'commander';
import { remotePort } from '../options.js';
import { withStore } from '../run.js';

const load = () => import('../actions/outbound.js');

/** `vrm send …` (the SMTP server) and `vrm outbox …` (drafts, sending, the record). */
export function registerOutboundCommands(program: Command): void {
  const send = program.command('send').description('the SMTP server vrm sends your e-mail through');
  send
    .command('setup')
    .description(
      'set up your SMTP server (vrm logs in to check it first); the password is kept only in the store',
    )
    .requiredOption('--host <host>', 'the server, such as smtp.example.org')
    .requiredOption('--user <name>', 'the user name of your SMTP account')
    .option('--port <port>', 'the port (default: 587 for starttls, 465 for tls)', remotePort)
    .addOption(
      new Option('--security <kind>', 'starttls (port 587), tls (port 465), or none (127.0.0.1 only)')
        .choices(['starttls', 'tls', 'none'])
        .default('starttls'),
    )
    .option('--name <text>', 'the display name your messages go out with')
    .option('--allow-self-signed', "trust the server's self-signed certificate (a home or test server)")
    .addHelpText(
      'after',
      '\nThe password comes from VRM_SMTP_PASSWORD, or vrm asks for it. It is never an argument.',
    )
    .action(withStore(async () => (await load()).setupSending));
  send
    .command('show')
    .description('show the SMTP server vrm sends through (never its password)')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).showSending));
  send
    .command('test')
    .description("send a short test message, and show the server's answer")
    .requiredOption('--to <address>', 'where the test message goes')
    .action(withStore(async () => (await load()).testSending));
  send
    .command('remove')
    .description('forget the SMTP server and its password')
    .action(withStore(async () => (await load()).removeSending));

  const outbox = program
    .command('outbox')
    .description(
      'messages, letters and web-form texts to providers: drafts to review, then sent and on record',
    );
  outbox
    .command('list')
    .description('list the outbox')
    .option('--provider <provider>', 'only items to this provider (id or name)')
    .addOption(
      new Option('--state <state>', 'only items in this state').choices([
        'draft',
        'queued',
        'sending',
        'sent',
        'failed',
        'uncertain',
      ]),
    )
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).listOutbox));
  outbox
    .command('show')
    .description('show an item with its whole text (or, with --raw, the exact bytes of a sent e-mail)')
    .argument('<id>', 'the item id (see `vrm outbox list`)')
    .option('--raw', 'print the stored message bytes')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).showItem));
  outbox
    .command('draft')
    .description(
      'write a draft to a provider: an e-mail goes from the alias it knows to its privacy or support e-mail',
    )
    .requiredOption('--provider <provider>', 'id or name of the provider')
    .addOption(
      new Option('--channel <channel>', 'how it goes')
        .choices(['email', 'letter', 'web_form'])
        .default('email'),
    )
    .requiredOption('--subject <text>', 'the subject')
    .option('--body <text>', 'the text')
    .option('--body-file <file>', 'read the text from a file')
    .action(withStore(async () => (await load()).draftItem));
  outbox
    .command('edit')
    .description("change a draft's subject or text before it is sent")
    .argument('<id>', 'the item id')
    .option('--subject <text>', 'the new subject')
    .option('--body <text>', 'the new text')
    .option('--body-file <file>', 'read the new text from a file')
    .action(withStore(async () => (await load()).editItem));
  outbox
    .command('send')
    .description('send e-mail items now: the ones named, or with --all every draft and queued e-mail')
    .argument('[ids...]', 'item ids')
    .option('--all', 'send every draft and queued e-mail')
    .action(withStore(async () => (await load()).sendItems));
  outbox
    .command('send-again')
    .description('send an uncertain or failed e-mail again (same bytes, same Message-ID)')
    .argument('<id>', 'the item id')
    .action(withStore(async () => (await load()).sendAgain));
  outbox
    .command('done')
    .description(
      'mark an item sent: a posted letter, a filled-in web form, or an uncertain e-mail found in your sent mail',
    )
    .argument('<id>', 'the item id')
    .option('--on <date>', 'the day it was sent (default: today), such as 2026-03-15')
    .action(withStore(async () => (await load()).markDone));
  outbox
    .command('delete')
    .description('delete an item that has not gone out')
    .argument('<id>', 'the item id')
    .action(withStore(async () => (await load()).deleteItem));
}
