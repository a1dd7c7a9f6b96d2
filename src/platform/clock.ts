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
