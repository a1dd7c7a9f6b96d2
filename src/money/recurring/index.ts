/**
 * Recurring payments in bank statements and what they say about contracts: pure functions that
 * the money service calls with rows from its store.
 */
export type {
  Cadence,
  ContractTerms,
  DetectOptions,
  Outlier,
  Payment,
  PriceChange,
  RecurringSeries,
  Rename,
  SeriesIdentity,
} from './types.js';
export { detectRecurring } from './detect.js';
export { normalisePayee } from './identity.js';
export { CADENCES, describeCadence, toleranceOf } from './calendar.js';
export { findAlerts, MONEY_ALERT_KINDS, STILL_CHARGING_GRACE_DAYS } from './alerts.js';
export type { AlertOptions, MoneyAlert, MoneyAlertKind } from './alerts.js';
export { contractProposal, cycleMatches, linkedContract, runsOn } from './contracts.js';
export type { ContractProposal } from './contracts.js';
export { generatePayments } from './generate.js';
export type { GenerateOptions, Generated, PlantedSubscription } from './generate.js';
