import type { Command } from 'commander';
import { collect, positiveInt } from '../options.js';
import { withStore } from '../run.js';

const load = () => import('../actions/facts.js');

const KINDS_HELP = `
Kinds and their fields:
  name               VALUE is the full name; or --given and --family
  email              VALUE is the address
  phone              VALUE is the number: international (+44 …), or national with --country
  postal_address     --line (repeat), --locality, --region, --postcode, --country
  date               VALUE is the date, YYYY-MM-DD (birthday and the like)
  bank_account       VALUE is the IBAN (checked); --bic, --holder, --bank
  identity_document  VALUE is the number; --type, --issuer, --issued, --expires
  custom             VALUE is the text
Any kind also takes --value-json '{"field": "…"}'.`;

/** Field options shared by `fact add` and `fact update`. */
function valueOptions(command: Command): Command {
  return command
    .option('--given <name>', 'name: given name')
    .option('--family <name>', 'name: family name')
    .option('--country <code>', 'phone: country of a national number; postal_address: country (ISO code)')
    .option('--line <text>', 'postal_address: a street line (repeat for more)', collect)
    .option('--locality <town>', 'postal_address: town or city')
    .option('--region <region>', 'postal_address: region, county or state')
    .option('--postcode <code>', 'postal_address: postcode')
    .option('--bic <bic>', 'bank_account: BIC')
    .option('--holder <name>', 'bank_account: account holder')
    .option('--bank <name>', 'bank_account: bank name')
    .option(
      '--type <type>',
      'identity_document: passport, national_id, driving_licence, residence_permit, tax_id, …',
    )
    .option('--issuer <issuer>', 'identity_document: issuing country or authority')
    .option('--issued <date>', 'identity_document: date of issue')
    .option('--expires <date>', 'identity_document: expiry date')
    .option('--value-json <json>', 'the whole value as JSON')
    .option('--valid-from <date>', 'the day this value became (or becomes) true; default today')
    .option('--note <text>', 'why it changed, or where it came from');
}

export function registerFactCommands(program: Command): void {
  const fact = program
    .command('fact')
    .alias('facts')
    .description('your personal data store: names, e-mails, phones, addresses, dates, bank and ID numbers');

  valueOptions(
    fact
      .command('add')
      .description('add a fact')
      .argument(
        '<kind>',
        'name, email, phone, postal_address, date, bank_account, identity_document or custom',
      )
      .argument('[value]', 'the value, for kinds that have one main field')
      .requiredOption('--label <label>', 'what this fact is to you, such as home, work, personal'),
  )
    .addHelpText('after', KINDS_HELP)
    .action(withStore(async () => (await load()).add));

  fact
    .command('list')
    .description('list facts with their current values')
    .option('--kind <kind>', 'only this kind')
    .option('--all', 'include retired facts')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).list));

  fact
    .command('show')
    .description('show a fact and its history')
    .argument('<id>', 'fact id', positiveInt)
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).show));

  fact
    .command('history')
    .description('show every version of a fact, with the date each became valid')
    .argument('<id>', 'fact id', positiveInt)
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).history));

  valueOptions(
    fact
      .command('update')
      .description('record a new version of a fact (fields not given keep their value), or rename it')
      .argument('<id>', 'fact id', positiveInt)
      .argument('[value]', 'the new value, for kinds that have one main field')
      .option('--label <label>', 'a new label'),
  )
    .addHelpText('after', KINDS_HELP)
    .action(withStore(async () => (await load()).update));

  fact
    .command('retire')
    .description('mark a fact as no longer true; it stays with its history')
    .argument('<id>', 'fact id', positiveInt)
    .option('--on <date>', 'the day it stopped being true (default now)')
    .action(withStore(async () => (await load()).retire));

  fact
    .command('delete')
    .description('delete a fact and its history (the audit log keeps a record)')
    .argument('<id>', 'fact id', positiveInt)
    .action(withStore(async () => (await load()).remove));
}
