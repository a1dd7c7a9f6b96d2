/** The HTTP routes of My money (issue 17): name → method and path (see routes.ts). Imports nothing. */
export const MONEY_ROUTES = {
  listBankAccounts: {
    method: 'GET',
    path: '/api/money/accounts',
    summary:
      'The bank accounts statements were imported for, with the vault fact each is linked to, the sum of its bookings per currency, their count and first and last day',
  },
  listBankTransactions: {
    method: 'GET',
    path: '/api/money/transactions',
    summary:
      'Bookings, the latest first, each with the provider it paid and the evidence (account, provider, unmatched=true, from, to, search, limit, offset); amounts in minor units with their currency',
  },
  assignBankTransaction: {
    method: 'POST',
    path: '/api/money/transactions/:id/assign',
    summary:
      'Say who a booking paid ({ provider: id or name, or null for none}): confirms it, saves a rule on its strongest identifier and matches the unconfirmed bookings with it again',
  },
  acceptBankSuggestion: {
    method: 'POST',
    path: '/api/money/transactions/:id/accept',
    summary:
      "Accept the directory's suggestion for a booking: adds the organisation as a provider and assigns it",
  },
  uploadBankStatement: {
    method: 'POST',
    path: '/api/money/statements',
    summary:
      "Import a bank statement: the file's bytes as the body (OFX/QFX, QIF, CAMT .052/.053/.054 or CSV, at most 100 MB), its name in `name`; `format`, `preset`, `mapping` (a saved CSV mapping), `currency`, `dateOrder` (dmy, mdy) and `account` when the file cannot say. Answers the summary, every skip named by file and line, and `notes` (pending bookings not imported yet, which are no skips)",
  },
  listSubscriptions: {
    method: 'GET',
    path: '/api/money/subscriptions',
    summary:
      'The recurring payments found in the bookings (cadence, amount now, price changes, missed and ended, the payments each rests on, the contract it pays) and the alerts on them, most important first, each with its number and your decision (open, dismissed, case); `all=true` lists the dismissed alerts too',
  },
  getSubscription: {
    method: 'GET',
    path: '/api/money/subscriptions/:id',
    summary:
      'One recurring payment (`:id` is the booking number of one of its payments) with the payments it rests on, oldest first (day, amount, payee, purpose, one-offs marked), and every alert on it',
  },
  dismissMoneyAlert: {
    method: 'POST',
    path: '/api/money/alerts/:key/dismiss',
    summary:
      "Dismiss an alert on your money (`:key` is the alert's key or its number in the overview): the overview leaves it out from now on, across imports",
  },
  restoreMoneyAlert: {
    method: 'POST',
    path: '/api/money/alerts/:key/restore',
    summary: 'Show a dismissed alert again (its key or number)',
  },
  openCaseFromMoneyAlert: {
    method: 'POST',
    path: '/api/money/alerts/:key/case',
    summary:
      'Open a case with the provider for a charge after a contract ended (a `still-charging` alert, by its key or number), the payments listed as its evidence; once per alert: asked again, it answers the case already opened (`created: false`)',
  },
  confirmSubscription: {
    method: 'POST',
    path: '/api/money/subscriptions/:id/confirm',
    summary:
      'Make a recurring payment a contract in one step (`:id` is the booking number of one of its payments; { provider?, name? }): its price, cycle, start and price history from the bank; its payments are linked to it',
  },
  listBankImports: {
    method: 'GET',
    path: '/api/money/imports',
    summary:
      'The statement imports, newest first, with their counts and the skipped bookings named by file and line',
  },
  listPayeeRules: {
    method: 'GET',
    path: '/api/money/rules',
    summary:
      'Your rules for who a booking paid: identifier (creditor id, mandate, IBAN, payee) → provider or none',
  },
  removePayeeRule: {
    method: 'DELETE',
    path: '/api/money/rules/:id',
    summary: 'Remove a rule; the unconfirmed bookings it matched are matched again without it',
  },
  listCsvMappings: {
    method: 'GET',
    path: '/api/money/csv-mappings',
    summary:
      'Your own CSV column mappings, by name, for banks without a preset: which column holds the date, the amount (or debit and credit), the payee, the purpose and the currency',
  },
  saveCsvMapping: {
    method: 'PUT',
    path: '/api/money/csv-mappings',
    summary:
      'Save a CSV column mapping under its name ({ name, mapping: { columns: { date, amount | debit + credit, payee?, text?, currency? }, dateFormat?, decimalMark?, currency?, delimiter? } }), replacing one of the same name; an upload uses it with `mapping=NAME`',
  },
  removeCsvMapping: {
    method: 'DELETE',
    path: '/api/money/csv-mappings/:name',
    summary: 'Remove a saved CSV column mapping by its name',
  },
  moneySpend: {
    method: 'GET',
    path: '/api/money/spend',
    summary:
      'Spend over time, per currency and never added across currencies (`from`, `to` as YYYY-MM, `account`, `currency`, `by` month|provider|category, `incoming`=true for money in too): every month of the range with zeros, who was paid (providers; unassigned bookings per payee), categories, the top providers month by month, and the totals of each year',
  },
  moneyPaid: {
    method: 'GET',
    path: '/api/money/paid',
    summary:
      'Paid against contracted (`from`, `to` as YYYY-MM; the last 12 months unless said): for each contract with bookings, its charges in the period at the prices of its history against what was paid, and the difference in words',
  },
  providerPayments: {
    method: 'GET',
    path: '/api/money/payments',
    summary:
      "A provider's payments (`provider` by id or name, `limit`): the latest bookings that paid or refunded it, and what was paid each year per currency",
  },
} as const;
