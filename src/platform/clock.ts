import { isValidDate } from './dates.js';
import { VrmError } from './errors.js';

/** The source of "now", injected so that derived figures and tests can fix the date. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock that stays on one day (at noon UTC): for examples, demos and tests. */
export function fixedDayClock(day: string): Clock {
  if (!isValidDate(day))
    throw new VrmError('invalid_input', `VRM_TODAY must be a date written YYYY-MM-DD, got "${day}"`);
  return () => new Date(`${day}T12:00:00.000Z`);
}

/** A clock that can be set back to a past day for the length of one piece of work. */
export interface ReplayClock {
  readonly clock: Clock;
  /**
   * Runs `work` with the clock on `day` (10:00 UTC, or `time` as HH:MM; today before that time:
   * now), then back on the base clock. Refuses a day after the base clock's today and a second
   * replay inside the first.
   */
  readonly asOf: <T>(day: string, work: () => Promise<T>, time?: string) => Promise<T>;
}

/**
 * A clock whose day can be set back while a new store is filled with a history, so that what
 * services date from the clock (an identity's creation, a signing key, a signed record, a
 * document's upload) carries the day it happened, through the services' own code.
 *
 * @example const { clock, asOf } = replayClock(systemClock); await asOf('2024-05-01', () => keys.ensure());
 */
export function replayClock(base: Clock): ReplayClock {
  let replaying: Date | undefined;
  return {
    clock: () => replaying ?? base(),
    asOf: async (day, work, time = '10:00') => {
      if (replaying) throw new VrmError('conflict', 'a past day is already being replayed');
      const at = new Date(`${day}T${time}:00.000Z`);
      if (!isValidDate(day) || !/^\d\d:\d\d$/u.test(time) || Number.isNaN(at.getTime()))
        throw new VrmError('invalid_input', `a replayed day must be written YYYY-MM-DD, got "${day}"`);
      const now = base();
      // Today at a time still to come is now: the demo seeded at 01:00 imports today's statement.
      if (at.getTime() > now.getTime() && day !== now.toISOString().slice(0, 10))
        throw new VrmError('invalid_input', `a replayed day must be in the past, got "${day}"`);
      replaying = at.getTime() > now.getTime() ? now : at;
      try {
        return await work();
      } finally {
        replaying = undefined;
      }
    },
  };
}
