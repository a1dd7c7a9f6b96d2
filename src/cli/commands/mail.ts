import { Option, type Command } from 'commander';
import { collect, nonNegativeInt, positiveInt, remotePort } from '../options.js';
import { withStore } from '../run.js';

/** Each command loads the actions of its resource only when it runs. */
const load = {
  imports: () => import('../actions/mail/import.js'),
  accounts: () => import('../actions/mail/accounts.js'),
  inbox: () => import('../actions/mail/inbox.js'),
  leaks: () => import('../actions/mail/leaks.js'),
  rules: () => import('../actions/mail/rules.js'),
  export: () => import('../actions/mail/export.js'),
};

const ATTENTION = ['now', 'today', 'later', 'never'];
const yesNo = () => ['yes', 'no'];

/** The conditions and actions of a triage rule, shared by `rule add`, `rule update` and `rule preview`. */
function conditionOptions(command: Command): Command {
  return command
    .option('--from-provider <provider>', 'if: sent by this provider, id or name (repeat for more)', collect)
    .option('--from-address <address>', "if: the sender's address is this one (repeat for more)", collect)
    .option(
      '--from-domain <domain>',
      "if: the sender's address is at this domain or a subdomain of it (repeat for more)",
      collect,
    )
    .option('--category <category>', "if: the sending provider's category (repeat for more)", collect)
    .addOption(
      new Option('--provider-status <status>', "if: the sending provider's status").choices([
        'active',
        'former',
        'prospect',
      ]),
    )
    .addOption(
      new Option('--active-contract <yes|no>', 'if: the sender has an active contract').choices(yesNo()),
    )
    .addOption(new Option('--open-case <yes|no>', 'if: the sender has an open case').choices(yesNo()))
    .option('--identity <id>', 'if: sent to this identity (repeat for more)', collect)
    .addOption(new Option('--leak <yes|no>', 'if: a suspected leak').choices(yesNo()))
    .addOption(new Option('--unknown-sender <yes|no>', 'if: from no known provider').choices(yesNo()))
    .addOption(new Option('--list <yes|no>', 'if: mailing-list or marketing mail').choices(yesNo()))
    .option('--keyword <text>', 'if: the subject or text mentions it (repeat: any of them)', collect)
    .option('--after <date>', 'if: sent on or after this day (YYYY-MM-DD)')
    .option('--before <date>', 'if: sent before this day (YYYY-MM-DD)');
}

function actionOptions(command: Command): Command {
  return command
    .option('--folder <name>', 'then: put it in this folder')
    .addOption(new Option('--attention <level>', 'then: this attention level').choices(ATTENTION))
    .option('--mute', 'then: mute it (hidden from the inbox)')
    .option('--flag', 'then: flag it for follow-up')
    .option('--case <id>', 'then: link it to this open case', positiveInt);
}

