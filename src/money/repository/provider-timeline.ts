import { sql } from 'kysely';
import { countOfProvider, dayStart, olderThan } from '../../platform/db/timeline.js';
import type { TimelineSource } from '../../providers/timeline.js';
import { amountWords } from '../words.js';

const booked = dayStart(sql.ref('t.bookedOn'));

/**
 * The bookings that paid a provider (or refunded it), on its timeline among the calls and letters
 * (issue 17, point 4): each on the day it was booked, linking to the provider's bookings.
 */
const payments: TimelineSource = {
  kind: 'payment',
  noun: { one: 'payment', many: 'payments' },
  count: (db, providerId) => countOfProvider(db, 'bank_transactions', 'providerId', providerId),
  list: async (db, providerId, window) => {
    // The (provider_id, booked_on) index narrows to the provider; the limit bounds the page.
    const rows = await db
      .selectFrom('bank_transactions as t')
      .innerJoin('bank_accounts as a', 'a.id', 't.accountId')
      .select(['t.id', 't.amountMinor', 't.currency', 't.text', 't.counterpartyName'])
      .select(['a.label', 'a.name', 'a.iban', 'a.key'])
      .select(booked.as('at'))
      .where('t.providerId', '=', providerId)
      .where(olderThan(booked, sql.ref('t.id'), window.before))
      .orderBy('t.bookedOn', 'desc')
      .orderBy('t.id', 'desc')
      .limit(window.limit)
      .execute();
    return rows.map((r) => ({
      kind: 'payment',
      id: r.id,
      at: r.at,
      title: `${r.amountMinor <= 0 ? 'Paid' : 'Received'} ${amountWords(Math.abs(r.amountMinor), r.currency)}`,
      detail: [
        r.text?.trim() || r.counterpartyName?.trim() || null,
        `${r.amountMinor <= 0 ? 'from' : 'into'} ${r.label ?? r.name ?? r.iban ?? r.key}`,
      ]
        .filter((part) => part !== null)
        .join(' · '),
      route: `money/bookings?provider=${providerId}`,
    }));
  },
};

/** What money adds to a provider's timeline: its payments. */
export const MONEY_TIMELINE: readonly TimelineSource[] = [payments];
