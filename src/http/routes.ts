/**
 * The HTTP API's routes: name → method and path. This table is shared by the server (which binds
 * a handler to each name), the OpenAPI document, and the web app's typed client, so a route is
 * written once. Each area's routes are in its own `<area>.routes.ts`; like this file, they import
 * nothing, so the web app can bundle them.
 */
import { CHANGE_ROUTES } from './changes.routes.js';
import { CALENDAR_ROUTES } from './calendar.routes.js';
import { DISCLOSURE_ROUTES } from './disclosures.routes.js';
import { DISCOVERY_ROUTES } from './discovery.routes.js';
import { IDENTITY_ROUTES } from './identities.routes.js';
import { LETTER_ROUTES } from './letters.routes.js';
import { MAIL_ROUTES } from './mail.routes.js';
import { OUTBOUND_ROUTES } from './outbound.routes.js';
import { REQUEST_ROUTES } from './requests.routes.js';
import { MONEY_ROUTES } from './money.routes.js';
import { INTENT_ROUTES } from './intents.routes.js';

export const ROUTES = {
  // The store and the session
  status: {
    method: 'GET',
    path: '/api/status',
    summary: 'Whether a store exists and this session is unlocked',
  },
  createStore: { method: 'POST', path: '/api/store', summary: 'Create the store (first run) and unlock it' },
  restoreStore: {
    method: 'POST',
    path: '/api/store/restore',
    summary: 'Create the store from a vrm export (first run); bad records are skipped and listed',
  },
  createDemoStore: {
    method: 'POST',
    path: '/api/store/demo',
    summary: 'Create a store filled with a fictional person',
  },
  unlock: {
    method: 'POST',
    path: '/api/session',
    summary: 'Unlock with the passphrase; sets the session cookie',
  },
  lock: { method: 'DELETE', path: '/api/session', summary: 'Lock: end the session' },
  changePassphrase: {
    method: 'PUT',
    path: '/api/store/passphrase',
    summary: 'Change the passphrase: re-keys the whole store',
  },
  settings: {
    method: 'PUT',
    path: '/api/session/settings',
    summary: 'Set the idle time after which the app locks',
  },

  dashboard: {
    method: 'GET',
    path: '/api/dashboard',
    summary: 'Renewals, due follow-ups, open cases and yearly spend',
  },

  listFacts: { method: 'GET', path: '/api/facts', summary: 'Facts with their current values' },
  getFact: { method: 'GET', path: '/api/facts/:id', summary: 'A fact with its history' },
  addFact: { method: 'POST', path: '/api/facts', summary: 'Add a fact' },
  updateFact: {
    method: 'PATCH',
    path: '/api/facts/:id',
    summary: 'Record a new version of a fact, or rename it',
  },
  retireFact: { method: 'POST', path: '/api/facts/:id/retire', summary: 'Mark a fact as no longer true' },
  deleteFact: { method: 'DELETE', path: '/api/facts/:id', summary: 'Delete a fact and its history' },

  listProviders: { method: 'GET', path: '/api/providers', summary: 'Providers, with filters' },
  getProvider: {
    method: 'GET',
    path: '/api/providers/:id',
    summary: 'A provider with everything the ledger holds about it',
  },
  providerTimeline: {
    method: 'GET',
    path: '/api/providers/:id/timeline',
    summary:
      "A provider's timeline, newest first, in pages: interactions, cases, messages, leaks, disclosures, agreements, documents (kind=message,leak filters; after=the page's next)",
  },
  addProvider: { method: 'POST', path: '/api/providers', summary: 'Add a provider' },
  updateProvider: { method: 'PATCH', path: '/api/providers/:id', summary: 'Change a provider' },
  retireProvider: { method: 'POST', path: '/api/providers/:id/retire', summary: 'Mark a provider as former' },
  deleteProvider: {
    method: 'DELETE',
    path: '/api/providers/:id',
    summary: 'Delete a provider (cascade=true deletes its records)',
  },

  listAccounts: { method: 'GET', path: '/api/accounts', summary: 'Accounts' },
  getAccount: { method: 'GET', path: '/api/accounts/:id', summary: 'An account' },
  addAccount: { method: 'POST', path: '/api/accounts', summary: 'Add an account' },
  updateAccount: { method: 'PATCH', path: '/api/accounts/:id', summary: 'Change an account' },
  deleteAccount: { method: 'DELETE', path: '/api/accounts/:id', summary: 'Delete an account' },

  listContracts: { method: 'GET', path: '/api/contracts', summary: 'Contracts with derived renewal figures' },
  getContract: { method: 'GET', path: '/api/contracts/:id', summary: 'A contract' },
  addContract: { method: 'POST', path: '/api/contracts', summary: 'Add a contract or subscription' },
  updateContract: { method: 'PATCH', path: '/api/contracts/:id', summary: 'Change a contract' },
  endContract: { method: 'POST', path: '/api/contracts/:id/end', summary: 'Record that a contract ends' },
  recordContractPrice: {
    method: 'POST',
    path: '/api/contracts/:id/prices',
    summary: "Record a contract's price from a day on, into its price history (issue 17)",
  },
  deleteContract: { method: 'DELETE', path: '/api/contracts/:id', summary: 'Delete a contract' },
  renewals: { method: 'GET', path: '/api/renewals', summary: 'Renewals by last day to cancel' },
  costs: { method: 'GET', path: '/api/costs', summary: 'Yearly cost per provider and in total' },

  listCases: { method: 'GET', path: '/api/cases', summary: 'Cases' },
  getCase: { method: 'GET', path: '/api/cases/:id', summary: 'A case' },
  addCase: { method: 'POST', path: '/api/cases', summary: 'Open a case' },
  updateCase: { method: 'PATCH', path: '/api/cases/:id', summary: 'Change a case' },
  deleteCase: { method: 'DELETE', path: '/api/cases/:id', summary: 'Delete a case' },

  listInteractions: { method: 'GET', path: '/api/interactions', summary: 'Interactions, newest first' },
  getInteraction: { method: 'GET', path: '/api/interactions/:id', summary: 'An interaction' },
  addInteraction: { method: 'POST', path: '/api/interactions', summary: 'Log an interaction' },
  updateInteraction: { method: 'PATCH', path: '/api/interactions/:id', summary: 'Change an interaction' },
  completeFollowUp: { method: 'POST', path: '/api/interactions/:id/done', summary: 'Mark a follow-up done' },
  deleteInteraction: { method: 'DELETE', path: '/api/interactions/:id', summary: 'Delete an interaction' },
  followUps: { method: 'GET', path: '/api/follow-ups', summary: 'Follow-ups due' },

  listDocuments: { method: 'GET', path: '/api/documents', summary: 'Documents' },
  getDocument: { method: 'GET', path: '/api/documents/:id', summary: "A document's details" },
  addDocument: { method: 'POST', path: '/api/documents', summary: 'Upload a document (base64 content)' },
  updateDocument: { method: 'PATCH', path: '/api/documents/:id', summary: "Change a document's details" },
  deleteDocument: { method: 'DELETE', path: '/api/documents/:id', summary: 'Delete a document' },

  audit: { method: 'GET', path: '/api/audit', summary: 'The audit log, newest first' },

  searchDirectory: {
    method: 'GET',
    path: '/api/directory',
    summary: 'Search the organisation directory shipped with vrm (CC0, datarequests.org)',
  },

  ...IDENTITY_ROUTES,
  ...CHANGE_ROUTES,
  ...DISCLOSURE_ROUTES,
  ...MAIL_ROUTES,
  ...LETTER_ROUTES,
  ...CALENDAR_ROUTES,
  ...OUTBOUND_ROUTES,
  ...DISCOVERY_ROUTES,
  ...REQUEST_ROUTES,
  ...MONEY_ROUTES,
  ...INTENT_ROUTES,
} as const;

export type RouteName = keyof typeof ROUTES;
export type Method = (typeof ROUTES)[RouteName]['method'];
