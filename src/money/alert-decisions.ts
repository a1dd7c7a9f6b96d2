import type { Db } from '../platform/db/handle.js';
import { formatAmount } from '../platform/money.js';
import { VrmError } from '../platform/errors.js';
import type { Case } from '../providers/cases.js';
import type { MoneyAreas } from './context.js';
import type { ContractTerms, MoneyAlert, Payment } from './recurring/index.js';
import { AlertStateRepository, type AlertStateRow } from './repository.js';
import { longDate } from './words.js';

/**
 * The person's decisions on the alerts about their money: an alert dismissed stays out of the
 * overview, an alert a case was opened for names the case. Both are kept by the alert's key, which
 * the next import does not change (see recurring/alerts.ts), so a decision outlives it.
 */

/** An alert as the person sees it: its number, what it is about in a word, and what they decided. */
export interface AlertView extends MoneyAlert {
  /** Its place among all alerts, most important first: how the CLI names it (`vrm money dismiss 2`). */
  readonly number: number;
  /** What it is about: the contract's name, else the payee's. */
  readonly title: string;
  readonly providerName: string | null;
  /** `open`, `dismissed` by the person, or `case`: a case was opened for it. */
  readonly state: 'open' | 'dismissed' | 'case';
  /** The case opened for it, while that case exists. */
  readonly caseId: number | null;
}

/** The alerts with their numbers, titles and the person's decisions, most important first. */
export function alertViews(
  alerts: readonly MoneyAlert[],
  states: readonly AlertStateRow[],
  names: { readonly providers: ReadonlyMap<number, string>; readonly titles: ReadonlyMap<string, string> },
  contracts: readonly ContractTerms[],
): AlertView[] {
  const byKey = new Map(states.map((s) => [s.alertKey, s]));
  const cases = casesByFamily(states);
  const contractNames = new Map(contracts.map((c) => [c.id, c.name]));
  return alerts.map((alert, i) => {
    const saved = byKey.get(alert.key) ?? cases.get(familyOf(alert.key));
    const contractName = alert.contractId === null ? undefined : contractNames.get(alert.contractId);
    const providerName = alert.providerId === null ? null : (names.providers.get(alert.providerId) ?? null);
    return {
      ...alert,
      number: i + 1,
      title:
        (alert.kind === 'price-rise' || alert.kind === 'price-drop' || alert.kind === 'new-subscription'
          ? undefined
          : contractName) ??
        (alert.seriesKey === null ? undefined : names.titles.get(alert.seriesKey)) ??
        contractName ??
        providerName ??
        alert.message.split(':')[0] ??
        '',
      providerName,
      state: saved?.state ?? 'open',
      caseId: saved?.caseId ?? null,
    };
  });
}

/**
 * What alerts of one matter share: a contract still charging after its end is one matter however
 * many charges follow (`still-charging:12:` of `still-charging:12:345`), though each new charge
 * makes a new alert, so that one dismissed comes back when the provider charges again. Any other
 * alert is a matter of its own.
 */
export function familyOf(key: string): string {
  const match = /^still-charging:\d+:/u.exec(key);
  return match ? match[0] : key;
}

/** The case opened for each matter (the latest, while the case exists), by family. */
function casesByFamily(states: readonly AlertStateRow[]): Map<string, AlertStateRow> {
  const found = new Map<string, AlertStateRow>();
  for (const state of states) {
    if (state.state !== 'case' || state.caseId === null) continue;
    const family = familyOf(state.alertKey);
    const seen = found.get(family);
    if (!seen || seen.at <= state.at) found.set(family, state);
  }
  return found;
}

/** Thrown inside the case's transaction when another request opened the case first. */
class OpenedMeanwhile extends Error {
  constructor(readonly caseId: number) {
    super(`case ${String(caseId)} was opened meanwhile`);
  }
}

/** An alert by its number (as the overview lists it) or its key. */
export function findAlert(list: readonly AlertView[], ref: number | string): AlertView {
  const text = String(ref).trim();
  const found = /^\d+$/u.test(text)
    ? list.find((a) => a.number === Number(text))
    : list.find((a) => a.key === text);
  if (!found) {
    throw new VrmError(
      'not_found',
      `alert: no alert is known by ${text}: \`vrm money subscriptions --all\` lists them with their numbers`,
    );
  }
  return found;
}

