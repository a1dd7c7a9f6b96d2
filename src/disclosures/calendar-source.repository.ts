import type { CalendarEvent, CalendarSource } from '../calendar/source.js';
import { addPeriod, describePeriod, parsePeriod } from '../platform/dates.js';
import type { Db } from '../platform/db/handle.js';
import type { TermsService } from '../terms/service.js';

/** Disclosures still standing, under terms: what a retention end is counted from. */
function standingUnderTerms(db: Db) {
  return db
    .selectFrom('disclosures as d')
    .innerJoin('providers as p', 'p.id', 'd.providerId')
    .leftJoin('facts as f', 'f.id', 'd.factId')
    .leftJoin('identities as i', 'i.id', 'd.identityId')
    .select([
      'd.id',
      'd.event',
      'd.providerId',
      'd.disclosedOn',
      'd.termsCode',
      'p.name as providerName',
      'f.label as factLabel',
      'i.value as identityValue',
    ])
    .where('d.withdrawnOn', 'is', null)
    .where('d.termsCode', 'is not', null)
    .orderBy('d.id')
    .execute();
}

/**
 * The day by which a provider should have deleted what was given under the person's terms: the
 * day of the disclosure plus the terms' retention (the same end a consent record states,
 * `src/disclosures/iso27560.ts`). One event per act of disclosure, for terms that set a retention;
 * a withdrawn disclosure gives none.
 */
export function retentionCalendarSource(db: Db, terms: TermsService): CalendarSource {
  return {
    kind: 'retention',
    events: async () => {
      const known = new Map((await terms.list()).map((t) => [t.code, t]));
      const acts = new Map<string, Awaited<ReturnType<typeof standingUnderTerms>>>();
      for (const row of await standingUnderTerms(db)) {
        const key = `${row.event}~${row.providerId}`;
        acts.set(key, [...(acts.get(key) ?? []), row]);
      }
      const events: CalendarEvent[] = [];
      for (const rows of acts.values()) {
        const [first] = rows;
        const set = first?.termsCode == null ? undefined : known.get(first.termsCode);
        const retention = set?.retention == null ? null : parsePeriod(set.retention);
        if (!first || !set || retention === null) continue;
        const end = addPeriod(first.disclosedOn, retention);
        if (end === null) continue;
        const given = rows.map((r) => r.factLabel ?? r.identityValue ?? 'an identity').join(', ');
        events.push({
          key: `retention-${first.id}`,
          kind: 'retention',
          date: end,
          summary: `Retention ends: ${first.providerName} – ${given}`,
          description:
            `Under your terms “${set.name}”, ${first.providerName} may keep what you gave on ` +
            `${first.disclosedOn} (${given}) for ${describePeriod(retention)}; after this day it should be deleted.`,
          provider: { id: first.providerId, name: first.providerName },
          route: `providers/${first.providerId}`,
          remindDaysBefore: [],
        });
      }
      return events;
    },
  };
}
