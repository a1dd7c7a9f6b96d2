import type { Command } from 'commander';
import { withStore } from '../run.js';

const load = () => import('../actions/money.js');

/** `vrm money …`: bank accounts, bookings, and who each booking paid. */
export function registerMoneyCommands(program: Command): void {
  const money = program
    .command('money')
    .description('my money: imported bank statements, who each booking paid, and your rules for it');
  money
    .command('import')
    .description(
      'import bank statements (OFX/QFX, QIF, ISO 20022 CAMT .052/.053/.054, CSV): each booking once, however often a file comes',
    )
    .argument('<files...>', 'the statement files')
    .option('--format <format>', 'ofx, qif, camt or csv (found from the file unless said)')
    .option('--preset <bank>', "a bank's CSV layout (found from the header unless said; see docs/money.md)")
    .option('--mapping <name>', 'a CSV column mapping you saved, by its name')
    .option('--currency <code>', "the account's currency, for QIF and CSV files that do not say (EUR, GBP…)")
    .option('--date-order <order>', 'dmy or mdy, for dates like 01/02/2024 the file cannot tell')
    .option('--account <account>', 'the IBAN or label of the account, for QIF and CSV files that do not say')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await import('../actions/money-import.js')).importStatements));
  money
    .command('subscriptions')
    .description(
      'recurring payments found in your bookings (weekly to yearly), with price rises, charges after a contract ended, new and missed payments',
    )
    .option('--all', 'ended ones and dismissed alerts too')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await import('../actions/money-subscriptions.js')).subscriptions));
  money
    .command('confirm')
    .description(
      'make a recurring payment a contract in one step: its price, cycle, start and price history from the bank',
    )
    .argument('<number>', 'its number, as `vrm money subscriptions` shows it')
    .option('--provider <provider>', "the provider's name or id, when its payments are matched to none")
    .option('--name <name>', "the contract's name (the payee's unless said)")
    .option('--json', 'print JSON')
    .action(withStore(async () => (await import('../actions/money-subscriptions.js')).confirm));
  money
    .command('series')
    .description(
      'one recurring payment: the payments it rests on (day, amount, purpose), its price changes, renames and alerts',
    )
    .argument('<number>', 'its number, as `vrm money subscriptions` shows it')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await import('../actions/money-subscriptions.js')).series));
  money
    .command('case')
    .description(
      'open a case with the provider about a charge after a contract ended, the payments listed as evidence (once per alert)',
    )
    .argument('<alert>', 'its number, as `vrm money subscriptions` shows it, or its key')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await import('../actions/money-subscriptions.js')).openCase));
  money
    .command('dismiss')
    .description('dismiss an alert on your money: it stays out of `vrm money subscriptions`, across imports')
    .argument('<alert>', 'its number, as `vrm money subscriptions` shows it, or its key')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await import('../actions/money-subscriptions.js')).dismiss));
  money
    .command('restore')
    .description('show a dismissed alert again')
    .argument('<alert>', 'its number, as `vrm money subscriptions --all` shows it, or its key')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await import('../actions/money-subscriptions.js')).restore));
  money
    .command('accounts')
    .description('the bank accounts statements were imported for, with their sums per currency')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).accounts));
  money
    .command('transactions')
    .description('bookings, the latest first, with the provider each paid and why')
    .option('--account <account>', "the account's IBAN, number or label")
    .option('--provider <provider>', "the provider's name or id")
    .option('--unmatched', 'only bookings no provider is known for')
    .option('--from <date>', 'booked on or after this day (YYYY-MM-DD)')
    .option('--to <date>', 'booked on or before this day (YYYY-MM-DD)')
    .option('--search <text>', 'payee, text or provider containing this')
    .option('--limit <n>', 'at most this many (1 to 500, 50 unless said)')
    .option('--offset <n>', 'skip this many of the list first')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).transactions));
  money
    .command('assign')
    .description(
      'say who a booking paid: confirms it and saves a rule (creditor id, mandate, IBAN or payee) for the others and the next import',
    )
    .argument('<transaction>', "the booking's number, as `vrm money transactions` shows it")
    .argument('<provider>', "the provider's name or id, or `none` when it pays no provider of yours")
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).assign));
  money
    .command('accept')
    .description("accept the directory's suggestion for a booking: adds the organisation as a provider")
    .argument('<transaction>', "the booking's number")
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).accept));
  const rules = money.command('rules').description('your rules for who a booking paid');
  rules
    .command('list', { isDefault: true })
    .description('list them (also what `vrm money rules` alone does)')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).rules));
  rules
    .command('remove')
    .description('remove a rule; the unconfirmed bookings it matched are matched again without it')
    .argument('<id>', "the rule's number, as `vrm money rules` shows it")
    .action(withStore(async () => (await load()).removeRule));
  money
    .command('imports')
    .description('the statement imports, newest first, with what each skipped and where')
    .option('--limit <n>', 'at most this many (1 to 500, 50 unless said)')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).imports));
  const mappings = () => import('../actions/money-mappings.js');
  const mapping = money
    .command('mapping')
    .description("your own CSV column mappings, for a bank's CSV no preset knows");
  mapping
    .command('list', { isDefault: true })
    .description('list them (also what `vrm money mapping` alone does)')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await mappings()).list));
  mapping
    .command('save')
    .description(
      'save a column mapping under a name (replacing one of that name); import with `vrm money import FILE --mapping NAME`',
    )
    .argument('<name>', "its name, such as the bank's")
    .option(
      '--file <file>',
      'read the mapping from a JSON file (as `vrm money mapping list --json` prints one); the options below change it',
    )
    .option('--date <column>', 'the header of the booking date column')
    .option('--amount <column>', 'the header of the amount column (signed: minus for money out)')
    .option(
      '--debit <column>',
      'the header of the money-out column, with --credit, when there is no amount column',
    )
    .option('--credit <column>', 'the header of the money-in column, with --debit')
    .option('--payee <column>', 'the header of the payee (recipient or payer) column')
    .option('--purpose <column>', 'the header of the purpose (reference text) column')
    .option('--currency-column <column>', 'the header of the currency column')
    .option(
      '--currency <code>',
      'the currency of every row, when the file has no currency column (EUR, GBP…)',
    )
    .option(
      '--date-format <format>',
      'DD.MM.YYYY, DD/MM/YYYY, MM/DD/YYYY, YYYY-MM-DD, DD.MM.YY or DD-MM-YYYY (found from the file unless said)',
    )
    .option('--decimal-comma', 'amounts are written with a decimal comma (12,99)')
    .option('--decimal-point', 'amounts are written with a decimal point (12.99)')
    .option('--delimiter <delimiter>', 'semicolon, comma or tab (found from the file unless said)')
    .option('--skip-lines <n>', 'lines above the header (found by searching unless said)')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await mappings()).save));
  mapping
    .command('remove')
    .description('remove a saved column mapping')
    .argument('<name>', 'its name, as `vrm money mapping list` shows it')
    .action(withStore(async () => (await mappings()).remove));
  money
    .command('spend')
    .description(
      'spend over time, each currency on its own: per month, provider or category, and the totals of each year',
    )
    .option('--by <group>', 'month, provider or category (month unless said)')
    .option('--from <month>', 'the first month counted (YYYY-MM); the first with bookings unless said')
    .option('--to <month>', 'the last month counted (YYYY-MM); the last with bookings unless said')
    .option('--account <account>', 'only this account: its IBAN, number or label')
    .option('--currency <code>', 'only this currency (EUR, GBP…)')
    .option('--incoming', 'money in too (refunds, income), beside money out')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await import('../actions/money-spend.js')).spend));
  money
    .command('paid')
    .description(
      'what each contract says it costs against what was paid, with the difference in words (the last 12 months unless said)',
    )
    .option('--from <month>', 'the first month compared (YYYY-MM)')
    .option('--to <month>', 'the last month compared (YYYY-MM)')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await import('../actions/money-spend.js')).paid));
  money
    .command('payments')
    .description("a provider's payments, the latest first, and what was paid it each year")
    .argument('<provider>', "the provider's name or id")
    .option('--limit <n>', 'at most this many (1 to 500, 100 unless said)')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await import('../actions/money-spend.js')).payments));
}
