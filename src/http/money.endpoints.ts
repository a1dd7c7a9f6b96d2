import type { z } from 'zod';
import {
  assignInput,
  confirmSubscriptionInput,
  csvMappingInput,
  importsQuery,
  paidQuery,
  paymentsQuery,
  spendQuery,
  subscriptionsQuery,
  transactionsQuery,
} from '../money/schemas.js';
import { endpoint, type Endpoint } from './endpoint.js';
import type { RouteName } from './routes.js';

/** An alert's key or number, as the path sent it. */
const keyOf = (params: Readonly<Record<string, string>>): string => params.key ?? '';

/** What each route of My money does: its schemas and its one service call. */
export const MONEY_ENDPOINTS = {
  listBankAccounts: endpoint({ run: ({ services }) => services.money.accounts() }),
  listBankTransactions: endpoint({
    query: transactionsQuery,
    run: ({ services, query }) => services.money.transactions(query),
  }),
  assignBankTransaction: endpoint({
    body: assignInput,
    label: 'assign',
    run: ({ services, id, body }) => services.money.assign(id, body),
  }),
  acceptBankSuggestion: endpoint({ run: ({ services, id }) => services.money.acceptSuggestion(id) }),
  listBankImports: endpoint({
    query: importsQuery,
    run: ({ services, query }) => services.money.imports(query),
  }),
  listSubscriptions: endpoint({
    query: subscriptionsQuery,
    run: ({ services, query }) => services.money.subscriptions(query),
  }),
  getSubscription: endpoint({ run: ({ services, id }) => services.money.subscription(id) }),
  dismissMoneyAlert: endpoint({ run: ({ services, params }) => services.money.dismissAlert(keyOf(params)) }),
  restoreMoneyAlert: endpoint({ run: ({ services, params }) => services.money.restoreAlert(keyOf(params)) }),
  openCaseFromMoneyAlert: endpoint({
    run: ({ services, params }) => services.money.openCaseFromAlert(keyOf(params)),
  }),
  confirmSubscription: endpoint({
    body: confirmSubscriptionInput,
    label: 'subscription',
    run: ({ services, id, body }) => services.money.confirmSubscription(id, body),
  }),
  listPayeeRules: endpoint({ run: ({ services }) => services.money.rules() }),
  removePayeeRule: endpoint({ run: ({ services, id }) => services.money.removeRule(id) }),
  listCsvMappings: endpoint({ run: ({ services }) => services.money.csvMappings() }),
  saveCsvMapping: endpoint({
    body: csvMappingInput,
    label: 'CSV mapping',
    run: ({ services, body }) => services.money.saveCsvMapping(body),
  }),
  removeCsvMapping: endpoint({
    run: ({ services, params }) => services.money.removeCsvMapping(params.name ?? ''),
  }),
  moneySpend: endpoint({ query: spendQuery, run: ({ services, query }) => services.money.spend(query) }),
  moneyPaid: endpoint({
    query: paidQuery,
    run: ({ services, query }) => services.money.paidVersusContracted(query),
  }),
  providerPayments: endpoint({
    query: paymentsQuery,
    run: ({ services, query }) => services.money.payments(query),
  }),
} satisfies Partial<Record<RouteName, Endpoint<z.ZodType, z.ZodType, unknown>>>;