/** Dismisses an alert; a case opened for it stays remembered. */
export async function dismissAlert(db: Db, alert: AlertView, at: string): Promise<void> {
  await new AlertStateRepository(db).put({
    alertKey: alert.key,
    state: 'dismissed',
    caseId: alert.caseId,
    at,
  });
}

/**
 * Shows a dismissed alert again (by its key, even when the alert itself has gone): it is open
 * again, or back to its case when one was opened for it.
 */
export async function restoreAlert(db: Db, key: string, at: string): Promise<void> {
  const states = new AlertStateRepository(db);
  const saved = await states.byKey(key);
  if (saved?.state !== 'dismissed') {
    throw new VrmError('invalid_input', `alert: ${key} is not dismissed: nothing to restore`);
  }
  if (saved.caseId === null) await states.remove(key);
  else await states.put({ alertKey: key, state: 'case', caseId: saved.caseId, at });
}

const money = (minor: number, currency: string): string => formatAmount({ minor, currency });

/** What a case about charges after a contract's end says: each payment, the end, the total. */
export function chargedAfterEnd(
  alert: AlertView,
  contract: ContractTerms,
  payments: readonly Payment[],
): { title: string; description: string } {
  const lines = payments.map((p) => {
    const said = [p.counterpartyName, p.text].filter((t): t is string => Boolean(t?.trim())).join(' · ');
    return `- ${longDate(p.bookedOn)}: ${money(-p.amountMinor, p.currency)}${said ? ` (${said})` : ''} — booking ${String(p.id)}`;
  });
  const total =
    alert.totalMinor === null
      ? ''
      : `\n\nIn total ${money(alert.totalMinor, alert.currency)} was taken after the end.`;
  return {
    title: `Charged after the contract ended: ${contract.name}`,
    description:
      `The contract "${contract.name}" ended on ${longDate(contract.endDate ?? alert.on)}. ` +
      `${payments.length === 1 ? 'This payment was' : 'These payments were'} still taken from my bank account afterwards:\n\n` +
      `${lines.join('\n')}${total}\n\nPlease refund ${payments.length === 1 ? 'it' : 'them'} and stop charging.`,
  };
}

/**
 * Opens a case with the provider for a `still-charging` alert, with its payments listed as the
 * evidence, once: the case is remembered by the alert's key, in the same transaction, and a
 * second call answers the case already opened (`created: false`).
 */
export async function openCaseFromAlert(
  areas: MoneyAreas,
  alert: AlertView,
  facts: { readonly contracts: readonly ContractTerms[]; readonly payments: readonly Payment[] },
  at: string,
): Promise<{ case: Case; created: boolean }> {
  if (alert.caseId !== null) return { case: await areas.cases.get(alert.caseId), created: false };
  if (alert.kind !== 'still-charging') {
    throw new VrmError(
      'invalid_input',
      `alert: a case can be opened for a charge after a contract ended, not for this alert (${alert.kind.replace('-', ' ')}): dismiss it, or open a case on the provider's page`,
    );
  }
  const contract = facts.contracts.find((c) => c.id === alert.contractId);
  if (contract === undefined || alert.providerId === null) {
    throw new VrmError('not_found', `alert: the contract of alert ${alert.key} is no longer there`);
  }
  const byId = new Map(facts.payments.map((p) => [p.id, p]));
  const payments = alert.paymentIds.map((id) => byId.get(id)).filter((p): p is Payment => p !== undefined);
  const words = chargedAfterEnd(alert, contract, payments);
  // The case and the memory of it go together: a crash between them would open a second case.
  // Two clicks at once (two tabs, a double click) are two requests: the second finds, inside its
  // own transaction, the case the first remembered, and takes its own case back.
  try {
    const opened = await areas.cases.add(
      { providerId: alert.providerId, kind: 'dispute', ...words },
      async (trx, caseId) => {
        const states = new AlertStateRepository(trx);
        const earlier = casesByFamily(await states.all()).get(familyOf(alert.key));
        if (earlier?.caseId) throw new OpenedMeanwhile(earlier.caseId);
        await states.put({ alertKey: alert.key, state: 'case', caseId, at });
      },
    );
    return { case: opened, created: true };
  } catch (error) {
    if (!(error instanceof OpenedMeanwhile)) throw error;
    return { case: await areas.cases.get(error.caseId), created: false };
  }
}