/** Mail: import, search, the inbox by attention, leaks, and the person's own rules. */
export function registerMailCommands(program: Command): void {
  const mail = program
    .command('mail')
    .description('your mail: import it, search it, sort it by your own rules, and see who leaked an address');

  mail
    .command('import')
    .description('import an mbox file (Google Takeout too), a Maildir folder or .eml files')
    .argument('<paths...>', 'files or folders')
    .addOption(
      new Option('--kind <kind>', 'what the paths are (default: tell from each)').choices([
        'mbox',
        'maildir',
        'eml',
      ]),
    )
    .option('--full', 'read an mbox from its start even if an earlier import got further')
    .option('--workers <n>', 'parse workers (default: one per core but one)', (v) => Number.parseInt(v, 10))
    .option('--json', 'print the summary as JSON')
    .action(withStore(async () => (await load.imports()).importPaths));

  const account = mail.command('account').description('IMAP accounts to fetch mail from');
  account
    .command('add')
    .description('add an IMAP account (it logs in first); the password is kept only in the encrypted store')
    .requiredOption('--host <host>', 'the IMAP server')
    .requiredOption('--user <name>', 'the login name')
    .option('--port <port>', 'the port (default 993 for tls, 143 otherwise)', remotePort)
    .addOption(
      new Option('--security <mode>', 'tls (default), starttls or none').choices(['tls', 'starttls', 'none']),
    )
    .option('--folder <folder>', 'a folder to fetch (repeat for more; default INBOX)', collect)
    .option('--label <text>', 'a name for the account')
    .option('--allow-self-signed', "trust the server's self-signed certificate (a home server)")
    .addHelpText('after', '\nThe password comes from VRM_IMAP_PASSWORD, or vrm asks for it.')
    .action(withStore(async () => (await load.accounts()).addAccount));
  account
    .command('list')
    .description('list mail sources: IMAP accounts and imported files')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load.accounts()).listSources));
  account
    .command('folders')
    .description("list an IMAP account's folders")
    .argument('<id>', 'the account id')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load.accounts()).listFolders));
  account
    .command('use-folders')
    .description('choose the folders to fetch')
    .argument('<id>', 'the account id')
    .argument('[folders...]', 'folder names (at least one)')
    .action(withStore(async () => (await load.accounts()).useFolders));
  account
    .command('remove')
    .description('forget a mail source (its messages stay)')
    .argument('<id>', 'the source id')
    .action(withStore(async () => (await load.accounts()).removeSource));

  mail
    .command('fetch')
    .description('fetch new mail from IMAP accounts (only what arrived since the last fetch)')
    .argument('[id]', 'the account (default: every account)')
    .option('--full', 'fetch everything again (duplicates are recognised)')
    .option('--json', 'print the summary as JSON')
    .action(withStore(async () => (await load.imports()).fetch));

  mail
    .command('imports')
    .description('past imports, with what was skipped and why')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load.imports()).listImports));

  mail
    .command('inbox')
    .description('how many messages need attention now, today, later, and per folder and provider')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load.inbox()).inbox));
  mail
    .command('list')
    .description('list messages, newest first')
    .addOption(new Option('--attention <level>', 'only this attention level').choices(ATTENTION))
    .option('--folder <name>', 'only this folder')
    .option('--provider <provider>', 'only mail from this provider')
    .option('--identity <id>', 'only mail to this identity', positiveInt)
    .option('--leak <id>', 'only the messages of this leak event', positiveInt)
    .option('--muted', 'the muted messages')
    .option('--flagged', 'only flagged messages')
    .option('--limit <n>', 'how many (default 50)', positiveInt)
    .option('--offset <n>', 'skip this many first', (v) => Number.parseInt(v, 10))
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load.inbox()).list));
  mail
    .command('show')
    .description('show a message: who it reached, who sent it, and why it is where it is')
    .argument('<id>', 'the message id')
    .option('--raw', 'print the message exactly as it arrived')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load.inbox()).show));
  mail
    .command('place')
    .description('move a message by hand (rules then leave it there)')
    .argument('<id>', 'the message id')
    .addOption(new Option('--attention <level>', 'attention level').choices(ATTENTION))
    .option('--folder <name>', 'folder')
    .option('--mute', 'mute it')
    .option('--unmute', 'unmute it')
    .option('--flag', 'flag it for follow-up')
    .option('--unflag', 'remove the flag')
    .action(withStore(async () => (await load.inbox()).place));
  mail
    .command('search')
    .description(
      'search subject, sender and text; operators from: to: subject: provider: before: after: has:attachment is:leak',
    )
    .argument('<query...>', 'words, "phrases" and operators')
    .option('--limit <n>', 'how many (default 20)', positiveInt)
    .option('--offset <n>', 'skip this many results first: the next page', nonNegativeInt)
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load.inbox()).search));

  mail
    .command('leaks')
    .description('the leak report: third parties that wrote to the address you gave only one provider')
    .option('--provider <provider>', 'only leaks of the address given to this provider')
    .option('--all', 'also the senders you marked "not a leak"')
    .option('--json', 'print JSON (with the graph: provider → third party)')
    .action(withStore(async () => (await load.leaks()).leaks));
  mail
    .command('leak')
    .description('one leak event, with the messages that prove it')
    .argument('<id>', 'the leak event id')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load.leaks()).leak));
  mail
    .command('complain')
    .description(
      'record a complaint case on the provider a leaked address was given to, naming the address, the sender and the dates',
    )
    .argument('<id>', 'the leak event id')
    .option('--title <text>', "the case's title (default: the leaked address and who used it)")
    .action(withStore(async () => (await load.leaks()).complain));
  mail
    .command('not-leak')
    .description('mark a leak event "not a leak": the sender becomes an allowed sender of the provider')
    .argument('<id>', 'the leak event id')
    .option('--reason <text>', 'why (required), such as "Acme\'s new mailing service"')
    .action(withStore(async () => (await load.leaks()).notLeak));
  mail
    .command('allow')
    .description('allow a sender for a provider (its processor): its mail to that identity is no leak')
    .requiredOption('--provider <provider>', 'the provider the identity was given to')
    .requiredOption('--sender <domain|provider>', "the sender's domain, or a provider")
    .requiredOption('--reason <text>', 'why')
    .action(withStore(async () => (await load.leaks()).allow));
  mail
    .command('allowed')
    .description('list allowed senders')
    .option('--provider <provider>', 'of this provider')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load.leaks()).allowed));
  mail
    .command('disallow')
    .description('remove an allowed sender')
    .argument('<id>', 'the allowed sender id')
    .action(withStore(async () => (await load.leaks()).disallow));

  const rule = mail.command('rule').alias('rules').description('your own rules of attention');
  actionOptions(
    conditionOptions(
      rule
        .command('add')
        .description('add a rule: every condition must hold; the first rule that matches places a message')
        .requiredOption('--name <text>', 'a name for the rule'),
    ),
  )
    .option('--position <n>', 'its place in the order (default: last)', positiveInt)
    .action(withStore(async () => (await load.rules()).addRule));
  actionOptions(
    conditionOptions(
      rule
        .command('update')
        .description('replace a rule (give all its conditions and actions again)')
        .argument('<id>', 'the rule id')
        .option('--name <text>', 'a new name for the rule (default: keep it)'),
    ),
  )
    .option('--position <n>', 'its place in the order', positiveInt)
    .option('--disabled', 'keep it, but do not apply it')
    .action(withStore(async () => (await load.rules()).updateRule));
  conditionOptions(
    rule.command('preview').description('how many stored messages these conditions match, with the newest'),
  )
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load.rules()).previewRule));
  rule
    .command('list')
    .description('list the rules in the order they are tried, then the defaults')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load.rules()).listRules));
  rule
    .command('move')
    .description('move a rule one place up (tried earlier) or down (tried later)')
    .argument('<id>', 'the rule id')
    .argument('<direction>', 'up or down')
    .action(withStore(async () => (await load.rules()).moveRule));
  rule
    .command('delete')
    .description('delete a rule')
    .argument('<id>', 'the rule id')
    .action(withStore(async () => (await load.rules()).deleteRule));

  mail
    .command('export')
    .description(
      'write every stored message to an mboxrd file, the originals byte for byte (placements, rules ' +
        'and documents are not in it: `vrm backup` keeps everything)',
    )
    .requiredOption('-o, --out <file>', 'the mbox file to write (a new file)')
    .action(withStore(async () => (await load.export()).exportMbox));
  mail
    .command('triage')
    .description('run the rules again over all stored mail (messages placed by hand stay)')
    .action(withStore(async () => (await load.rules()).triage));
  mail
    .command('reclassify')
    .description(
      'classify all stored mail again by identity and sender (also done by itself after a change that needs it)',
    )
    .action(withStore(async () => (await load.rules()).reclassify));
}
