import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { registerCalendarCommands } from './commands/calendar.js';
import { registerDashboardCommand } from './commands/dashboard.js';
import { registerDirectoryCommands } from './commands/directory.js';
import { registerDiscoverCommands } from './commands/discover.js';
import { registerMoneyCommands } from './commands/money.js';
import { registerAgreementCommands } from './commands/disclosures/agreements.js';
import { registerDisclosureCommands } from './commands/disclosures/disclosures.js';
import { registerKeyCommands } from './commands/disclosures/keys.js';
import { registerPackageCommands } from './commands/disclosures/packages.js';
import { registerPolicyCommands } from './commands/disclosures/policies.js';
import { registerReceiptCommands } from './commands/disclosures/receipts.js';
import { registerTermsCommands } from './commands/disclosures/terms.js';
import { registerVerifyCommand } from './commands/disclosures/verify.js';
import { registerFactCommands } from './commands/facts.js';
import { registerChangeCommands } from './commands/changes.js';
import { registerIdentityCommands } from './commands/identities.js';
import { registerIntentCommands } from './commands/intents.js';
import { registerLetterCommands } from './commands/letters.js';
import { registerMailCommands } from './commands/mail.js';
import { registerOutboundCommands } from './commands/outbound.js';
import { registerAccountCommands } from './commands/providers/accounts.js';
import { registerCaseCommands } from './commands/providers/cases.js';
import { registerContractCommands } from './commands/providers/contracts.js';
import { registerDocumentCommands } from './commands/providers/documents.js';
import { registerInteractionCommands } from './commands/providers/interactions.js';
import { registerProviderCommands } from './commands/providers/providers.js';
import { registerRequestCommands } from './commands/requests.js';
import { registerStoreCommands } from './commands/store.js';
import { EXIT_CODES, reportError } from './exit.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export function buildProgram(): Command {
  const program = new Command('vrm')
    .description(
      'vrm keeps your side of every customer relationship: facts about you, the organisations you deal ' +
        'with, your contracts, costs, cases and interactions, in one encrypted store on your machine.',
    )
    .version(version, '-V, --version', 'print the version of vrm')
    .option(
      '--store <path>',
      'the store file (default: $VRM_HOME/store.db, VRM_HOME defaults to ~/.local/share/vrm)',
    )
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    .addHelpText(
      'after',
      `
Environment:
  VRM_HOME        folder of the default store (default ~/.local/share/vrm)
  VRM_PASSPHRASE  the passphrase, for scripts (otherwise vrm asks on the terminal)
  VRM_SESSION     a session token from \`vrm unlock\`: opens the store without key derivation
  VRM_TODAY       fixes the day (YYYY-MM-DD) that renewals, costs and follow-ups are computed for

Exit codes: 0 ok, 1 internal error, 2 invalid input, 3 not found, 4 conflict,
            5 wrong passphrase or session token, 6 store missing, damaged or too new,
            7 store busy (another vrm kept writing to it): try again.
Full reference: docs/cli.md`,
    );
  // Subcommands inherit these: a usage mistake is one line on stderr, then exit code 2.
  program.exitOverride().configureOutput({
    outputError: (message, write) => {
      write(`vrm: ${message.replace(/^error: /, '').trim()} (see --help)\n`);
    },
  });
  registerStoreCommands(program);
  registerFactCommands(program);
  registerProviderCommands(program);
  registerDirectoryCommands(program);
  registerDiscoverCommands(program);
  // The order here is the order of `vrm --help` and of docs/cli.md.
  registerAccountCommands(program);
  registerContractCommands(program);
  registerCaseCommands(program);
  registerInteractionCommands(program);
  registerDocumentCommands(program);
  registerDashboardCommand(program);
  registerCalendarCommands(program);
  registerIdentityCommands(program);
  registerChangeCommands(program);
  registerTermsCommands(program);
  registerPolicyCommands(program);
  registerDisclosureCommands(program);
  registerAgreementCommands(program);
  registerReceiptCommands(program);
  registerPackageCommands(program);
  registerVerifyCommand(program);
  registerKeyCommands(program);
  registerMailCommands(program);
  registerLetterCommands(program);
  registerOutboundCommands(program);
  registerRequestCommands(program);
  registerMoneyCommands(program);
  registerIntentCommands(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  // `vrm … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return EXIT_CODES.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message already; help and version are not failures.
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.invalid_input;
    }
    return reportError(error);
  }
}
