import type { z } from 'zod';
import {
  assignInput,
  confirmSubscriptionInput,
  csvMappingInput,
  importsQuery,
  paidQuery,
  paymentsQuery,
  spendQuery,
  transactionsQuery,
} from '../money/schemas.js';
import { endpoint, type Endpoint } from './endpoint.js';
import type { RouteName } from './routes.js';

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
  listSubscriptions: endpoint({ run: ({ services }) => services.money.subscriptions() }),
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
