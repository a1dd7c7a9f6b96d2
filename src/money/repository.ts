/**
 * The money area's queries, one file per job in `repository/`: the import's batches
 * (`batch.ts`, prepared statements on its hot path), accounts, imports, rules and CSV mappings
 * (`records.ts`), the bookings (`transactions.ts`), and the person's decisions on alerts (`alerts.ts`).
 */
export {
  BankBatchRepository,
  type BankBatchProgress,
  type BankRow,
  type NewBankTransaction,
} from './repository/batch.js';
export {
  MoneyRecordRepository,
  type BankAccountRow,
  type BankImportRow,
  type CsvMappingRow,
  type PayeeRuleRow,
} from './repository/records.js';
export {
  BankTransactionRepository,
  type BankTransactionRow,
  type BankTransactionView,
  type RematchRow,
  type TransactionCriteria,
} from './repository/transactions.js';
export { SpendRepository, type SpendCriteria, type SpendGroupSum } from './repository/spend.js';
export { AlertStateRepository, type AlertStateRow } from './repository/alerts.js';
